/**
 * Report → Chrome Trace Event JSON (the "JSON Object Format"), which Perfetto and chrome://tracing open.
 * Layout: a "CPU cores" process first (one thread per core, holding which thread of which run ran there, plus
 * utilisation counters), then one process per run (one track per worker, its tasks as complete events).
 * Trace time is microseconds since the profile started, the Report's own seconds × 1e6.
 */
import type { Report, Run, TaskRecord } from '../contracts/report';
import { traitsOf } from '../engine';

/** One Chrome trace event (the subset this module writes). */
export interface TraceEvent {
  name: string;
  ph: 'X' | 'C' | 'M';
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  cat?: string;
  args?: Record<string, unknown>;
}

/** The trace document: events plus how the viewers should label time. */
export interface ChromeTrace {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms' | 'ns';
  otherData: Record<string, string>;
}

/** pid of the "CPU cores" process; runs follow from RUN_PID_BASE in report order. */
export const CORES_PID = 1;
const RUN_PID_BASE = 2;
/** tid of a run's summary track (its window); worker tracks start at 1. */
const RUN_TRACK_TID = 0;

const us = (seconds: number): number => Math.round(seconds * 1e9) / 1e3; // µs, kept to ns precision
const ms = (seconds: number): number => Math.round(seconds * 1e6) / 1e3;

/** Human name of a run's process, e.g. "processes ×4", "threads ×8 (skipped)" or "pypy3 · serial ×1". */
export function runLabel(run: Run): string {
  const chunk = traitsOf(run.strategy).chunked && run.chunksize > 1 ? `, chunksize ${run.chunksize}` : '';
  const status = run.status === 'ok' ? '' : ` (${run.status}${run.reason ? `: ${run.reason}` : ''})`;
  return `${run.interpreter ? `${run.interpreter} · ` : ''}${run.strategy} ×${run.workers}${chunk}${status}`;
}

/** Convert a Report into a Chrome Trace Event document. */
export function toChromeTrace(report: Report): ChromeTrace {
  const ev: TraceEvent[] = [];
  const meta = (pid: number, tid: number, name: string, args: Record<string, unknown>): void => {
    ev.push({ name, ph: 'M', pid, tid, ts: 0, args });
  };

  meta(CORES_PID, 0, 'process_name', { name: 'CPU cores' });
  meta(CORES_PID, 0, 'process_sort_index', { sort_index: 0 });
  for (const core of report.cores) {
    const tid = core.core + 1; // tid 0 is avoided: some viewers treat it as "no thread"
    meta(CORES_PID, tid, 'thread_name', { name: `core ${core.core}` });
    meta(CORES_PID, tid, 'thread_sort_index', { sort_index: tid });
    for (const s of core.segments) {
      const args: Record<string, unknown> = { pid: s.pid, tid: s.tid };
      if (s.worker !== undefined) args.worker = s.worker;
      ev.push({ name: s.run, cat: 'core', ph: 'X', pid: CORES_PID, tid, ts: us(s.start), dur: us(s.end - s.start), args });
    }
    for (const u of core.utilisation) {
      // One counter track per core; the value is a percentage so the axis reads naturally.
      ev.push({ name: `core ${core.core} busy %`, ph: 'C', pid: CORES_PID, tid: 0, ts: us(u.t), args: { busy: Math.round(u.busy * 1000) / 10 } });
    }
  }

  report.runs.forEach((run, i) => {
    const pid = RUN_PID_BASE + i;
    meta(pid, 0, 'process_name', { name: runLabel(run) });
    meta(pid, 0, 'process_sort_index', { sort_index: i + 1 });
    meta(pid, RUN_TRACK_TID, 'thread_name', { name: 'run' });
    meta(pid, RUN_TRACK_TID, 'thread_sort_index', { sort_index: 0 });
    if (run.window && run.window.end > run.window.start) {
      ev.push({
        name: run.id,
        cat: 'run',
        ph: 'X',
        pid,
        tid: RUN_TRACK_TID,
        ts: us(run.window.start),
        dur: us(run.window.end - run.window.start),
        args: {
          mechanism: run.mechanism,
          status: run.status,
          wallMedianMs: ms(run.wall.median),
          speedup: run.speedup,
          parallelism: run.parallelism,
          error: run.error ? `${run.error.type}: ${run.error.message}` : null,
        },
      });
    }
    if (run.taskSegments) {
      segmentEvents(run, pid, meta, ev);
      return;
    }
    let nextTid = 1;
    for (const [worker, lanes] of laneTasks(run.tasks)) {
      lanes.forEach((lane, l) => {
        const tid = nextTid++;
        // Overlapping tasks on one worker (async) would mis-nest on one track, so each extra lane gets its own.
        const name = lanes.length > 1 ? `worker ${worker} · slot ${l}` : `worker ${worker}`;
        const first = lane[0];
        meta(pid, tid, 'thread_name', { name: `${name} (pid ${first.pid}, tid ${first.tid})` });
        meta(pid, tid, 'thread_sort_index', { sort_index: tid });
        for (const t of lane) {
          const args: Record<string, unknown> = {
            index: t.index, cpuMs: ms(t.cpu), pid: t.pid, tid: t.tid, failed: t.failed === true,
          };
          if (t.queueWait !== undefined) args.queueWaitMs = ms(t.queueWait);
          ev.push({ name: `task ${t.index}`, cat: 'task', ph: 'X', pid, tid, ts: us(t.start), dur: us(Math.max(0, t.end - t.start)), args });
        }
      });
    }
  });

  return {
    traceEvents: ev,
    displayTimeUnit: 'ms',
    otherData: {
      tool: `${report.tool.name} ${report.tool.version}`,
      createdAt: report.createdAt,
      target: `${report.target.file}:${report.target.function}`,
    },
  };
}

/** A large run's workers, one track each, their merged segments as complete events ("1,250 tasks from task 0"). */
function segmentEvents(
  run: Run, pid: number, meta: (pid: number, tid: number, name: string, args: Record<string, unknown>) => void,
  ev: TraceEvent[],
): void {
  const tids = new Map<number, number>();
  const workers = run.taskStats?.workers ?? [];
  for (const g of run.taskSegments ?? []) {
    let tid = tids.get(g.worker);
    if (tid === undefined) {
      tid = tids.size + 1;
      tids.set(g.worker, tid);
      const w = workers.find((x) => x.worker === g.worker);
      meta(pid, tid, 'thread_name', { name: `worker ${g.worker}${w ? ` (pid ${w.pid}, tid ${w.tid})` : ''}` });
      meta(pid, tid, 'thread_sort_index', { sort_index: tid });
    }
    const args = { tasks: g.tasks, firstIndex: g.first, busyMs: ms(g.busy), cpuMs: ms(g.cpu), failed: g.failed };
    ev.push({ name: `${g.tasks} tasks from task ${g.first}`, cat: 'tasks', ph: 'X', pid, tid, ts: us(g.start), dur: us(Math.max(0, g.end - g.start)), args });
  }
}

/** Group tasks by worker (ascending), then split each worker's tasks into non-overlapping lanes, greedily by start. */
function laneTasks(tasks: readonly TaskRecord[]): Map<number, TaskRecord[][]> {
  const byWorker = new Map<number, TaskRecord[]>();
  for (const t of tasks) {
    const list = byWorker.get(t.worker);
    if (list) list.push(t);
    else byWorker.set(t.worker, [t]);
  }
  const out = new Map<number, TaskRecord[][]>();
  for (const worker of [...byWorker.keys()].sort((a, b) => a - b)) {
    const sorted = byWorker.get(worker)!.slice().sort((a, b) => a.start - b.start || a.index - b.index);
    const lanes: TaskRecord[][] = [];
    const laneEnd: number[] = [];
    for (const t of sorted) {
      let l = laneEnd.findIndex((end) => end <= t.start);
      if (l < 0) {
        l = lanes.length;
        lanes.push([]);
        laneEnd.push(0);
      }
      lanes[l].push(t);
      laneEnd[l] = Math.max(t.end, t.start);
    }
    out.set(worker, lanes);
  }
  return out;
}
