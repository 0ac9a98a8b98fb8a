/**
 * The answer line of a comparison of interpreters: which interpreter the verdict is for, and the runs the rest of
 * the line quotes (that interpreter's only, so "at best" figures compare like with like).
 */
import type { Report, Run } from '../../src/contracts/report';

/** How the answer line reads in a comparison; null for a single-interpreter report. */
export interface InterpreterAnswer {
  /** "Switch to pypy3 (PyPy 3.9.16)" when another interpreter wins, "Stay on python3 (CPython 3.11.7)" otherwise. */
  lead: string;
  /** True when the verdict is for another interpreter than the reference. */
  switches: boolean;
  /** The loop the gain is against: "python3's loop". */
  baseline: string;
  /** The recommended interpreter's runs. */
  runs: Run[];
}

/** The lead, the baseline and the runs of the recommended interpreter, or null when nothing was compared. */
export function interpreterAnswer(report: Report, runs: readonly Run[]): InterpreterAnswer | null {
  const list = report.interpreters;
  const chosen = list?.find((i) => i.id === report.recommendation.interpreter);
  if (!list?.length || !chosen) return null;
  const reference = list.find((i) => i.reference) ?? chosen;
  return {
    lead: `${chosen.reference ? 'Stay on' : 'Switch to'} ${chosen.id} (${chosen.label})`,
    switches: !chosen.reference,
    baseline: `${reference.id}'s loop`,
    runs: runs.filter((r) => r.interpreter === chosen.id),
  };
}
