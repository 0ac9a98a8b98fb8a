"""List a file's top-level functions from its syntax tree, without running it."""

import ast

from .errors import describe_exception


def _params(args: ast.arguments) -> list:
    names = [a.arg for a in args.posonlyargs + args.args]
    if args.vararg:
        names.append("*" + args.vararg.arg)
    names += [a.arg for a in args.kwonlyargs]
    if args.kwarg:
        names.append("**" + args.kwarg.arg)
    return names


def top_level_functions(source: bytes, filename: str) -> list:
    """name, def line, end line, parameters and async-ness of each top-level def; raises SyntaxError."""
    tree = ast.parse(source, filename)  # bytes honour a coding cookie
    return [
        {
            "name": node.name,
            "line": node.lineno,  # the def line, not the first decorator's
            "endLine": node.end_lineno or node.lineno,
            "params": _params(node.args),
            "isAsync": isinstance(node, ast.AsyncFunctionDef),
        }
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]


def discover_event(file: str) -> dict:
    """The `functions` event for a file; a missing file or a syntax error goes in `error`."""
    event = {"type": "functions", "file": file, "functions": []}
    try:
        with open(file, "rb") as handle:
            source = handle.read()
    except OSError as exc:
        event["error"] = {"type": "FileNotFound", "message": f"cannot read {file}: {exc.strerror or exc}"}
        return event
    try:
        event["functions"] = top_level_functions(source, file)
    except SyntaxError as exc:
        event["error"] = describe_exception(exc, file)
        event["error"]["message"] = f"{exc.msg} ({file}, line {exc.lineno})"
    except ValueError as exc:  # null bytes in the source
        event["error"] = {"type": "SyntaxError", "message": f"{file}: {exc}"}
    return event
