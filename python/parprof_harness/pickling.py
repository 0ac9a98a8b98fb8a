"""Picklability of the target (process pools need it) and pickle cost measurements."""

import pickle
import time


def check_picklable(fn, tasks: list) -> dict:
    """{ok} or {ok: false, reason} naming what cannot be pickled and how to fix it."""
    try:
        pickle.dumps(fn)
    except Exception as exc:
        name = getattr(fn, "__qualname__", repr(fn))
        return {
            "ok": False,
            "reason": (
                f"the function {name} cannot be pickled ({type(exc).__name__}: {exc}); process pools send it to "
                "workers by reference, so move it to module level and define it with def "
                "(not a lambda, a nested function or a decorator's inner wrapper)"
            ),
        }
    for index, args in enumerate(tasks):
        try:
            pickle.dumps(args)
        except Exception as exc:
            return {
                "ok": False,
                "reason": (
                    f"the arguments of task {index} cannot be pickled ({type(exc).__name__}: {exc}); pass plain data "
                    "(numbers, strings, lists, dicts) or instances of classes defined at module level"
                ),
            }
    return {"ok": True}


def _round_trip(values) -> tuple:
    """(bytes, ns, failures) to dumps+loads each value once."""
    total = failures = 0
    start = time.perf_counter_ns()
    for value in values:
        try:
            data = pickle.dumps(value)
            pickle.loads(data)
            total += len(data)
        except Exception:
            failures += 1
    return total, time.perf_counter_ns() - start, failures


def measure_pickle(tasks: list, results: list) -> dict:
    """PickleStats for every argument tuple and every successful result (run outside timed regions)."""
    arg_bytes, arg_ns, arg_fail = _round_trip(tasks)
    result_bytes, result_ns, result_fail = _round_trip(results)
    stats = {"argBytes": arg_bytes, "resultBytes": result_bytes, "argNs": arg_ns, "resultNs": result_ns}
    if arg_fail or result_fail:
        stats["unpicklable"] = arg_fail + result_fail
    return stats
