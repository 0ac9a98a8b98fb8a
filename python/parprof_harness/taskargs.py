"""Turn the --args expression (or a task count) into a list of positional-argument tuples."""

import inspect
import traceback

from .errors import HarnessFailure


def _bad(message: str, **extra) -> HarnessFailure:
    return HarnessFailure("input", "BadArgs", message, **extra)


def evaluate_tasks(expr, namespace: dict, fn, count) -> list:
    """Evaluate expr in the module's namespace; each element is a tuple of arguments or one bare argument."""
    if expr is None or not str(expr).strip():
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise _bad(f"--tasks must be a positive integer, got {count!r}")
        tasks = [()] * count
    else:
        try:
            value = eval(expr, namespace)  # noqa: S307 - the user's own expression, run like their own code
        except BaseException as exc:  # SystemExit from the expression is still a bad --args
            raise _bad(
                f"--args raised {type(exc).__name__}: {exc}",
                traceback="".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
            ) from None
        # str, bytes and dict are iterable but never mean "a list of tasks".
        if isinstance(value, (str, bytes, bytearray, dict)) or not _iterable(value):
            raise _bad(f"--args must yield a list of argument tuples, got {type(value).__name__}")
        try:
            items = list(value)
        except BaseException as exc:
            raise _bad(f"--args could not be iterated: {type(exc).__name__}: {exc}") from None
        if not items:
            raise _bad("--args yielded an empty list: there is nothing to run")
        # A tuple (namedtuples too, as in the paste-ready snippet) spreads into arguments; a list is one argument.
        tasks = [tuple(item) if isinstance(item, tuple) else (item,) for item in items]
    _check_arity(fn, tasks)
    return tasks


def _iterable(value) -> bool:
    try:
        iter(value)
        return True
    except TypeError:
        return False


def _check_arity(fn, tasks: list) -> None:
    """Fail early, once, when the function cannot take a task's number of arguments."""
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        return  # builtins without a signature: let the run tell
    seen = set()
    for index, args in enumerate(tasks):
        if len(args) in seen:
            continue
        seen.add(len(args))
        try:
            signature.bind(*args)
        except TypeError as exc:
            name = getattr(fn, "__name__", "function")
            hint = " (pass --args)" if not args else ""
            raise _bad(f"task {index}: {name}{signature} cannot be called with {len(args)} argument(s): {exc}{hint}") from None
