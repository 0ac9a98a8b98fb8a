// Verdict tests on a machine that is not idle. Whether two processes beat one loop depends on whether two cores were
// free, and CI machines are shared. The report measures that itself (Run.otherLoad: the cores other programs kept busy
// while a run was measured), so a test asserts the verdict where the machine left the cores it needs, and where it did
// not, asserts that the report says so instead of ranking the runs as if it were quiet.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import type { Report, Run } from '../../src/contracts/report';
import { coresWanted, squeezed } from '../../src/engine/analysis/otherLoad';
import { slowerCores } from '../../src/engine/analysis/findings';

/** A run's free cores may fall short of what it could use by this much before the verdict tests stop ranking it. */
const SLACK_CORES = 0.3;

/** Runs whose free cores fell more than SLACK_CORES short of what they could use. */
export function crowdedRuns(r: Report, runs: readonly (Run | undefined)[]): Run[] {
  const cores = r.environment.logicalCores;
  return runs.filter((x): x is Run =>
    !!x && x.otherLoad !== undefined && cores - x.otherLoad < coresWanted(x, r.environment) - SLACK_CORES);
}

/**
 * True when other programs crowded any of `runs`: the caller then skips the assertions that rank them. Before
 * returning, checks what the report owes its reader then: every run the engine itself counts as squeezed is named
 * in a busy-machine warning, and the confidence is not high when serial or the chosen run was squeezed.
 */
export function machineWasBusy(t: TestContext, r: Report, runs: readonly (Run | undefined)[]): boolean {
  if (coresRanSlow(t, r, runs)) return true;
  const crowded = crowdedRuns(r, runs);
  if (!crowded.length) return false;
  const warned = r.warnings.find((w) => w.code === 'busy-machine')?.message ?? '';
  const engineSqueezed = crowded.filter((x) => squeezed(x, r.environment));
  if (engineSqueezed.length) {
    assert.match(warned, /other programs kept up to \d+\.\d of the \d+ cores busy while .+ ran/, 'the report says the machine was busy');
    if (engineSqueezed.some((x) => x.id === r.recommendation.run || x.strategy === 'serial')) {
      assert.notEqual(r.recommendation.confidence, 'high', 'a verdict resting on a squeezed run is not high confidence');
    }
  }
  t.diagnostic(
    `the machine was busy (${crowded.map((x) => `${x.id}: ${x.otherLoad!.toFixed(2)} of ${r.environment.logicalCores} cores to other programs`).join('; ')}): ` +
    'the ranking of those runs is not asserted',
  );
  return true;
}

/**
 * True when any of `runs` ran on cores that slowed while shared (its tasks needed far more CPU than one at a time,
 * which no load figure shows: a VM's vCPUs on a busy host, hyper-threads of one core). The report must then say so in
 * a finding, which this checks; the caller skips the ranking, which measured the hardware's sharing, not the code.
 */
function coresRanSlow(t: TestContext, r: Report, runs: readonly (Run | undefined)[]): boolean {
  const ids = new Set(runs.map((x) => x?.id));
  const slow = slowerCores(r.runs).filter((x) => ids.has(x.run.id));
  if (!slow.length) return false;
  assert.ok(r.findings?.some((f) => f.code === 'slower-cores'), 'the report names the cores that slowed');
  t.diagnostic(`the cores slowed while shared (${slow.map((x) => `${x.run.id}: ${x.factor.toFixed(2)}× the task CPU of ${x.reference.id}`).join('; ')}): the ranking of those runs is not asserted`);
  return true;
}

/** One line per measured run (speedup, cores used, cores other programs used), for a failing assertion's message. */
export function runTable(r: Report): string {
  return r.runs.filter((x) => x.status === 'ok').map((x) =>
    `${x.id}: ${x.speedup.toFixed(2)}×, ${x.parallelism.toFixed(2)} cores, others ${x.otherLoad?.toFixed(2) ?? '?'}`).join('\n') +
    `\nverdict: ${r.recommendation.headline} (${r.recommendation.confidence}: ${r.recommendation.confidenceReason})`;
}
