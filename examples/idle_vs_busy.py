"""Idle tasks and busy tasks, as in the articles' start/stop plots: 15 tasks on 5 workers.

    parallelism-profiler profile examples/idle_vs_busy.py:idle_task --tasks 15 --workers 1,5
    parallelism-profiler profile examples/idle_vs_busy.py:busy_task --tasks 15 --workers 1,5
"""
import time


def idle_task():
    """Wait a fifth of a second without using the CPU (the GIL is released while sleeping)."""
    time.sleep(0.2)
    return 0


def busy_task():
    """Burn CPU in bytecode for a comparable time (holds the GIL)."""
    total = 0
    for i in range(8_000_000):
        total += i * i
    return total
