"""The `run` command: find the strategy in the registry, check it applies, run the tasks once, build the `done` event."""

import dataclasses
import os

from .digest import results_digest
from .errors import HarnessFailure
from .pickling import measure_pickle
from .strategies import STRATEGIES
from .usage import cpu_times, run_delay_ns


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


def run_command(target, cmd: dict, emit) -> dict:
    """Run every task once under cmd's strategy and return the `done` event."""
    run_id = str(cmd["id"])
    module = check_applicable(target, cmd["strategy"])
    workers, chunksize = _positive(cmd, "workers"), _positive(cmd, "chunksize")
    if cmd.get("taskLimit") is not None:  # the driver's warm-up runs only the first few tasks
        target = dataclasses.replace(target, tasks=target.tasks[: _positive(cmd, "taskLimit")])

    def on_workers(pids):
        emit({"type": "workers", "id": run_id, "pids": pids})

    user0, sys0 = cpu_times()
    delay0 = run_delay_ns()
    outcome = module.run(target, workers, chunksize, on_workers, **({"task_cpu": False} if cmd.get("taskCpu") is False else {}))
    delay1 = run_delay_ns()
    user1, sys1 = cpu_times()

    tasks, results, first_failure = [], [], None
    for index, start, end, cpu, pid, tid, wait, ok, value in sorted(outcome.records, key=lambda r: r[0]):
        task = {"index": index, "start": start, "end": end, "cpu": cpu, "pid": pid, "tid": tid, "queueWait": wait}
        if ok:
            results.append(value)
        else:
            task["failed"] = True
            if first_failure is None:
                first_failure = dict(value, taskIndex=index)
        tasks.append(task)
    event = {
        "type": "done",
        "id": run_id,
        "t0": outcome.t0,
        "tLast": outcome.t_last,
        "t1": outcome.t1,
        "user": user1 - user0 + outcome.uncounted_cpu[0],
        "sys": sys1 - sys0 + outcome.uncounted_cpu[1],
        "workerPids": outcome.worker_pids or [os.getpid()],
        "tasks": tasks,
        "mechanism": outcome.mechanism,
    }
    if delay0 is not None and delay1 is not None:
        event["runDelay"] = delay1 - delay0
    error = outcome.error or first_failure
    if error is not None:
        event["error"] = error
    if cmd.get("measurePickle"):
        event["pickle"] = dict(measure_pickle(target.tasks, results), tasks=len(target.tasks))
    if cmd.get("hashResults"):
        event["results"] = results_digest(results)
    return event
