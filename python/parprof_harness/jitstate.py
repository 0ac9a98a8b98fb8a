"""PyPy's JIT across fork: what a forked pool worker would inherit from the harness's own earlier runs.

A worker forked from the harness gets the machine code PyPy compiled while the harness ran the function before (the
warm-up, the serial repeats). A tracing JIT specialises a loop on what it saw when it traced it: sum_range's first task
iterates range(0, n), whose iterator has another class than range(a, b)'s, so in a worker that inherits that loop
every later task leaves it through a bridge that allocates two ints per iteration, 4-5x slower than the loop the
worker would compile for itself. A user's script forks its pool before calling the function, so its workers compile
from their own first tasks. Dropping the harness's compiled code before the fork gives the profiled workers the same
start; CPython has nothing to drop.
"""

import gc

try:
    import pypyjit
except ImportError:  # CPython and other interpreters without PyPy's JIT
    pypyjit = None


def release_compiled_code() -> bool:
    """Free PyPy's compiled machine code now (a full collection frees what releaseall marks); False where none."""
    if pypyjit is None:
        return False
    pypyjit.releaseall()
    # Done in the parent, before t0: in a forked worker the same collection writes to every inherited page (about
    # 0.3 s measured), here it takes about 12 ms and is not part of the run's wall.
    gc.collect()
    return True
