"""The Maclaurin series of 1/(1-x), summed term by term and split into chunks (64 million terms in all).

    parallelism-profiler profile examples/maclaurin.py:partial_sum --args "CHUNKS"
"""

TERMS = 64_000_000
PIECES = 8
X = 0.999999
CHUNKS = [(X, i * TERMS // PIECES, (i + 1) * TERMS // PIECES) for i in range(PIECES)]


def partial_sum(x, first, last):
    """Sum x**n for n in [first, last): one multiplication per term after the first, all in bytecode."""
    term = x ** first
    total = 0.0
    for _ in range(first, last):
        total += term
        term *= x
    return total


if __name__ == "__main__":
    print(sum(partial_sum(*c) for c in CHUNKS), "vs", 1 / (1 - X))
