"""In-process strategies: serial loop, thread pool, interpreter pool and asyncio.gather.

Each returns an Outcome whose records are (index, start, end, cpu, pid, tid, queueWait, ok, value).
"""

import asyncio
import concurrent.futures
import dataclasses
import os
import sys
from threading import get_native_id
from time import monotonic_ns, thread_time_ns

from .cotime import TimedAwait
from .errors import describe_exception
from .worker import call_coroutine_in_thread, call_in_thread, failure

_HERE = (__file__,)
_ASYNC_WRAPPERS = (__file__, sys.modules[TimedAwait.__module__].__file__)


@dataclasses.dataclass
class Outcome:
    """What one run produced, before it becomes a `done` event."""

    t0: int
    t_last: int
    t1: int
    records: list
    worker_pids: list
    mechanism: str
    error: object = None  # a run-level HarnessError (worker crash, failed chunk) that outranks task failures
    uncounted_cpu: tuple = (0.0, 0.0)  # (user, sys) of workers that getrusage cannot see


def run_serial(target, workers, chunksize, on_workers, task_cpu=True) -> Outcome:
    """A plain loop on this thread; a coroutine function is awaited one task at a time in one asyncio.run.

    task_cpu=False leaves out the per-task CPU clock (a system call, ~0.4 us each side): the driver asks for that
    when tasks take a few microseconds, where the clock would cost more than the task; run-level CPU still counts.
    """
    fn = target.fn
    pid, tid = os.getpid(), get_native_id()
    if target.is_coroutine:
        t0 = monotonic_ns()
        rows, t_last = asyncio.run(_await_one_by_one(fn, target.tasks))
        t1 = monotonic_ns()
        mechanism = "asyncio.run, awaiting one task at a time"
    else:
        # int() returns 0 at the cost of a plain call, far below the thread_time_ns system call it stands in for.
        cpu_clock = thread_time_ns if task_cpu else int
        rows = []
        append = rows.append
        t0 = monotonic_ns()
        for args in target.tasks:
            start = monotonic_ns()
            cpu0 = cpu_clock()
            try:
                value = fn(*args)
                ok = True
            except BaseException as exc:
                value = failure(exc, fn, _HERE)
                ok = False
            cpu = cpu_clock() - cpu0
            append((start, monotonic_ns(), cpu, ok, value))
        t_last = t1 = monotonic_ns()
        mechanism = "plain loop"
    records = [(i, s, e, c, pid, tid, 0, ok, v) for i, (s, e, c, ok, v) in enumerate(rows)]
    return Outcome(t0, t_last, t1, records, [pid], mechanism)


async def _await_one_by_one(fn, tasks):
    rows = []
    append = rows.append
    for args in tasks:
        start = monotonic_ns()
        cpu0 = thread_time_ns()
        try:
            value = await fn(*args)
            ok = True
        except BaseException as exc:
            value = failure(exc, fn, _HERE)
            ok = False
        cpu = thread_time_ns() - cpu0
        append((start, monotonic_ns(), cpu, ok, value))
    return rows, monotonic_ns()


def run_threads(target, workers, chunksize, on_workers) -> Outcome:
    """ThreadPoolExecutor(max_workers=workers), one submit per task."""
    t0 = monotonic_ns()
    executor = concurrent.futures.ThreadPoolExecutor(max_workers=workers)
    return _submit_each(executor, target, t0, f"concurrent.futures.ThreadPoolExecutor(max_workers={workers})")


def run_interpreters(target, workers, chunksize, on_workers) -> Outcome:
    """InterpreterPoolExecutor (3.14+), one submit per task; each subinterpreter gets our sys.path first."""
    pool_class = concurrent.futures.InterpreterPoolExecutor
    # Subinterpreters start from the configured sys.path, not ours (cpython#126714), so they could not import
    # the user's module or these wrappers; exec is a builtin, so it pickles into them.
    path_script = f"import sys\nsys.path[:] = {list(sys.path)!r}\n"
    t0 = monotonic_ns()
    executor = pool_class(max_workers=workers, initializer=exec, initargs=(path_script,))
    return _submit_each(executor, target, t0, f"concurrent.futures.InterpreterPoolExecutor(max_workers={workers})")


def _submit_each(executor, target, t0: int, mechanism: str) -> Outcome:
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
    t1 = monotonic_ns()
    pid = os.getpid()
    records = []
    for index, (sent, (start, end, cpu, tid, ok, value)) in enumerate(zip(submitted, results)):
        if start is None:  # the pool itself failed the task (e.g. not shareable with a subinterpreter)
            start = end = sent
        records.append((index, start, end, cpu, pid, tid, max(0, start - sent), ok, value))
    return Outcome(t0, t_last, t1, records, [pid], mechanism)


def _result(future):
    try:
        return future.result()
    except BaseException as exc:  # our wrapper catches task errors, so this is the pool's own failure
        return None, None, 0, 0, False, describe_exception(exc)


def run_async(target, workers, chunksize, on_workers) -> Outcome:
    """asyncio.gather of every task, at most `workers` at a time (asyncio.Semaphore), in one asyncio.run."""
    t0 = monotonic_ns()
    rows, submitted, t_last = asyncio.run(_gather(target.fn, target.tasks, workers))
    t1 = monotonic_ns()
    pid, tid = os.getpid(), get_native_id()
    records = [
        (i, s, e, c, pid, tid, max(0, s - submitted), ok, v) for i, (s, e, c, ok, v) in enumerate(rows)
    ]
    return Outcome(t0, t_last, t1, records, [pid], f"asyncio.gather bounded by asyncio.Semaphore({workers})")


async def _gather(fn, tasks, workers: int):
    semaphore = asyncio.Semaphore(workers)
    rows = [None] * len(tasks)

    async def one(index, args):
        async with semaphore:
            start = monotonic_ns()
            timed = None
            try:
                timed = TimedAwait(fn(*args))
                value = await timed
                ok = True
            except BaseException as exc:
                value = failure(exc, fn, _ASYNC_WRAPPERS)
                ok = False
            rows[index] = (start, monotonic_ns(), timed.cpu if timed else 0, ok, value)

    submitted = monotonic_ns()
    await asyncio.gather(*(one(i, args) for i, args in enumerate(tasks)))
    return rows, submitted, monotonic_ns()
