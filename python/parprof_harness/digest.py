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


def _bytes_of(value):
    """Raw bytes for bytes-like values (hashed as they are), else None: repr of 100 MB of bytes is a 400 MB string."""
    if isinstance(value, (bytes, bytearray)):
        return value
    if isinstance(value, memoryview):
        return value.cast("B") if value.contiguous else value.tobytes()
    return None


def results_digest(results: list) -> dict:
    """{hash, tasks, preview, comparable} over the results in task order."""
    digest = hashlib.sha256()
    comparable = True
    preview = ""
    for index, value in enumerate(results):
        raw = _bytes_of(value)
        if raw is not None:
            # Tagged with the type and the length, so b"1" and the int 1 (repr "1") never hash alike.
            digest.update(f"<{type(value).__name__} {len(raw)}>".encode())
            digest.update(raw)
            digest.update(b"\x00")
            if index == 0:
                head = _safe_repr(bytes(raw[: _PREVIEW_CHARS // 4]))
                preview = head if len(raw) <= _PREVIEW_CHARS // 4 else head + f"... ({len(raw)} bytes)"
            continue
        text = _safe_repr(value)
        if _ADDRESS.search(text):
            comparable = False
        if index == 0:
            preview = text if len(text) <= _PREVIEW_CHARS else text[: _PREVIEW_CHARS - 3] + "..."
        digest.update(text.encode("utf-8", "backslashreplace"))
        digest.update(b"\x00")
    return {"hash": digest.hexdigest(), "tasks": len(results), "preview": preview, "comparable": comparable}
