/**
 * Small, dependency-free statistics for timings: medians, quantiles, a seeded PRNG, and 95% intervals.
 *
 * Why a bootstrap percentile interval of the median: repeats are few (often 3–7), timings are skewed (a busy
 * machine only ever makes runs slower), and the median is what reports show. The bootstrap needs no normality
 * assumption and falls back gracefully: with 3 samples it gives [min, max], which is the honest answer.
 * The resampling uses a fixed seed, so the same samples always give the same interval: reports are reproducible
 * and tests can assert exact values.
 */
import type { Estimate } from '../../contracts/report';

/** Resamples per bootstrap: 2,000 keeps the 2.5%/97.5% percentiles stable to well under the timer's noise. */
export const BOOTSTRAP_RESAMPLES = 2000;

/** The fixed seed every bootstrap starts from (any constant would do; this one is the golden-ratio word). */
export const BOOTSTRAP_SEED = 0x9e3779b9;

/** Median of the values (NaN for none). */
export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

/** The q-quantile (0..1) with linear interpolation between order statistics (R's type 7, NumPy's default). */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return quantileSorted(s, q);
}

/** The q-quantile of values already sorted ascending. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = Math.min(Math.max(q, 0), 1) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Mulberry32: a tiny, fast, well-mixed 32-bit PRNG; returns a function yielding floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Median of a resample (with replacement) of xs drawn with rand. */
function resampledMedian(xs: readonly number[], rand: () => number, scratch: number[]): number {
  for (let i = 0; i < xs.length; i++) scratch[i] = xs[Math.floor(rand() * xs.length)];
  scratch.sort((a, b) => a - b);
  return quantileSorted(scratch, 0.5);
}

/** Median and its 95% bootstrap-percentile interval (fixed seed); one sample gives a zero-width interval. */
export function estimate(samples: readonly number[]): Estimate {
  const xs = samples.filter(Number.isFinite);
  const m = median(xs);
  if (xs.length <= 1) return { median: m, ci95: [m, m], samples: [...samples] };
  const rand = seededRandom(BOOTSTRAP_SEED);
  const scratch = new Array<number>(xs.length);
  const boot = new Array<number>(BOOTSTRAP_RESAMPLES);
  for (let b = 0; b < BOOTSTRAP_RESAMPLES; b++) boot[b] = resampledMedian(xs, rand, scratch);
  boot.sort((a, b) => a - b);
  return { median: m, ci95: [quantileSorted(boot, 0.025), quantileSorted(boot, 0.975)], samples: [...samples] };
}

/**
 * The ratio num.median ÷ den.median (a speedup when num is the serial wall time) with a 95% interval.
 * With samples on both sides, the two are resampled independently (fixed seed) and the ratio of medians taken;
 * without samples, interval arithmetic on the two intervals gives a conservative bound.
 */
export function ratioEstimate(num: Estimate, den: Estimate): { median: number; ci95: [number, number] } {
  const ratio = num.median / den.median;
  const a = num.samples.filter(Number.isFinite);
  const b = den.samples.filter(Number.isFinite);
  if (a.length < 2 && b.length < 2) {
    return { median: ratio, ci95: [num.ci95[0] / den.ci95[1], num.ci95[1] / den.ci95[0]] };
  }
  const rand = seededRandom(BOOTSTRAP_SEED);
  const sa = new Array<number>(a.length);
  const sb = new Array<number>(b.length);
  const boot = new Array<number>(BOOTSTRAP_RESAMPLES);
  for (let i = 0; i < BOOTSTRAP_RESAMPLES; i++) {
    const top = a.length >= 2 ? resampledMedian(a, rand, sa) : num.median;
    const bottom = b.length >= 2 ? resampledMedian(b, rand, sb) : den.median;
    boot[i] = top / bottom;
  }
  boot.sort((x, y) => x - y);
  return { median: ratio, ci95: [quantileSorted(boot, 0.025), quantileSorted(boot, 0.975)] };
}

/** True when two 95% intervals share any point. */
export function intervalsOverlap(a: readonly [number, number], b: readonly [number, number]): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

/** Width of the 95% interval relative to the median: 0.1 means ±5%. */
export function relativeWidth(e: Estimate): number {
  if (!(e.median > 0)) return 0;
  return (e.ci95[1] - e.ci95[0]) / e.median;
}

/** Largest value (-Infinity for none), by a loop: Math.max(...xs) overflows the stack past ~10^5 values. */
export function maxOf(xs: readonly number[]): number {
  let m = -Infinity;
  for (const x of xs) if (x > m) m = x;
  return m;
}

/** Smallest value (Infinity for none), by a loop, for the same reason as maxOf. */
export function minOf(xs: readonly number[]): number {
  let m = Infinity;
  for (const x of xs) if (x < m) m = x;
  return m;
}
