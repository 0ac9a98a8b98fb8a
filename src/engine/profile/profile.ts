import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Report, Settings, Target, Warning } from '../../contracts/report';
import { DEFAULTS, defaultWorkerCounts } from './plan';
import { InputError, type ProfileHooks, type ProfileRequest } from '../request';
import { RunnerSession } from '../runners/session';
import { runnerFor } from '../runners/forLanguage';
import { BASELINE, defaultStrategies } from '../strategies/catalogue';
import { runtimeOf } from '../strategies/strategy';
import { NEUTRAL_OPTIONS } from '../report/messages';
import { Sampler } from '../sampling/sampler';
import { detectCpu } from '../sampling/cpuTopology';
import { acquireProfileLock } from '../platform/lock';
import { defaultMemoryLimitMb } from '../platform/memoryLimit';
import { OutputCapture } from '../runners/outputCapture';
import { sweep, type SweepContext } from './sweep';
import { buildEnvironment, buildReport } from '../report/build';

const NS = 1e9;

/**
 * Profile one function: warm up, sweep every applicable strategy and worker count with interleaved repeats, sample
 * every core, then analyse and recommend. Returns a Report even when runs fail or the user cancels (with what
 * finished); throws InputError for the user's mistakes (missing file or function, bad args, unusable interpreter).
 */
export async function profile(req: ProfileRequest, hooks: ProfileHooks = {}): Promise<Report> {
  const file = path.resolve(req.file);
  if (!fs.existsSync(file)) throw new InputError(`file not found: ${req.file}`);
  const language = languageOf(file);
  // One profile per machine at a time: two sweeps on the same cores would corrupt each other's measurements.
  const lock = req.lock === 'off' ? null : await acquireProfileLock({
    wait: req.lock !== 'fail',
    target: `${path.basename(file)}:${req.function}`,
    signal: hooks.signal,
    onWait: (holder) => {
      hooks.onLockWait?.(holder);
      hooks.onProgress?.({ message: `${lockWaitMessage(holder)}`, done: 0, total: 1 });
    },
  });
  try {
    const report = await profileLocked(req, hooks, file, language);
    if (lock?.waitedFor) {
      report.warnings.unshift({ code: 'waited', message: `waited ${lock.waited.toFixed(1)} s for another profile (pid ${lock.waitedFor.pid}) to finish first` });
    }
    return report;
  } finally {
    lock?.release();
  }
}

/** "another profile is running (pid N, file.py:f); waiting…": what a queued profile tells the user. */
export function lockWaitMessage(holder: { pid: number; target?: string }): string {
  return `another profile is running (pid ${holder.pid}${holder.target ? `, ${holder.target}` : ''}); waiting…`;
}

async function profileLocked(req: ProfileRequest, hooks: ProfileHooks, file: string, language: Target['language']): Promise<Report> {
  const createdAt = new Date().toISOString();
  const originNs = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - originNs) / NS;
  const log = hooks.log ?? (() => undefined);
  const signal = hooks.signal;

  const cpu = detectCpu();
  const settings: Settings = {
    strategies: req.strategies ?? defaultStrategies(),
    workers: req.workers ?? defaultWorkerCounts(cpu.logicalCores),
    repeats: req.repeats ?? 'adaptive',
    budget: req.budget ?? DEFAULTS.budget,
    timeout: req.timeout ?? DEFAULTS.timeout,
    samplerHz: req.samplerHz ?? DEFAULTS.samplerHz,
    memoryLimitMb: req.memoryLimitMb ?? defaultMemoryLimitMb(),
    ...(req.earlyStop === false ? { earlyStop: false } : {}),
  };
  const output = new OutputCapture();
  const warnings: Warning[] = [];
  const sampler = new Sampler({ hz: settings.samplerHz, clockOrigin: originNs });
  const options = hooks.options ?? NEUTRAL_OPTIONS;
  const spec = runnerFor(language, { python: req.python ?? DEFAULTS.python, memoryLimitMb: settings.memoryLimitMb, options });
  const session = new RunnerSession(spec, settings.timeout, {
    log,
    onStart: (pid) => sampler.track(pid),
    onWorkers: (pids) => pids.forEach((p) => sampler.follow(p)),
    output,
  });

  try {
    const loaded = await session.load({ file, function: req.function, args: req.args, tasks: req.tasks ?? DEFAULTS.tasks }, signal);
    const hello = (await session.current(signal)).hello;
    const environment = buildEnvironment(hello, cpu, spec.executable);
    const target: Target = {
      language, file, function: loaded.function, line: loaded.line ?? undefined, args: req.args,
      tasks: loaded.tasks, isAsync: loaded.isCoroutine, sourceHash: loaded.sourceHash ?? undefined,
    };
    const ctx: SweepContext = {
      session, runtime: runtimeOf(language), sampler, settings, loaded, hello, environment, warnings, signal, elapsed, log, options, target,
      progress: hooks.onProgress ?? (() => undefined), states: [], done: 0, planned: 0, cancelled: false,
    };
    if (!settings.strategies.includes(BASELINE)) {
      warnings.push({ code: 'serial-added', message: `${BASELINE} was added to the strategies: every speedup is measured against it` });
      settings.strategies = [BASELINE, ...settings.strategies];
    }
    await sweep(ctx);
    const samplerResult = sampler.stop();
    const report = buildReport(ctx, target, samplerResult, createdAt, elapsed(), originNs);
    const captured = output.result();
    if (captured) report.output = captured;
    return report;
  } finally {
    sampler.stop();
    await session.close();
  }
}

/** The language of a source file, from its extension; InputError for anything else. */
export function languageOf(file: string): Target['language'] {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.py') return 'python';
  if (['.js', '.mjs', '.cjs'].includes(ext)) return 'javascript';
  if (['.ts', '.mts', '.cts'].includes(ext)) return 'typescript';
  throw new InputError(`${path.basename(file)}: cannot profile ${ext || 'extension-less'} files (Python .py, JavaScript .js/.mjs/.cjs, TypeScript .ts/.mts/.cts)`);
}

