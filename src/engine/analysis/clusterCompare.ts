/**
 * Sentences that set a cluster strategy's runs beside the local pools measured on the same tasks, and say which
 * start-up figure the comparison used: the walls leave the cluster's start-up out (a long-lived cluster does not pay
 * it again), and the sentence gives the figure and what the run would take with it.
 */
import type { Run } from '../../contracts/report';
import { isBaseline, traitsOf } from '../strategies/catalogue';
import { fmtSeconds, fmtSpeedup, runLabel } from './humanize';
import { CLUSTER_COMPARE_MARGIN } from './thresholds';

const measured = (r: Run) => r.status === 'ok' && r.repeats > 0 && r.speedup > 0;
const fastestOf = (runs: Run[]) => runs.slice().sort((a, b) => b.speedup - a.speedup)[0] as Run | undefined;
/** The fastest run with two or more workers (a one-worker pool is not parallelism), else the fastest of any. */
const best = (runs: Run[]) => fastestOf(runs.filter((r) => r.workers >= 2)) ?? fastestOf(runs);

/** The comparison and start-up sentences for every cluster strategy that was measured (none when none was). */
export function clusterSentences(runs: Run[]): string[] {
  const out: string[] = [];
  const cluster = runs.filter((r) => traitsOf(r.strategy).runsOnCluster && measured(r) && r.cluster);
  const top = best(cluster);
  if (!top) return out;
  const local = best(runs.filter((r) => !traitsOf(r.strategy).runsOnCluster && !isBaseline(r.strategy) && measured(r)));
  const c = top.cluster!;
  const onThisMachine = c.kind === 'local';
  if (local) {
    const pair = `${runLabel(top)}: ${fmtSpeedup(top.speedup)}; ${runLabel(local)}: ${fmtSpeedup(local.speedup)} on the same tasks`;
    if (local.speedup >= top.speedup * (1 + CLUSTER_COMPARE_MARGIN)) {
      out.push(onThisMachine
        ? `${pair}: on one machine ${runLabel(local)} is cheaper; a Dask cluster pays once the work needs more cores than this machine has.`
        : `${pair}: the local pool is faster; the cluster's ${c.clusterWorkers} workers pay only when the work needs more than this machine's cores.`);
    } else if (top.speedup >= local.speedup * (1 + CLUSTER_COMPARE_MARGIN)) {
      out.push(`${pair}: the cluster is faster than any local pool measured.`);
    } else {
      out.push(`${pair}: about as fast (within ${Math.round(CLUSTER_COMPARE_MARGIN * 100)}%).`);
    }
  }
  const wall = top.wall.median;
  const serialWall = top.speedup > 0 ? wall * top.speedup : 0;
  const withStartup = wall + c.startup;
  const paid = serialWall > 0 ? ` (${fmtSpeedup(serialWall / withStartup)} instead of ${fmtSpeedup(top.speedup)})` : '';
  out.push(onThisMachine
    ? `The ${runLabel(top)} wall (${fmtSeconds(wall)}) leaves out the LocalCluster start-up of ${fmtSeconds(c.startup)}, ` +
      `paid once per cluster: a script that starts its own cluster for one batch takes ${fmtSeconds(withStartup)}${paid}.`
    : `The ${runLabel(top)} wall (${fmtSeconds(wall)}) uses ${c.workers.length} of the cluster's ${c.clusterWorkers} workers at ` +
      `${c.scheduler} and leaves out connecting to it (${fmtSeconds(c.startup)}, paid once per client).`);
  const split = phaseSentence(top);
  if (split) out.push(split);
  return out;
}

/** What Dask's task stream says the workers spent on our tasks, and what is left of their time for Dask itself. */
function phaseSentence(run: Run): string | undefined {
  const phases = run.cluster?.phases;
  if (!phases || !(phases.compute > 0)) return undefined;
  const named: Record<string, string> = { compute: 'computing', deserialize: 'deserialising', transfer: 'transferring', 'disk-read': 'reading spilled data' };
  const parts = Object.entries(phases).filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1])
    .map(([k, s]) => `${named[k] ?? k} ${fmtSeconds(s)}`);
  const capacity = run.wall.median * run.cluster!.workers.length;
  const busy = Object.values(phases).reduce((a, b) => a + b, 0);
  const rest = Math.max(0, capacity - busy);
  return `Dask's task stream for ${runLabel(run)}: the workers spent ${parts.join(', ')} on the tasks; the other ` +
    `${fmtSeconds(rest)} of their ${fmtSeconds(capacity)} (${run.cluster!.workers.length} workers × the wall) went to scheduling, ` +
    'serialisation on the client, the round trips and waiting for the next task.';
}
