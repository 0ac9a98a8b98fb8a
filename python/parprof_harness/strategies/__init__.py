"""The strategy registry: one module per strategy, filed under its NAME by one `register` line below.

Every strategy module exposes three things, and nothing else is asked of it:

    NAME = "serial"                 the strategy name on the wire (the `strategy` field of a `run` command)

    def unavailable(target):        None when the strategy can run this loaded Target, else the HarnessFailure
                                    to report (kind "run"; common.not_applicable / common.not_picklable build
                                    the usual ones); it must not run the workload

    def run(target, workers, chunksize, on_workers, **opts) -> Outcome:
                                    run every task once and return a common.Outcome; call on_workers(pids) as
                                    soon as worker processes exist (process strategies only); opts carries the
                                    driver's optional switches (task_cpu=False) and a strategy ignores those it
                                    has no use for

To add a strategy (as `dask` was):
  1. write strategies/dask.py with NAME = "dask", unavailable() and run(); import an optional dependency
     inside unavailable() and run(), not at the top of the module, so the harness still starts without it,
     and keep per-task work out of the timed path (see worker.py for the wrappers the pools use);
  2. add `register("dask")` below.
The runner has no strategy names in it: it looks the name up in STRATEGIES and asks the module.
"""

import importlib

STRATEGIES = {}  # NAME -> strategy module


def register(module_name: str) -> None:
    """Import strategies/<module_name>.py and file it under its NAME."""
    module = importlib.import_module(f"{__name__}.{module_name}")
    STRATEGIES[module.NAME] = module


register("serial")
register("threads")
register("processes")
register("async_")
register("interpreters")
register("dask")
