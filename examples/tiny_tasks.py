"""Tasks so small that handing them to a pool costs more than doing them.

    parallelism-profiler profile examples/tiny_tasks.py:add_one --args "[(i,) for i in range(2000)]"
"""


def add_one(x):
    """One addition: tens of nanoseconds of work per task."""
    return x + 1
