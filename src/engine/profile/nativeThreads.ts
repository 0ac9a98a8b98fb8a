/**
 * Variants for work that is parallel inside: when the serial run already keeps more than one core busy (a BLAS,
 * OpenMP or numexpr thread pool inside each task), a pool of w workers stacks w such pools on the cores. The usual
 * fix is OMP_NUM_THREADS=1 (or cores ÷ workers) and its siblings per worker, so the sweep measures those variants
 * beside the plain pools and the recommendation can pick one; the snippet then sets the variables.
 */
import type { DoneEvent } from '../../contracts/runner';
import { NATIVE_PARALLEL_MIN_CORES } from '../analysis/thresholds';
import { traitsOf } from '../strategies/catalogue';
import { configId, type Config } from './plan';

const NS = 1e9;

/** Cores a run's process tree kept busy: (user + sys) ÷ wall. */
export function coresBusy(done: DoneEvent): number {
  const wall = (done.t1 - done.t0) / NS;
  return wall > 0 ? (done.user + done.sys) / wall : 0;
}

/** True when a serial run's tree kept at least NATIVE_PARALLEL_MIN_CORES busy: a library ran threads of its own. */
export function parallelInside(serial: DoneEvent, logicalCores: number): boolean {
  return logicalCores >= 2 && coresBusy(serial) >= NATIVE_PARALLEL_MIN_CORES;
}

/**
 * Thread limits worth measuring for a pool of `workers` on `cores` logical cores, without oversubscription: 1, and
 * cores ÷ workers when that is more than 1 (each worker then gets its share of the cores).
 */
export function nativeLimits(workers: number, cores: number): number[] {
  const share = Math.floor(cores / workers);
  return share > 1 ? [1, share] : [1];
}

/**
 * The variants of measured pools: for each configuration of a strategy whose workers' native libraries can be
 * limited, with 2 or more workers and at most one worker per logical core (beyond that every core already has a
 * worker, so each limit is 1 and the pool is oversubscribed anyway), one configuration per limit.
 */
export function nativeThreadVariants(measured: readonly Config[], cores: number): Config[] {
  const out: Config[] = [];
  for (const c of measured) {
    if (!traitsOf(c.strategy).limitsNativeThreads || c.nativeThreads !== undefined || c.variantOf) continue;
    if (c.workers < 2 || c.workers > cores) continue;
    for (const n of nativeLimits(c.workers, cores)) {
      out.push({ ...c, id: configId(c.strategy, c.workers, { nativeThreads: n }), nativeThreads: n, variantOf: c.id });
    }
  }
  return out;
}
