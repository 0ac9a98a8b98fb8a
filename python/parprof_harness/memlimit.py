"""A per-process memory ceiling, so a workload that allocates without bound fails with MemoryError, not the machine.

The driver passes the limit in PARPROF_MEMORY_LIMIT_MB. setrlimit is inherited across fork and exec, so every pool
worker (fork, forkserver or spawn) gets the same per-process ceiling without an initializer.
"""

import os

ENV = "PARPROF_MEMORY_LIMIT_MB"


def limit_mb():
    """The configured limit in MB, or None when there is none."""
    try:
        value = int(os.environ.get(ENV, "0"))
    except ValueError:
        return None
    return value if value > 0 else None


def apply_limit() -> None:
    """Lower this process's soft memory limit to the configured size (the hard limit is left alone)."""
    mb = limit_mb()
    if mb is None:
        return
    try:
        import resource
    except ImportError:  # Windows: no rlimits; the limit is not enforced there
        return
    # RLIMIT_DATA (Linux 4.7+) counts heap and private writable mappings but not reserved-only address space or
    # shared libraries, so threads' arena reservations do not eat the budget; elsewhere RLIMIT_AS is what exists.
    which = resource.RLIMIT_DATA if os.uname().sysname == "Linux" else resource.RLIMIT_AS
    soft, hard = resource.getrlimit(which)
    want = mb << 20
    if hard != resource.RLIM_INFINITY:
        want = min(want, hard)
    if soft == resource.RLIM_INFINITY or want < soft:
        resource.setrlimit(which, (want, hard))


def out_of_memory_message(detail: str) -> str:
    """What a MemoryError means under the limit, and how to raise it."""
    mb = limit_mb()
    if mb is None:
        return f"out of memory{': ' + detail if detail else ''}"
    return (
        f"out of memory (limit {mb} MB per process): the task allocated more than the profiler allows; raise it with "
        "--memory-limit MB or the parallelismProfiler.memoryLimitMb setting if the workload really needs more"
    )
