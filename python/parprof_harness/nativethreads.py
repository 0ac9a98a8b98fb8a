"""Limit the thread pools of native libraries (BLAS, OpenMP, MKL, numexpr) for one run: the `nativeThreads` field.

A pool of w workers whose tasks each call a BLAS that runs one thread per core puts w × cores threads on the cores.
The fix users apply is OMP_NUM_THREADS=1 (or cores ÷ workers) and its siblings; but those variables are read when a
library loads, and the user's module (numpy with it) is already loaded here, and fork copies that state into pool
workers. So besides setting the variables, this calls each loaded library's own setter through ctypes, as
threadpoolctl does: openblas_set_num_threads, MKL_Set_Num_Threads, omp_set_num_threads, bli_thread_set_num_threads.
Standard library only; where nothing can be found (no /proc, no such library) only the variables are set.
"""

import ctypes
import os
import sys

ENV_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")

# (setter, getter) symbol pairs; OpenBLAS builds with 64-bit integers (numpy wheels) suffix their symbols.
_CONTROLS = (
    ("openblas_set_num_threads", "openblas_get_num_threads"),
    ("openblas_set_num_threads64_", "openblas_get_num_threads64_"),
    ("scipy_openblas_set_num_threads64_", "scipy_openblas_get_num_threads64_"),
    ("MKL_Set_Num_Threads", "MKL_Get_Max_Threads"),
    ("omp_set_num_threads", "omp_get_max_threads"),
    ("bli_thread_set_num_threads", "bli_thread_get_num_threads"),
)
# Library file names worth opening: BLAS builds, MKL, the OpenMP runtimes, BLIS.
_NAME_HINTS = ("blas", "mkl", "omp", "blis", "lapack")


def loaded_libraries() -> list:
    """Paths of the shared libraries this process has mapped whose names suggest a thread pool (Linux), in map order."""
    try:
        with open("/proc/self/maps") as f:
            lines = f.read().splitlines()
    except OSError:
        return []
    seen, out = set(), []
    for line in lines:
        parts = line.split(None, 5)
        if len(parts) < 6 or ".so" not in parts[5]:
            continue
        path = parts[5].strip()
        name = os.path.basename(path).lower()
        if path not in seen and any(h in name or h in path.lower() for h in _NAME_HINTS):
            seen.add(path)
            out.append(path)
    return out


def _controls():
    """(setter, getter) ctypes functions of every loaded library that has one, deduplicated by address."""
    found, addresses = [], set()
    for path in loaded_libraries():
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for set_name, get_name in _CONTROLS:
            setter = getattr(lib, set_name, None)
            getter = getattr(lib, get_name, None)
            if setter is None or getter is None:
                continue
            address = ctypes.cast(setter, ctypes.c_void_p).value
            if address in addresses:
                continue
            addresses.add(address)
            setter.argtypes, setter.restype, getter.restype = [ctypes.c_int], None, ctypes.c_int
            found.append((setter, getter))
    return found


def limit(n: int):
    """Limit native thread pools to n threads; returns what `restore` needs to put things back."""
    env = {k: os.environ.get(k) for k in ENV_VARS}
    for k in ENV_VARS:
        os.environ[k] = str(n)
    saved = []
    for setter, getter in _controls():
        try:
            saved.append((setter, int(getter())))
            setter(n)
        except Exception:  # a library that refuses is left as it was
            continue
    numexpr = sys.modules.get("numexpr")
    if numexpr is not None and hasattr(numexpr, "set_num_threads"):
        try:
            saved.append((numexpr.set_num_threads, numexpr.set_num_threads(n)))
        except Exception:
            pass
    return env, saved


def restore(state) -> None:
    """Undo `limit`: the variables and every pool size it changed."""
    env, saved = state
    for setter, previous in reversed(saved):
        try:
            setter(previous)
        except Exception:
            pass
    for k, v in env.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


def worker_initializer(n: int) -> None:
    """ProcessPoolExecutor initializer: limit this worker's native thread pools for its whole life."""
    limit(n)


def thread_counts() -> list:
    """Current pool sizes of the loaded libraries (for tests and the log)."""
    out = []
    for _setter, getter in _controls():
        try:
            out.append(int(getter()))
        except Exception:
            continue
    return out
