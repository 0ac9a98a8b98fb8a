"""The JSON-lines channel to the Node driver, on file descriptors that user code cannot reach."""

import json
import os
import sys
import threading


class Channel:
    """Reads commands from a private copy of stdin and writes events to a private copy of stdout."""

    def __init__(self, in_fd: int, out_fd: int) -> None:
        self._in = os.fdopen(in_fd, "rb")
        self._out_fd = out_fd
        self._lock = threading.Lock()

    def send(self, event: dict) -> None:
        """Write one event as one line and flush it at once (os.write has no buffer to forget)."""
        # ensure_ascii keeps odd strings (lone surrogates from file names) valid UTF-8 on the wire.
        data = (json.dumps(event, separators=(",", ":"), default=str) + "\n").encode("ascii")
        with self._lock:
            view = memoryview(data)
            while view:
                written = os.write(self._out_fd, view)
                view = view[written:]

    def commands(self):
        """Yield command lines until end of input; blank lines are skipped."""
        for raw in self._in:
            line = raw.strip()
            if line:
                yield line


def open_channel() -> Channel:
    """Take fds 0 and 1 for the protocol and leave user code stderr for output and /dev/null for input.

    Python prints, C-level writes to fd 1 and child processes all land on stderr, so stdout carries only
    the protocol; user code reading stdin sees end of file instead of eating commands.
    """
    sys.stdout.flush()
    out_fd = os.dup(1)
    in_fd = os.dup(0)
    os.dup2(2, 1)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    sys.stdout = sys.stderr
    return Channel(in_fd, out_fd)
