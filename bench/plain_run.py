"""The baseline the profiler is compared with: the workload run the way a user would write it, no profiler involved.

    python3 bench/plain_run.py FILE FUNCTION ARGS_EXPR STRATEGY WORKERS CHUNKSIZE [warm]

Imports FUNCTION from FILE (its folder on sys.path, as a user's script next to it would), evaluates ARGS_EXPR in the
module's namespace, then times with perf_counter from pool creation to shutdown (the same span the harness reports
as t0..t1) and prints {"wall": seconds} as one JSON line. Standard library only. With `warm`, the tasks run once
serially first (untimed), as the profiler's warm-up and serial runs do before its pools: under PyPy, workers forked
from a parent whose JIT already compiled the function behave differently from workers of a cold parent.
"""

import importlib
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def main() -> None:
    file, name, args_expr, strategy, workers, chunksize = sys.argv[1:7]
    warm = sys.argv[7:8] == ["warm"]
    workers, chunksize = int(workers), int(chunksize)
    sys.path.insert(0, os.path.dirname(os.path.abspath(file)))
    module = importlib.import_module(os.path.splitext(os.path.basename(file))[0])
    fn = getattr(module, name)
    tasks = eval(args_expr, vars(module))  # noqa: S307 - the same expression the profiler evaluates
    calls = [a if isinstance(a, tuple) else (a,) for a in tasks]

    if warm:
        [fn(*a) for a in calls]
    t = time.perf_counter()
    if strategy == "serial":
        results = [fn(*a) for a in calls]
    elif strategy == "threads":
        with ThreadPoolExecutor(max_workers=workers) as ex:
            results = list(ex.map(fn, *zip(*calls)))
    elif strategy == "processes":
        with ProcessPoolExecutor(max_workers=workers) as ex:
            results = list(ex.map(fn, *zip(*calls), chunksize=chunksize))
    else:
        raise SystemExit(f"plain_run.py: unknown strategy {strategy!r}")
    wall = time.perf_counter() - t
    print(json.dumps({"wall": wall, "results": len(results)}))


if __name__ == "__main__":  # the guard a process pool needs under spawn/forkserver
    main()
