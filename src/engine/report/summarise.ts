import type { DoneEvent, HarnessError, PickleStats } from '../../contracts/runner';
import type { CoreTimeline, Overhead, Run, RunError, TaskRecord } from '../../contracts/report';
import type { Config } from '../profile/plan';
import { estimate, median as medianOf } from '../analysis/stats';
import { isBaseline, traitsOf } from '../strategies/catalogue';

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

/** Number workers 0..n-1 by (pid, tid) in order of their first task, so colours are stable and readable. */
export function workerNumbers(done: DoneEvent): Map<string, number> {
  const order = [...done.tasks].sort((a, b) => a.start - b.start);
  const ids = new Map<string, number>();
  for (const t of order) {
    const key = `${t.pid}:${t.tid}`;
    if (!ids.has(key)) ids.set(key, ids.size);
  }
  return ids;
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
export function overheadOf(cfg: Config, done: DoneEvent, pickle: PickleStats | undefined, totalTasks: number): Overhead {
  const tasks = done.tasks;
  const wall = (done.t1 - done.t0) / NS;
  const firstStart = tasks.length ? Math.min(...tasks.map((t) => t.start)) : done.t0;
  const lastEnd = tasks.length ? Math.max(...tasks.map((t) => t.end)) : done.t1;
  const busy = tasks.reduce((a, t) => a + (t.end - t.start), 0) / NS;
  const lanes = Math.max(1, Math.min(cfg.workers, tasks.length));
  const crosses = traitsOf(cfg.strategy).crossesProcess;
  // Pickle stats come from the warm-up (a subset of tasks): scale them to this run's task count.
  const scale = pickle && pickle.tasks ? totalTasks / pickle.tasks : 1;
  const argBytes = crosses && pickle ? Math.round(pickle.argBytes * scale) : 0;
  const resultBytes = crosses && pickle ? Math.round(pickle.resultBytes * scale) : 0;
  const serialization = crosses && pickle ? ((pickle.argNs + pickle.resultNs) * scale) / NS : 0;
  return {
    startup: Math.max(0, (firstStart - done.t0) / NS),
    shutdown: Math.max(0, (done.t1 - lastEnd) / NS),
    queueWait: medianOf(tasks.map((t) => t.queueWait / NS)),
    argBytes,
    resultBytes,
    serialization,
    total: Math.max(0, wall - busy / lanes),
  };
}

/** Statistics for one configuration: the Run the Report carries (speedup filled in by `withSpeedups`). */
export function summarise(state: ConfigState, originNs: bigint, pickle: PickleStats | undefined, totalTasks: number): Run {
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
  const emptyOverhead: Overhead = { startup: 0, shutdown: 0, queueWait: 0, argBytes: 0, resultBytes: 0, serialization: 0, total: 0 };
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
    window: rep ? { start: (rep.done.t0 - origin) / NS, end: (rep.done.t1 - origin) / NS } : { start: 0, end: 0 },
    repeats: samples.length,
    error: state.error,
  };
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
