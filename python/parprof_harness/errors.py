"""Harness errors as the protocol's HarnessError objects, located in the user's own file."""

import os
import traceback

from .memlimit import out_of_memory_message


class HarnessFailure(Exception):
    """A command that cannot proceed; carries the ErrorEvent kind and the HarnessError fields."""

    def __init__(self, kind: str, type_: str, message: str, **extra) -> None:
        super().__init__(message)
        self.kind = kind
        self.error = {"type": type_, "message": message}
        self.error.update({k: v for k, v in extra.items() if v is not None})


def same_file(a: str, b: str) -> bool:
    """Whether two paths name the same file (symlinks and relative paths resolved)."""
    try:
        return os.path.realpath(a) == os.path.realpath(b)
    except (TypeError, ValueError):
        return False


def innermost_user_frame(tb, user_file):
    """(file, line) of the deepest traceback frame inside the user's file, or None."""
    found = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if user_file and same_file(filename, user_file):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def describe_exception(exc: BaseException, user_file=None, skip_files=()) -> dict:
    """HarnessError fields for an exception: type, message, traceback text and the user's file/line.

    skip_files drops leading frames of the harness's own wrappers so the traceback starts in user code.
    """
    tb = exc.__traceback__
    while tb is not None and any(same_file(tb.tb_frame.f_code.co_filename, f) for f in skip_files):
        tb = tb.tb_next
    text = "".join(traceback.format_exception(type(exc), exc, tb))
    error = {"type": type(exc).__name__, "message": str(exc) or type(exc).__name__, "traceback": text}
    if isinstance(exc, MemoryError):  # under the profiler's rlimit this is almost always the limit, so say so
        error["message"] = out_of_memory_message(str(exc))
    where = innermost_user_frame(tb, user_file)
    if where is None and isinstance(exc, SyntaxError) and exc.filename and exc.lineno:
        where = (exc.filename, exc.lineno)
    if where is not None:
        error["file"], error["line"] = where
    return error
