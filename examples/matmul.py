"""Matrix multiplies with numpy: the BLAS inside (OpenBLAS on Debian) already runs one thread per core in a plain loop.

    parallelism-profiler profile examples/matmul.py:matmul --args TASKS --python /usr/bin/python3

Needs numpy for that interpreter (Debian: apt-get install python3-numpy). The serial run keeps every core busy, so
pools stack their workers on top of the library's threads; the profiler also tries each pool with the library
limited per worker (OMP_NUM_THREADS=1 and its siblings).
"""
import numpy

# The same 320×320 matrix in every process (fixed seed), built once at import: tasks pass only a repeat count.
TASKS = [(6,)] * 16
MATRIX = numpy.random.default_rng(11).random((320, 320))


def matmul(rounds):
    """`rounds` products of the matrix with itself; the BLAS call releases the GIL and runs on its own threads."""
    total = 0.0
    for _ in range(rounds):
        total += float((MATRIX @ MATRIX).trace())
    return total
