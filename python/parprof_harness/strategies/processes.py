"""The processes strategy: ProcessPoolExecutor with chunks, worker pids reported early, crashes diagnosed."""

import multiprocessing
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from time import monotonic_ns

from ..errors import describe_exception
from ..jitstate import release_compiled_code
from ..nativethreads import worker_initializer
from ..usage import counts_reaped_children
from ..worker import run_chunk
from .common import Outcome, not_picklable, stamp

NAME = "processes"

_LOST = object()  # a chunk that never came back because the pool broke


def unavailable(target):
    """NotPicklable when the function or its arguments cannot be sent to the workers."""
    return not_picklable(NAME, target)


def run(target, workers, chunksize, on_workers, **opts) -> Outcome:
    """ProcessPoolExecutor(max_workers=workers) with the default start method; one submit per chunk."""
    method = multiprocessing.get_start_method()
    tasks = target.tasks
    chunks = [tasks[i : i + chunksize] for i in range(0, len(tasks), chunksize)]
    fn, is_coroutine = target.fn, target.is_coroutine
    submitted = []
    futures = []
    # Forked workers would inherit PyPy's code compiled for the harness's earlier runs (jitstate.py); spawn and
    # forkserver workers start from a fresh interpreter anyway.
    if method == "fork":
        release_compiled_code()
    t0, usage0 = stamp()
    native = opts.get("native_threads")
    # Each worker limits its own native thread pools first: fork copies the parent's, spawn loads them afresh.
    extra = {"initializer": worker_initializer, "initargs": (native,)} if native else {}
    executor = ProcessPoolExecutor(max_workers=workers, **extra)
    try:
        for chunk in chunks:
            submitted.append(monotonic_ns())
            try:
                futures.append(executor.submit(run_chunk, fn, is_coroutine, chunk))
            except BrokenProcessPool:  # a worker died before we finished submitting
                submitted.pop()
                break
        # Keep our own references: the executor drops its dict at shutdown, and we need exit codes after it.
        processes = dict(executor._processes or {})
        on_workers(sorted(processes))
        outcomes = [_outcome(future) for future in futures]
        t_last = monotonic_ns()
    finally:
        executor.shutdown(wait=True)  # reaps the children, so RUSAGE_CHILDREN counts them
    t1, usage1 = stamp()

    records, error, lost, worker_cpu = [], None, 0, {}
    for k, chunk in enumerate(chunks):
        base = k * chunksize
        result = outcomes[k] if k < len(outcomes) else _LOST
        if result is _LOST:
            lost += len(chunk)
        elif isinstance(result, BaseException):  # e.g. a result that cannot be pickled back
            if error is None:
                error = describe_exception(result)
                error["message"] = (
                    f"tasks {base}-{base + len(chunk) - 1} failed in the pool, outside the function itself "
                    f"(often a result that cannot be pickled back): {error['type']}: {error['message']}. "
                    "Return plain data (numbers, strings, lists, dicts; not generators, locks, files or sockets)"
                )
                error["taskIndex"] = base
        else:
            pid, tid, rows, cpu_so_far = result
            worker_cpu[pid] = max(worker_cpu.get(pid, (0.0, 0.0)), cpu_so_far)
            for j, (start, end, cpu, ok, value) in enumerate(rows):
                records.append((base + j, start, end, cpu, pid, tid, max(0, start - submitted[k]), ok, value))
    if lost:
        error = _crash_error(processes, lost, len(tasks))
    mechanism = f"concurrent.futures.ProcessPoolExecutor ({method}), chunksize {chunksize}"
    outcome = Outcome(t0, t_last, t1, records, sorted(processes), mechanism, error, usage=(usage0, usage1))
    # Forkserver workers are the fork server's children, and Windows has no RUSAGE_CHILDREN: there the
    # workers' own reports (taken after their last chunk) stand in for what getrusage cannot see.
    if method == "forkserver" or not counts_reaped_children():
        outcome.uncounted_cpu = tuple(sum(cpu[i] for cpu in worker_cpu.values()) for i in (0, 1))
    return outcome


def _outcome(future):
    try:
        return future.result()
    except BrokenProcessPool:
        return _LOST
    except BaseException as exc:
        return exc


def _crash_error(processes: dict, lost: int, total: int) -> dict:
    """WorkerCrash with how the worker ended; the pool SIGTERMs the survivors, so skip those codes."""
    codes = [p.exitcode for p in processes.values() if p.exitcode not in (None, 0)]
    own = [c for c in codes if c != -signal.SIGTERM] or codes
    extra = {}
    if not own:
        how = "exit code unknown"
    elif own[0] < 0:
        try:
            name = signal.Signals(-own[0]).name
        except ValueError:
            name = f"signal {-own[0]}"
        how = f"killed by {name}{_SIGNAL_HINTS.get(name, '')}"
        extra["signal"] = name
    else:
        how = f"exit code {own[0]} (the worker called os._exit or exited outside a task)"
        extra["exitCode"] = own[0]
    return {
        "type": "WorkerCrash",
        "message": (
            f"a worker process died: {how}; {lost} of {total} tasks did not complete. A process pool cannot "
            "survive a worker that exits (os._exit, sys.exit outside a task, a crash in C code, the OOM killer)."
        ),
        **extra,
    }


# What a signal usually means for Python code, so the message says where to look.
_SIGNAL_HINTS = {
    "SIGSEGV": " (segmentation fault: invalid memory access in C code, e.g. ctypes or an extension module)",
    "SIGABRT": " (aborted: os.abort() or a failed assertion in C code)",
    "SIGBUS": " (bus error: bad memory access in C code)",
    "SIGFPE": " (arithmetic fault in C code)",
    "SIGKILL": " (likely out of memory: the kernel's OOM killer sends SIGKILL)",
}
