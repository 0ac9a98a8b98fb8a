"""Per-task wrappers that run where the work runs (threads, pool processes, subinterpreters).

They sit at module level so ProcessPoolExecutor and InterpreterPoolExecutor pickle them by reference.
The timed path is two clock reads on each side of the call and nothing else: no pickling, no JSON.
"""

import asyncio
import os
import sys
from threading import get_native_id
from time import monotonic_ns, process_time_ns, thread_time_ns

from .errors import describe_exception


def failure(exc: BaseException, fn, skip_files=(__file__,)) -> dict:
    """HarnessError fields for a task's exception, located in the file that defines fn (plain data, picklable)."""
    module = sys.modules.get(getattr(fn, "__module__", None) or "")
    return describe_exception(exc, getattr(module, "__file__", None), skip_files)


def call_in_thread(fn, args):
    """Run one task on this thread: (start, end, cpu, tid, ok, result or error)."""
    start = monotonic_ns()
    cpu0 = thread_time_ns()
    try:
        value = fn(*args)
        ok = True
    except BaseException as exc:  # a task's SystemExit must not end the worker
        value = failure(exc, fn)
        ok = False
    cpu = thread_time_ns() - cpu0
    return start, monotonic_ns(), cpu, get_native_id(), ok, value


def call_coroutine_in_thread(fn, args):
    """Run one coroutine-function task in its own event loop on this thread; same record as call_in_thread."""
    start = monotonic_ns()
    cpu0 = thread_time_ns()
    try:
        value = asyncio.run(fn(*args))
        ok = True
    except BaseException as exc:
        value = failure(exc, fn)
        ok = False
    cpu = thread_time_ns() - cpu0
    return start, monotonic_ns(), cpu, get_native_id(), ok, value


def run_chunk(fn, is_coroutine: bool, chunk: list):
    """Run a chunk's tasks in order in a pool process.

    Returns (pid, tid, [(start, end, cpu, ok, value), ...], (user, sys) seconds this process has used so far):
    the parent cannot always count its workers' CPU itself (forkserver workers are not its children).
    """
    records = []
    append = records.append
    for args in chunk:
        start = monotonic_ns()
        cpu0 = process_time_ns()
        try:
            value = asyncio.run(fn(*args)) if is_coroutine else fn(*args)
            ok = True
        except BaseException as exc:
            value = failure(exc, fn)
            ok = False
        cpu = process_time_ns() - cpu0
        append((start, monotonic_ns(), cpu, ok, value))
    times = os.times()
    return os.getpid(), get_native_id(), records, (times.user, times.system)
