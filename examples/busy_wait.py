"""Count down in a tight loop: the articles' busy_wait(10**7), called four times.

    parallelism-profiler profile examples/busy_wait.py:busy_wait --args "TASKS"
"""

TASKS = [(10_000_000,)] * 4


def busy_wait(n):
    """Spin n times doing nothing useful: pure bytecode, no I/O, holds the GIL throughout."""
    while n > 0:
        n -= 1
    return n


if __name__ == "__main__":
    import time

    t = time.perf_counter()
    for args in TASKS:
        busy_wait(*args)
    print(f"serial: {time.perf_counter() - t:.2f} s")
