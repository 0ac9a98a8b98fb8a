/**
 * The comparison of a current report with a baseline, and the CI gate's decision: fail when the current best
 * configuration is slower than the baseline's best beyond both the threshold and the noise (the two 95% intervals of
 * the wall time do not overlap). Pure: reports in, a Comparison out. The CLI's `compare`, `profile --baseline` and the
 * extension's "Compare with previous run" all go through compareReports.
 */
import type {
  BestChange, BestVerdict, Comparison, Difference, GateFailure, GateOptions,
} from '../../contracts/comparison';
import type { Report, Run, Target } from '../../contracts/report';
import { compareConfigurations, configKey, intervalsKnown, isMeasured, noiseVerdict } from './configurations';
import { differenceNotes, reportDifferences } from './differences';
import { CompareInputError } from './errors';
import { compareSpeedups, serialRunOf } from './speedup';

export type { BestChange, BestVerdict, Comparison, GateFailure, GateOptions } from '../../contracts/comparison';

/**
 * 10%: the issue's example, and the usual pytest-benchmark/asv setting. Smaller thresholds are for quiet, dedicated
 * runners: on a shared CI machine the medians of identical runs move by a few percent.
 */
export const DEFAULT_GATE: GateOptions = { maxSlowdown: 0.1, failOnStrategyChange: false };

const fileName = (file: string): string => file.split(/[\\/]/).pop() ?? file;

/**
 * Throws CompareInputError unless both targets name the same function in a file of the same name. Paths are
 * compared by file name only: a baseline recorded in a developer's checkout must match the CI runner's.
 */
export function assertSameFunction(baseline: Pick<Target, 'function' | 'file'>, current: Pick<Target, 'function' | 'file'>): void {
  if (baseline.function === current.function && fileName(baseline.file) === fileName(current.file)) return;
  throw new CompareInputError(
    'different-function',
    `the reports are of different functions: the baseline profiled ${fileName(baseline.file)}:${baseline.function}, ` +
      `the current one ${fileName(current.file)}:${current.function}`,
  );
}

/** The fastest measured configuration (lowest median wall); a tie goes to fewer workers. */
export function bestRun(runs: readonly Run[]): Run | undefined {
  return runs.filter(isMeasured).reduce<Run | undefined>((best, r) => {
    if (!best || r.wall.median < best.wall.median
      || (r.wall.median === best.wall.median && r.workers < best.workers)) return r;
    return best;
  }, undefined);
}

/** Compares `current` with `baseline`: the best wall time, the recommendation, each configuration, and the gate. */
export function compareReports(baseline: Report, current: Report, options: GateOptions = DEFAULT_GATE): Comparison {
  assertSameFunction(baseline.target, current.target);
  const configurations = compareConfigurations(baseline.runs, current.runs);
  if (!configurations.some((c) => isMeasured(c.before) && isMeasured(c.after))) {
    throw noCommonConfiguration(baseline, current);
  }
  const serials = { baseline: serialRunOf(baseline.runs), current: serialRunOf(current.runs) };
  const best = compareBest(bestRun(baseline.runs)!, bestRun(current.runs)!, options.maxSlowdown, serials);
  const [rb, rc] = [baseline.recommendation, current.recommendation];
  const recommendation = {
    baseline: rb, current: rc, strategyChanged: rb.strategy !== rc.strategy, workersChanged: rb.workers !== rc.workers,
  };
  const failures: GateFailure[] = [];
  if (best.verdict === 'regression') failures.push({ code: 'regression', message: `the best configuration is ${best.sentence}` });
  if (recommendation.strategyChanged && options.failOnStrategyChange) {
    failures.push({ code: 'strategy-change', message: `the recommended strategy changed from ${rb.strategy} ×${rb.workers} to ${rc.strategy} ×${rc.workers}` });
  }
  const differences = reportDifferences(baseline, current);
  return {
    baseline, current, options, best, recommendation, configurations, differences,
    notes: notesFor(baseline, current, best, differences),
    failures,
    passed: failures.length === 0,
  };
}

function noCommonConfiguration(baseline: Report, current: Report): CompareInputError {
  const listed = (r: Report) => r.runs.filter(isMeasured).map(configKey).join(', ') || 'none';
  return new CompareInputError(
    'no-common-configuration',
    `the reports have no configuration measured in both (baseline: ${listed(baseline)}; current: ${listed(current)}); ` +
      'profile both with the same strategies and worker counts',
  );
}

/**
 * Judges the current best against the baseline best: a regression must clear the threshold and the noise. `serials` are
 * the two reports' serial runs, which the speedups divide (without them, each run's recorded speedup, no interval).
 */
export function compareBest(
  baseline: Run, current: Run, maxSlowdown: number, serials: { baseline?: Run; current?: Run } = {},
): BestChange {
  const change = current.wall.median / baseline.wall.median - 1;
  const noiseKnown = intervalsKnown(baseline, current);
  const noise = noiseKnown ? noiseVerdict(baseline, current) : undefined;
  const beyondThreshold = change > maxSlowdown;
  let verdict: BestVerdict;
  if (noise === undefined) verdict = beyondThreshold ? 'regression' : change < -maxSlowdown ? 'faster' : 'within threshold';
  else if (noise === 'slower') verdict = beyondThreshold ? 'regression' : 'slower within threshold';
  else verdict = noise === 'faster' ? 'faster' : 'within noise';
  const sentence = bestSentence(baseline, current, change, verdict, maxSlowdown, noiseKnown);
  const speedup = compareSpeedups(
    { best: baseline, serial: serials.baseline }, { best: current, serial: serials.current },
  );
  return { baseline, current, change, noiseKnown, verdict, sentence, speedup };
}

const percent = (x: number): string => `${(Math.abs(x) * 100).toFixed(1).replace(/\.0$/, '')}%`;
const secs = (x: number): string => (x >= 1 ? `${x.toFixed(2)} s` : `${(x * 1000).toFixed(1)} ms`);
const described = (r: Run): string => `${configKey(r)} ${secs(r.wall.median)}`;

function bestSentence(
  b: Run, c: Run, change: number, verdict: BestVerdict, maxSlowdown: number, noiseKnown: boolean,
): string {
  const moved = `${change >= 0 ? `${percent(change)} slower` : `${percent(change)} faster`} (${described(b)} → ${described(c)})`;
  const limit = `the ${percent(maxSlowdown)} threshold`;
  switch (verdict) {
    case 'regression':
      return `${moved}: beyond ${limit} and ${noiseKnown ? 'beyond the noise (the 95% intervals do not overlap)' : 'with a single sample, so no interval to weigh the noise'}`;
    case 'slower within threshold':
      return `${moved}: beyond the noise, but within ${limit}`;
    case 'within noise':
      return `${moved}: within the noise (the 95% intervals overlap)`;
    case 'within threshold':
      return `${moved}: within ${limit} (a single sample: no interval to weigh the noise)`;
    case 'faster':
      return `${moved}: ${noiseKnown ? 'beyond the noise' : `beyond ${limit} (a single sample: no interval to weigh the noise)`}`;
    default: {
      const never: never = verdict;
      return never;
    }
  }
}

function notesFor(baseline: Report, current: Report, best: BestChange, differences: readonly Difference[]): string[] {
  const notes = differenceNotes(differences);
  for (const [role, r] of [['baseline', baseline], ['current', current]] as const) {
    if (r.cancelled) notes.push(`The ${role} profile was cancelled: it holds only the configurations that finished.`);
  }
  if (!best.noiseKnown) notes.push('The best configurations have a single sample on one side: profile with 3 or more repeats so the comparison can weigh the noise.');
  return notes;
}
