"""Many medium tasks (tens of microseconds each): whether processes win depends on the chunk size.

    parallelism-profiler profile examples/medium_tasks.py:checksum --args "[(300,)] * 20000"

Each task is a short pure-Python loop; handing one task at a time to a process pool costs about as much as the task,
so the profiler sweeps chunk sizes for the pool and recommends the fastest it measured.
"""


def checksum(n):
    """A rolling checksum of the first n integers: about 20 µs for n = 300 on a 2020s core."""
    h = 0
    for i in range(n):
        h = (h * 31 + i) & 0xFFFFFFFF
    return h
