"""A digest of a run's return values, so the same function under two interpreters can be compared.

repr, not pickle: pickle's bytes differ between implementations for equal values (PyPy and CPython memoise
differently), while repr of plain data (numbers, strings, lists, dicts, tuples) is the same everywhere. A repr that
holds a memory address says nothing about equality, so the digest says so instead of claiming a difference.
"""

import hashlib
import re

# "<Foo object at 0x7f...>": the default repr of instances and functions.
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
_PREVIEW_CHARS = 120


def _safe_repr(value) -> str:
    try:
        return repr(value)
    except Exception as exc:  # a user __repr__ that raises must not fail the run
        return f"<repr failed: {type(exc).__name__}>"


def results_digest(results: list) -> dict:
    """{hash, tasks, preview, comparable} over the results in task order."""
    digest = hashlib.sha256()
    comparable = True
    preview = ""
    for index, value in enumerate(results):
        text = _safe_repr(value)
        if _ADDRESS.search(text):
            comparable = False
        if index == 0:
            preview = text if len(text) <= _PREVIEW_CHARS else text[: _PREVIEW_CHARS - 3] + "..."
        digest.update(text.encode("utf-8", "backslashreplace"))
        digest.update(b"\x00")
    return {"hash": digest.hexdigest(), "tasks": len(results), "preview": preview, "comparable": comparable}
