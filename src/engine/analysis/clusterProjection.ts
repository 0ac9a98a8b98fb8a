/**
 * "What would a cluster of N workers give?" (--project-workers): the cluster strategy's measured speedups are fitted
 * with the same USL model as the scaling chart and evaluated at N. A user with a laptop and a cluster cannot measure
 * 64 workers here, so the answer is an extrapolation, and every word of it says so.
 */
import type { ClusterProjection, Environment, Run, Target } from '../../contracts/report';
import { allStrategies } from '../strategies/catalogue';
import { fitScaling, uslSpeedup } from './scalingModel';
import { fmtSpeedup } from './humanize';

/** The strategies that run on a cluster, for messages that must name them. */
export function clusterStrategyNames(): string[] {
  return allStrategies().filter((s) => s.traits.runsOnCluster).map((s) => s.name);
}

/** The projection to `requested` workers of the cluster strategy measured in `runs`, or undefined when none was. */
export function projectCluster(
  runs: Run[], env: Environment, target: Target, requested: number,
): ClusterProjection | undefined {
  if (!(requested >= 1)) return undefined;
  for (const s of allStrategies()) {
    if (!s.traits.runsOnCluster) continue;
    const model = fitScaling(runs, env, { strategy: s.name });
    if (model.strategy !== s.name || !model.points.length) continue;
    const workers = Math.min(Math.floor(requested), target.tasks);
    const measured = runs.filter((r) => r.strategy === s.name && r.status === 'ok' && r.repeats > 0);
    const measuredUpTo = measured.reduce((m, r) => Math.max(m, r.workers), 0);
    const speedup = uslSpeedup(model.usl, workers);
    const capped = workers < requested ? `, capped at the ${target.tasks} tasks (more workers would have nothing to run)` : '';
    const beyond = workers > measuredUpTo
      ? `an extrapolation beyond the ${measuredUpTo} worker${measuredUpTo === 1 ? '' : 's'} measured`
      : `within the ${measuredUpTo} workers measured`;
    const label = `Projected for ${s.name} on ${workers} workers: ${fmtSpeedup(speedup)} against serial, ${beyond} ` +
      `(USL fit to ${model.points.length} measured worker count${model.points.length === 1 ? '' : 's'}: ` +
      `σ ${model.usl.sigma.toFixed(3)}, κ ${model.usl.kappa.toFixed(5)})${capped}.`;
    return { strategy: s.name, requested, workers, speedup, measuredUpTo, usl: model.usl, label };
  }
  return undefined;
}
