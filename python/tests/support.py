"""Shared fixtures: a real workload module on disk, in-process runs, and a harness process spoken to over stdio."""

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading

from parprof_harness.loader import load_target
from parprof_harness.runner import run_command

PYTHON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HARNESS = os.path.join(PYTHON_DIR, "harness.py")

# A small real workload: every function a test needs, each doing what its name says.
WORKLOAD = textwrap.dedent(
    '''
    """Workloads for the harness tests."""

    import asyncio
    import os
    import sys
    import time

    LOADED_AS = __name__


    def square(x):
        return x * x


    def spin(n):
        total = 0
        for i in range(n):
            total += i * i
        return total


    def pause(seconds):
        time.sleep(seconds)
        return seconds


    def check(value):
        if value == 3:
            raise ValueError(f"value {value} is not allowed")
        return value * 2


    def tick():
        return sum(range(100))


    def maybe_die(i):
        if i == 2:
            os._exit(3)
        time.sleep(0.05)
        return i


    def noisy(x):
        print(f"printed {x}")  # one string: prints from two threads may interleave between arguments
        os.write(1, b"raw fd-1 write\\n")
        return x


    def read_stdin():
        data = sys.stdin.read()
        if data:
            raise RuntimeError(f"stdin gave {data!r}")
        return data


    async def nap(seconds):
        await asyncio.sleep(seconds)
        return seconds


    async def afail(i):
        await asyncio.sleep(0)
        if i == 1:
            raise KeyError(i)
        return i


    square_lambda = lambda x: x * x  # noqa: E731


    def make_adder(n):
        def add(x):
            return x + n

        return add


    add_one = make_adder(1)

    NOT_A_FUNCTION = 42

    if __name__ == "__main__":
        raise SystemExit("imported as __main__")
    '''
).lstrip()


class Workdir:
    """A temporary directory for workload files, removed by cleanup()."""

    def __init__(self) -> None:
        self.path = tempfile.mkdtemp(prefix="parprof-tests-")

    def write(self, name: str, source: str) -> str:
        path = os.path.join(self.path, name)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(source)
        return path

    def cleanup(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        while self.path in sys.path:  # the loader puts the file's directory first, as running it as a script would
            sys.path.remove(self.path)


def load(path: str, function: str, args=None, tasks=8):
    """load_target, as the `load` command calls it."""
    return load_target(path, function, args, tasks)


def run(target, strategy: str, **fields):
    """run_command for one strategy; returns (done event, events emitted before it)."""
    emitted = []
    cmd = dict({"id": "t", "strategy": strategy, "workers": 2, "chunksize": 1}, **fields)
    done = run_command(target, cmd, emitted.append)
    return done, emitted


class HarnessProcess:
    """python/harness.py under this interpreter, in its own process group, as the Node driver starts it."""

    def __init__(self, env=None, python=None) -> None:
        self._stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [python or sys.executable, "-X", "utf8", HARNESS],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            cwd=PYTHON_DIR,
            env=dict(os.environ, PYTHONUTF8="1", **(env or {})),
            start_new_session=True,
        )
        self.lines = queue.Queue()
        self.raw_lines = []  # every stdout line, to check that each one is protocol
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for raw in self.proc.stdout:
            self.raw_lines.append(raw)
            self.lines.put(raw)
        self.lines.put(None)

    def send(self, cmd) -> None:
        data = cmd if isinstance(cmd, bytes) else (json.dumps(cmd) + "\n").encode()
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def next(self, timeout: float = 60.0):
        """The next event, or None at end of output."""
        raw = self.lines.get(timeout=timeout)
        return None if raw is None else json.loads(raw)

    def ask(self, cmd):
        """Send a command and return the event that answers it (skipping `workers` events, which are kept)."""
        self.send(cmd)
        self.skipped = []
        while True:
            event = self.next()
            if event is None or event["type"] != "workers":
                return event
            self.skipped.append(event)

    def stderr(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read().decode("utf-8", "replace")

    def wait(self, timeout: float = 30.0) -> int:
        code = self.proc.wait(timeout)
        self._reader.join(timeout)
        return code

    def close(self) -> None:
        """Stop the harness and its pool workers, and release the pipes."""
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except OSError:
                pass
        self.proc.wait(30)
        self._reader.join(30)
        try:
            self.proc.stdin.close()
        except BrokenPipeError:  # the harness left before reading everything we sent
            pass
        self.proc.stdout.close()
        self._stderr.close()
