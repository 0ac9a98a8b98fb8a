import type { DoneEvent, HarnessError, HarnessTaskStats, PickleStats, TaskAggregate as HarnessAggregate } from '../../contracts/runner';
import type {
  CoreTimeline, Overhead, Run, RunError, TaskAggregate, TaskRecord, TaskSegment, TaskStats, ThreadCpu,
} from '../../contracts/report';
import type { Config } from '../profile/plan';
import { estimate, median as medianOf } from '../analysis/stats';
import { isBaseline, traitsOf } from '../strategies/catalogue';
import { summariseTasks } from './taskStats';
import { SEGMENTS_PER_RUN, TASK_RECORDS_MAX, TASK_SAMPLE_SIZE, TASK_SAMPLE_SLOWEST } from '../analysis/thresholds';

/** One measured repeat of a configuration. */
export interface Sample {
  /** Id the sampler tagged this repeat's core segments with. */
  repeatId: string;
  done: DoneEvent;
  /** Seconds from pool creation to shutdown: what the user pays. */
  wall: number;
}

/** Everything measured for one configuration, before statistics. */
export interface ConfigState {
  config: Config;
  mechanism: string;
  samples: Sample[];
  status: Run['status'];
  reason?: string;
  error: RunError | null;
}

const NS = 1e9;

/** Convert a harness error to the Report's error shape. */
export function toRunError(e: HarnessError): RunError {
  return { ...e };
}

/** The repeat whose wall time is closest to the median: its tasks and core segments represent the configuration. */
export function representative(samples: Sample[], median: number): Sample | undefined {
  let best: Sample | undefined;
  for (const s of samples) if (!best || Math.abs(s.wall - median) < Math.abs(best.wall - median)) best = s;
  return best;
}

/** What the sweep asks every run for: every record up to TASK_RECORDS_MAX, aggregates and a sample beyond. */
export const TASK_RECORD_FIELDS = {
  taskRecords: TASK_RECORDS_MAX,
  taskSample: { size: TASK_SAMPLE_SIZE, slowest: TASK_SAMPLE_SLOWEST, segments: SEGMENTS_PER_RUN },
} as const;

/**
 * The event as the engine keeps it: a runner that sent every record of a large run (one that predates
 * `taskRecords`) gets the same aggregates, segments and sample here, so memory and the report stay bounded.
 */
export function boundedDone(done: DoneEvent): DoneEvent {
  if (done.taskStats || done.tasks.length <= TASK_RECORDS_MAX) return done;
  const sorted = done.tasks.slice().sort((a, b) => a.index - b.index);
  return { ...done, ...summariseTasks(sorted, done.t0, done.t1, TASK_RECORD_FIELDS.taskSample) };
}

/** Number workers 0..n-1 by (pid, tid) in order of their first task, so colours are stable and readable. */
export function workerNumbers(done: DoneEvent): Map<string, number> {
  const ids = new Map<string, number>();
  if (done.taskStats) {
    // The runner lists workers in order of their first start already.
    for (const w of done.taskStats.workers) ids.set(`${w.pid}:${w.tid}`, ids.size);
    return ids;
  }
  const order = done.tasks.slice().sort((a, b) => a.start - b.start);
  for (const t of order) {
    const key = `${t.pid}:${t.tid}`;
    if (!ids.has(key)) ids.set(key, ids.size);
  }
  return ids;
}

/** A runner aggregate in the Report's units: seconds, times since the profile origin. */
function toAggregate(a: HarnessAggregate, origin: number): TaskAggregate {
  const dist = (q: HarnessAggregate['duration']) => ({
    sum: q.sum / NS, min: q.min / NS, p50: q.p50 / NS, p90: q.p90 / NS, p99: q.p99 / NS, max: q.max / NS,
  });
  return {
    count: a.count, failed: a.failed, firstStart: (a.firstStart - origin) / NS, lastEnd: (a.lastEnd - origin) / NS,
    duration: dist(a.duration), cpu: dist(a.cpu), queueWait: dist(a.queueWait),
  };
}

/** The Report's TaskStats of a repeat the runner aggregated. */
export function toTaskStats(
  stats: HarnessTaskStats, sampled: number, originNs: bigint, workers: Map<string, number>,
): TaskStats {
  const origin = Number(originNs);
  return {
    ...toAggregate(stats.all, origin),
    workers: stats.workers.map((w) => ({
      ...toAggregate(w, origin), worker: workers.get(`${w.pid}:${w.tid}`) ?? 0, pid: w.pid, tid: w.tid,
    })),
    sampled,
  };
}

/** The Report's merged segments of a repeat the runner aggregated. */
export function toTaskSegments(done: DoneEvent, originNs: bigint, workers: Map<string, number>): TaskSegment[] {
  const origin = Number(originNs);
  return (done.taskSegments ?? []).map((g) => ({
    worker: workers.get(`${g.pid}:${g.tid}`) ?? 0, start: (g.start - origin) / NS, end: (g.end - origin) / NS,
    tasks: g.tasks, busy: g.busy / NS, cpu: g.cpu / NS, failed: g.failed, first: g.first,
  }));
}

/** First start, last end, summed duration (ns) and median queue wait (s) of a repeat's tasks, at any scale. */
function taskSpan(
  done: DoneEvent,
): { count: number; firstStart: number; lastEnd: number; busy: number; queueWait: number } {
  const all = done.taskStats?.all;
  if (all) {
    return {
      count: all.count, firstStart: all.firstStart, lastEnd: all.lastEnd, busy: all.duration.sum,
      queueWait: all.queueWait.p50 / NS,
    };
  }
  const tasks = done.tasks;
  let firstStart = done.t0;
  let lastEnd = done.t1;
  let busy = 0;
  const waits = new Array<number>(tasks.length);
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i];
    if (i === 0 || t.start < firstStart) firstStart = t.start;
    if (i === 0 || t.end > lastEnd) lastEnd = t.end;
    busy += t.end - t.start;
    waits[i] = t.queueWait / NS;
  }
  return { count: tasks.length, firstStart, lastEnd, busy, queueWait: medianOf(waits) };
}

/** Turn a repeat's harness tasks into Report tasks (seconds since the profile origin). */
export function toTasks(done: DoneEvent, originNs: bigint): TaskRecord[] {
  const origin = Number(originNs);
  const workers = workerNumbers(done);
  return done.tasks
    .map((t) => ({
      index: t.index,
      start: (t.start - origin) / NS,
      end: (t.end - origin) / NS,
      cpu: t.cpu / NS,
      worker: workers.get(`${t.pid}:${t.tid}`) ?? 0,
      pid: t.pid,
      tid: t.tid,
      queueWait: t.queueWait / NS,
      ...(t.failed ? { failed: true } : {}),
    }))
    .sort((a, b) => a.index - b.index);
}

/** Where a repeat's time went beyond the work (DESIGN §4 `overhead`). */
export function overheadOf(
  cfg: Config, done: DoneEvent, pickle: PickleStats | undefined, totalTasks: number,
): Overhead {
  const span = taskSpan(done);
  const wall = (done.t1 - done.t0) / NS;
  const { firstStart, lastEnd } = span;
  const busy = span.busy / NS;
  const lanes = Math.max(1, Math.min(cfg.workers, span.count));
  const crosses = traitsOf(cfg.strategy).crossesProcess;
  // Pickle stats come from the warm-up (a subset of tasks): scale them to this run's task count.
  const scale = pickle && pickle.tasks ? totalTasks / pickle.tasks : 1;
  const argBytes = crosses && pickle ? Math.round(pickle.argBytes * scale) : 0;
  const resultBytes = crosses && pickle ? Math.round(pickle.resultBytes * scale) : 0;
  const serialization = crosses && pickle ? ((pickle.argNs + pickle.resultNs) * scale) / NS : 0;
  return {
    startup: Math.max(0, (firstStart - done.t0) / NS),
    shutdown: Math.max(0, (done.t1 - lastEnd) / NS),
    queueWait: span.queueWait,
    argBytes,
    resultBytes,
    serialization,
    total: Math.max(0, wall - busy / lanes),
  };
}

/** Statistics for one configuration: the Run the Report carries (speedup filled in by `withSpeedups`). */
export function summarise(
  state: ConfigState, originNs: bigint, pickle: PickleStats | undefined, totalTasks: number,
): Run {
  const { config, samples } = state;
  const walls = samples.map((s) => s.wall);
  const wall = estimate(walls);
  const rep = representative(samples, wall.median);
  const user = medianOf(samples.map((s) => s.done.user));
  const sys = medianOf(samples.map((s) => s.done.sys));
  const parallelism = medianOf(samples.map((s) => (s.done.user + s.done.sys) / Math.max(s.wall, 1e-9)));
  const origin = Number(originNs);
  const delays = samples.flatMap((s) => (s.done.runDelay === undefined ? [] : [s.done.runDelay / NS]));
  const mainThreadRuns = traitsOf(config.strategy).onCallingThread;
  const emptyOverhead: Overhead = {
    startup: 0, shutdown: 0, queueWait: 0, argBytes: 0, resultBytes: 0, serialization: 0, total: 0,
  };
  return {
    id: config.id,
    strategy: config.strategy,
    workers: config.workers,
    chunksize: config.chunksize,
    mechanism: state.mechanism,
    status: state.status,
    ...(state.reason ? { reason: state.reason } : {}),
    wall,
    user,
    sys,
    speedup: 0,
    efficiency: 0,
    parallelism,
    overhead: rep ? overheadOf(config, rep.done, pickle, totalTasks) : emptyOverhead,
    ...(mainThreadRuns && delays.length ? { cpuWait: medianOf(delays) } : {}),
    tasks: rep ? toTasks(rep.done, originNs) : [],
    ...(rep?.done.taskStats ? largeRunFields(rep.done, originNs) : {}),
    ...faultsOf(samples),
    ...(config.nativeThreads ? { nativeThreads: config.nativeThreads } : {}),
    ...(config.variantOf ? { variantOf: config.variantOf } : {}),
    ...clusterOf(samples),
    window: rep ? { start: (rep.done.t0 - origin) / NS, end: (rep.done.t1 - origin) / NS } : { start: 0, end: 0 },
    repeats: samples.length,
    error: state.error,
  };
}

function largeRunFields(done: DoneEvent, originNs: bigint): Pick<Run, 'taskStats' | 'taskSegments'> {
  const workers = workerNumbers(done);
  return {
    taskStats: toTaskStats(done.taskStats!, done.tasks.length, originNs, workers),
    taskSegments: toTaskSegments(done, originNs, workers),
  };
}

/** A cluster run's cluster: the start-up of the cluster it ran on (median of the fresh starts), and every loss. */
function clusterOf(samples: Sample[]): Pick<Run, 'cluster'> {
  const infos = samples.flatMap((s) => (s.done.cluster ? [s.done.cluster] : []));
  if (!infos.length) return {};
  const fresh = infos.filter((c) => c.startupFresh);
  const last = infos[infos.length - 1];
  const lost = new Map<string, { address: string; pid: number }>();
  for (const c of infos) for (const w of c.lost) lost.set(w.address, { address: w.address, pid: w.pid });
  return {
    cluster: {
      scheduler: last.scheduler,
      kind: last.cluster,
      startup: medianOf((fresh.length ? fresh : infos).map((c) => c.startup / NS)),
      workers: last.workers.map((w) => w.address),
      clusterWorkers: last.clusterWorkers,
      lost: [...lost.values()],
      rerun: [...new Set(infos.flatMap((c) => c.rerun))].sort((a, b) => a - b),
      ...(phasesOf(infos) ? { phases: phasesOf(infos)! } : {}),
    },
  };
}

/** Each phase's median over the repeats whose task stream was read. */
function phasesOf(infos: NonNullable<DoneEvent['cluster']>[]): Record<string, number> | undefined {
  const read = infos.flatMap((c) => (c.phases && Object.keys(c.phases).length ? [c.phases] : []));
  if (!read.length) return undefined;
  const names = [...new Set(read.flatMap((p) => Object.keys(p)))];
  return Object.fromEntries(names.map((n) => [n, medianOf(read.map((p) => p[n] ?? 0))]));
}

/** Median page faults over the repeats that report them. */
function faultsOf(samples: Sample[]): Pick<Run, 'faults'> {
  const measured = samples.flatMap((s) => (s.done.faults ? [s.done.faults] : []));
  if (!measured.length) return {};
  return { faults: { minor: medianOf(measured.map((f) => f.minor)), major: medianOf(measured.map((f) => f.major)) } };
}

/** Fill speedup (serial median ÷ this median) and efficiency (speedup ÷ workers) once the serial baseline is known. */
export function withSpeedups(runs: Run[]): Run[] {
  const serial = runs.find((r) => isBaseline(r.strategy) && r.repeats > 0);
  const base = serial?.wall.median ?? 0;
  return runs.map((r) => {
    if (!base || !r.repeats || !r.wall.median) return r;
    const speedup = base / r.wall.median;
    return { ...r, speedup, efficiency: speedup / r.workers };
  });
}

/**
 * CPU per thread of each run's representative repeat, summed from its core segments (Linux; runs unchanged elsewhere).
 */
export function withThreadCpu(runs: Run[], cores: CoreTimeline[]): Run[] {
  const byRun = new Map<string, Map<string, ThreadCpu>>();
  for (const c of cores) {
    for (const seg of c.segments) {
      let threads = byRun.get(seg.run);
      if (!threads) byRun.set(seg.run, (threads = new Map()));
      const key = `${seg.pid}:${seg.tid}`;
      const t = threads.get(key) ?? { pid: seg.pid, tid: seg.tid, worker: seg.worker ?? -1, cpu: 0 };
      t.cpu += Math.max(0, seg.end - seg.start);
      threads.set(key, t);
    }
  }
  return runs.map((r) => {
    const threads = byRun.get(r.id);
    return threads ? { ...r, threadCpu: [...threads.values()].sort((a, b) => b.cpu - a.cpu) } : r;
  });
}

/**
 * Keep only the core segments of each run's representative repeat, relabelled with the run id and the worker that
 * thread served, so the timeline of a run shows exactly the repeat its tasks come from.
 */
export function attachSegments(cores: CoreTimeline[], states: ConfigState[], runs: Run[]): CoreTimeline[] {
  const byRepeat = new Map<string, { run: Run; workers: Map<string, number> }>();
  for (const run of runs) {
    const state = states.find((s) => s.config.id === run.id);
    const rep = state && representative(state.samples, run.wall.median);
    if (!rep) continue;
    byRepeat.set(rep.repeatId, { run, workers: workerNumbers(rep.done) });
  }
  return cores.map((c) => ({
    ...c,
    segments: c.segments.flatMap((seg) => {
      const hit = byRepeat.get(seg.run);
      if (!hit) return [];
      const worker = hit.workers.get(`${seg.pid}:${seg.tid}`) ?? -1;
      return [{ ...seg, run: hit.run.id, worker }];
    }),
  }));
}
