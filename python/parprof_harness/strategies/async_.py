"""The async strategy: asyncio.gather of every task, bounded by a semaphore (coroutine functions only).

The module is async_ because `async` is a keyword; its NAME is "async".
"""

import asyncio
import os
import sys
from threading import get_native_id
from time import monotonic_ns

from ..cotime import TimedAwait
from ..worker import failure
from .common import Outcome, not_applicable, stamp

NAME = "async"

# The frames of these files lead every task traceback; describe_exception drops them.
_ASYNC_WRAPPERS = (__file__, sys.modules[TimedAwait.__module__].__file__)


def unavailable(target):
    """NotApplicable unless the function is a coroutine function."""
    if not target.is_coroutine:
        return not_applicable(f"async: {target.name} is not a coroutine function (async def)")
    return None


def run(target, workers, chunksize, on_workers, **opts) -> Outcome:
    """asyncio.gather of every task, at most `workers` at a time (asyncio.Semaphore), in one asyncio.run."""
    t0, usage0 = stamp()
    rows, submitted, t_last = asyncio.run(_gather(target.fn, target.tasks, workers))
    t1, usage1 = stamp()
    pid, tid = os.getpid(), get_native_id()
    records = [
        (i, s, e, c, pid, tid, max(0, s - submitted), ok, v) for i, (s, e, c, ok, v) in enumerate(rows)
    ]
    mechanism = f"asyncio.gather bounded by asyncio.Semaphore({workers})"
    return Outcome(t0, t_last, t1, records, [pid], mechanism, usage=(usage0, usage1))


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
