"""CPU seconds of this process and its reaped children, for a run's user/sys figures."""

import os

try:
    import resource
except ImportError:  # Windows
    resource = None


def counts_reaped_children() -> bool:
    """Whether cpu_times() includes children reaped by this process (getrusage), as on POSIX."""
    return resource is not None


def cpu_times() -> tuple:
    """(user, sys) seconds of self plus reaped children so far."""
    if resource is not None:
        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + children.ru_utime, own.ru_stime + children.ru_stime
    times = os.times()
    return times.user + times.children_user, times.system + times.children_system


def snapshot() -> tuple:
    """(user, sys, minor faults, major faults) of self plus reaped children now; faults are 0 where unknown."""
    user, sys_ = cpu_times()
    faults = page_faults() or (0, 0)
    return user, sys_, faults[0], faults[1]


def run_delay_ns():
    """Nanoseconds this thread has spent runnable but waiting for a free core (Linux schedstat), or None.

    It tells waiting for a CPU on a busy machine apart from waiting for I/O: both lower CPU / wall.
    """
    try:
        with open("/proc/thread-self/schedstat", "rb") as f:
            return int(f.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None


def page_faults():
    """(minor, major) page faults of self plus reaped children so far (getrusage), or None where unavailable.

    A pool of one worker can beat the plain loop because the loop's thread faults in fresh memory the worker's does
    not (the main thread's heap, a cold allocator); these counts say whether that is what happened.
    """
    if resource is None:
        return None
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_minflt + children.ru_minflt, own.ru_majflt + children.ru_majflt
