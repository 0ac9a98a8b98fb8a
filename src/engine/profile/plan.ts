import type { StrategyName } from '../../contracts/report';
import { BASELINE, isBaseline, traitsOf } from '../strategies/catalogue';
import { DEFAULT_SAMPLER_HZ } from '../sampling/sampler';
import { HYPERTHREAD_MIN_GAIN, MIN_GAIN } from '../analysis/thresholds';
import { CONTENDER_FACTOR, MAX_EXTENDED_WORKERS, FLATTEN_GAIN, PROCESS_DISPATCH_S, CHUNK_WORK_FACTOR, CHUNKS_PER_WORKER, FEWER_WORKERS_FACTOR } from '../analysis/thresholds';

/** One configuration to measure. */
export interface Config {
  id: string;
  strategy: StrategyName;
  workers: number;
  chunksize: number;
  /** Threads each worker's native libraries may run (OMP_NUM_THREADS and siblings); absent: their defaults. */
  nativeThreads?: number;
  /** Id of the configuration this one varies (another chunk size, a native-thread limit). */
  variantOf?: string;
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


/** Powers of two from 1 up to twice the logical cores: covers under-, exact and over-subscription on any machine. */
export function defaultWorkerCounts(logicalCores: number): number[] {
  const out: number[] = [];
  for (let n = 1; n <= Math.max(2, 2 * logicalCores); n *= 2) out.push(n);
  return out;
}

/** Stable id of a configuration: "serial", "threads-4", "processes-2"; variants add "-c64" or "-native1". */
export function configId(
  strategy: StrategyName, workers: number, variant: { chunksize?: number; nativeThreads?: number } = {},
): string {
  if (isBaseline(strategy)) return strategy;
  const chunk = variant.chunksize !== undefined ? `-c${variant.chunksize}` : '';
  const native = variant.nativeThreads !== undefined ? `-native${variant.nativeThreads}` : '';
  return `${strategy}-${workers}${chunk}${native}`;
}

/**
 * Chunk size for a process pool: large enough that a chunk's work dwarfs dispatch and pickling, small enough that
 * every worker still gets several chunks to balance uneven tasks.
 */
export function chooseChunksize(
  taskSeconds: number, pickleSecondsPerTask: number, tasks: number, workers: number,
): number {
  const perTask = Math.max(taskSeconds, 1e-9);
  const dispatch = PROCESS_DISPATCH_S + pickleSecondsPerTask;
  const forWork = Math.ceil((CHUNK_WORK_FACTOR * dispatch) / perTask);
  const forBalance = Math.max(1, Math.floor(tasks / (workers * CHUNKS_PER_WORKER)));
  return Math.max(1, Math.min(forWork, forBalance));
}

/** The asked worker counts split at the task count: more workers than tasks would measure only start-up. */
export function capWorkerCounts(asked: readonly number[], tasks: number): { kept: number[]; dropped: number[] } {
  const counts = [...new Set(asked)].sort((a, b) => a - b);
  const kept = counts.filter((n) => n <= Math.max(1, tasks));
  return { kept: kept.length ? kept : [1], dropped: counts.filter((n) => !kept.includes(n)) };
}

/**
 * Round-one order: by worker count first, strategies interleaved, so that if the budget runs out it is the largest,
 * least informative counts that go unmeasured.
 */
export function roundOneOrder(strategies: StrategyName[], workers: number[]): Config[] {
  const out: Config[] = [];
  if (strategies.includes(BASELINE)) {
    out.push({ id: configId(BASELINE, 1), strategy: BASELINE, workers: 1, chunksize: 1 });
  }
  const counts = [...new Set(workers)].sort((a, b) => a - b);
  for (const n of counts) {
    for (const s of strategies) {
      if (isBaseline(s)) continue;
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

/** What decides whether more samples of a configuration could ever make it the verdict. */
export interface RuleOutFacts {
  /** Serial's median wall so far. */
  serialWall: number;
  physicalCores: number;
  logicalCores: number;
  /** The work is CPU-bound (so a process pool's useful size is the physical core count). */
  cpuBound: boolean;
}

/**
 * Why repeating a configuration cannot change the verdict, or null when it could: the model rules it out.
 * - a one-worker pool that did not beat serial: it is never the answer, and there is no finding to confirm;
 * - for CPU-bound work, a pool of a core-bound strategy with more workers than physical cores, when even every
 *   logical core busy (speedup = logical cores) would not beat the best pool at or below the physical cores by
 *   HYPERTHREAD_MIN_GAIN, which the recommendation demands of such a pool.
 */
export function ruledOut(l: FirstLook, looks: readonly FirstLook[], f: RuleOutFacts): string | null {
  if (isBaseline(l.strategy)) return null;
  if (l.workers < 2 && !(l.wall * (1 + MIN_GAIN) <= f.serialWall)) return 'one worker, and not faster than serial';
  const t = traitsOf(l.strategy);
  if (!f.cpuBound || !t.crossesProcess || !t.boundedByLocalCores || l.workers <= f.physicalCores) return null;
  const alt = looks.filter((x) => x.strategy === l.strategy && x.workers >= 2 && x.workers <= f.physicalCores)
    .reduce<FirstLook | undefined>((a, b) => (!a || b.wall < a.wall ? b : a), undefined);
  if (!alt) return null;
  const fastestPossible = f.serialWall / f.logicalCores;
  if (fastestPossible * (1 + HYPERTHREAD_MIN_GAIN) > alt.wall) {
    return `at most ${f.logicalCores}× on ${f.logicalCores} cores, short of the ${Math.round(HYPERTHREAD_MIN_GAIN * 100)}% over ` +
      `${alt.id} that more workers than physical cores must show`;
  }
  return null;
}

/** A configuration's first-round result, for choosing what to repeat. */
export interface FirstLook {
  id: string;
  strategy: StrategyName;
  workers: number;
  wall: number;
}


/**
 * Contenders: the configurations whose repeats can change the verdict. Serial (the baseline), everything within
 * CONTENDER_FACTOR of the best, and the best strategy's smaller worker counts within FEWER_WORKERS_FACTOR that beat
 * serial (the recommendation prefers fewer workers when they are as fast, so one unlucky first sample must not rule
 * them out).
 */
export function contenders(looks: FirstLook[]): string[] {
  const best = looks.reduce<FirstLook | undefined>((a, b) => (!a || b.wall < a.wall ? b : a), undefined);
  if (!best) return [];
  const serial = looks.find((l) => isBaseline(l.strategy));
  // A smaller count matters only if it could be the answer: it must at least have beaten serial.
  const couldWin = (l: FirstLook) => !serial || l.wall < serial.wall;
  return looks
    .filter((l) => isBaseline(l.strategy) || l.wall <= best.wall * CONTENDER_FACTOR
      || (l.strategy === best.strategy && l.workers < best.workers
        && l.wall <= best.wall * FEWER_WORKERS_FACTOR && couldWin(l)))
    .map((l) => l.id);
}
