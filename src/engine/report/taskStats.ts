/**
 * Aggregates for runs with more tasks than a report keeps one by one (the `taskRecords` field of the run command):
 * exact counts, sums and order statistics of duration, CPU and queue wait for the run and per worker, every worker's
 * tasks merged into stretches for drawing, and a sample of the records. Pure, on protocol records (monotonic ns).
 *
 * The Python twin is python/parprof_harness/taskstats.py: the same quantile rule (linear interpolation between order
 * statistics, R's type 7, as analysis/stats.ts) and the same merging, so both runners agree. The Node runner uses
 * this module; the engine uses it too when a runner sent every record of a large run.
 * Loops only: no argument spreads, which overflow the stack past ~10^5 elements.
 */
import type { HarnessTask, HarnessTaskSegment, HarnessTaskStats, Quantiles, TaskAggregate } from '../../contracts/runner';

/** How a large run is cut down: sample size, how many of the sample are the slowest tasks, segment budget. */
export interface SampleSettings {
  size: number;
  slowest: number;
  segments: number;
}

/** What replaces the records of a large run in the `done` event. */
export interface Summarised {
  tasks: HarnessTask[];
  taskStats: HarnessTaskStats;
  taskSegments: HarnessTaskSegment[];
}

function quantileSorted(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Sum, min, p50, p90, p99 and max of the values (zeros for none). */
export function distribution(values: Float64Array): Quantiles {
  if (values.length === 0) return { sum: 0, min: 0, p50: 0, p90: 0, p99: 0, max: 0 };
  const sorted = values.slice().sort();
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i];
  return {
    sum, min: sorted[0], p50: quantileSorted(sorted, 0.5), p90: quantileSorted(sorted, 0.9),
    p99: quantileSorted(sorted, 0.99), max: sorted[sorted.length - 1],
  };
}

/** The TaskAggregate of a list of records. */
export function aggregate(tasks: readonly HarnessTask[]): TaskAggregate {
  const n = tasks.length;
  const duration = new Float64Array(n);
  const cpu = new Float64Array(n);
  const wait = new Float64Array(n);
  let failed = 0;
  let firstStart = n ? Infinity : 0;
  let lastEnd = n ? -Infinity : 0;
  for (let i = 0; i < n; i++) {
    const t = tasks[i];
    duration[i] = Math.max(0, t.end - t.start);
    cpu[i] = Math.max(0, t.cpu);
    wait[i] = Math.max(0, t.queueWait);
    if (t.failed) failed++;
    if (t.start < firstStart) firstStart = t.start;
    if (t.end > lastEnd) lastEnd = t.end;
  }
  return {
    count: n, failed, firstStart, lastEnd,
    duration: distribution(duration), cpu: distribution(cpu), queueWait: distribution(wait),
  };
}

/** Records grouped by (pid, tid), each group in start order, groups in order of their first start. */
export function byWorker(tasks: readonly HarnessTask[]): HarnessTask[][] {
  const groups = new Map<string, HarnessTask[]>();
  for (const t of tasks) {
    const key = `${t.pid}:${t.tid}`;
    const g = groups.get(key);
    if (g) g.push(t);
    else groups.set(key, [t]);
  }
  const out = [...groups.values()];
  for (const g of out) g.sort((a, b) => a.start - b.start || a.index - b.index);
  out.sort((a, b) => a[0].start - b[0].start || a[0].pid - b[0].pid || a[0].tid - b[0].tid);
  return out;
}

/** Each worker's tasks merged into stretches: a gap longer than window × workers ÷ budget starts a new one. */
export function segments(groups: readonly HarnessTask[][], windowNs: number, budget: number): HarnessTaskSegment[] {
  const gap = (windowNs * Math.max(1, groups.length)) / Math.max(1, budget);
  const out: HarnessTaskSegment[] = [];
  for (const group of groups) {
    let seg: HarnessTaskSegment | undefined;
    for (const t of group) {
      const end = Math.max(t.start, t.end);
      if (seg && t.start - seg.end <= gap) {
        if (end > seg.end) seg.end = end;
      } else {
        seg = { pid: t.pid, tid: t.tid, start: t.start, end, tasks: 0, busy: 0, cpu: 0, failed: 0, first: t.index };
        out.push(seg);
      }
      seg.tasks++;
      seg.busy += end - t.start;
      seg.cpu += Math.max(0, t.cpu);
      if (t.failed) seg.failed++;
    }
  }
  return out;
}

/** Up to `size` records in index order: failed ones first (at most half), then the `slowest` longest, then spread. */
export function sample(tasks: readonly HarnessTask[], size: number, slowest: number): HarnessTask[] {
  const n = tasks.length;
  if (n <= size) return tasks.slice();
  const chosen = new Set<number>();
  for (let i = 0; i < n && chosen.size < Math.floor(size / 2); i++) if (tasks[i].failed) chosen.add(i);
  for (const i of longest(tasks, Math.min(slowest, size - chosen.size))) chosen.add(i);
  const left = size - chosen.size;
  for (let k = 0; k < left; k++) {
    // Evenly spread; an index already taken gives way to the next free one, so the sample is full.
    let i = Math.min(n - 1, Math.floor(k * (n / left)));
    while (chosen.has(i) && i < n - 1) i++;
    chosen.add(i);
  }
  return [...chosen].sort((a, b) => a - b).map((i) => tasks[i]);
}

/**
 * Indices of the k longest tasks, longest first; ties go to the lower index (the order of heapq.nlargest in the
 * Python twin). One pass with a small sorted buffer: O(n log k), and nothing allocated per task.
 */
export function longest(tasks: readonly HarnessTask[], k: number): number[] {
  const top: number[] = [];
  const dur = (i: number) => tasks[i].end - tasks[i].start;
  // a before b in the answer: longer, or as long with a lower index.
  const before = (a: number, b: number) => dur(a) > dur(b) || (dur(a) === dur(b) && a < b);
  if (k <= 0) return top;
  for (let i = 0; i < tasks.length; i++) {
    if (top.length === k && !before(i, top[k - 1])) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(top[mid], i)) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, i);
    if (top.length > k) top.pop();
  }
  return top;
}

/** Sample, aggregates and segments for records sorted by index; t0..t1 is the run's window (ns). */
export function summariseTasks(
  tasks: readonly HarnessTask[], t0: number, t1: number, settings: SampleSettings,
): Summarised {
  const groups = byWorker(tasks);
  const workers = groups.map((g) => ({ ...aggregate(g), pid: g[0].pid, tid: g[0].tid }));
  return {
    tasks: sample(tasks, settings.size, Math.min(settings.size, settings.slowest)),
    taskStats: { all: aggregate(tasks), workers },
    taskSegments: segments(groups, Math.max(1, t1 - t0), settings.segments),
  };
}
