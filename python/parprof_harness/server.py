"""The command loop: one JSON command a line in, events out, until `exit` or end of input."""

import json
import signal

from .discover import discover_event
from .errors import HarnessFailure, describe_exception
from .hello import hello_event
from .memlimit import apply_limit
from .orphanguard import start_orphan_guard
from .loader import load_target, loaded_event
from .protocol import Channel, open_channel
from .runner import run_command


class Session:
    """Holds the loaded target between commands and answers each command with events."""

    def __init__(self, channel: Channel) -> None:
        self.channel = channel
        self.target = None

    def handle(self, line: bytes) -> bool:
        """Answer one command line; False when the driver asked to exit."""
        try:
            cmd = json.loads(line)
            if not isinstance(cmd, dict):
                raise ValueError("a command must be a JSON object")
        except ValueError as exc:
            self._error("protocol", "internal", {"type": "BadCommand", "message": f"unreadable command: {exc}"})
            return True
        name = cmd.get("cmd")
        ident = str(cmd.get("id", "run")) if name == "run" else str(name)
        try:
            if name == "exit":
                return False
            if name == "load":
                self.target = None  # a failed load must not leave the previous function runnable
                self.target = load_target(cmd["file"], cmd["function"], cmd.get("args"), cmd.get("tasks", 8))
                self.channel.send(loaded_event(self.target))
            elif name == "run":
                if self.target is None:
                    raise HarnessFailure("internal", "NotLoaded", "run before a successful load")
                self.channel.send(run_command(self.target, cmd, self.channel.send))
            elif name == "discover":
                self.channel.send(discover_event(cmd["file"]))
            else:
                raise HarnessFailure("internal", "BadCommand", f"unknown command {name!r}")
        except HarnessFailure as failure:
            self._error(ident, failure.kind, failure.error)
        except Exception as exc:  # a harness bug: report it and keep serving
            self._error(ident, "internal", describe_exception(exc))
        return True

    def _error(self, ident: str, kind: str, error: dict) -> None:
        self.channel.send({"type": "error", "id": ident, "kind": kind, "error": error})


def serve() -> int:
    """Take over stdio, say hello, and answer commands; returns the exit status."""
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # die at once, even if the parent ignored it
    apply_limit()  # before the user's module is imported: import-time allocations count too
    start_orphan_guard()
    channel = open_channel()
    channel.send(hello_event())
    session = Session(channel)
    for line in channel.commands():
        if not session.handle(line):
            break
    return 0
