"""The threads strategy: ThreadPoolExecutor, one submit per task."""

import concurrent.futures

from .common import Outcome, stamp, submit_each

NAME = "threads"


def unavailable(target):
    """Threads run anything (a coroutine function gets its own event loop per task)."""
    return None


def run(target, workers, chunksize, on_workers, **opts) -> Outcome:
    """ThreadPoolExecutor(max_workers=workers), one submit per task."""
    start = stamp()
    executor = concurrent.futures.ThreadPoolExecutor(max_workers=workers)
    return submit_each(executor, target, start, f"concurrent.futures.ThreadPoolExecutor(max_workers={workers})")
