"""The threads strategy: ThreadPoolExecutor, one submit per task."""

import concurrent.futures
from time import monotonic_ns

from .common import Outcome, submit_each

NAME = "threads"


def unavailable(target):
    """Threads run anything (a coroutine function gets its own event loop per task)."""
    return None


def run(target, workers, chunksize, on_workers, **opts) -> Outcome:
    """ThreadPoolExecutor(max_workers=workers), one submit per task."""
    t0 = monotonic_ns()
    executor = concurrent.futures.ThreadPoolExecutor(max_workers=workers)
    return submit_each(executor, target, t0, f"concurrent.futures.ThreadPoolExecutor(max_workers={workers})")
