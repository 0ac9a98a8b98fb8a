/**
 * How a run compares with the serial loop, read off the Report's own 95% wall intervals, so colour says
 * "slower" only when the measurements do: a 1.00× (or a 0.99× inside the noise) is neutral, never red.
 */
import type { Run } from '../src/contracts/report';

/** faster / slower than serial beyond noise, the same within it, or unknown (no baseline or not measured). */
export type Versus = 'faster' | 'slower' | 'same' | 'unknown';

// The engine counts a gain only from 5% up (MIN_GAIN in src/engine/analysis/runFacts.ts); a loss is held to the
// same bar, so a 0.97× whose interval just misses serial's is not painted as a regression.
const NOTICEABLE = 0.05;

/** Compares `run` with `serial`: beyond noise = the intervals do not overlap and the medians differ by 5% or more. */
export function versusSerial(run: Run, serial: Run | undefined): Versus {
  if (!serial || run.status !== 'ok' || serial.status !== 'ok' || !Number.isFinite(run.speedup)) return 'unknown';
  if (run.id === serial.id) return 'same';
  const [lo, hi] = run.wall.ci95;
  const [slo, shi] = serial.wall.ci95;
  if (hi < slo && run.speedup >= 1 + NOTICEABLE) return 'faster';
  if (lo > shi && run.speedup <= 1 - NOTICEABLE) return 'slower';
  return 'same';
}

/** The serial baseline of a report's runs, if it was measured. */
export function serialOf(runs: readonly Run[]): Run | undefined {
  return runs.find((r) => r.strategy === 'serial' && r.status === 'ok');
}
