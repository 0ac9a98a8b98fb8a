import type { StrategyName } from '../../contracts/report';
import { BASELINE, isBaseline, traitsOf } from '../strategies/catalogue';
import { DEFAULT_SAMPLER_HZ } from '../sampling/sampler';
import { HIGH_CONFIDENCE_WIDTH, HYPERTHREAD_MIN_GAIN, MIN_GAIN, SERIAL_SETTLED_MARGIN } from '../analysis/thresholds';
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
 *   logical core busy (speedup = logical cores, or the best smaller pool's CPU work spread over every core) would not
 *   beat the best pool at or below the physical cores by HYPERTHREAD_MIN_GAIN, which the recommendation demands of
 *   such a pool.
 */
export function ruledOut(l: FirstLook, looks: readonly FirstLook[], f: RuleOutFacts): string | null {
  if (isBaseline(l.strategy)) return null;
  if (l.workers < 2 && !(l.wall * (1 + MIN_GAIN) <= f.serialWall)) return 'one worker, and not faster than serial';
  const t = traitsOf(l.strategy);
  if (!f.cpuBound || !t.crossesProcess || !t.boundedByLocalCores || l.workers <= f.physicalCores) return null;
  const smaller = looks.filter((x) => x.strategy === l.strategy && x.workers >= 2 && x.workers <= f.physicalCores);
  const alt = smaller.reduce<FirstLook | undefined>((a, b) => (!a || b.wall < a.wall ? b : a), undefined);
  if (!alt) return null;
  const fastestPossible = f.serialWall / f.logicalCores;
  const gain = `${Math.round(HYPERTHREAD_MIN_GAIN * 100)}%`;
  if (fastestPossible * (1 + HYPERTHREAD_MIN_GAIN) > alt.wall) {
    return `at most ${f.logicalCores}× on ${f.logicalCores} cores, short of the ${gain} over ` +
      `${alt.id} that more workers than physical cores must show`;
  }
  // The smaller pools' own CPU work bounds it tighter: with every core busy, tasks cost more CPU than the loop's
  // (shared caches, a VM host's neighbours), and a larger pool of the same strategy does at least the least of that
  // work (any chunk size) on the same cores, so it cannot finish before that work spread over all of them. It must
  // beat the smaller pool's slowest sample so far by the gain, so later samples of that pool cannot reopen it.
  const least = smaller.filter((x) => x.cpu !== undefined)
    .reduce<FirstLook | undefined>((a, b) => (!a || b.cpu! < a.cpu! ? b : a), undefined);
  if (least) {
    const floor = least.cpu! / f.logicalCores;
    const target = (alt.samples ?? [alt.wall]).reduce((a, b) => Math.max(a, b), alt.wall) / (1 + HYPERTHREAD_MIN_GAIN);
    if (floor > target) {
      return `${least.id} did ${least.cpu!.toFixed(3)} s of CPU work: spread over all ${f.logicalCores} cores that takes ` +
        `at least ${floor.toFixed(3)} s, and beating ${alt.id} (${alt.wall.toFixed(3)} s) by the ${gain} that more ` +
        `workers than physical cores must show needs ${target.toFixed(3)} s or less`;
    }
  }
  // A sequential test on the samples so far: the median of the samples it will have can fall no lower than
  // medianReach says, and the alternative's no higher, so no repeat up to DEFAULTS.minRepeats can give the gain.
  const mine = medianReach(l.samples ?? [l.wall], DEFAULTS.minRepeats)[0];
  const theirs = medianReach(alt.samples ?? [alt.wall], DEFAULTS.minRepeats)[1];
  if (mine * (1 + HYPERTHREAD_MIN_GAIN) > theirs) {
    return `its median cannot fall below ${mine.toFixed(3)} s whatever its next repeats show, and ${alt.id}'s cannot ` +
      `rise above ${theirs.toFixed(3)} s: short of the ${gain} that more workers than physical cores must show`;
  }
  return null;
}

/**
 * The lowest and highest values the median can take once a configuration has `total` samples, whatever the ones
 * still to come measure: each new sample can be arbitrarily fast or slow, so only order statistics of the samples
 * already taken bound it (two samples bound the median of three by their min and max; one sample bounds nothing).
 */
export function medianReach(samples: readonly number[], total: number): [number, number] {
  const s = samples.filter(Number.isFinite).sort((a, b) => a - b);
  const n = Math.max(total, s.length);
  const coming = n - s.length;
  // The k-th smallest (1-based) of all n samples: at least the (k − coming)-th of those taken (the new ones all
  // below it), at most the k-th of those taken (the new ones all above it).
  const low = (k: number) => (k - coming >= 1 ? s[k - coming - 1] : -Infinity);
  const high = (k: number) => (k <= s.length ? s[k - 1] : Infinity);
  const mid = [Math.floor((n + 1) / 2), Math.ceil((n + 1) / 2)];
  return [(low(mid[0]) + low(mid[1])) / 2, (high(mid[0]) + high(mid[1])) / 2];
}

/** A configuration's first-round result, for choosing what to repeat. */
export interface FirstLook {
  id: string;
  strategy: StrategyName;
  workers: number;
  /** Median wall so far. */
  wall: number;
  /** The walls measured so far; absent: `wall` is the only one. */
  samples?: readonly number[];
  /** The least CPU (user + sys of the process tree, seconds) any of its samples used; absent: not known. */
  cpu?: number;
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

/** What decides whether serial's next sample could change the verdict or its confidence. */
export interface SerialFacts {
  /** Serial's walls so far. */
  serial: readonly number[];
  /** The provisional choice's walls; absent when the provisional verdict is serial itself. */
  chosen?: readonly number[];
  /** The 95% wall intervals of every other configuration the provisional verdict compares (its basis). */
  compared: readonly (readonly [number, number])[];
}

/**
 * Why serial needs no third sample, or null when it does. Both must hold:
 * - the win cannot plausibly turn: every compared configuration's interval lies SERIAL_SETTLED_MARGIN or more below
 *   serial's faster sample (the median of three stays between the two samples; only a third far faster than both
 *   could pull serial's interval down to a compared one);
 * - the confidence cannot rise to high: serial's or the choice's samples already span more than HIGH_CONFIDENCE_WIDTH
 *   of their largest, and an interval of up to three samples (min to max) only widens as samples come.
 * A verdict of serial, or one sample of serial, always wants the next: serial's own interval is then the answer.
 */
export function serialSettled(f: SerialFacts): string | null {
  if (f.serial.length < 2 || f.serial.length >= DEFAULTS.minRepeats || !f.chosen || !f.compared.length) return null;
  const fastestSerial = f.serial.reduce((a, b) => Math.min(a, b), Infinity);
  const ceiling = fastestSerial * (1 - SERIAL_SETTLED_MARGIN);
  if (f.compared.some((ci) => !(ci[1] <= ceiling))) return null;
  const wide: [string, readonly number[]][] = [[BASELINE, f.serial], ['the choice', f.chosen]];
  const capped = wide.find(([, xs]) => xs.length <= DEFAULTS.minRepeats && span(xs) > HIGH_CONFIDENCE_WIDTH);
  if (!capped) return null;
  return `every compared configuration ran at least ${Math.round(SERIAL_SETTLED_MARGIN * 100)}% below serial's faster ` +
    `sample (${fastestSerial.toFixed(3)} s), and ${capped[0]} already spans ${Math.round(span(capped[1]) * 100)}% ` +
    `(high confidence needs ${Math.round(HIGH_CONFIDENCE_WIDTH * 100)}% at most): a third serial sample can change ` +
    'neither the verdict nor its confidence';
}

/**
 * Why serial needs no recheck after a one-worker pool beat it, or null when it does. A recheck guards against a
 * slow moment of the machine during serial's samples; once serial has DEFAULTS.minRepeats samples within
 * HIGH_CONFIDENCE_WIDTH of each other, such a moment would have had to slow every one of them alike, and more samples
 * of the same loop would only repeat the gap (a worker thread can run the same code faster than the main thread, see
 * findings.ts).
 */
export function serialAgrees(serial: readonly number[]): string | null {
  if (serial.length < DEFAULTS.minRepeats) return null;
  const width = span(serial);
  if (!(width <= HIGH_CONFIDENCE_WIDTH)) return null;
  const lo = serial.reduce((a, b) => Math.min(a, b), Infinity);
  const hi = serial.reduce((a, b) => Math.max(a, b), -Infinity);
  return `its ${serial.length} samples lie within ${Math.round(width * 100)}% of each other ` +
    `(${lo.toFixed(3)}–${hi.toFixed(3)} s): not a slow moment of the machine`;
}

/** (max − min) ÷ max of some walls: how far apart they lie, as a share of the largest; 0 for none. */
function span(xs: readonly number[]): number {
  const hi = xs.reduce((a, b) => Math.max(a, b), -Infinity);
  return hi > 0 ? (hi - xs.reduce((a, b) => Math.min(a, b), Infinity)) / hi : 0;
}
