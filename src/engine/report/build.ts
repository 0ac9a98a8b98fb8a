/**
 * Turns a finished sweep into the Report: statistics, core segments, warnings, classification, scaling model and
 * recommendation.
 */
import * as os from 'node:os';
import type { HelloEvent } from '../../contracts/runner';
import type { Classification, Environment, Report, Run, RunError, Target, Warning } from '../../contracts/report';
import { oneWorkerFindings, slowerCoresFindings } from '../analysis/findings';
import { SCHEMA_VERSION } from '../../contracts/report';
import { attachSegments, summarise, withSpeedups, withThreadCpu, type ConfigState } from './summarise';
import type { Sampler } from '../sampling/sampler';
import { detectCpu } from '../sampling/cpuTopology';
import { classify, noiseWarnings } from '../analysis/classify';
import { fitScaling } from '../analysis/scalingModel';
import { recommend } from '../analysis/recommend';
import { fallbackVerdict } from '../analysis/fallback';
import { snippetFor } from '../languages/snippet';
import { TOOL_VERSION } from '../version';
import { transferWarnings } from '../analysis/transferWarnings';
import type { SweepContext } from '../profile/sweep';
import { BUSY_MACHINE_SHARE } from '../analysis/thresholds';
import { busiest, squeezedRuns, withOtherLoad } from '../analysis/otherLoad';
import { runLabel } from '../analysis/humanize';
import { clusterStrategyNames, projectCluster } from '../analysis/clusterProjection';
import { isBaseline, reportOrder, strategiesFor } from '../strategies/catalogue';


/**
 * Something else was using the CPU, so every figure is less certain: the serial thread waited for a core, or other
 * programs left a run fewer cores than it could use (then its speedup measures their load, not the code).
 */
function busyMachineWarnings(runs: Run[], env: Environment): Warning[] {
  const serial = runs.find((r) => isBaseline(r.strategy) && r.repeats > 0);
  const facts: string[] = [];
  if (serial?.cpuWait && serial.cpuWait >= BUSY_MACHINE_SHARE * serial.wall.median) {
    const share = Math.round((100 * serial.cpuWait) / serial.wall.median);
    facts.push(`the serial run waited ${serial.cpuWait.toFixed(2)} s (${share}% of its time) for a free core while other programs ran; CPU ÷ wall leaves that wait out`);
  }
  const squeezed = squeezedRuns(runs, env);
  if (squeezed.length) {
    const worst = busiest(squeezed);
    const names = squeezed.slice(0, 4).map((r) => runLabel(r)).join(', ') + (squeezed.length > 4 ? ` and ${squeezed.length - 4} more` : '');
    facts.push(
      `other programs kept up to ${(worst.otherLoad ?? 0).toFixed(1)} of the ${env.logicalCores} cores busy while ${names} ran, ` +
      `leaving fewer free cores than ${squeezed.length === 1 ? 'it' : 'they'} could use`,
    );
  }
  if (!facts.length) return [];
  return [{
    code: 'busy-machine',
    message: `the machine was busy: ${facts.join('; ')}. Speedups may be understated. Close other work and profile again for firmer numbers.`,
  }];
}

/**
 * The recommendation and a model of the recommended strategy only, projected no further than the task count: the
 * choice comes first (from a fit of the fastest strategy), then the model is refitted to what was chosen.
 */
export function verdict(runs: Run[], classification: Classification, env: Environment, target: Target) {
  const maxWorkers = target.tasks;
  const first = recommend(runs, classification, fitScaling(runs, env, { maxWorkers }), env, target);
  const model = fitScaling(runs, env, { strategy: isBaseline(first.strategy) ? null : first.strategy, maxWorkers });
  return { model, recommendation: recommend(runs, classification, model, env, target) };
}

/** The Report's environment: the interpreter's hello plus the machine's cores. */
export function buildEnvironment(hello: HelloEvent, cpu: ReturnType<typeof detectCpu>, python: string): Environment {
  return {
    platform: process.platform,
    arch: process.arch,
    logicalCores: cpu.logicalCores,
    physicalCores: cpu.physicalCores,
    cpuModel: cpu.cpuModel,
    interpreter: hello.executable || python,
    version: `${hello.implementation} ${hello.version}`,
    implementation: hello.implementation,
    gilEnabled: hello.gilEnabled,
    startMethod: hello.startMethod,
    hostname: os.hostname(),
  };
}

/** Statistics, core segments, classification, model and recommendation: the finished Report. */
export function buildReport(
  ctx: SweepContext, target: Target, sampled: ReturnType<Sampler['stop']>, createdAt: string, duration: number, originNs: bigint,
): Report {
  // Report order: strategy, workers, then the sweep's variants of a configuration by native limit and chunk size.
  const key = (s: ConfigState) =>
    [reportOrder(s.config.strategy), s.config.workers, s.config.nativeThreads ?? 0, s.config.chunksize];
  const states = [...ctx.states].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || x[3] - y[3];
  });
  const summarised: Run[] = withSpeedups(states.map((s) => summarise(s, originNs, ctx.pickle, ctx.loaded.tasks)));
  const cores = attachSegments(sampled.cores, states, summarised);
  const runs = withOtherLoad(withThreadCpu(summarised, cores), cores);
  const errors: RunError[] = runs.flatMap((r) => (r.error ? [r.error] : []));

  const anyOk = runs.some((r) => r.status === 'ok' && r.repeats > 0 && isBaseline(r.strategy));
  const classification = anyOk ? classify(runs, ctx.environment, target) : fallbackVerdict(runs).classification;
  const { model, recommendation } = anyOk
    ? verdict(runs, classification, ctx.environment, target)
    : {
      model: fitScaling(runs, ctx.environment, { maxWorkers: target.tasks }),
      recommendation: fallbackVerdict(runs).recommendation,
    };
  const findings = [...oneWorkerFindings(runs), ...slowerCoresFindings(runs)];
  const warnings = [
    ...ctx.warnings, ...busyMachineWarnings(runs, ctx.environment), ...noiseWarnings(runs, recommendation.basis),
    ...transferWarnings(runs, ctx.loaded.tasks),
  ];
  if (ctx.cancelled) warnings.push({ code: 'cancelled', message: 'cancelled: the report holds the runs that finished' });
  if (recommendation.snippet) recommendation.snippetInModule = snippetFor(recommendation, target, 'inModule');
  const requested = ctx.settings.projectWorkers;
  const clusterProjection = requested && anyOk ? projectCluster(runs, ctx.environment, target, requested) : undefined;
  if (clusterProjection) recommendation.reasons.push(clusterProjection.label);
  else if (requested) {
    warnings.push({
      code: 'no-cluster-projection',
      message: `no projection to ${requested} workers: no cluster strategy was measured (add ${clusterStrategyNames().join(' or ')} to the strategies)`,
    });
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'parallelism-profiler', version: TOOL_VERSION },
    createdAt,
    duration,
    target,
    strategies: strategiesFor(ctx.runtime),
    environment: ctx.environment,
    settings: ctx.settings,
    runs,
    cores,
    classification,
    model,
    ...(clusterProjection ? { clusterProjection } : {}),
    recommendation,
    warnings,
    ...(findings.length ? { findings } : {}),
    errors,
    ...(ctx.cancelled ? { cancelled: true } : {}),
    sampler: { hz: ctx.settings.samplerHz, samples: sampled.samples, cpuSeconds: sampled.selfCpuSeconds },
  };
}
