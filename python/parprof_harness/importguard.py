"""Refuse processes started while the user's module is being imported (the missing main guard)."""

import contextlib
import multiprocessing.process
import os
import traceback

from .errors import same_file


class ImportTimeSpawn(BaseException):
    """Raised where the user's module starts a process at import.

    A BaseException, so a user's `except Exception` around the pool does not hide it.
    """

    def __init__(self, what: str, file, line) -> None:
        super().__init__(what)
        self.what, self.file, self.line = what, file, line


def _user_location(user_file):
    """(file, line) of the innermost frame of the current stack in the user's file."""
    for frame in reversed(traceback.extract_stack()):
        if same_file(frame.filename, user_file):
            return frame.filename, frame.lineno
    return user_file, None


@contextlib.contextmanager
def refuse_spawns(user_file: str):
    """Within the block, starting a multiprocessing process or calling os.fork raises ImportTimeSpawn.

    Yields a list that collects every refusal, so one swallowed by user code is still reported.
    """
    refused = []

    def refuse(what):
        file, line = _user_location(user_file)
        refused.append(ImportTimeSpawn(what, file, line))
        raise refused[-1]

    original_start = multiprocessing.process.BaseProcess.start
    original_fork = getattr(os, "fork", None)
    multiprocessing.process.BaseProcess.start = lambda self: refuse("starts a multiprocessing process")
    if original_fork is not None:
        os.fork = lambda: refuse("calls os.fork()")
    try:
        yield refused
    finally:
        multiprocessing.process.BaseProcess.start = original_start
        if original_fork is not None:
            os.fork = original_fork


def spawn_message(refusal: ImportTimeSpawn) -> str:
    """The user-facing explanation of an import-time spawn, naming file:line."""
    where = f"{refusal.file}:{refusal.line}" if refusal.line else str(refusal.file)
    return (
        f"{where} {refusal.what} while the module is being imported. The profiler imports your file as a "
        "module (not as __main__), and process pools re-import it in every worker, so code at module level "
        'that starts processes must be wrapped in `if __name__ == "__main__":`.'
    )
