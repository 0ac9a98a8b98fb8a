/**
 * Chunk-size sweep for process pools. The first chunk size comes from a model (plan.chooseChunksize: chunk work
 * ≥ 20× an assumed dispatch cost). For medium tasks (10–500 µs) the real dispatch cost decides whether processes
 * win at all, so when the measured overhead per task is a large share of the task, the sweep measures chunk sizes
 * ×4 and ÷4 around the first, keeps going in the direction that helped, and the recommendation takes the best
 * measured one. Pure decisions here; sweep.ts runs them.
 */
import { CHUNK_SWEEP_FACTOR, CHUNK_SWEEP_OVERHEAD_SHARE, FLATTEN_GAIN } from '../analysis/thresholds';
import { configId, type Config } from './plan';

/** What the first measurement of a chunked pool showed, per task. */
export interface ChunkFacts {
  /** Seconds one task takes serially. */
  taskSeconds: number;
  /** Seconds of pickling per task (arguments and result): chunking does not remove it. */
  pickleSeconds: number;
  /** Seconds of measured overhead per task in the pool run (wall beyond the work ÷ workers). */
  overheadSeconds: number;
  workers: number;
}

/**
 * Worth sweeping: the overhead chunking can remove (overhead beyond pickling) is at least CHUNK_SWEEP_OVERHEAD_SHARE
 * of a task, and pickling alone leaves room for a gain (its cost per task, spread over the workers, is below what
 * running side by side saves).
 */
export function worthSweeping(f: ChunkFacts): boolean {
  if (!(f.taskSeconds > 0) || f.workers < 2) return false;
  const removable = Math.max(0, f.overheadSeconds - f.pickleSeconds);
  const saved = f.taskSeconds * (1 - 1 / f.workers);
  return removable >= CHUNK_SWEEP_OVERHEAD_SHARE * f.taskSeconds && f.pickleSeconds < saved;
}

/** The largest useful chunk size: one chunk per worker (larger only leaves workers idle). */
export function maxChunk(tasks: number, workers: number): number {
  return Math.max(1, Math.ceil(tasks / Math.max(1, workers)));
}

/** A chunk-size variant of a configuration. */
export function chunkVariant(base: Config, chunksize: number): Config {
  const root = base.variantOf ?? base.id;
  const id = configId(base.strategy, base.workers, { chunksize, nativeThreads: base.nativeThreads });
  return { ...base, id, chunksize, variantOf: root };
}

/** The first two sizes to try around `current`, bounded to [1, maxChunk], without repeats. */
export function firstSteps(current: number, tasks: number, workers: number): number[] {
  const top = maxChunk(tasks, workers);
  const out = [Math.min(top, current * CHUNK_SWEEP_FACTOR), Math.max(1, Math.floor(current / CHUNK_SWEEP_FACTOR))];
  return [...new Set(out)].filter((c) => c !== current);
}

/**
 * The next size after a step from `from` to `to` whose wall went from `fromWall` to `toWall`: one more step the same
 * way while the last one gained at least FLATTEN_GAIN, else null.
 */
export function nextStep(
  from: number, to: number, fromWall: number, toWall: number, tasks: number, workers: number,
): number | null {
  if (!(toWall < fromWall * (1 - FLATTEN_GAIN))) return null;
  const next = to > from
    ? Math.min(maxChunk(tasks, workers), to * CHUNK_SWEEP_FACTOR)
    : Math.max(1, Math.floor(to / CHUNK_SWEEP_FACTOR));
  return next === to ? null : next;
}
