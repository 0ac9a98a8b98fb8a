"""Import the user's file as a plain module and resolve the function and its task arguments."""

import dataclasses
import hashlib
import importlib.util
import inspect
import os
import reprlib
import sys
import traceback

from .discover import top_level_functions
from .errors import HarnessFailure, describe_exception
from .importguard import ImportTimeSpawn, refuse_spawns, spawn_message
from .pickling import check_picklable
from .taskargs import evaluate_tasks


@dataclasses.dataclass
class Target:
    """A loaded function with its tasks: what every run command executes."""

    file: str
    module_name: str
    name: str
    fn: object
    tasks: list
    is_coroutine: bool
    line: object
    source_hash: object
    picklable: dict


_loaded_module_name = None  # the previous load's module, dropped on the next load


def _fail(type_: str, message: str, **extra) -> HarnessFailure:
    return HarnessFailure("input", type_, message, **extra)


def _restore(name: str, shadowed) -> None:
    if shadowed is None:
        sys.modules.pop(name, None)
    else:
        sys.modules[name] = shadowed


def import_user_module(path: str):
    """Execute the file as module `<stem>`, registered in sys.modules first so pools pickle by reference."""
    global _loaded_module_name
    if not os.path.isfile(path):
        raise _fail("FileNotFound", f"file not found: {path}")
    name = os.path.splitext(os.path.basename(path))[0]
    if _loaded_module_name is not None:
        sys.modules.pop(_loaded_module_name, None)
        _loaded_module_name = None
    # A file named like a module Python already imported (json.py, random.py) must not replace it for the
    # harness's own later imports; it is put back after exec, which leaves the function unpicklable by name.
    shadowed = sys.modules.get(name)
    directory = os.path.dirname(path)
    if directory in sys.path:
        sys.path.remove(directory)
    sys.path.insert(0, directory)  # sibling imports work as when the file runs as a script

    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    saved_argv = sys.argv
    sys.argv = [path]
    try:
        with refuse_spawns(path) as refused:
            spec.loader.exec_module(module)
        if refused:  # user code caught our exception; still a spawn at import
            raise refused[0]
    except ImportTimeSpawn as refusal:
        _restore(name, shadowed)
        raise _fail("ImportTimeSpawn", spawn_message(refusal), file=refusal.file, line=refusal.line) from None
    except SyntaxError as exc:  # in the file itself or in a module it imports
        _restore(name, shadowed)
        raise _fail("SyntaxError", f"{exc.msg} ({exc.filename}, line {exc.lineno})",
                    traceback="".join(traceback.format_exception_only(type(exc), exc)),
                    file=exc.filename, line=exc.lineno) from None
    except BaseException as exc:  # SystemExit at import is a user error too, not the end of the harness
        _restore(name, shadowed)
        error = describe_exception(exc, path)
        raise _fail(error["type"], f"importing {path} raised {error['type']}: {error['message']}",
                    traceback=error["traceback"], file=error.get("file"), line=error.get("line")) from None
    finally:
        sys.argv = saved_argv
    if shadowed is not None:
        sys.modules[name] = shadowed
    else:
        _loaded_module_name = name
    return module


def resolve_function(module, path: str, qualname: str):
    """getattr along a dotted name; FunctionNotFound lists the module's own functions."""
    obj = module
    try:
        for part in qualname.split("."):
            obj = getattr(obj, part)
    except AttributeError:
        own = sorted(
            n for n, v in vars(module).items()
            if inspect.isfunction(v) and getattr(v, "__module__", None) == module.__name__
        )
        listing = ", ".join(own) if own else "none"
        raise _fail("FunctionNotFound", f"no function '{qualname}' in {path}; functions defined there: {listing}") from None
    if not callable(obj):
        raise _fail("NotCallable", f"'{qualname}' in {path} is a {type(obj).__name__}, not a function")
    return obj


def _def_line(path: str, qualname: str, fn):
    """The def line from the syntax tree (as `discover` reports it), else the code object's first line."""
    try:
        with open(path, "rb") as handle:
            for entry in top_level_functions(handle.read(), path):
                if entry["name"] == qualname:
                    return entry["line"]
    except (OSError, SyntaxError, ValueError):
        pass
    code = getattr(inspect.unwrap(fn), "__code__", None)
    return code.co_firstlineno if code is not None else None


def _source_hash(fn):
    try:
        return hashlib.sha256(inspect.getsource(fn).encode("utf-8", "surrogatepass")).hexdigest()
    except (OSError, TypeError):
        return None


def load_target(file: str, qualname: str, args_expr, count) -> Target:
    """Import, resolve, evaluate the arguments and check picklability; raises HarnessFailure."""
    path = os.path.abspath(file)
    module = import_user_module(path)
    fn = resolve_function(module, path, qualname)
    tasks = evaluate_tasks(args_expr, vars(module), fn, count)
    picklable = check_picklable(fn, tasks)
    if sys.modules.get(module.__name__) is not module:
        picklable = {
            "ok": False,
            "reason": (
                f"{os.path.basename(path)} has the name of the module '{module.__name__}' that Python had already "
                "imported, so pool workers would import that module instead; rename the file"
            ),
        }
    return Target(
        file=path,
        module_name=module.__name__,
        name=qualname,
        fn=fn,
        tasks=tasks,
        is_coroutine=inspect.iscoroutinefunction(fn),
        line=_def_line(path, qualname, fn),
        source_hash=_source_hash(fn),
        picklable=picklable,
    )


_short = reprlib.Repr()
_short.maxstring = 60
_short.maxother = 60
_short.maxlist = _short.maxtuple = 6


def loaded_event(target: Target) -> dict:
    """The `loaded` event describing a Target."""
    sample = _short.repr(target.tasks[0])
    return {
        "type": "loaded",
        "function": target.name,
        "line": target.line,
        "isCoroutine": target.is_coroutine,
        "tasks": len(target.tasks),
        "sourceHash": target.source_hash,
        "picklable": target.picklable,
        "sampleArgs": sample if len(sample) <= 200 else sample[:197] + "...",
    }
