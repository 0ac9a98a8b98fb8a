/** Which run the recommendation names: strategy and workers, and in a comparison of interpreters its interpreter. */
import type { Report, Run } from '../src/contracts/report';

/** True for the measured run the recommendation is for: its `run` id when the Report names one. */
export function isRecommendedRun(run: Run, rec: Report['recommendation']): boolean {
  if (rec.run !== undefined) return run.id === rec.run;
  return run.status === 'ok' && run.strategy === rec.strategy && run.workers === rec.workers &&
    (rec.interpreter === undefined || run.interpreter === rec.interpreter);
}
