/**
 * Scaling models fitted to the best strategy's measured speedups (vs the serial baseline):
 * Amdahl's law, S(n) = 1 / (s + (1 − s)/n), and Gunther's Universal Scalability Law,
 * S(n) = n / (1 + σ(n − 1) + κ n(n − 1)), where σ is contention (queueing on something shared, like the GIL
 * or a dispatching parent) and κ is coherency cost (workers slowing each other more as they multiply).
 *
 * Both fits are linear least squares in a linearised form, solved in closed form (no iteration, no start values):
 * - Amdahl: 1/S − 1/n = s (1 − 1/n); s is the least-squares slope through the origin (a weighted mean of the
 *   Karp–Flatt serial fractions of each point), clamped to [0, 1].
 * - USL: n/S − 1 = σ (n − 1) + κ n(n − 1); minimised over the box σ ∈ [0, 1], κ ≥ 0 by checking the unconstrained
 *   optimum and the optimum on each face and corner (exact for a convex two-variable problem).
 * Speedups are against serial, not against the strategy's own one-worker run, so a strategy's fixed costs
 * (process start-up, pickling) show up as a larger serial fraction: that is what a user pays.
 */
import type { Environment, Run, ScalingModel, StrategyName } from '../../contracts/report';
import { fastest, parallelRuns, serialRun, speedupOf } from './runFacts';
import { SATURATED_SHARE } from './thresholds';

/** Core counts every projection covers (the measured counts and the machine's own are added). */
export const PROJECTION_CORES: readonly number[] = [1, 2, 4, 8, 16, 32, 64];

/** One measured point: speedup over serial at a worker count. */
export interface ScalingPoint {
  workers: number;
  speedup: number;
}

/** Amdahl's law: speedup at n workers for serial fraction s. */
export function amdahlSpeedup(s: number, n: number): number {
  return 1 / (s + (1 - s) / n);
}

/** Universal Scalability Law: speedup at n workers. */
export function uslSpeedup(usl: { sigma: number; kappa: number }, n: number): number {
  return n / (1 + usl.sigma * (n - 1) + usl.kappa * n * (n - 1));
}

/** Least-squares Amdahl serial fraction in [0, 1]; 1 when no point has more than one worker (nothing to fit). */
export function fitAmdahl(points: readonly ScalingPoint[]): number {
  let num = 0;
  let den = 0;
  for (const { workers: n, speedup: S } of points) {
    const x = 1 - 1 / n;
    num += x * (1 / S - 1 / n);
    den += x * x;
  }
  if (den === 0) return 1;
  return clamp(num / den, 0, 1);
}

/** Least-squares USL coefficients with σ ∈ [0, 1] and κ ≥ 0; σ = 1, κ = 0 (flat) when nothing can be fitted. */
export function fitUsl(points: readonly ScalingPoint[]): { sigma: number; kappa: number } {
  // Normal-equation sums for y = σ·a + κ·b with a = n − 1, b = n(n − 1), y = n/S − 1.
  let aa = 0, ab = 0, bb = 0, ay = 0, by = 0;
  const rows = points.map(({ workers: n, speedup: S }) => ({ a: n - 1, b: n * (n - 1), y: n / S - 1 }));
  for (const { a, b, y } of rows) {
    aa += a * a; ab += a * b; bb += b * b; ay += a * y; by += b * y;
  }
  if (aa === 0) return { sigma: 1, kappa: 0 };
  const sse = (sigma: number, kappa: number) => rows.reduce((t, r) => t + (r.y - sigma * r.a - kappa * r.b) ** 2, 0);
  // Candidates, simplest first, so an exact tie (e.g. a single point) goes to the model without coherency cost.
  const candidates: [number, number][] = [];
  candidates.push([clamp(ay / aa, 0, 1), 0]); // face κ = 0
  // faces σ = 0, 1
  for (const sigma of [0, 1]) candidates.push([sigma, bb > 0 ? Math.max(0, (by - sigma * ab) / bb) : 0]);
  const det = aa * bb - ab * ab;
  if (det > 1e-12 * aa * bb) {
    const sigma = (ay * bb - by * ab) / det;
    const kappa = (by * aa - ay * ab) / det;
    if (sigma >= 0 && sigma <= 1 && kappa >= 0) candidates.push([sigma, kappa]); // interior
  }
  let best = candidates[0];
  let bestErr = sse(...best);
  for (const c of candidates.slice(1)) {
    const err = sse(...c);
    if (err < bestErr - 1e-12 * Math.max(1, bestErr)) {
      best = c;
      bestErr = err;
    }
  }
  return { sigma: best[0], kappa: best[1] };
}

/** Worker count where the USL curve peaks: √((1 − σ)/κ); Infinity without coherency cost; 1 when flat (σ = 1). */
export function uslPeak(usl: { sigma: number; kappa: number }): number {
  if (usl.sigma >= 1) return 1;
  if (usl.kappa <= 0) return Infinity;
  return Math.max(1, Math.sqrt((1 - usl.sigma) / usl.kappa));
}


/** What to fit: one strategy (null: the verdict is serial, nothing to project), and the largest useful count. */
export interface FitOptions {
  /** Fit this strategy's runs (the recommended one); absent: the fastest measured strategy; null: none. */
  strategy?: StrategyName | null;
  /** Project no further than this many workers: the task count (more workers than tasks have nothing to run). */
  maxWorkers?: number;
}

/** Fit Amdahl and USL to one strategy's measured speedups and project them to larger core counts. */
export function fitScaling(runs: Run[], env: Environment, opts: FitOptions = {}): ScalingModel {
  const serial = serialRun(runs);
  const par = parallelRuns(runs);
  const cap = opts.maxWorkers !== undefined && opts.maxWorkers >= 1 ? Math.floor(opts.maxWorkers) : undefined;
  const best = opts.strategy === null
    ? undefined
    : fastest(opts.strategy ? par.filter((r) => r.strategy === opts.strategy) : par);
  const projectionCores = (extra: number[]) =>
    [...new Set([
      ...PROJECTION_CORES, ...extra, env.physicalCores, env.logicalCores, ...(cap !== undefined ? [cap] : []),
    ])]
      .filter((n) => Number.isInteger(n) && n >= 1 && (cap === undefined || n <= cap))
      .sort((a, b) => a - b);
  const capped = cap !== undefined && cap < PROJECTION_CORES[PROJECTION_CORES.length - 1] ? ` up to the ${cap} tasks` : '';
  if (!best || !serial) {
    // Nothing parallel measured (or no baseline, or serial recommended): a flat model that claims no gain.
    return {
      strategy: null,
      serialFraction: 1,
      usl: { sigma: 1, kappa: 0 },
      projection: projectionCores([]).map((cores) => ({ cores, speedup: 1 })),
      peakWorkers: null,
      points: [],
      ...(cap !== undefined ? { maxWorkers: cap } : {}),
      ...(opts.strategy === null ? { label: 'No projection: serial is recommended, and nothing else is projected' } : {}),
    };
  }
  // One point per worker count: the best chunksize measured there.
  const byWorkers = new Map<number, number>();
  for (const r of par) {
    if (r.strategy !== best.strategy) continue;
    // More workers than cores, all of them busy: the machine was the limit there, not the code. Such a point would
    // read as a serial fraction and cap every projection at this machine's size, so it stays out of the fit.
    if (r.workers > env.logicalCores && r.parallelism >= SATURATED_SHARE * env.logicalCores) continue;
    const s = speedupOf(r, serial);
    if (!(s > 0) || !Number.isFinite(s)) continue;
    byWorkers.set(r.workers, Math.max(byWorkers.get(r.workers) ?? 0, s));
  }
  const points = [...byWorkers.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([workers, speedup]) => ({ workers, speedup }));
  const serialFraction = fitAmdahl(points);
  const usl = fitUsl(points);
  const which = opts.strategy ? `${best.strategy}, the recommended strategy` : `${best.strategy}, the fastest strategy measured`;
  return {
    strategy: best.strategy,
    serialFraction,
    usl,
    projection: projectionCores(points.map((p) => p.workers))
      .map((cores) => ({ cores, speedup: uslSpeedup(usl, cores) })),
    peakWorkers: uslPeak(usl),
    points,
    ...(cap !== undefined ? { maxWorkers: cap } : {}),
    label: `Projection for ${which} (USL fit to ${points.length} measured worker count${points.length === 1 ? '' : 's'})${capped}`,
  };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
