/**
 * Words and numbers of the comparison page. Formatting only: every figure and verdict comes from the engine's
 * Comparison (src/contracts/comparison.ts); these only choose how to write it.
 */
import type { BestVerdict, ConfigVerdict, SpeedupVerdict } from '../../src/contracts/comparison';
import type { Run } from '../../src/contracts/report';
import { seconds, times } from '../format';

/** A relative change as a signed percentage with a true minus sign: "−16%", "+4.2%" (a decimal below 10%), "±0%". */
export function signedPercent(change: number): string {
  if (!Number.isFinite(change)) return '–';
  const p = Math.abs(change * 100);
  if (p === 0) return '±0%';
  const digits = p < 10 ? 1 : 0;
  return `${change < 0 ? '\u2212' : '+'}${p.toFixed(digits)}%`;
}

/** A 95% interval of speedups: "1.89–1.91×". */
export const speedupRange = ([lo, hi]: readonly [number, number]): string => `${lo.toFixed(2)}–${times(hi)}`;

/** A 95% interval of wall times: "3.74–3.86 s" (units on both ends when they differ). */
export function wallRange([lo, hi]: readonly [number, number]): string {
  const [a, b] = [seconds(lo), seconds(hi)];
  const unit = (s: string) => s.split(' ')[1];
  return unit(a) === unit(b) ? `${a.split(' ')[0]}–${b}` : `${a}–${b}`;
}

/** What the summary line says about the noise, per the engine's speedup verdict. */
export const SPEEDUP_NOISE: Record<SpeedupVerdict, string> = {
  higher: 'beyond noise',
  lower: 'beyond noise',
  'within noise': 'within noise',
  'too few repeats': 'too few repeats to weigh the noise',
};

/** A wall-time verdict in the speedup's terms, for the serial-only summary line: slower is less speedup. */
export const WALL_TONE: Record<BestVerdict, SpeedupVerdict> = {
  regression: 'lower',
  'slower within threshold': 'lower',
  'within noise': 'within noise',
  'within threshold': 'too few repeats',
  faster: 'higher',
};

/** Each configuration's verdict in words. */
export const CONFIG_VERDICT: Record<ConfigVerdict, string> = {
  slower: 'slower, beyond noise',
  faster: 'faster, beyond noise',
  'within noise': 'within noise',
  'too few repeats': 'too few repeats to judge',
  'only before': 'only in the earlier run',
  'only after': 'only in the later run',
  'not measured': 'not measured in both',
};

/** True when the run's wall time rests on one sample: it has no interval to show ("once", never "3.04–3.04 s"). */
export const once = (run: Run): boolean =>
  (Array.isArray(run.wall.samples) ? run.wall.samples.length : run.repeats) < 2;

/** A run's wall interval, or "once" when a single sample gives none. */
export const wallInterval = (run: Run): string => (once(run) ? 'once' : wallRange(run.wall.ci95));

/** A run's wall time and interval for a table cell; its status when it has none. */
export function wallCell(run: Run | undefined): { main: string; sub: string } {
  if (!run) return { main: '—', sub: 'not profiled' };
  if (run.status !== 'ok') return { main: run.status, sub: '' };
  return { main: seconds(run.wall.median), sub: wallInterval(run) };
}

/** An ISO time as an absolute local date and time ("2 Jun 2025, 09:14:07"), or the raw text when unreadable. */
export function absoluteTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso || 'unknown';
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}
