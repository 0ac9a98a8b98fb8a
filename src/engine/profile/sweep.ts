/**
 * The sweep: warm-up, round one, the waiting-work extension and adaptive repeats, each run honouring the budget,
 * early stop, the timeout and cancel.
 */
import type { DoneEvent, HelloEvent, LoadedEvent, PickleStats, RunCommand } from '../../contracts/runner';
import type { Environment, Run, Settings, StrategyName, Target, Warning } from '../../contracts/report';
import {
  DEFAULTS, capWorkerCounts, chooseChunksize, configId, contenders, nextExtension, roundOneOrder, ruledOut,
  serialAgrees, serialSettled, type Config, type FirstLook,
} from './plan';
import { CHUNK_SWEEP_STEPS, CPU_BOUND_MIN_RATIO, EARLY_STOP_FACTOR, EARLY_STOP_FLOOR_S, PRACTICAL_EQUIVALENCE, UNTIMED_CPU_TASK_S, WAITING_CPU_RATIO, WARMUP_SHARE, CLUSTER_CONNECT_TIMEOUT_S, CLUSTER_STARTUP_ALLOWANCE_S, SERIAL_RECHECKS } from '../analysis/thresholds';
import { oneWorkerWins } from '../analysis/findings';
import { runLabel } from '../analysis/humanize';
import { BASELINE, isBaseline, strategy, traitsOf, whyNot } from '../strategies/catalogue';
import type { Runtime } from '../strategies/strategy';
import { type ProfileHooks, type ProgressEvent } from '../request';
import { RunnerSession } from '../runners/session';
import { optionHint, type OptionNamer } from '../report/messages';
import type { RunOutcome } from '../runners/driver';
import { TASK_RECORD_FIELDS, boundedDone, overheadOf, summarise, toRunError, withSpeedups, type ConfigState } from '../report/summarise';
import { classify } from '../analysis/classify';
import { serialRun } from '../analysis/runFacts';
import { verdict } from '../report/build';
import { coresBusy, nativeThreadVariants, parallelInside } from './nativeThreads';
import { chunkVariant, firstSteps, nextStep, worthSweeping } from './chunkSweep';
import { Sampler } from '../sampling/sampler';
import { estimate, median } from '../analysis/stats';
import { secondsLeft } from './eta';

const NS = 1e9;

/** What one sweep knows and has measured so far. */
export interface SweepContext {
  session: RunnerSession;
  /** The runtime the runner is (Python, or JavaScript for JS and TS). */
  runtime: Runtime;
  sampler: Sampler;
  settings: Settings;
  loaded: LoadedEvent;
  hello: HelloEvent;
  environment: Environment;
  /** What is profiled (the provisional verdict that picks what to repeat needs it). */
  target: Target;
  warnings: Warning[];
  signal?: AbortSignal;
  elapsed: () => number;
  log: (l: string) => void;
  /** How the front end names options in fixes. */
  options: OptionNamer;
  progress: NonNullable<ProfileHooks['onProgress']>;
  states: ConfigState[];
  done: number;
  planned: number;
  cancelled: boolean;
  pickle?: PickleStats;
  /** Seconds one task takes serially, from the warm-up. */
  taskSeconds?: number;
  cpuRatio?: number;
  /** Set once the budget stopped further runs. */
  budgetHit?: boolean;
  /** Seconds each configuration's latest run took, start to end (start-up included), by configuration id. */
  runSeconds?: Map<string, number>;
  /** Per run so far: seconds start to end, and how much of that was beyond its wall. For the time-left estimate. */
  runLog?: { seconds: number; overhead: number }[];
  /** Runs queued in the current round, the one running or about to run first. For the time-left estimate. */
  queue?: Config[];
  /** No separate warm-up (few tasks): the first serial run measures pickling and teaches task time and CPU share. */
  learnFromSerial?: boolean;
  /**
   * The first run of the function in this process (the warm-up, or the first serial run without one), with its
   * results hashed: JIT warm-up figures and the comparison of return values between interpreters come from it.
   */
  warmupDone?: DoneEvent;
}

/** Warm-up, round one (with the waiting-work extension), then repeats. */
export async function sweep(ctx: SweepContext): Promise<void> {
  await warmUp(ctx);
  const strategies = ctx.settings.strategies.filter((s) => {
    const why = whyNot(s, {
      runtime: runtimeIn(ctx), isCoroutine: ctx.loaded.isCoroutine, picklable: ctx.loaded.picklable,
      hasInterpreterPool: ctx.hello.hasInterpreterPool, version: ctx.hello.version,
      ...(ctx.hello.hasDistributed !== undefined ? { hasDistributed: ctx.hello.hasDistributed } : {}),
    });
    // Reported, not hidden: "processes: function is not picklable" is itself an answer.
    if (why) {
      const config = { id: configId(s, 1), strategy: s, workers: 1, chunksize: 1 };
      ctx.states.push(skipped(config, mechanismFor(s, ctx), why));
    }
    return !why;
  });

  const roundOne = roundOneOrder(strategies, workerCounts(ctx));
  ctx.planned = roundOne.length * (ctx.settings.repeats === 'adaptive' ? 2 : ctx.settings.repeats);
  ctx.queue = [...roundOne];
  for (const config of roundOne) {
    if (ctx.cancelled) break;
    // Chunk sizes are chosen now, not up front: with few tasks the serial run before them is what teaches task time.
    await measure(ctx, withChunksize(config, ctx), 1);
    ctx.queue.shift();
  }
  ctx.queue = [];
  if ((ctx.cpuRatio ?? 1) < WAITING_CPU_RATIO) await extendForWaiting(ctx, strategies);
  await measureNativeVariants(ctx);
  await sweepChunks(ctx);
  await repeatRounds(ctx);
  if (ctx.settings.repeats === 'adaptive') {
    await repeatBasis(ctx);
    await recheckSerial(ctx);
  }
  budgetWarning(ctx);
}

/**
 * When the serial run was parallel inside (a library's thread pool in each task), measure each pool again with its
 * workers' native libraries limited (nativeThreads.ts), where the runner can do that.
 */
async function measureNativeVariants(ctx: SweepContext): Promise<void> {
  if (!ctx.hello.limitsNativeThreads) return;
  const serial = ctx.states.find((s) => isBaseline(s.config.strategy) && s.samples.length);
  if (!serial || !parallelInside(serial.samples[0].done, ctx.environment.logicalCores)) return;
  const measured = ctx.states.filter((s) => s.status === 'ok' && s.samples.length).map((s) => s.config);
  const variants = nativeThreadVariants(measured, ctx.environment.logicalCores);
  ctx.log(`serial kept ${coresBusy(serial.samples[0].done).toFixed(2)} cores busy: trying ${variants.length} native-thread limits`);
  ctx.planned += variants.length;
  for (const v of variants) {
    if (ctx.cancelled || ctx.budgetHit) return;
    await measure(ctx, v, 1);
  }
}

/**
 * Process pools whose overhead per task is a large share of the task get their chunk size swept (chunkSweep.ts):
 * the fastest pool of each chunked strategy, ×4 and ÷4, then further the way that helped.
 */
async function sweepChunks(ctx: SweepContext): Promise<void> {
  const tasks = ctx.loaded.tasks;
  const pickleS = ctx.pickle && ctx.pickle.tasks ? (ctx.pickle.argNs + ctx.pickle.resultNs) / NS / ctx.pickle.tasks : 0;
  const chunked = [...new Set(ctx.states.map((s) => s.config.strategy))].filter((s) => traitsOf(s).chunked);
  for (const name of chunked) {
    const pools = ctx.states.filter((s) => s.config.strategy === name && s.status === 'ok' && s.samples.length && s.config.workers >= 2);
    const base = pools.sort((a, b) => a.samples[0].wall - b.samples[0].wall)[0];
    if (!base || ctx.cancelled || ctx.budgetHit) continue;
    const done = base.samples[0].done;
    const overheadS = overheadOf(base.config, done, ctx.pickle, tasks).total / Math.max(1, tasks);
    const facts = {
      taskSeconds: ctx.taskSeconds ?? 0, pickleSeconds: pickleS, overheadSeconds: overheadS,
      workers: base.config.workers,
    };
    if (!worthSweeping(facts)) continue;
    ctx.log(`${base.config.id}: overhead ${(overheadS * 1e6).toFixed(1)} µs per task of ${((ctx.taskSeconds ?? 0) * 1e6).toFixed(1)} µs: sweeping chunk sizes`);
    const walls = new Map<number, number>([[base.config.chunksize, base.samples[0].wall]]);
    const tryChunk = async (c: number): Promise<number | undefined> => {
      if (walls.has(c)) return walls.get(c);
      ctx.planned += 1;
      const variant = chunkVariant(base.config, c);
      await measure(ctx, variant, 1);
      const wall = ctx.states.find((s) => s.config.id === variant.id)?.samples[0]?.wall;
      if (wall !== undefined) walls.set(c, wall);
      return wall;
    };
    const first = firstSteps(base.config.chunksize, tasks, base.config.workers);
    for (const c of first) {
      if (ctx.cancelled || ctx.budgetHit) return;
      await tryChunk(c);
    }
    // Continue from the better of the two first steps, the way it went, while each step gains.
    let from = base.config.chunksize;
    let to = first.reduce<number | undefined>(
      (a, c) => (walls.has(c) && (a === undefined || walls.get(c)! < walls.get(a)!) ? c : a), undefined,
    );
    for (let step = first.length; to !== undefined && step < CHUNK_SWEEP_STEPS; step++) {
      const next = nextStep(from, to, walls.get(from)!, walls.get(to)!, tasks, base.config.workers);
      if (next === null || ctx.cancelled || ctx.budgetHit) break;
      if ((await tryChunk(next)) === undefined) break;
      from = to;
      to = next;
    }
  }
}

/**
 * With budget left, repeat the configurations the verdict rests on until each has DEFAULTS.minRepeats samples:
 * a provisional verdict names them (serial, the choice, what it was compared with), and a repeat can change the
 * verdict, so this asks again after each round.
 */
async function repeatBasis(ctx: SweepContext): Promise<void> {
  for (let pass = 0; pass < DEFAULTS.minRepeats; pass++) {
    if (ctx.cancelled || ctx.budgetHit) return;
    const basis = new Set(provisionalBasis(ctx));
    const short = ctx.states.filter((s) => s.status === 'ok' && s.samples.length > 0
      && s.samples.length < DEFAULTS.minRepeats && basis.has(s.config.id) && !ruledOutNow(ctx, s)
      && !(isBaseline(s.config.strategy) && serialSettledNow(ctx)));
    if (short.length === 0) return;
    ctx.planned = ctx.done + short.length;
    for (const s of short) {
      if (ctx.cancelled || ctx.budgetHit) return;
      await measure(ctx, s.config, s.samples.length + 1);
    }
  }
}

/**
 * A one-worker pool runs the same tasks one at a time, so when it beat serial beyond noise serial may have met a slow
 * moment of the machine; serial divides every speedup, so it gets up to SERIAL_RECHECKS more samples, budget
 * allowing, before the report believes it (the finding then says what differed). Serial samples that already agree
 * across rounds are believed at once (plan.serialAgrees).
 */
async function recheckSerial(ctx: SweepContext): Promise<void> {
  for (let i = 0; i < SERIAL_RECHECKS; i++) {
    if (ctx.cancelled || ctx.budgetHit) return;
    const now = provisional(ctx);
    const winner = now ? oneWorkerWins(now.runs)[0] : undefined;
    const serial = ctx.states.find((s) => isBaseline(s.config.strategy) && s.status === 'ok' && s.samples.length > 0);
    if (!winner || !serial) return;
    const agrees = serialAgrees(serial.samples.map((x) => x.wall));
    if (agrees) {
      ctx.log(`serial: ${runLabel(winner)} beat it running one task at a time; not measured ${i ? 'further' : 'again'} (${agrees})`);
      return;
    }
    const last = serial.samples[serial.samples.length - 1].wall;
    if (ctx.elapsed() + last > ctx.settings.budget) return;
    if (i === 0) ctx.log(`serial: ${runLabel(winner)} beat it running one task at a time; measuring serial again`);
    ctx.planned = ctx.done + SERIAL_RECHECKS - i;
    await measure(ctx, serial.config, serial.samples.length + 1);
  }
}

/** The ids the verdict would rest on if the sweep ended now. */
function provisionalBasis(ctx: SweepContext): string[] {
  return provisional(ctx)?.recommendation.basis ?? [];
}

/** The verdict if the sweep ended now, with the runs it was drawn from; undefined before serial is measured. */
function provisional(ctx: SweepContext) {
  const runs = withSpeedups(ctx.states.map((s) => summarise(s, 0n, ctx.pickle, ctx.loaded.tasks)));
  if (!serialRun(runs)) return undefined;
  const { recommendation } = verdict(runs, classify(runs, ctx.environment, ctx.target), ctx.environment, ctx.target);
  return { runs, recommendation };
}

/** True when plan.serialSettled says serial's next sample can change neither the verdict nor its confidence. */
function serialSettledNow(ctx: SweepContext): boolean {
  if (ctx.settings.repeats !== 'adaptive') return false;
  const serial = ctx.states.find((s) => isBaseline(s.config.strategy) && s.status === 'ok');
  const now = serial && serial.samples.length >= 2 ? provisional(ctx) : undefined;
  if (!serial || !now) return false;
  const { runs, recommendation } = now;
  const walls = (id: string | undefined) => ctx.states.find((s) => s.config.id === id)?.samples.map((x) => x.wall);
  const chosen = recommendation.run === serial.config.id ? undefined : walls(recommendation.run);
  const compared = runs.filter((r) => r.id !== serial.config.id && (recommendation.basis ?? []).includes(r.id))
    .map((r) => r.wall.ci95);
  const why = serialSettled({ serial: serial.samples.map((x) => x.wall), chosen, compared });
  if (why) ctx.log(`serial: not repeated (${why})`);
  return why !== null;
}

/**
 * The worker counts to sweep: those asked for, up to the task count. A run of 8 tasks keeps at most 8 workers busy,
 * so 16 would measure only start-up; the report says which counts were left out and why.
 */
function workerCounts(ctx: SweepContext): number[] {
  const tasks = ctx.loaded.tasks;
  const { kept, dropped } = capWorkerCounts(ctx.settings.workers, tasks);
  if (dropped.length) {
    ctx.warnings.push({
      code: 'capped-by-tasks',
      message: `${dropped.length === 1 ? 'worker count' : 'worker counts'} ${dropped.join(', ')} not swept: a run of ${tasks} ` +
        `task${tasks === 1 ? '' : 's'} keeps at most ${tasks} worker${tasks === 1 ? '' : 's'} busy, so sweeps, projections and ` +
        `advice stop at ${tasks}`,
    });
  }
  return kept;
}

/** Learn the task time, CPU share and pickling cost on a few tasks; nothing here enters the statistics. */
async function warmUp(ctx: SweepContext): Promise<void> {
  const tasks = ctx.loaded.tasks;
  if (tasks * WARMUP_SHARE < 1) {
    // Fewer than 1/WARMUP_SHARE tasks: a warm-up would be a whole task (an eighth of serial for 8 tasks). The first
    // serial run, which goes first anyway, teaches the same things and its sample counts.
    ctx.learnFromSerial = true;
    return;
  }
  const limit = Math.min(tasks, Math.max(1, Math.ceil(tasks * WARMUP_SHARE)));
  ctx.progress({ message: `warm-up: ${limit} of ${tasks} tasks, serially`, done: 0, total: 1 });
  const outcome = await ctx.session.run(
    {
      id: 'warmup', strategy: BASELINE, workers: 1, chunksize: 1, measurePickle: true, hashResults: true,
      taskLimit: limit, ...TASK_RECORD_FIELDS,
    },
    ctx.settings.timeout, ctx.signal,
  );
  if (outcome.kind === 'cancelled') ctx.cancelled = true;
  if (outcome.kind === 'done') {
    learn(ctx, outcome.event);
    ctx.warmupDone = outcome.event;
  }
}

/** Task time, CPU share and pickling cost from a serial run (the warm-up, or the first serial run). */
function learn(ctx: SweepContext, e: DoneEvent): void {
  const totals = warmUpTotals(e);
  if (totals.count) {
    ctx.taskSeconds = totals.busy / totals.count;
    ctx.cpuRatio = totals.busy > 0 ? totals.cpu / totals.busy : 1;
  }
  ctx.pickle = e.pickle ? { ...e.pickle, tasks: e.pickle.tasks ?? totals.count } : undefined;
  ctx.log(`learnt: ${totals.count} tasks, ${(ctx.taskSeconds ?? 0) * 1e3} ms each, CPU share ${(ctx.cpuRatio ?? 0).toFixed(2)}`);
}

/** Task count, summed duration and CPU (seconds) of a run, from its aggregates when the runner sent those. */
function warmUpTotals(e: DoneEvent): { count: number; busy: number; cpu: number } {
  const all = e.taskStats?.all;
  if (all) return { count: all.count, busy: all.duration.sum / NS, cpu: all.cpu.sum / NS };
  let busy = 0;
  let cpu = 0;
  for (const t of e.tasks) {
    busy += t.end - t.start;
    cpu += t.cpu;
  }
  return { count: e.tasks.length, busy: busy / NS, cpu: cpu / NS };
}

function withChunksize(c: Config, ctx: SweepContext): Config {
  if (!traitsOf(c.strategy).chunked) return c;
  const perTaskPickle = ctx.pickle && ctx.pickle.tasks
    ? (ctx.pickle.argNs + ctx.pickle.resultNs) / NS / ctx.pickle.tasks
    : 0;
  return { ...c, chunksize: chooseChunksize(ctx.taskSeconds ?? 1e-3, perTaskPickle, ctx.loaded.tasks, c.workers) };
}

/** The runtime the sweep's runner is: its hello names the implementation. */
function runtimeIn(ctx: SweepContext): Runtime {
  return ctx.runtime;
}

function mechanismFor(s: StrategyName, ctx: SweepContext): string {
  return strategy(s).mechanism({
    runtime: runtimeIn(ctx), isCoroutine: ctx.loaded.isCoroutine, startMethod: ctx.hello.startMethod,
  });
}

function skipped(config: Config, mechanism: string, reason: string): ConfigState {
  return { config, mechanism, samples: [], status: 'skipped', reason, error: null };
}

function stateOf(ctx: SweepContext, config: Config): ConfigState {
  let s = ctx.states.find((x) => x.config.id === config.id);
  if (!s) {
    s = { config, mechanism: mechanismFor(config.strategy, ctx), samples: [], status: 'ok', error: null };
    ctx.states.push(s);
  }
  return s;
}

function bestWall(ctx: SweepContext): number | undefined {
  let best: number | undefined;
  for (const s of ctx.states) for (const x of s.samples) if (best === undefined || x.wall < best) best = x.wall;
  return best;
}

function serialEstimate(ctx: SweepContext): number {
  const serial = ctx.states.find((s) => isBaseline(s.config.strategy));
  if (serial?.samples.length) return serial.samples[0].wall;
  return (ctx.taskSeconds ?? 0) * ctx.loaded.tasks;
}

/** Run one repeat of a configuration, honouring budget, early stop, timeout and cancel. */
async function measure(ctx: SweepContext, config: Config, repeat: number): Promise<void> {
  const state = stateOf(ctx, config);
  if (state.status !== 'ok') return;
  const { settings } = ctx;
  const previous = state.samples.length
    ? state.samples[state.samples.length - 1].wall
    : serialEstimate(ctx) / Math.min(config.workers, ctx.environment.logicalCores);
  if (!isBaseline(config.strategy) && ctx.elapsed() + previous > settings.budget) {
    if (state.samples.length === 0) {
      state.status = 'skipped';
      state.reason = `not measured: the profiling budget of ${settings.budget} s was spent (${optionHint(ctx.options, 'budget', 'raise')})`;
    }
    ctx.budgetHit = true;
    return;
  }
  const best = bestWall(ctx);
  // A cluster run's command also starts (or connects to) its cluster, which the wall leaves out: allow for it.
  const allowance = traitsOf(config.strategy).runsOnCluster ? CLUSTER_STARTUP_ALLOWANCE_S : 0;
  const earlyLimit = best === undefined || settings.earlyStop === false
    ? Infinity
    : Math.max(EARLY_STOP_FACTOR * best, EARLY_STOP_FLOOR_S) + allowance;
  const timeout = Math.min(settings.timeout, earlyLimit);
  const repeatId = `${config.id}#${repeat}`;
  ctx.progress(runProgress(ctx, config, repeat));
  const started = ctx.elapsed();
  const firstSerial = !!ctx.learnFromSerial && isBaseline(config.strategy) && ctx.taskSeconds === undefined;
  ctx.sampler.beginRun(repeatId);
  let outcome: RunOutcome;
  try {
    outcome = await ctx.session.run(
      {
        id: repeatId, strategy: config.strategy, workers: config.workers, chunksize: config.chunksize,
        ...TASK_RECORD_FIELDS,
        ...(config.nativeThreads !== undefined ? { nativeThreads: config.nativeThreads } : {}),
        ...(traitsOf(config.strategy).runsOnCluster ? { cluster: clusterFields(settings) } : {}),
        ...(firstSerial ? { measurePickle: true, hashResults: true } : {}),
        // Without a warm-up every serial sample keeps the per-task clock, so the samples stay alike.
        ...(isBaseline(config.strategy) && !ctx.learnFromSerial && (ctx.taskSeconds ?? 1) < UNTIMED_CPU_TASK_S
          ? { taskCpu: false }
          : {}),
      },
      timeout, ctx.signal,
    );
  } finally {
    ctx.sampler.endRun();
  }
  ctx.done++;
  noteRunTime(ctx, config, ctx.elapsed() - started, outcome);
  if (firstSerial && outcome.kind === 'done') {
    learn(ctx, outcome.event);
    ctx.warmupDone = outcome.event;
  }
  record(ctx, state, outcome, repeatId, timeout < settings.timeout ? best : undefined);
}

/** What a cluster strategy's run is told: the existing scheduler, if any, and how long connecting may take. */
function clusterFields(settings: Settings): NonNullable<RunCommand['cluster']> {
  return {
    ...(settings.scheduler ? { scheduler: settings.scheduler } : {}),
    // Half the run's timeout at most, so a scheduler that does not answer is named before the run itself times out.
    connectTimeout: Math.min(settings.timeout / 2, CLUSTER_CONNECT_TIMEOUT_S),
  };
}

/** A worker a cluster lost mid-run, once per worker: which one, and which tasks ran twice because of it. */
function lostWorkerWarnings(ctx: SweepContext, config: Config, e: DoneEvent): void {
  const rerun = e.cluster?.rerun ?? [];
  const lost = e.cluster?.lost ?? [];
  // The run reports its re-run tasks as one list: with two workers lost, it cannot say which one each began on.
  const on = lost.length > 1 ? 'one of the lost workers' : 'it';
  for (const w of lost) {
    const message = `${label(config)}: the cluster lost worker ${w.address} (pid ${w.pid}) during the run` +
      (rerun.length
        ? `; task${rerun.length > 1 ? 's' : ''} ${rerun.join(', ')} had started on ${on} and ran again on another worker`
        : '') +
      (e.error ? '' : '; every task still completed, and this repeat\'s wall includes the re-runs');
    if (!ctx.warnings.some((x) => x.code === 'worker-lost' && x.message === message)) ctx.warnings.push({ code: 'worker-lost', message });
  }
}

/** The progress event of a run about to start: its configuration, its repeat, and the time the profile has left. */
function runProgress(ctx: SweepContext, config: Config, repeat: number): ProgressEvent {
  const fixed = ctx.settings.repeats === 'adaptive' ? null : ctx.settings.repeats;
  const of = fixed ?? (repeat <= DEFAULTS.minRepeats ? DEFAULTS.minRepeats : DEFAULTS.maxRepeats);
  const queued = ctx.queue?.length && ctx.queue[0].id === config.id ? ctx.queue : [config, ...(ctx.queue ?? [])];
  const log = ctx.runLog ?? [];
  const left = secondsLeft({
    queued: queued.map((c) => ({ observed: ctx.runSeconds?.get(c.id), workers: c.workers })),
    unplanned: Math.max(0, ctx.planned - ctx.done - queued.length),
    observed: log.map((r) => r.seconds),
    overheads: log.map((r) => r.overhead),
    serialSeconds: serialKnown(ctx) ? serialEstimate(ctx) : undefined,
    cores: ctx.environment.logicalCores,
    budgetLeft: ctx.settings.budget - ctx.elapsed(),
  });
  const repeatText = `repeat ${repeat} of ${fixed ? '' : 'up to '}${of}`;
  return {
    message: `${label(config)}, ${repeatText}`,
    done: ctx.done, total: Math.max(ctx.planned, ctx.done + 1),
    config: label(config),
    repeat: { index: repeat, of, adaptive: !fixed },
    ...(left === undefined ? {} : { secondsLeft: left }),
  };
}

/** Whether the serial time is known yet: from the warm-up's task time or a measured serial run. */
function serialKnown(ctx: SweepContext): boolean {
  return ctx.taskSeconds !== undefined || ctx.states.some((s) => isBaseline(s.config.strategy) && s.samples.length > 0);
}

/** Remembers how long a run took, start-up included, to price the runs still to come. */
function noteRunTime(ctx: SweepContext, config: Config, seconds: number, outcome: RunOutcome): void {
  if (outcome.kind === 'cancelled') return;
  const wall = outcome.kind === 'done' ? (outcome.event.t1 - outcome.event.t0) / NS : seconds;
  (ctx.runSeconds ??= new Map()).set(config.id, seconds);
  (ctx.runLog ??= []).push({ seconds, overhead: Math.max(0, seconds - wall) });
}

/** Fold one outcome into the configuration's state. */
function record(
  ctx: SweepContext, state: ConfigState, outcome: RunOutcome, repeatId: string, earlyBest?: number,
): void {
  switch (outcome.kind) {
    case 'done': {
      const e: DoneEvent = boundedDone(outcome.event);
      lostWorkerWarnings(ctx, state.config, e);
      state.mechanism = e.mechanism || state.mechanism;
      state.samples.push({ repeatId, done: e, wall: (e.t1 - e.t0) / NS });
      if (e.error) {
        state.status = 'failed';
        state.error = { ...toRunError(e.error), run: state.config.id };
        state.reason = failureReason(e.error, ctx.settings.memoryLimitMb);
      }
      return;
    }
    case 'timeout':
      if (earlyBest !== undefined) {
        state.status = state.samples.length ? state.status : 'stopped';
        state.reason = `stopped after ${outcome.seconds.toFixed(1)} s: already more than ${EARLY_STOP_FACTOR}× slower than the best so far (${earlyBest.toFixed(3)} s)`;
      } else {
        state.status = 'timeout';
        state.reason = `did not finish within the ${outcome.seconds} s timeout; the process tree was stopped`;
        state.error = { type: 'Timeout', message: state.reason, run: state.config.id };
      }
      return;
    case 'crash':
      state.status = 'failed';
      state.reason = outcome.message;
      state.error = {
        type: 'Crash', message: outcome.message, traceback: outcome.stderrTail || undefined,
        signal: outcome.signal ?? undefined, exitCode: outcome.exitCode ?? undefined, run: state.config.id,
      };
      return;
    case 'error':
      state.status = outcome.error.type === 'NotApplicable' ? 'skipped' : 'failed';
      state.reason = outcome.error.message;
      state.error = state.status === 'failed' ? { ...toRunError(outcome.error), run: state.config.id } : null;
      return;
    case 'cancelled':
      ctx.cancelled = true;
      // Cancelled before its first repeat finished: nothing was measured, so it must not read as an ok run.
      if (!state.samples.length) {
        state.status = 'stopped';
        state.reason = 'cancelled before its first repeat finished';
      }
      return;
  }
}

/** The short status line of a failed run: what happened, in words the user can act on. */
function failureReason(e: NonNullable<DoneEvent['error']>, memoryLimitMb?: number): string {
  if (e.type === 'WorkerCrash') {
    const { signal: sig, exitCode: code } = e;
    return sig ? `a worker process crashed (killed by ${sig})` : code !== undefined ? `a worker process exited with code ${code}` : 'a worker process died';
  }
  // A cluster's loss is the run's, not a task's exception: its message names the workers and the fix.
  if (e.type === 'WorkerLost' || e.type === 'DaskTaskLost') return e.message;
  const task = `task ${e.taskIndex ?? '?'}`;
  if (e.type === 'MemoryError') return `${task} ran out of memory${memoryLimitMb ? ` (limit ${memoryLimitMb} MB)` : ''}`;
  if (e.type === 'SystemExit') return `${task} called sys.exit(${e.message === 'SystemExit' ? '' : e.message}), which the profiler catches as an exception in the task`;
  return `${task} raised ${e.type}`;
}

function label(c: Config): string {
  return isBaseline(c.strategy) ? c.strategy : `${c.strategy} ×${c.workers}${c.chunksize > 1 ? ` (chunksize ${c.chunksize})` : ''}`;
}

/** Tasks mostly wait: keep doubling threads/async workers past the default sweep until gains flatten. */
async function extendForWaiting(ctx: SweepContext, strategies: StrategyName[]): Promise<void> {
  for (const s of strategies.filter((x) => traitsOf(x).overlapsWaiting)) {
    for (;;) {
      if (ctx.cancelled || ctx.budgetHit) return;
      const mine = ctx.states
        .filter((x) => x.config.strategy === s && x.samples.length)
        .sort((a, b) => a.config.workers - b.config.workers);
      if (mine.length < 2) break;
      const top = mine[mine.length - 1];
      const prev = mine[mine.length - 2];
      const next = nextExtension(top.config.workers, top.samples[0].wall, prev.samples[0].wall);
      if (next === null || next > ctx.loaded.tasks) break;
      ctx.log(`${s}: tasks mostly wait and ${top.config.workers} workers still gained, trying ${next}`);
      ctx.planned += 2;
      const config: Config = { id: configId(s, next), strategy: s, workers: next, chunksize: 1 };
      ctx.queue = [config];
      await measure(ctx, config, 1);
      ctx.queue = [];
    }
  }
}

/** Interleaved repeats: every configuration when --repeats is given, otherwise only contenders, adaptively. */
async function repeatRounds(ctx: SweepContext): Promise<void> {
  const { settings } = ctx;
  const fixed = settings.repeats === 'adaptive' ? null : settings.repeats;
  const maxRounds = fixed ?? DEFAULTS.maxRepeats;
  for (let round = 2; round <= maxRounds; round++) {
    if (ctx.cancelled || ctx.budgetHit) break;
    const ok = ctx.states.filter((s) => s.status === 'ok' && s.samples.length);
    let targets: ConfigState[];
    if (fixed) {
      targets = ok;
    } else if (round <= DEFAULTS.minRepeats) {
      // Only configurations that could still be the verdict: the model rules some out whatever more samples show.
      const open = ok.filter((s) => !ruledOutNow(ctx, s));
      const ids = new Set(contenders(open.map(firstLook)));
      targets = open.filter((s) => ids.has(s.config.id));
      // From round three on, a contender already clearly slower than the best cannot become the answer:
      // stop paying for it.
      // Serial too, once its next sample could change neither the verdict nor its confidence (plan.serialSettled).
      if (round > 2) {
        const settled = serialSettledNow(ctx);
        targets = targets.filter((s) => (isBaseline(s.config.strategy) ? !settled : stillInTheRunning(s, targets)));
      }
    } else {
      // Past the minimum, a sequential test on the samples so far: more samples are taken only while the verdict with
      // the noise taken out (every interval collapsed to its median) differs from the verdict as measured, and only of
      // the configurations the two verdicts name.
      targets = undecidedVerdict(ctx);
      if (targets.length === 0) break;
    }
    // This round and, as far as they are known now, the rounds after it (contenders may still drop out).
    const roundsLeft = fixed ? fixed - round + 1 : Math.max(1, DEFAULTS.minRepeats - round + 1);
    ctx.planned = ctx.done + targets.length * roundsLeft;
    // Rotate the order each round so no configuration always runs first (or right after a heavy one).
    const order = targets.map((_, i) => targets[(i + round) % targets.length]);
    ctx.queue = order.map((s) => s.config);
    for (const s of order) {
      if (ctx.cancelled || ctx.budgetHit) break;
      await measure(ctx, s.config, round);
      ctx.queue.shift();
    }
    ctx.queue = [];
  }
}

/** The budget warning, once, when the budget stopped runs. */
function budgetWarning(ctx: SweepContext): void {
  if (!ctx.budgetHit) return;
  ctx.warnings.push({
    code: 'budget',
    fix: 'budget',
    message: `the ${ctx.settings.budget} s budget ran out: some configurations have fewer than ${DEFAULTS.minRepeats} repeats ` +
      `(${optionHint(ctx.options, 'budget', 'raise')} for tighter intervals)`,
  });
}

/** A configuration's median wall so far, in the shape plan.ts decides on. */
function firstLook(s: ConfigState): FirstLook {
  const walls = s.samples.map((x) => x.wall);
  const cpu = s.samples.reduce((a, x) => Math.min(a, x.done.user + x.done.sys), Infinity);
  return {
    id: s.config.id, strategy: s.config.strategy, workers: s.config.workers, wall: median(walls), samples: walls,
    ...(Number.isFinite(cpu) && cpu > 0 ? { cpu } : {}),
  };
}

/** True when plan.ruledOut says more samples of this configuration cannot change the verdict. */
function ruledOutNow(ctx: SweepContext, s: ConfigState): boolean {
  const ok = ctx.states.filter((x) => x.status === 'ok' && x.samples.length);
  const serial = ok.find((x) => isBaseline(x.config.strategy));
  if (!serial) return false;
  const looks = ok.map(firstLook);
  const serialWall = median(serial.samples.map((x) => x.wall));
  const inside = parallelInside(serial.samples[0].done, ctx.environment.logicalCores);
  const facts = {
    serialWall, physicalCores: ctx.environment.physicalCores, logicalCores: ctx.environment.logicalCores,
    cpuBound: (ctx.cpuRatio ?? 0) >= CPU_BOUND_MIN_RATIO && !inside,
  };
  const why = ruledOut(firstLook(s), looks, facts);
  if (why) ctx.log(`${s.config.id}: not repeated (${why})`);
  return why !== null;
}

/**
 * The configurations to sample again past the minimum: none when the measured verdict and the noise-free one agree
 * (more samples would only narrow intervals that already decide nothing), else the two they name (and serial, when
 * one of them is serial: its noise is what a win is judged against).
 */
function undecidedVerdict(ctx: SweepContext): ConfigState[] {
  const runs = withSpeedups(ctx.states.map((s) => summarise(s, 0n, ctx.pickle, ctx.loaded.tasks)));
  if (!serialRun(runs)) return [];
  const now = verdict(runs, classify(runs, ctx.environment, ctx.target), ctx.environment, ctx.target)
    .recommendation.run;
  const still = runs.map(withoutNoise);
  const ideal = verdict(still, classify(still, ctx.environment, ctx.target), ctx.environment, ctx.target)
    .recommendation.run;
  if (!now || !ideal || now === ideal) return [];
  ctx.log(`verdict ${now} as measured, ${ideal} without the noise: sampling both again`);
  const ids = new Set([now, ideal]);
  return ctx.states.filter((s) => ids.has(s.config.id) && s.status === 'ok' && s.samples.length && !ruledOutNow(ctx, s));
}

/** The run as if measured without noise: its median, three times. */
function withoutNoise(r: Run): Run {
  if (!(r.wall.median > 0)) return r;
  const m = r.wall.median;
  return { ...r, wall: { median: m, ci95: [m, m], samples: [m, m, m] } };
}

/** Median and interval of a configuration's walls so far. */
function wallEstimate(s: ConfigState) {
  return estimate(s.samples.map((x) => x.wall));
}

/** A configuration whose interval still overlaps the fastest one's, or lies within PRACTICAL_EQUIVALENCE of it. */
function stillInTheRunning(s: ConfigState, targets: ConfigState[]): boolean {
  const best = targets
    .filter((t) => !isBaseline(t.config.strategy))
    .map(wallEstimate)
    .sort((a, b) => a.median - b.median)[0];
  if (!best) return true;
  const e = wallEstimate(s);
  return e.ci95[0] <= best.ci95[1] || e.median <= best.median * (1 + PRACTICAL_EQUIVALENCE);
}


