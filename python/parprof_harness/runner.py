"""The `run` command: find the strategy in the registry, check it applies, run the tasks once, build the `done` event."""

import dataclasses
import os

from . import nativethreads, taskstats
from .digest import results_digest
from .errors import HarnessFailure
from .pickling import measure_pickle
from .strategies import STRATEGIES
from .usage import page_faults, run_delay_ns, snapshot


def check_applicable(target, strategy: str):
    """The strategy's module, once it says it can run this target; raises HarnessFailure otherwise.

    An unknown name is the driver's mistake (kind 'internal'); a strategy that cannot run the target is kind 'run'.
    """
    if strategy not in STRATEGIES:
        raise HarnessFailure("internal", "BadCommand", f"unknown strategy {strategy!r}")
    module = STRATEGIES[strategy]
    problem = module.unavailable(target)
    if problem is not None:
        raise problem
    return module


def _positive(cmd: dict, key: str) -> int:
    value = cmd.get(key, 1)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise HarnessFailure("internal", "BadCommand", f"run: {key} must be a positive integer, got {value!r}")
    return value


def _optional_positive(cmd: dict, key: str):
    return _positive(cmd, key) if cmd.get(key) is not None else None


def _sample_settings(cmd: dict) -> tuple:
    """(size, slowest, segments) for a run past taskRecords; the driver's values, else the engine's defaults."""
    given = cmd.get("taskSample") or {}
    size = given.get("size", 400)
    return size, min(size, given.get("slowest", 50)), given.get("segments", 16000)


def _task(record) -> dict:
    index, start, end, cpu, pid, tid, wait, ok = record[:8]
    task = {"index": index, "start": start, "end": end, "cpu": cpu, "pid": pid, "tid": tid, "queueWait": wait}
    if not ok:
        task["failed"] = True
    if len(record) > 9 and record[9] is not None:  # the worker's address, where workers have one
        task["worker"] = record[9]
    return task


def run_command(target, cmd: dict, emit) -> dict:
    """Run every task once under cmd's strategy and return the `done` event."""
    run_id = str(cmd["id"])
    module = check_applicable(target, cmd["strategy"])
    workers, chunksize = _positive(cmd, "workers"), _positive(cmd, "chunksize")
    if cmd.get("taskLimit") is not None:  # the driver's warm-up runs only the first few tasks
        target = dataclasses.replace(target, tasks=target.tasks[: _positive(cmd, "taskLimit")])

    def on_workers(pids):
        emit({"type": "workers", "id": run_id, "pids": pids})

    task_records = _optional_positive(cmd, "taskRecords")
    native = _optional_positive(cmd, "nativeThreads")
    opts = {"task_cpu": False} if cmd.get("taskCpu") is False else {}
    if native is not None:
        opts["native_threads"] = native
    if cmd.get("cluster") is not None:  # a cluster strategy's settings (scheduler address, connect timeout)
        opts["cluster"] = cmd["cluster"]
    # Limited before the pool exists, so threads (and forked workers) start with the smaller native pools.
    native_state = nativethreads.limit(native) if native is not None else None
    try:
        before = snapshot()
        delay0 = run_delay_ns()
        outcome = module.run(target, workers, chunksize, on_workers, **opts)
        delay1 = run_delay_ns()
        after = snapshot()
    finally:
        if native_state is not None:
            nativethreads.restore(native_state)

    # Sorting a million records already in index order is linear (timsort), so this costs little at any scale.
    records = sorted(outcome.records, key=lambda r: r[0])
    # The strategy's own t0/t1 readings when it took them; the readings around run() otherwise (a plug-in that
    # predates stamp()), which also count its set-up and record building.
    (user0, sys0, minor0, major0), (user1, sys1, minor1, major1) = outcome.usage or (before, after)
    results, first_failure = [], None
    for record in records:
        if record[7]:
            results.append(record[8])
        elif first_failure is None:
            first_failure = dict(record[8], taskIndex=record[0])
    event = {
        "type": "done",
        "id": run_id,
        "t0": outcome.t0,
        "tLast": outcome.t_last,
        "t1": outcome.t1,
        "user": user1 - user0 + outcome.uncounted_cpu[0],
        "sys": sys1 - sys0 + outcome.uncounted_cpu[1],
        "workerPids": outcome.worker_pids or [os.getpid()],
        "tasks": None,
        "mechanism": outcome.mechanism + (f"; native thread pools limited to {native} per worker" if native else ""),
    }
    if task_records is not None and len(records) > task_records:
        size, slowest, budget = _sample_settings(cmd)
        chosen, stats, segments = taskstats.summarise(records, outcome.t0, outcome.t1, size, slowest, budget)
        event["tasks"] = [_task(r) for r in chosen]
        event["taskStats"] = stats
        event["taskSegments"] = segments
    else:
        event["tasks"] = [_task(r) for r in records]
    if page_faults() is not None:
        event["faults"] = {"minor": minor1 - minor0, "major": major1 - major0}
    if native is not None:
        event["nativeThreads"] = native
    if delay0 is not None and delay1 is not None:
        event["runDelay"] = delay1 - delay0
    if outcome.extra:
        event.update(outcome.extra)
    error = outcome.error or first_failure
    if error is not None:
        event["error"] = error
    if cmd.get("measurePickle"):
        event["pickle"] = dict(measure_pickle(target.tasks, results), tasks=len(target.tasks))
    if cmd.get("hashResults"):
        event["results"] = results_digest(results)
    return event
