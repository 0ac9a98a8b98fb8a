"""The interpreters strategy: InterpreterPoolExecutor (Python 3.14+), one submit per task."""

import concurrent.futures
import sys

from .common import Outcome, not_applicable, not_picklable, stamp, submit_each

NAME = "interpreters"


def unavailable(target):
    """NotApplicable before 3.14 (no InterpreterPoolExecutor); NotPicklable when the function or its arguments are not."""
    if not hasattr(concurrent.futures, "InterpreterPoolExecutor"):
        return not_applicable("interpreters: this Python has no concurrent.futures.InterpreterPoolExecutor (3.14+)")
    return not_picklable(NAME, target)


def run(target, workers, chunksize, on_workers, **opts) -> Outcome:
    """InterpreterPoolExecutor (3.14+), one submit per task; each subinterpreter gets our sys.path first."""
    pool_class = concurrent.futures.InterpreterPoolExecutor
    # Subinterpreters start from the configured sys.path, not ours (cpython#126714), so they could not import
    # the user's module or these wrappers; exec is a builtin, so it pickles into them.
    path_script = f"import sys\nsys.path[:] = {list(sys.path)!r}\n"
    start = stamp()
    executor = pool_class(max_workers=workers, initializer=exec, initargs=(path_script,))
    return submit_each(executor, target, start, f"concurrent.futures.InterpreterPoolExecutor(max_workers={workers})")
