/**
 * Number formatting for the sentences analysis and recommendation write ("each task takes 60 ns", "1.9×").
 * Two significant figures below 10 and whole numbers above: enough to tell strategies apart, no false precision
 * (three repeats rarely pin a timing down to better than a few percent).
 */
import type { Run } from '../../contracts/report';
import { isBaseline } from '../strategies/catalogue';

/** Two significant figures below 10, a whole number from 10 up; never exponent notation. */
export function sig(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  if (Math.abs(x) >= 10) return String(Math.round(x));
  if (Math.abs(x) < 1e-6) return x.toExponential(1);
  return x.toPrecision(2);
}

/** Seconds in the unit that reads best: "7.2 s", "3.4 ms", "40 µs", "60 ns". */
export function fmtSeconds(s: number): string {
  const a = Math.abs(s);
  if (a >= 1 || a === 0) return `${sig(s)} s`;
  if (a >= 1e-3) return `${sig(s * 1e3)} ms`;
  if (a >= 1e-6) return `${sig(s * 1e6)} µs`;
  return `${sig(s * 1e9)} ns`;
}

/** A speedup as "1.9×" / "0.82×" (U+00D7, the sign every front end prints; `×N` counts workers). */
export function fmtSpeedup(x: number): string {
  return `${sig(x)}×`;
}

/** A speedup interval as "1.8–2.0×". */
export function fmtSpeedupRange([lo, hi]: [number, number]): string {
  return `${sig(lo)}–${sig(hi)}×`;
}

/** A run's median wall with its interval ("1.0 s, 0.98 s–1.1 s"), or "1.0 s, measured once": one sample has none. */
export function fmtWall(run: Pick<Run, 'wall'>): string {
  if (run.wall.samples.length < 2) return `${fmtSeconds(run.wall.median)}, measured once`;
  return `${fmtSeconds(run.wall.median)}, ${fmtSeconds(run.wall.ci95[0])}–${fmtSeconds(run.wall.ci95[1])}`;
}

/** Cores of parallelism with one decimal, as `time` users read it: "1.0 cores". */
export function fmtCores(x: number): string {
  return `${x.toFixed(1)} cores`;
}

/** A fraction as a whole percentage: 0.973 → "97%". */
export function fmtPercent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/**
 * A run's short name: "serial", "threads ×4", "processes ×2, chunksize 625" (chunksize only where it is not 1),
 * "processes ×2, 1 native thread each" for a run whose native libraries were limited.
 */
export function runLabel(run: Pick<Run, 'strategy' | 'workers' | 'chunksize'> & Pick<Partial<Run>, 'nativeThreads'>): string {
  if (isBaseline(run.strategy)) return run.strategy;
  const chunk = run.chunksize > 1 ? `, chunksize ${run.chunksize}` : '';
  const n = run.nativeThreads;
  const native = n !== undefined ? `, ${n} native thread${n === 1 ? '' : 's'} each` : '';
  return `${run.strategy} ×${run.workers}${chunk}${native}`;
}
