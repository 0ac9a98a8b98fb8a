/** How the webview names a run: "threads ×4", or "pypy3 · threads ×4" in a report that compares interpreters. */
import type { Report, Run } from '../src/contracts/report';

/** The run's name for table rows, captions, tooltips and legends. */
export function runName(run: Pick<Run, 'strategy' | 'workers' | 'interpreter'>): string {
  return `${run.interpreter ? `${run.interpreter} · ` : ''}${run.strategy} ×${run.workers}`;
}

/** True for the run the recommendation names (its interpreter too, in a comparison). */
export function isRecommendedRun(run: Run, rec: Report['recommendation']): boolean {
  return run.status === 'ok' && run.strategy === rec.strategy && run.workers === rec.workers &&
    (rec.interpreter === undefined || run.interpreter === rec.interpreter);
}
