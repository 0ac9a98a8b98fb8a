"""The plain-script side of the dask benchmark: the same client.map a user would write, no profiler involved.

    /usr/bin/python3 bench/plain_dask.py SCHEDULER FILE FUNCTION ARGS_EXPR WORKERS

Connects to the scheduler (untimed, as the profiler's connect is reported apart), runs the map once untimed, then times with perf_counter
client.map over the first WORKERS workers (the same workers= restriction the profiler uses) and client.gather, and
prints {"wall": seconds} as one JSON line.
"""

import importlib
import json
import os
import sys
import time


def main() -> None:
    address, file, name, args_expr, workers = sys.argv[1:6]
    from distributed import Client

    sys.path.insert(0, os.path.dirname(os.path.abspath(file)))
    module = importlib.import_module(os.path.splitext(os.path.basename(file))[0])
    fn = getattr(module, name)
    tasks = eval(args_expr, vars(module))  # noqa: S307 - the same expression the profiler evaluates
    calls = [a if isinstance(a, tuple) else (a,) for a in tasks]
    with Client(address, set_as_default=False) as client:
        chosen = sorted(client.scheduler_info()["workers"])[: int(workers)]
        # One untimed round first, as the profiler's client has had its warm-up run: a fresh client's first map pays
        # for sending the function and the workers' first look-up of it.
        client.gather(client.map(fn, *zip(*calls), workers=chosen, pure=False))
        t = time.perf_counter()
        futures = client.map(fn, *zip(*calls), workers=chosen, pure=False)
        results = client.gather(futures)
        wall = time.perf_counter() - t
        del futures
    assert len(results) == len(calls)
    print(json.dumps({"wall": wall}))


if __name__ == "__main__":
    main()
