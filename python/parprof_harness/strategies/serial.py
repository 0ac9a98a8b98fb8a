"""The serial strategy: a plain loop on the harness thread (a coroutine function: awaited one task at a time)."""

import asyncio
import os
from threading import get_native_id
from time import monotonic_ns, thread_time_ns

from ..worker import failure
from .common import Outcome, stamp

NAME = "serial"

_HERE = (__file__,)  # this file's frames lead every task traceback; describe_exception drops them


def unavailable(target):
    """Serial runs anything."""
    return None


def run(target, workers, chunksize, on_workers, task_cpu=True, **opts) -> Outcome:
    """A plain loop on this thread; a coroutine function is awaited one task at a time in one asyncio.run.

    task_cpu=False leaves out the per-task CPU clock (a system call, ~0.4 us each side): the driver asks for that
    when tasks take a few microseconds, where the clock would cost more than the task; run-level CPU still counts.
    """
    fn = target.fn
    pid, tid = os.getpid(), get_native_id()
    if target.is_coroutine:
        t0, usage0 = stamp()
        rows, t_last = asyncio.run(_await_one_by_one(fn, target.tasks))
        t1, usage1 = stamp()
        mechanism = "asyncio.run, awaiting one task at a time"
    else:
        # int() returns 0 at the cost of a plain call, far below the thread_time_ns system call it stands in for.
        cpu_clock = thread_time_ns if task_cpu else int
        rows = []
        append = rows.append
        t0, usage0 = stamp()
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
        t1, usage1 = stamp()
        t_last = t1
        mechanism = "plain loop"
    records = [(i, s, e, c, pid, tid, 0, ok, v) for i, (s, e, c, ok, v) in enumerate(rows)]
    return Outcome(t0, t_last, t1, records, [pid], mechanism, usage=(usage0, usage1))


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
