/**
 * One interpreter's profile inside a larger one: start its runner, load the module, sweep, build its Report. The
 * single-interpreter profile is exactly this once; comparing interpreters runs it once per interpreter.
 */
import type { Environment, Report, Settings, Target, Warning } from '../../contracts/report';
import type { HelloEvent } from '../../contracts/runner';
import { DEFAULTS, defaultWorkerCounts } from './plan';
import { InputError, StartError, type ProfileHooks, type ProfileRequest } from '../request';
import { RunnerSession } from '../runners/session';
import { runnerFor } from '../runners/forLanguage';
import { BASELINE, defaultStrategies } from '../strategies/catalogue';
import { runtimeOf } from '../strategies/strategy';
import { NEUTRAL_OPTIONS, type OptionNamer } from '../report/messages';
import { Sampler } from '../sampling/sampler';
import { detectCpu } from '../sampling/cpuTopology';
import { defaultMemoryLimitMb } from '../platform/memoryLimit';
import { OutputCapture } from '../runners/outputCapture';
import { sweep, type SweepContext } from './sweep';
import { buildEnvironment, buildReport } from '../report/build';

const NS = 1e9;

/** What every interpreter's profile shares: the request, the clock, the machine, the settings and the output. */
export interface ProfileScope {
  req: ProfileRequest;
  hooks: ProfileHooks;
  file: string;
  language: Target['language'];
  createdAt: string;
  originNs: bigint;
  /** Seconds since the profile began. */
  elapsed: () => number;
  cpu: ReturnType<typeof detectCpu>;
  settings: Settings;
  output: OutputCapture;
  options: OptionNamer;
}

/** The scope of one profile: its clock starts now. */
export function openScope(
  req: ProfileRequest, hooks: ProfileHooks, file: string, language: Target['language'],
): ProfileScope {
  const originNs = process.hrtime.bigint();
  const cpu = detectCpu();
  return {
    req, hooks, file, language, cpu, originNs,
    createdAt: new Date().toISOString(),
    elapsed: () => Number(process.hrtime.bigint() - originNs) / NS,
    settings: {
      strategies: req.strategies ?? defaultStrategies(),
      workers: req.workers ?? defaultWorkerCounts(cpu.logicalCores),
      repeats: req.repeats ?? 'adaptive',
      budget: req.budget ?? DEFAULTS.budget,
      timeout: req.timeout ?? DEFAULTS.timeout,
      samplerHz: req.samplerHz ?? DEFAULTS.samplerHz,
      memoryLimitMb: req.memoryLimitMb ?? defaultMemoryLimitMb(),
      ...(req.earlyStop === false ? { earlyStop: false } : {}),
      ...(req.scheduler ? { scheduler: req.scheduler } : {}),
      ...(req.projectWorkers ? { projectWorkers: req.projectWorkers } : {}),
    },
    output: new OutputCapture(),
    options: hooks.options ?? NEUTRAL_OPTIONS,
  };
}

/** One interpreter to profile within a scope: its command, its variant's variables and its share of the budget. */
export interface OneInterpreter {
  python: string;
  variables?: Record<string, string>;
  /** Seconds this interpreter's sweep may take. */
  budget: number;
  /** Seconds since the profile began when this interpreter's share started. */
  since: number;
  /** Prefix for progress messages ("pypy3 (2 of 3): "). */
  progressPrefix?: string;
  /** Hears the interpreter's hello as soon as it started, before the module loads (for the report of a failed load). */
  onStarted?: (environment: Environment) => void;
}

/** One interpreter's finished sweep: its own Report, plus what only the sweep saw (the warm-up run, every sample). */
export interface OneProfile {
  report: Report;
  ctx: SweepContext;
}

/**
 * The single-interpreter profile: start the runner, load the module, sweep, build the Report. Throws StartError when
 * the interpreter cannot start or is unusable and LoadError (an InputError) when the module or arguments fail.
 */
export async function profileOne(scope: ProfileScope, one: OneInterpreter): Promise<OneProfile> {
  const { req, hooks, file, language, cpu, options, output } = scope;
  const log = hooks.log ?? (() => undefined);
  const signal = hooks.signal;
  const settings: Settings = { ...scope.settings, strategies: [...scope.settings.strategies], budget: one.budget };
  const warnings: Warning[] = [];
  const sampler = new Sampler({ hz: settings.samplerHz, clockOrigin: scope.originNs });
  const spec = runnerFor(language, {
    python: one.python, memoryLimitMb: settings.memoryLimitMb, options, variables: one.variables,
  });
  const session = new RunnerSession(spec, settings.timeout, {
    log,
    onStart: (pid) => sampler.track(pid),
    onWorkers: (pids) => pids.forEach((p) => sampler.follow(p)),
    output,
  });
  const progress = hooks.onProgress ?? (() => undefined);
  const prefix = one.progressPrefix ?? '';

  try {
    let hello: HelloEvent;
    try {
      hello = (await session.current(signal)).hello;
    } catch (e) {
      throw e instanceof InputError ? new StartError(e) : e;
    }
    const environment = buildEnvironment(hello, cpu, spec.executable);
    one.onStarted?.(environment);
    const tasks = req.tasks ?? DEFAULTS.tasks;
    const loaded = await session.load({ file, function: req.function, args: req.args, tasks }, signal);
    const target: Target = {
      language, file, function: loaded.function, line: loaded.line ?? undefined, args: req.args,
      tasks: loaded.tasks, isAsync: loaded.isCoroutine, sourceHash: loaded.sourceHash ?? undefined,
    };
    const ctx: SweepContext = {
      session, runtime: runtimeOf(language), sampler, settings, loaded, hello, environment, warnings, signal, target,
      elapsed: () => scope.elapsed() - one.since, log, options,
      progress: prefix ? (e) => progress({ ...e, message: `${prefix}${e.message}` }) : progress,
      states: [], done: 0, planned: 0, cancelled: false,
    };
    if (!settings.strategies.includes(BASELINE)) {
      const message = `${BASELINE} was added to the strategies: every speedup is measured against it`;
      warnings.push({ code: 'serial-added', message });
      settings.strategies = [BASELINE, ...settings.strategies];
    }
    await sweep(ctx);
    const samplerResult = sampler.stop();
    const duration = scope.elapsed() - one.since;
    const report = buildReport(ctx, target, samplerResult, scope.createdAt, duration, scope.originNs);
    return { report, ctx };
  } finally {
    sampler.stop();
    await session.close();
  }
}

