"""Parallelism Profiler harness: speaks JSON lines to the Node driver (see src/contracts/runner.ts).

Started as `python3 -X utf8 python/harness.py`. Standard library only.
Nothing runs at import: under the spawn and forkserver start methods, pool workers re-import this
file as `__mp_main__`, and they must not start a second harness.
"""

import os
import sys


def main() -> None:
    """Serve commands from the driver until `exit` or end of input, then leave at once."""
    from parprof_harness.server import serve

    code = serve()
    sys.stderr.flush()
    # os._exit: a non-daemon thread started by user code at import must not keep the harness alive.
    os._exit(code)


if __name__ == "__main__":
    main()
