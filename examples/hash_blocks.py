"""Hash large buffers with hashlib: CPU-bound, but hashlib releases the GIL, so threads do scale.

    parallelism-profiler profile examples/hash_blocks.py:digest --args TASKS
"""
import hashlib

# 4 MiB of fixed bytes, built once per process: every task hashes the same data, nothing is pickled but a count.
TASKS = [(64,)] * 8
BLOCK = bytes(range(256)) * (4 * 1024 * 1024 // 256)


def digest(rounds):
    """SHA-256 over the block `rounds` times; each update runs in C with the GIL released (inputs over 2 KiB)."""
    h = hashlib.sha256()
    for _ in range(rounds):
        h.update(BLOCK)
    return h.hexdigest()
