import type { StrategyName } from '../../contracts/report';
import { DEFAULT_SAMPLER_HZ } from '../sampling/sampler';

/** One configuration to measure. */
export interface Config {
  id: string;
  strategy: StrategyName;
  workers: number;
  chunksize: number;
}

/** Defaults a ProfileRequest leaves out. */
export const DEFAULTS = {
  tasks: 8,
  budget: 60,
  timeout: 60,
  samplerHz: DEFAULT_SAMPLER_HZ,
  python: 'python3',
  /** Repeats every contender gets when the budget allows. */
  minRepeats: 3,
  /** Repeats beyond which more samples rarely change a verdict. */
  maxRepeats: 7,
};

/** A run already this many times slower than the best so far is stopped early. */
export const EARLY_STOP_FACTOR = 10;
/** Early stopping never cuts a run shorter than this, so start-up jitter alone never stops one. */
export const EARLY_STOP_FLOOR_S = 1;
/** Configurations within this factor of the best round-one time are contenders and get repeated. */
export const CONTENDER_FACTOR = 1.25;
/** Serial CPU÷wall below which tasks are "mostly waiting", so threads/async are swept past the core count. */
export const WAITING_CPU_RATIO = 0.5;
/** Largest worker count the waiting-work extension tries. */
export const MAX_EXTENDED_WORKERS = 64;
/** An extension step must improve wall time by this fraction to justify the next doubling. */
export const FLATTEN_GAIN = 0.1;
/**
 * Estimated cost of handing one chunk to a process-pool worker and getting its result back (seconds), before
 * pickling. Chunks are sized so that their work dwarfs it.
 */
export const PROCESS_DISPATCH_S = 150e-6;
/** Chunk work should be at least this many times the dispatch cost. */
export const CHUNK_WORK_FACTOR = 20;
/** Chunks per worker kept at least this many, so the pool can still balance the load. */
export const CHUNKS_PER_WORKER = 4;

/** Powers of two from 1 up to twice the logical cores: covers under-, exact and over-subscription on any machine. */
export function defaultWorkerCounts(logicalCores: number): number[] {
  const out: number[] = [];
  for (let n = 1; n <= Math.max(2, 2 * logicalCores); n *= 2) out.push(n);
  return out;
}

/** Stable id of a configuration: "serial", "threads-4", "processes-2". */
export function configId(strategy: StrategyName, workers: number): string {
  return strategy === 'serial' ? 'serial' : `${strategy}-${workers}`;
}

/**
 * Chunk size for a process pool: large enough that a chunk's work dwarfs dispatch and pickling, small enough that
 * every worker still gets several chunks to balance uneven tasks.
 */
export function chooseChunksize(taskSeconds: number, pickleSecondsPerTask: number, tasks: number, workers: number): number {
  const perTask = Math.max(taskSeconds, 1e-9);
  const dispatch = PROCESS_DISPATCH_S + pickleSecondsPerTask;
  const forWork = Math.ceil((CHUNK_WORK_FACTOR * dispatch) / perTask);
  const forBalance = Math.max(1, Math.floor(tasks / (workers * CHUNKS_PER_WORKER)));
  return Math.max(1, Math.min(forWork, forBalance));
}

/** Why a strategy cannot run here, or null when it can. */
export interface Applicability {
  isCoroutine: boolean;
  picklable: { ok: boolean; reason?: string };
  hasInterpreterPool: boolean;
  version: string;
  /** The runner's hello.implementation: 'Node.js' selects the JavaScript reasons. */
  implementation?: string;
}

/** The reason a strategy does not apply to this function and interpreter, or null. */
export function notApplicable(strategy: StrategyName, a: Applicability): string | null {
  if (a.implementation === 'Node.js') return notApplicableJs(strategy, a);
  switch (strategy) {
    case 'serial':
    case 'threads':
      return null;
    case 'processes':
      return a.picklable.ok ? null : `function or arguments cannot be pickled: ${a.picklable.reason ?? 'unknown reason'}`;
    case 'async':
      return a.isCoroutine ? null : 'the function is not a coroutine function (async def), so asyncio cannot overlap it';
    case 'interpreters':
      return a.hasInterpreterPool
        ? (a.picklable.ok ? null : `function or arguments cannot be shared with subinterpreters: ${a.picklable.reason ?? ''}`)
        : `concurrent.futures.InterpreterPoolExecutor needs Python 3.14+ (this is ${a.version})`;
    case 'dask':
      return 'dask runs need a dask.distributed cluster, which this version does not start yet';
  }
}

/** JavaScript/TypeScript: workers get a structured clone of the arguments; there are no subinterpreters or dask. */
function notApplicableJs(strategy: StrategyName, a: Applicability): string | null {
  switch (strategy) {
    case 'serial':
      return null;
    case 'threads':
    case 'processes':
      return a.picklable.ok ? null : `arguments cannot be structured-cloned to a worker: ${a.picklable.reason ?? 'unknown reason'}`;
    case 'async':
      return a.isCoroutine ? null : 'the function is not async and returns no promise, so one event loop cannot overlap its tasks';
    case 'interpreters':
      return 'not available for JavaScript (subinterpreters are a Python 3.14 feature; worker threads are the JavaScript equivalent)';
    case 'dask':
      return 'not available for JavaScript (dask is a Python cluster)';
  }
}

/**
 * Round-one order: by worker count first, strategies interleaved, so that if the budget runs out it is the largest,
 * least informative counts that go unmeasured.
 */
export function roundOneOrder(strategies: StrategyName[], workers: number[]): Config[] {
  const out: Config[] = [];
  if (strategies.includes('serial')) out.push({ id: 'serial', strategy: 'serial', workers: 1, chunksize: 1 });
  const counts = [...new Set(workers)].sort((a, b) => a - b);
  for (const n of counts) {
    for (const s of strategies) {
      if (s === 'serial') continue;
      out.push({ id: configId(s, n), strategy: s, workers: n, chunksize: 1 });
    }
  }
  return out;
}

/**
 * For mostly-waiting work, the next worker count to try for a strategy whose sweep has reached its top count, or
 * null once gains flatten (the last doubling improved wall time by less than FLATTEN_GAIN) or the cap is reached.
 */
export function nextExtension(topWorkers: number, topWall: number, previousWall: number | undefined): number | null {
  if (previousWall === undefined) return null;
  if (topWall > previousWall * (1 - FLATTEN_GAIN)) return null;
  const next = topWorkers * 2;
  return next <= MAX_EXTENDED_WORKERS ? next : null;
}

/** A configuration's first-round result, for choosing what to repeat. */
export interface FirstLook {
  id: string;
  strategy: StrategyName;
  workers: number;
  wall: number;
}

/** Fewer workers of the best strategy are repeated when within this factor: they decide the worker count. */
export const FEWER_WORKERS_FACTOR = 2;

/**
 * Contenders: the configurations whose repeats can change the verdict. Serial (the baseline), everything within
 * CONTENDER_FACTOR of the best, and the best strategy's smaller worker counts within FEWER_WORKERS_FACTOR that beat
 * serial (the recommendation prefers fewer workers when they are as fast, so one unlucky first sample must not rule
 * them out).
 */
export function contenders(looks: FirstLook[]): string[] {
  const best = looks.reduce<FirstLook | undefined>((a, b) => (!a || b.wall < a.wall ? b : a), undefined);
  if (!best) return [];
  const serial = looks.find((l) => l.id === 'serial');
  // A smaller count matters only if it could be the answer: it must at least have beaten serial.
  const couldWin = (l: FirstLook) => !serial || l.wall < serial.wall;
  return looks
    .filter((l) => l.id === 'serial' || l.wall <= best.wall * CONTENDER_FACTOR
      || (l.strategy === best.strategy && l.workers < best.workers && l.wall <= best.wall * FEWER_WORKERS_FACTOR && couldWin(l)))
    .map((l) => l.id);
}
