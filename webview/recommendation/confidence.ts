/**
 * Why the recommendation's confidence is what it is: the engine's `confidenceReason` (from the repeats, the spread
 * and the overlap of the leaders). Reports written before that field existed (kept in the history) fall back to the
 * Report's own words for a medium or low level: the warnings that concern the recommended configuration or its
 * serial baseline, else the repeat count and spread of the two.
 */
import type { Report, Run } from '../../src/contracts/report';
import { percent } from '../format';
import { runLabel } from '../language';

// Warnings about the whole profile: they weaken any verdict drawn from it.
const ABOUT_PROFILE = new Set(['busy-machine', 'budget', 'cancelled']);
// Warnings that list configurations: they weaken the verdict only when they name the chosen one or serial.
const ABOUT_RUNS = new Set(['few-repeats', 'noisy-run', 'inseparable']);

// The engine calls a spread above ±5% too wide for high confidence (HIGH_CONFIDENCE_WIDTH in analysis/recommend.ts).
const WIDE = 0.1;

/** The causes to show next to the confidence; empty when an older report's level is high or nothing explains it. */
export function confidenceCauses(report: Report): string[] {
  const rec = report.recommendation;
  // Absent only in reports from before the field (the type says it is always there now).
  if (typeof rec.confidenceReason === 'string' && rec.confidenceReason) return [rec.confidenceReason];
  if (rec.confidence === 'high') return [];
  const chosen = runLabel(rec);
  const names = new RegExp(`(^|[^\\w])(${escape(chosen)}|serial)(?![\\w])`, 'i');
  const fromWarnings = report.warnings
    .filter((w) => ABOUT_PROFILE.has(w.code) || (ABOUT_RUNS.has(w.code) && names.test(w.message)))
    .map((w) => w.message);
  if (fromWarnings.length) return fromWarnings;
  const runs = [report.runs.find((r) => r.status === 'ok' && r.strategy === 'serial'), report.runs.find((r) => r.status === 'ok' && r.strategy === rec.strategy && r.workers === rec.workers)];
  return runs.flatMap((r) => (r ? spreadOf(r) : []));
}

function spreadOf(run: Run): string[] {
  const out: string[] = [];
  const n = run.wall.samples.length;
  if (n < 3) out.push(`${runLabel(run)} was measured ${n === 1 ? 'once' : `${n} times`}, so its interval is rough`);
  const width = run.wall.median > 0 ? (run.wall.ci95[1] - run.wall.ci95[0]) / run.wall.median : 0;
  if (width > WIDE) out.push(`${runLabel(run)} varied by ±${percent(width / 2)} between repeats`);
  return out;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
