/**
 * Variants of the recorded sum_range report (test/fixtures/reports/sum_range.json, a real profile) for comparison
 * tests: each changes one thing a CI gate must notice or must ignore.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Report, Run } from '../../src/contracts/report';

/** Path of the recorded report every variant starts from. */
export const RECORDED_REPORT = path.resolve(__dirname, '..', 'fixtures', 'reports', 'sum_range.json');

/** A fresh deep copy of the recorded report. */
export function recorded(): Report {
  return JSON.parse(readFileSync(RECORDED_REPORT, 'utf8')) as Report;
}

/**
 * Every wall time (median, interval, samples) of the runs that `which` selects, multiplied by `factor`; speedups
 * follow.
 */
export function scaleWalls(report: Report, factor: number, which: (r: Run) => boolean = () => true): Report {
  const runs = report.runs.map((r) => {
    if (!which(r) || r.status !== 'ok') return r;
    const w = r.wall;
    const ci95: [number, number] = [w.ci95[0] * factor, w.ci95[1] * factor];
    return { ...r, wall: { median: w.median * factor, ci95, samples: w.samples.map((s) => s * factor) } };
  });
  const serial = runs.find((r) => r.strategy === 'serial')!.wall.median;
  return { ...report, runs: runs.map((r) => (r.status === 'ok' ? { ...r, speedup: serial / r.wall.median, efficiency: serial / r.wall.median / r.workers } : r)) };
}

/** The runs of `id` given a wider 95% interval [lo, hi] (a noisy machine), keeping the median. */
export function widenInterval(report: Report, id: string, lo: number, hi: number): Report {
  return {
    ...report,
    runs: report.runs.map((r) => (r.id === id ? { ...r, wall: { ...r.wall, ci95: [lo, hi] as [number, number] } } : r)),
  };
}

/** Every run reduced to one sample (a --repeats 1 profile): the interval has no width. */
export function singleSamples(report: Report): Report {
  return {
    ...report,
    runs: report.runs.map((r) => ({
      ...r,
      repeats: Math.min(r.repeats, 1),
      wall: {
        median: r.wall.median,
        ci95: [r.wall.median, r.wall.median] as [number, number],
        samples: r.repeats ? [r.wall.median] : [],
      },
    })),
  };
}

/** The same report recommending another strategy and worker count. */
export function recommending(report: Report, strategy: Run['strategy'], workers: number): Report {
  return { ...report, recommendation: { ...report.recommendation, strategy, workers } };
}

/** Only the runs `keep` selects (a sweep with other --strategies or --workers). */
export function onlyRuns(report: Report, keep: (r: Run) => boolean): Report {
  return { ...report, runs: report.runs.filter(keep) };
}
