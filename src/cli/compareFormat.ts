/** Shared wording for the CLI's comparison outputs (terminal, Markdown summary, JUnit), so all three say the same. */
import * as path from 'node:path';
import type { Recommendation, Report, Run } from '../contracts/report';
import { configKey, isMeasured, sampleCount, type Comparison } from '../engine/index';
import { seconds } from './table';

/**
 * "3.80 s [3.74 s–3.86 s]": a run's median wall with its 95% interval ("3.04 s [once]" when measured once: one sample
 * has no interval); its status when it has no wall time.
 */
export function wallText(r: Run | undefined): string {
  if (!isMeasured(r)) return r ? r.status : '—';
  if (sampleCount(r) < 2) return `${seconds(r.wall.median)} [once]`;
  return `${seconds(r.wall.median)} [${seconds(r.wall.ci95[0])}–${seconds(r.wall.ci95[1])}]`;
}

/** "processes ×2 3.80 s [3.74 s–3.86 s]". */
export const bestText = (r: Run): string => `${configKey(r)} ${wallText(r)}`;

/** "+21.1%" / "−3.0%". */
export const signedPercent = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}%`;

/** "10%", "2.5%": a threshold as the user wrote it. */
export const thresholdText = (fraction: number): string => `${Number((fraction * 100).toFixed(2))}%`;

/** "1.90×". */
export const speedupText = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '–');

/** "processes ×2, chunksize 1, expected 1.90× [1.84×–1.95×]". */
export function recommendationText(r: Recommendation): string {
  const ci = r.expectedSpeedupCi95 ? ` [${speedupText(r.expectedSpeedupCi95[0])}–${speedupText(r.expectedSpeedupCi95[1])}]` : '';
  return `${r.strategy} ×${r.workers}${r.chunksize > 1 ? `, chunksize ${r.chunksize}` : ''}, expected ${speedupText(r.expectedSpeedup)}${ci}`;
}

/** What changed between the recommendations, or "unchanged". */
export function recommendationChange(c: Comparison): string {
  const { strategyChanged, workersChanged } = c.recommendation;
  if (strategyChanged) return c.options.failOnStrategyChange ? 'strategy changed (fails the gate)' : 'strategy changed';
  return workersChanged ? 'worker count changed' : 'unchanged';
}

/** "2 logical / 2 physical cores, Intel(R) Xeon(R) CPU @ 2.20GHz, CPython 3.11.2". */
export const machineText = (r: Report): string =>
  `${r.environment.logicalCores} logical / ${r.environment.physicalCores} physical cores, ${r.environment.cpuModel || 'unknown CPU'}, ${r.environment.version}`;

/** The file relative to the working directory when it lies inside it (what a CI log should show), else as recorded. */
export function displayPath(file: string, cwd: string = process.cwd()): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** "PASS" or "FAIL" with the reasons, or with the best configuration's verdict when it passes. */
export function outcomeText(c: Comparison): string {
  if (c.passed) return `PASS: ${c.best.sentence}`;
  return `FAIL: ${c.failures.map((f) => f.message).join('; ')}`;
}
