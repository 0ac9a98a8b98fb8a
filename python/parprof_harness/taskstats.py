"""Aggregates for runs with more tasks than the driver wants one by one (the `taskRecords` field of `run`).

Instead of every record, the `done` event then carries exact aggregates (counts, sums and order statistics of
duration, CPU and queue wait, for the run and per worker), every worker's tasks merged into stretches for drawing,
and a sample of the records. The twin in TypeScript is src/engine/report/taskStats.ts: the same quantile rule
(linear interpolation between order statistics, R's type 7) and the same merging, so both runners agree.

A record is (index, start, end, cpu, pid, tid, queueWait, ok, value), times in monotonic nanoseconds.
"""

import heapq

_INDEX, _START, _END, _CPU, _PID, _TID, _WAIT, _OK = range(8)


def _quantile(sorted_values, q):
    pos = q * (len(sorted_values) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def distribution(values) -> dict:
    """Sum, min, p50, p90, p99 and max of a list of numbers (sorted in place); zeros for none."""
    if not values:
        return {"sum": 0, "min": 0, "p50": 0, "p90": 0, "p99": 0, "max": 0}
    values.sort()
    return {
        "sum": sum(values),
        "min": values[0],
        "p50": _quantile(values, 0.5),
        "p90": _quantile(values, 0.9),
        "p99": _quantile(values, 0.99),
        "max": values[-1],
    }


def aggregate(records) -> dict:
    """The TaskAggregate of a list of records."""
    return {
        "count": len(records),
        "failed": sum(1 for r in records if not r[_OK]),
        "firstStart": min(r[_START] for r in records) if records else 0,
        "lastEnd": max(r[_END] for r in records) if records else 0,
        "duration": distribution([max(0, r[_END] - r[_START]) for r in records]),
        "cpu": distribution([max(0, r[_CPU]) for r in records]),
        "queueWait": distribution([max(0, r[_WAIT]) for r in records]),
    }


def by_worker(records) -> list:
    """Records grouped by (pid, tid), each group in start order, groups in order of their first start."""
    groups = {}
    for r in records:
        key = (r[_PID], r[_TID])
        group = groups.get(key)
        if group is None:
            groups[key] = [r]
        else:
            group.append(r)
    out = []
    for group in groups.values():
        group.sort(key=lambda r: (r[_START], r[_INDEX]))  # nearly sorted already: timsort makes this linear
        out.append(group)
    out.sort(key=lambda g: (g[0][_START], g[0][_PID], g[0][_TID]))
    return out


def segments(groups, window_ns: int, budget: int) -> list:
    """Each worker's tasks merged into stretches: a gap longer than window × workers ÷ budget starts a new one."""
    gap = window_ns * max(1, len(groups)) / max(1, budget)
    out = []
    for group in groups:
        seg = None
        for r in group:
            start, end = r[_START], max(r[_START], r[_END])
            if seg is not None and start - seg["end"] <= gap:
                if end > seg["end"]:
                    seg["end"] = end
            else:
                seg = {"pid": r[_PID], "tid": r[_TID], "start": start, "end": end, "tasks": 0, "busy": 0, "cpu": 0,
                       "failed": 0, "first": r[_INDEX]}
                out.append(seg)
            seg["tasks"] += 1
            seg["busy"] += end - start
            seg["cpu"] += max(0, r[_CPU])
            if not r[_OK]:
                seg["failed"] += 1
    return out


def sample(records, size: int, slowest: int) -> list:
    """Up to `size` records in index order: failed ones first, then the `slowest` longest, then evenly spread."""
    n = len(records)
    if n <= size:
        return list(records)
    chosen = set()
    for i, r in enumerate(records):
        if len(chosen) >= size // 2:  # failures never crowd out the rest of the picture
            break
        if not r[_OK]:
            chosen.add(i)
    for i in heapq.nlargest(min(slowest, size - len(chosen)), range(n), key=lambda k: records[k][_END] - records[k][_START]):
        chosen.add(i)
    left = size - len(chosen)
    if left > 0:
        step = n / left
        for k in range(left):
            # Evenly spread; an index already taken gives way to the next free one, so the sample is full.
            i = min(n - 1, int(k * step))
            while i in chosen and i < n - 1:
                i += 1
            chosen.add(i)
    return [records[i] for i in sorted(chosen)]


def summarise(records, t0: int, t1: int, sample_size: int, slowest: int, budget: int):
    """(sampled records, HarnessTaskStats, HarnessTaskSegment list) for records sorted by index."""
    groups = by_worker(records)
    workers = []
    for group in groups:
        agg = aggregate(group)
        agg["pid"], agg["tid"] = group[0][_PID], group[0][_TID]
        workers.append(agg)
    stats = {"all": aggregate(records), "workers": workers}
    return sample(records, sample_size, slowest), stats, segments(groups, max(1, t1 - t0), budget)
