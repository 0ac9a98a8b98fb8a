import type { Classification, Recommendation, Run } from '../../contracts/report';
import { BASELINE } from '../strategies/catalogue';

/**
 * The verdict when not even the serial run succeeded: nothing was measured, so nothing is claimed beyond the failure.
 */
export function fallbackVerdict(runs: Run[]): { classification: Classification; recommendation: Recommendation } {
  const failures = runs.filter((r) => r.status !== 'ok' && r.status !== 'skipped');
  const first = failures.find((r) => r.error)?.error;
  const why = first ? `${first.type}: ${first.message}` : 'no configuration completed';
  return {
    classification: {
      kind: 'mixed', cpuRatio: 0, gilBound: false, summary: 'not classified: the workload did not complete',
      evidence: [`the serial run did not complete (${why})`],
    },
    recommendation: {
      strategy: BASELINE, workers: 1, chunksize: 1, expectedSpeedup: 1, expectedSpeedupCi95: [1, 1], confidence: 'low',
      confidenceReason: 'nothing completed, so nothing was measured',
      headline: `no verdict: ${why}`,
      reasons: [`${failures.length} of ${runs.length} configurations failed; fix the error above and profile again`],
      snippet: '',
    },
  };
}
