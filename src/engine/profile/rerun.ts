/**
 * "Re-run with more repeats": the repeat count and budget for profiling a report's function again when its
 * confidence is not high. The front ends keep no profiling rules of their own; they ask this and reuse the request
 * they would build anyway.
 */
import type { Report } from '../../contracts/report';
import { DEFAULTS } from './plan';

/**
 * Never more than this many repeats per configuration: past it, a busy machine, not the sample count, sets the noise.
 */
export const RERUN_MAX_REPEATS = 15;
/** The longest budget a re-run grants itself unasked (seconds); the user's own larger budget still stands. */
export const RERUN_MAX_BUDGET = 600;
/** Head-room over the estimate: start-up, warm-up and the sampler are not in the median walls. */
const BUDGET_HEADROOM = 1.5;

/** What a re-run asks the sweep for. */
export interface RerunSettings {
  /** Fixed repeats for every configuration (the sweep's `repeats`). */
  repeats: number;
  /** Seconds: enough for those repeats of what the report measured, at least the report's own budget. */
  budget: number;
}

/**
 * Twice the most repeats any run the verdict rests on had (at least the adaptive maximum, at most
 * RERUN_MAX_REPEATS), every configuration that completed repeated that often, and a budget sized from the report's
 * median walls so the budget does not cut the new repeats short.
 */
export function moreRepeats(report: Report): RerunSettings {
  const ok = report.runs.filter((r) => r.status === 'ok' && r.wall.samples.length > 0 && Number.isFinite(r.wall.median));
  const basis = new Set(report.recommendation.basis ?? []);
  const verdictRuns = ok.filter((r) => basis.has(r.id));
  const had = (verdictRuns.length ? verdictRuns : ok).reduce((m, r) => Math.max(m, r.wall.samples.length), 0);
  const repeats = Math.min(RERUN_MAX_REPEATS, Math.max(DEFAULTS.maxRepeats, 2 * had));
  const seconds = ok.reduce((sum, r) => sum + r.wall.median, 0) * repeats * BUDGET_HEADROOM;
  const own = report.settings.budget > 0 ? report.settings.budget : DEFAULTS.budget;
  const budget = Math.max(own, Math.min(RERUN_MAX_BUDGET, Math.ceil(seconds)));
  return { repeats, budget };
}
