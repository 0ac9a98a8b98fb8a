"""The hello event: what this interpreter is and what it can do."""

import multiprocessing
import os
import platform
import sys
import time


def has_interpreter_pool() -> bool:
    """Whether concurrent.futures offers InterpreterPoolExecutor (3.14+, and built with _interpreters)."""
    try:
        import concurrent.futures as cf

        return hasattr(cf, "InterpreterPoolExecutor")
    except ImportError:
        return False


def has_distributed() -> bool:
    """Whether `distributed` (dask.distributed) is installed, found without importing it (that takes a second)."""
    try:
        import importlib.util

        return importlib.util.find_spec("distributed") is not None
    except (ImportError, ValueError):
        return False


def gil_enabled() -> bool:
    """sys._is_gil_enabled() where it exists (3.13+); older CPython and PyPy always have a GIL."""
    probe = getattr(sys, "_is_gil_enabled", None)
    return bool(probe()) if probe is not None else True


def hello_event() -> dict:
    """Build the first line the harness prints."""
    return {
        "type": "hello",
        "pid": os.getpid(),
        "executable": sys.executable,
        "implementation": platform.python_implementation(),
        "version": platform.python_version(),
        "gilEnabled": gil_enabled(),
        "hasInterpreterPool": has_interpreter_pool(),
        "startMethod": multiprocessing.get_start_method(allow_none=False),
        "cpuCount": os.cpu_count() or 1,
        "now": time.monotonic_ns(),
        "limitsNativeThreads": True,  # nativethreads.py: variables and the loaded libraries' own setters
        "hasDistributed": has_distributed(),  # dask.distributed is installed (found; importing it is the dask run's job)
    }
