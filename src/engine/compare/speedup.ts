/**
 * The best speedup of two reports, each over its own serial run, and whether it moved beyond the noise: the one-line
 * answer of a comparison ("processes ×2: 1.90× → 1.60×, beyond noise"). The wall-time gate (compare.ts) judges the
 * time; this says what the user reads first, how much of the parallel gain is left.
 */
import type { SpeedupChange, SpeedupEstimate, SpeedupVerdict } from '../../contracts/comparison';
import type { Run } from '../../contracts/report';
import { ratioEstimate } from '../analysis/stats';
import { isBaseline } from '../strategies/catalogue';
import { configKey, isMeasured, sampleCount } from './configurations';

/** The measured serial run among `runs`: what every speedup of that report divides. */
export const serialRunOf = (runs: readonly Run[]): Run | undefined =>
  runs.find((r) => isBaseline(r.strategy) && isMeasured(r));

/** `run`'s speedup over `serial` with its 95% interval (serial over itself is exactly 1, not a resampled ratio). */
export function speedupEstimate(run: Run, serial: Run | undefined): SpeedupEstimate {
  const config = configKey(run);
  if (serial && serial.id === run.id) return { config, median: 1, ci95: [1, 1], serial: true };
  if (!serial) return { config, median: run.speedup, ci95: null, serial: false };
  const { median, ci95 } = ratioEstimate(serial.wall, run.wall);
  return { config, median, ci95, serial: false };
}

/** True when the estimate's interval says something about the noise: both walls it divides have two samples or more. */
function intervalKnown(e: SpeedupEstimate, run: Run, serial: Run | undefined): boolean {
  if (!e.ci95 || !serial) return false;
  return serial.id === run.id || (sampleCount(run) >= 2 && sampleCount(serial) >= 2);
}

/** How the best speedup moved from the baseline's fastest run to the current one's, beyond both intervals or not. */
export function compareSpeedups(
  baseline: { best: Run; serial: Run | undefined },
  current: { best: Run; serial: Run | undefined },
): SpeedupChange {
  const b = speedupEstimate(baseline.best, baseline.serial);
  const c = speedupEstimate(current.best, current.serial);
  const known = intervalKnown(b, baseline.best, baseline.serial) && intervalKnown(c, current.best, current.serial);
  let verdict: SpeedupVerdict = 'too few repeats';
  if (known && b.ci95 && c.ci95) {
    verdict = c.ci95[0] > b.ci95[1] ? 'higher' : c.ci95[1] < b.ci95[0] ? 'lower' : 'within noise';
  }
  return { baseline: b, current: c, change: c.median / b.median - 1, verdict };
}
