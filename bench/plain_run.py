"""The baseline the profiler is compared with: the workload run the way a user would write it, no profiler involved.

    python3 bench/plain_run.py FILE FUNCTION ARGS_EXPR STRATEGY WORKERS CHUNKSIZE [thread]

Imports FUNCTION from FILE (its folder on sys.path, as a user's script next to it would), evaluates ARGS_EXPR in the
module's namespace, then times with perf_counter from pool creation to shutdown (the same span the harness reports
as t0..t1) and prints {"wall": seconds} as one JSON line. Standard library only. With `thread`, a thread is started
and joined first (untimed), for the benchmark's diagnostic rows only: once a PyPy process has started a thread, every
loop its JIT compiles counts down a thread-switch ticker, in that process and in workers forked from it, and the
harness's process always has started threads (its orphan guard, thread pools, a process pool's manager thread).
"""

import importlib
import json
import os
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def main() -> None:
    file, name, args_expr, strategy, workers, chunksize = sys.argv[1:7]
    thread = sys.argv[7:8] == ["thread"]
    workers, chunksize = int(workers), int(chunksize)
    sys.path.insert(0, os.path.dirname(os.path.abspath(file)))
    module = importlib.import_module(os.path.splitext(os.path.basename(file))[0])
    fn = getattr(module, name)
    tasks = eval(args_expr, vars(module))  # noqa: S307 - the same expression the profiler evaluates
    calls = [a if isinstance(a, tuple) else (a,) for a in tasks]

    if thread:
        started = threading.Thread(target=lambda: None)
        started.start()
        started.join()
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
