"""What every strategy shares: the Outcome it returns, the applicability errors, and one-submit-per-task pools."""

import dataclasses
import os
from time import monotonic_ns

from ..errors import HarnessFailure, describe_exception
from ..usage import snapshot
from ..worker import call_coroutine_in_thread, call_in_thread


def stamp() -> tuple:
    """(monotonic ns, usage.snapshot()) for t0 and t1: the run's CPU and faults are read where its wall is, so
    building records after t1 is not counted as the workload's CPU (at 10^5 tiny tasks that doubled it)."""
    return monotonic_ns(), snapshot()


@dataclasses.dataclass
class Outcome:
    """What one run produced, before it becomes a `done` event.

    records are (index, start, end, cpu, pid, tid, queueWait, ok, value), in any order; the runner sorts them. A
    strategy whose workers have addresses (dask) appends the worker's address as a tenth field.
    """

    t0: int
    t_last: int
    t1: int
    records: list
    worker_pids: list
    mechanism: str
    error: object = None  # a run-level HarnessError (worker crash, failed chunk) that outranks task failures
    uncounted_cpu: tuple = (0.0, 0.0)  # (user, sys) of workers that getrusage cannot see
    usage: tuple = None  # (snapshot at t0, snapshot at t1) from stamp(); None: the runner reads around run()
    extra: dict = None  # strategy-specific fields added to the done event as they are (e.g. "dask")


def not_applicable(message: str) -> HarnessFailure:
    """The `run` error for a strategy that cannot run this kind of target at all."""
    return HarnessFailure("run", "NotApplicable", message)


def not_picklable(name: str, target):
    """The `run` error for a strategy that must pickle the function and its arguments, or None when they pickle."""
    if target.picklable["ok"]:
        return None
    return HarnessFailure("run", "NotPicklable", f"{name}: {target.picklable['reason']}")


def submit_each(executor, target, start: tuple, mechanism: str) -> Outcome:
    """One executor.submit per task of a worker.call_in_thread wrapper, then shut the executor down.

    start is stamp() taken before the executor was made."""
    t0, usage0 = start
    fn = target.fn
    call = call_coroutine_in_thread if target.is_coroutine else call_in_thread
    submitted = []
    futures = []
    try:
        for args in target.tasks:
            submitted.append(monotonic_ns())
            futures.append(executor.submit(call, fn, args))
        results = [_result(future) for future in futures]
        t_last = monotonic_ns()
    finally:
        executor.shutdown(wait=True)
    t1, usage1 = stamp()
    pid = os.getpid()
    records = []
    for index, (sent, (start, end, cpu, tid, ok, value)) in enumerate(zip(submitted, results)):
        if start is None:  # the pool itself failed the task (e.g. not shareable with a subinterpreter)
            start = end = sent
        records.append((index, start, end, cpu, pid, tid, max(0, start - sent), ok, value))
    return Outcome(t0, t_last, t1, records, [pid], mechanism, usage=(usage0, usage1))


def _result(future):
    try:
        return future.result()
    except BaseException as exc:  # our wrapper catches task errors, so this is the pool's own failure
        return None, None, 0, 0, False, describe_exception(exc)
