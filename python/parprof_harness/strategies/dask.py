"""The dask strategy: tasks on a dask.distributed cluster, a LocalCluster this module starts or one given by address.

`distributed` is imported here and only here, lazily: the harness stays standard-library only and starts without it.

Dask API used (present in Dask 2022.12, Debian's python3-distributed, and in current Dask):
  distributed.Client(address | cluster, timeout=, set_as_default=False), Client.map(key=[...], workers=[...],
  allow_other_workers=False, pure=False), Client.gather(dict, errors="skip"), Client.run(workers=[...]), Client.run_on_scheduler
  (dask_scheduler= keyword), Client.who_has, Client.cancel, Client.get_task_stream(start=) (its records' key and
  startstops), Client.wait_for_workers(n, timeout=), Client.close, Client.id,
  Future.status / .exception(), distributed.LocalCluster(n_workers=,
  threads_per_worker=1, processes=True, host=, dashboard_address=None, scheduler_kwargs=, worker_dashboard_address=,
  local_directory=), LocalCluster.close,
  on the workers: get_worker(), Worker.log_event, Worker.get_current_task, Worker.address;
  and on the scheduler: Scheduler.workers, Scheduler.plugins, and its event log (Scheduler.events in 2022.12, a Broker's
  topics in current Dask), from which take_starts reads and removes our events.

A cluster the profiler starts listens on 127.0.0.1 only (its HTTP servers too), scheduler dashboard off: a Dask scheduler runs whatever code a
client sends it. An existing cluster is left as found: no restart, no worker closed, every future released.
"""

import os
import shutil
import sys
import tempfile
import threading
import time
import uuid
from time import monotonic_ns

from ..errors import HarnessFailure, describe_exception
from .common import Outcome, not_applicable, stamp

NAME = "dask"

FIX = "apt-get install python3-distributed, or pip install 'dask[distributed]' in that interpreter"

# Seconds a fresh LocalCluster may take to bring its workers up (spawned interpreters that import distributed).
LOCAL_START_TIMEOUT_S = 60

# While tasks are pending, how often the run asks the scheduler whether the workers it chose are still there. Tasks
# restricted to workers that all left wait for ever ("no-worker"); this bounds how long the run takes to say so. A
# run shorter than this never asks.
LOST_POLL_S = 1.0

# Functions that run on the workers and the scheduler. They are compiled into a module that is not in sys.modules,
# so Dask (cloudpickle) sends them by value: a remote worker needs neither this harness nor its path.
_REMOTE_SOURCE = '''
def call(args, fn, boxed, topic=None):
    import os, pickle, threading, time, traceback
    if boxed:
        args = args.args
    if topic is not None:
        # Say "started here" before running: a worker killed mid-task never returns its result, and the scheduler
        # only knows which tasks it had been given (TaskState.suspicious), not which of them had begun.
        try:
            from distributed import get_worker
            worker = get_worker()
            worker.log_event(topic, {"parprof": "start", "key": worker.get_current_task(), "worker": worker.address})
        except Exception:
            pass
    start = time.monotonic_ns()
    cpu0 = time.thread_time_ns()
    try:
        value = fn(*args)
        ok = True
    except BaseException as exc:
        tb = exc.__traceback__.tb_next
        value = {"type": type(exc).__name__, "message": str(exc) or type(exc).__name__,
                 "traceback": "".join(traceback.format_exception(type(exc), exc, tb))}
        home = getattr(getattr(fn, "__code__", None), "co_filename", None)
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == home:
                value["file"], value["line"] = home, tb.tb_lineno
            tb = tb.tb_next
        ok = False
    cpu = time.thread_time_ns() - cpu0
    end = time.monotonic_ns()
    if ok:
        try:
            pickle.dumps(value)
        except Exception:
            try:
                import cloudpickle
                cloudpickle.dumps(value)
            except Exception as exc:
                value = {"type": "NotSerialisable", "message": (
                    "the result of this task cannot be serialised to send it back from the Dask worker ("
                    + type(exc).__name__ + ": " + str(exc) + "); return plain data (numbers, strings, lists, dicts; "
                    "not generators, locks, files or sockets)")}
                ok = False
    return start, end, cpu, os.getpid(), threading.get_native_id(), ok, value


class Box:
    """Task arguments Dask must not read as a task (a tuple whose first item is callable would be called)."""
    __slots__ = ("args",)

    def __init__(self, args):
        self.args = args


def probe(module_name):
    import importlib, os, socket, time
    try:
        importlib.import_module(module_name)
        imported = None
    except BaseException as exc:
        imported = type(exc).__name__ + ": " + str(exc)
    try:
        with open("/proc/sys/kernel/random/boot_id") as handle:
            boot = handle.read().strip()
    except OSError:
        boot = None
    return {"pid": os.getpid(), "host": socket.gethostname(), "boot": boot, "now": time.monotonic_ns(),
            "imported": imported}


def cpu_times():
    import os
    t = os.times()
    return (t.user, t.system)


def worker_addresses(dask_scheduler=None):
    return sorted(dask_scheduler.workers)


def has_task_stream(dask_scheduler=None):
    return "task-stream" in dask_scheduler.plugins


def take_starts(topic, dask_scheduler=None):
    # Read our start events and drop them from the scheduler's memory: Dask 2022.12 keeps events in
    # Scheduler.events / event_counts / event_subscriber, current Dask in a Broker's topics.
    broker = getattr(dask_scheduler, "_broker", None)
    if broker is not None and hasattr(broker, "_topics"):
        found = broker._topics.pop(topic, None)
        events = list(found.events) if found is not None else []
    else:
        events = list(dask_scheduler.events.pop(topic, ()))
        for table in ("event_counts", "event_subscriber"):
            getattr(dask_scheduler, table, {}).pop(topic, None)
    return [msg for _, msg in events if isinstance(msg, dict) and msg.get("parprof") == "start"]
'''
_REMOTE = {"__name__": "parprof_dask_remote"}
exec(compile(_REMOTE_SOURCE, "<parprof dask task wrapper>", "exec"), _REMOTE)

_local = {}  # the LocalCluster kept between runs of one worker count: workers, cluster, client, startup, directory
_remote = {}  # scheduler address -> (client, connect ns) or a HarnessFailure to raise again at once


def _import():
    try:
        import distributed

        return distributed, None
    except Exception as exc:  # ImportError, or a broken install raising something else at import
        return None, f"{type(exc).__name__}: {exc}"


def unavailable(target):
    """NotApplicable with the fix when this interpreter cannot import distributed."""
    distributed, why = _import()
    if distributed is None:
        return not_applicable(f"dask: this Python ({sys.executable}) cannot import distributed ({why}). Fix: {FIX}")
    return None


def close_local() -> None:
    """Close the LocalCluster this module started, if any, and remove its scratch directory."""
    state = dict(_local)
    _local.clear()
    if not state:
        return
    for thing in (state.get("client"), state.get("cluster")):
        try:
            thing.close()
        except Exception:
            pass
    shutil.rmtree(state.get("directory") or "", ignore_errors=True)


_SCRATCH_PREFIX = "parprof-dask-"


def _sweep_scratch() -> None:
    """Remove scratch directories of LocalClusters whose harness is gone (killed by a timeout or cancel, so it never
    closed them): each is named after its harness's pid."""
    root = tempfile.gettempdir()
    for name in os.listdir(root):
        if not name.startswith(_SCRATCH_PREFIX):
            continue
        pid = name[len(_SCRATCH_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not os.path.exists(f"/proc/{pid}"):
            shutil.rmtree(os.path.join(root, name), ignore_errors=True)


def _start_local(distributed, workers: int):
    """(client, startup ns, fresh) for a LocalCluster of `workers` single-threaded processes, reused while the count holds."""
    if _local.get("workers") == workers:
        return _local["client"], _local["startup"], False
    close_local()
    _sweep_scratch()
    directory = tempfile.mkdtemp(prefix=f"{_SCRATCH_PREFIX}{os.getpid()}-")
    began = monotonic_ns()
    cluster = distributed.LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", local_directory=directory,
        # Every Dask server also starts an HTTP server (health, metrics) that binds all interfaces unless told an
        # address, even with the dashboard off: bind both to 127.0.0.1. A worker given an address also turns its
        # dashboard on (LocalCluster ties the two), which only serves pages where bokeh is installed.
        dashboard_address=None, scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
        worker_dashboard_address="127.0.0.1:0",
    )
    client = distributed.Client(cluster, set_as_default=False)
    _local.update(workers=workers, cluster=cluster, client=client, directory=directory)
    client.wait_for_workers(workers, timeout=LOCAL_START_TIMEOUT_S)
    _local["startup"] = monotonic_ns() - began
    try:  # the first request installs the scheduler's task-stream plugin, so our first run is recorded too
        client.get_task_stream(start=time.time())
    except Exception:
        pass
    return client, _local["startup"], True


def _connect(distributed, address: str, timeout: float):
    """(client, connect ns, fresh) for an existing scheduler; a failure is kept and raised again at once."""
    known = _remote.get(address)
    if isinstance(known, HarnessFailure):
        raise known
    if known is not None:
        return known[0], known[1], False
    began = monotonic_ns()
    try:
        client = distributed.Client(address, timeout=timeout, set_as_default=False)
    except Exception as exc:
        failure = HarnessFailure(
            "run", "SchedulerUnreachable",
            f"dask: no Dask scheduler answered at {address} within {timeout:g} s ({type(exc).__name__}: {exc}). "
            "Check the address (tcp://host:port of a running `dask scheduler`) and that this machine can reach it, "
            "or leave the scheduler unset to profile on a LocalCluster",
        )
        _remote[address] = failure
        raise failure from None
    _remote[address] = (client, monotonic_ns() - began)
    return client, _remote[address][1], True


def run(target, workers, chunksize, on_workers, **opts) -> Outcome:
    """client.map of every task over `workers` single-threaded Dask workers (restricted to them), then gather."""
    distributed, why = _import()
    if distributed is None:
        raise not_applicable(f"dask: cannot import distributed ({why}). Fix: {FIX}")
    settings = opts.get("cluster") or {}
    address = settings.get("scheduler")
    if address:
        client, startup, fresh = _connect(distributed, address, float(settings.get("connectTimeout") or 20))
    else:
        client, startup, fresh = _start_local(distributed, workers)

    addresses = client.run_on_scheduler(_REMOTE["worker_addresses"])
    if len(addresses) < workers:
        where = f"the cluster at {address}" if address else "the LocalCluster"
        raise not_applicable(
            f"dask ×{workers}: {where} has {len(addresses)} worker{'s' if len(addresses) != 1 else ''}; "
            "the sweep uses at most as many workers as the cluster has",
        )
    chosen = addresses[:workers]
    sent = monotonic_ns()
    probes = client.run(_REMOTE["probe"], target.module_name, workers=chosen)
    back = monotonic_ns()
    _check_imports(target, probes, address)
    boot = _boot_id()
    offsets, local_pids, described = {}, [], []
    for addr in chosen:
        p = probes[addr]
        local = boot is not None and p["boot"] == boot
        # Another machine's monotonic clock has its own origin: shift its readings onto ours (midpoint estimate).
        offsets[addr] = 0 if local else p["now"] - (sent + back) // 2
        if local:
            local_pids.append(p["pid"])
        described.append({"address": addr, "pid": p["pid"], "host": p["host"], "local": local})
    on_workers(sorted(local_pids))

    tasks = target.tasks
    boxed = any(args and callable(args[0]) for args in tasks)
    items = [_REMOTE["Box"](args) for args in tasks] if boxed else list(tasks)
    prefix = f"parprof-{uuid.uuid4().hex[:12]}-"
    keys = [f"{prefix}{i}" for i in range(len(tasks))]
    # Our client's own topic: the scheduler drops a client's events when that client leaves, so even a harness killed
    # mid-run leaves none of ours behind; a finished run takes them at once.
    topic = client.id
    cpu_before = client.run(_REMOTE["cpu_times"], workers=chosen)

    # Dask's own task stream splits each task's time into its phases. A LocalCluster of ours may record it; on an
    # existing cluster it is read only when the scheduler already records it (asking would install a plugin there).
    stream = not address or client.run_on_scheduler(_REMOTE["has_task_stream"])
    # Started before t0: starting a thread while the client's loop thread is busy took up to 5 ms (measured here).
    with _StrandedWatch(client, chosen) as watch:
        wall_start = time.time()
        t0, usage0 = stamp()
        submitted = monotonic_ns()
        futures = client.map(
            _REMOTE["call"], items, fn=target.fn, boxed=boxed, topic=topic, key=keys, workers=chosen,
            allow_other_workers=False, pure=False,
        )
        watch.futures = futures
        # One gather, as a plain script does: a task Dask itself failed comes back as None (errors="skip" on a dict),
        # never as a task record (those are tuples); so does one the watch cancelled because its workers all left.
        gathered = client.gather(dict(zip(keys, futures)), errors="skip")
    stranded = watch.stranded
    t_last = monotonic_ns()
    values = {k: v for k, v in gathered.items() if v is not None}
    t1, usage1 = stamp()
    finished = [f for f in futures if f.key in values]
    errored = {f.key: _future_failure(f) for f in futures if f.status == "error"}

    try:
        lost, remaining = _lost_now(client, chosen)  # after t1: the check costs a round trip to the scheduler
        placed = client.who_has(finished) if finished else {}
        starts = client.run_on_scheduler(_REMOTE["take_starts"], topic)
        alive = [a for a in chosen if a not in lost]
        cpu_after = client.run(_REMOTE["cpu_times"], workers=alive) if alive else {}
        phases = _phases(client, wall_start, set(keys)) if stream else None
    finally:
        client.cancel(futures)  # nothing of ours stays in the cluster's memory
        del futures
    records = []
    for index, key in enumerate(keys):
        if key in values:
            start, end, cpu, pid, tid, ok, value = values[key]
            where = (placed.get(key) or [None])[0]
            shift = offsets.get(where, 0)
            start, end = start - shift, end - shift
            records.append((index, start, end, cpu, pid, tid, max(0, start - submitted), ok, value, where))
        else:
            failure = errored.get(key) or _task_failure(index, lost)
            records.append((index, submitted, submitted, 0, 0, 0, 0, False, failure, None))
    user = sum(cpu_after[a][0] - cpu_before[a][0] for a in cpu_after)
    sys_ = sum(cpu_after[a][1] - cpu_before[a][1] for a in cpu_after)
    # Ran twice: began on a worker that was lost (its start event says so), then finished on another one.
    rerun = sorted({int(m["key"][len(prefix):]) for m in starts
                    if m.get("worker") in lost and str(m.get("key", "")).startswith(prefix) and m["key"] in values})
    where = f"Client({address!r})" if address else "LocalCluster(processes=True, threads_per_worker=1, host='127.0.0.1')"
    mechanism = (f"dask.distributed {where}, client.map over {workers} of {len(addresses)} worker"
                 f"{'s' if len(addresses) != 1 else ''} (workers= restriction), one task per call, gather")
    outcome = Outcome(t0, t_last, t1, records, sorted(local_pids) or [os.getpid()], mechanism, usage=(usage0, usage1))
    outcome.uncounted_cpu = (user, sys_)
    outcome.extra = {"cluster": {
        "scheduler": address or None,
        "cluster": "existing" if address else "local",
        "startup": startup,
        "startupFresh": fresh,
        "workers": described,
        "clusterWorkers": len(addresses),
        "lost": [d for d in described if d["address"] in lost],
        "rerun": rerun,
        "phases": phases,
    }}
    if lost and not outcome.error and len(values) < len(keys):
        outcome.error = _lost_error(described, lost, len(keys) - len(values), len(keys), stranded, remaining)
    return outcome


class _StrandedWatch:
    """A thread that, while the run gathers, cancels its pending tasks once every worker chosen for it has left.

    Those tasks are restricted to the chosen workers, so they would wait for ever (Dask's "no-worker" state); once
    cancelled, the gather returns them as missing (None). A thread, not a wait with a timeout in the gathering one: a
    distributed.wait costs about 50 µs per future each time it is called (1 s for 20,000 futures, measured here).
    """

    def __init__(self, client, chosen):
        self.client, self.chosen = client, chosen
        # Set once the run has submitted them; until then there is nothing to cancel.
        self.futures = None
        self.stranded = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="parprof-dask-watch", daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _watch(self):
        while not self._stop.wait(LOST_POLL_S):
            try:
                if self.futures is None or len(_lost_now(self.client, self.chosen)[0]) < len(self.chosen):
                    continue
                # Finished tasks too: their results lived on the lost workers, so Dask would compute them again,
                # restricted to the same workers. Errors are kept: they say what happened.
                left = [f for f in self.futures if f.status != "error"]
                if left:
                    self.stranded = True
                    self.client.cancel(left)
                return
            except Exception:  # the client is closing (cancel, or the harness ends): nothing left to watch
                return


def _lost_now(client, chosen) -> tuple:
    """(the chosen workers the scheduler no longer has, every worker it has now)."""
    present = client.run_on_scheduler(_REMOTE["worker_addresses"])
    return [a for a in chosen if a not in present], present


def _phases(client, since: float, keys: set):
    """Seconds per phase ("compute", "deserialize", "transfer", ...) summed over our tasks, from Dask's task stream."""
    try:
        records = client.get_task_stream(start=since)
    except Exception:  # a scheduler without the plugin, or one that refuses: the split is left out
        return None
    totals = {}
    for record in records:
        if record.get("key") not in keys:
            continue
        for part in record.get("startstops") or ():
            action = part.get("action", "other")
            totals[action] = totals.get(action, 0.0) + max(0.0, part["stop"] - part["start"])
    return totals


def _future_failure(future) -> dict:
    """The error of a task Dask itself failed (KilledWorker, a function the worker could not load, ...)."""
    try:
        exc = future.exception()
    except BaseException as exc_:  # the exception itself could not be brought back
        exc = exc_
    error = describe_exception(exc)
    if type(exc).__name__ == "KilledWorker":
        error["message"] = (f"Dask gave up on the task after the workers running it died ({error['message']}); "
                            "look for a worker killed by the OOM killer or a crash in C code")
    return error


def _task_failure(index: int, lost: list) -> dict:
    return {"type": "DaskTaskLost", "message": (
        f"task {index} did not complete on the Dask cluster"
        + (f": worker{'s' if len(lost) > 1 else ''} {', '.join(lost)} {'were' if len(lost) > 1 else 'was'} lost"
           if lost else "")
    )}


def _lost_error(described: list, lost: list, missing: int, total: int, stranded: bool, remaining: list) -> dict:
    names = ", ".join(f"{d['address']} (pid {d['pid']})" for d in described if d["address"] in lost)
    if not stranded:
        return {"type": "WorkerLost", "message": (
            f"Dask lost worker{'s' if len(lost) > 1 else ''} {names} during the run; {missing} of {total} tasks did "
            "not complete (tasks restricted to the lost workers had nowhere else to run)")}
    # Every chosen worker is gone: the tasks would wait for them for ever, so this is a loss, not a slow run.
    now = ("the cluster has no workers left" if not remaining else
           f"the cluster now has {len(remaining)} other worker{'s' if len(remaining) != 1 else ''} ("
           f"{', '.join(remaining)}; a worker its nanny restarts comes back under a new address), none of them "
           "chosen for this run")
    return {"type": "WorkerLost", "message": (
        f"Dask lost every worker chosen for this run ({names}); {now}, so {missing} of {total} tasks had nowhere "
        "to run and the run stopped without waiting for its timeout. Fix: find why the workers died (the OOM "
        "killer: dmesg, or a worker's --memory-limit; a crash in C code: the worker's log), start workers again, "
        "and profile again")}


def _boot_id():
    try:
        with open("/proc/sys/kernel/random/boot_id") as handle:
            return handle.read().strip()
    except OSError:
        return None


def _check_imports(target, probes: dict, address) -> None:
    bad = {addr: p["imported"] for addr, p in probes.items() if p["imported"]}
    if not bad:
        return
    first = next(iter(bad.values()))
    raise HarnessFailure(
        "run", "ModuleNotOnWorkers",
        f"dask: the function's module {target.module_name!r} ({target.file}) cannot be imported on Dask worker"
        f"{'s' if len(bad) > 1 else ''} {', '.join(sorted(bad))} ({first}). Fix: put the same code on every worker's "
        f"path (the same directory, or PYTHONPATH, where `dask worker` starts), or send it once with "
        f"client.upload_file({target.file!r})",
    )
