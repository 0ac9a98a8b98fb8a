/**
 * Classification of the workload (CPU-bound, I/O-bound, mixed, overhead-bound; GIL-bound or not) and noise
 * warnings, as pure functions of the measured runs. Every evidence sentence quotes the numbers it rests on.
 */
import type { Classification, Environment, Run, Target, Warning } from '../../contracts/report';
import { fmtCores, fmtPercent, fmtSeconds, fmtSpeedup, fmtWall, runLabel } from './humanize';
import {
  beatsSerial, cheapestOverheads, cpuRatioOf, dispatchNoun, fastest, inseparablePairs, isOk, meanTaskTime,
  parallelRuns, poolRuns, serialRun, speedupOf, taskTimingUsable, taskTotals, type OverheadFact,
} from './runFacts';
import { maxOf, relativeWidth } from './stats';
import { NATIVE_PARALLEL_MIN_CORES, NATIVE_THREAD_MIN_SHARE } from './thresholds';
import { CPU_BOUND_MIN_RATIO, IO_BOUND_MAX_RATIO, GIL_CPU_HEAVY_RATIO, GIL_ONE_CORE_CAP, OVERHEAD_SHARE, NOISY_RUN_WIDTH, MIN_REPEATS } from './thresholds';
import { traitsOf } from '../strategies/catalogue';
import { runtimeOf } from '../strategies/strategy';


/** A pool of local processes or interpreters: each worker has its own GIL, the fair comparison for threads. */
function ownInterpreterPerWorker(run: Run): boolean {
  const t = traitsOf(run.strategy);
  return t.crossesProcess && t.boundedByLocalCores && t.chunked;
}

/** What the threads runs say about the GIL. */
interface GilFacts {
  bound: boolean;
  /** The threads run with ≥2 workers and the best speedup: the strongest case threads could make. */
  threads?: Run;
  /** The processes run to compare with (same worker count, else the fastest). */
  processes?: Run;
}

function gilFacts(runs: readonly Run[], env: Environment, cpuRatio: number, serial: Run): GilFacts {
  const multi = parallelRuns(runs).filter((r) => traitsOf(r.strategy).sharesInterpreter && r.workers >= 2);
  if (multi.length === 0) return { bound: false };
  const threads = fastest(multi)!;
  const procs = parallelRuns(runs).filter((r) => ownInterpreterPerWorker(r));
  const processes = procs.find((r) => r.workers === threads.workers) ?? fastest(procs);
  const maxParallelism = maxOf(multi.map((r) => r.parallelism));
  const oneCore = maxParallelism <= GIL_ONE_CORE_CAP || speedupOf(threads, serial) <= GIL_ONE_CORE_CAP;
  // A single-core machine cannot tell a GIL from a lack of cores.
  const bound = env.gilEnabled && env.logicalCores >= 2 && cpuRatio >= GIL_CPU_HEAVY_RATIO && oneCore;
  return { bound, threads, processes };
}

/**
 * Whether the target's runtime has a GIL to speak of: Python does (enabled or not); JavaScript's worker threads have
 * none, so its sentences say what the threads did without naming a lock that does not exist there.
 */
function speaksOfGil(target: Target): boolean {
  return runtimeOf(target.language) === 'python';
}

/** The sentence that quotes the threads measurements for or against the GIL: what happened first, the numbers after. */
function gilSentence(g: GilFacts, env: Environment, serial: Run, gilWords: boolean): string | undefined {
  const t = g.threads;
  if (!t) return undefined;
  const s = speedupOf(t, serial);
  const measured = `${t.workers} threads kept ${fmtCores(t.parallelism)} busy and ran at ${fmtSpeedup(s)}`;
  if (g.bound) {
    if (t.parallelism <= GIL_ONE_CORE_CAP) {
      return `Threads took turns: only one thread runs Python bytecode at a time (the GIL), so ${measured}`;
    }
    // The article's sum_range case: user + sys above real, yet slower. The CPU went to fighting over the lock.
    return (
      `Threads spent their CPU contending for the GIL, not doing work: ${t.workers} threads used ` +
      `${fmtSeconds(t.user + t.sys)} of CPU (user + sys) in ${fmtSeconds(t.wall.median)} of wall time, yet ran at ${fmtSpeedup(s)}`
    );
  }
  if (t.parallelism > GIL_ONE_CORE_CAP && s > GIL_ONE_CORE_CAP) {
    const why = !gilWords ? '' : env.gilEnabled ? ': the GIL is released while the tasks run' : `: ${env.version} runs without a GIL`;
    return `Threads ran side by side${why}; ${measured}`;
  }
  if (!env.gilEnabled) {
    return gilWords
      ? `Threads did not run side by side although ${env.version} has no GIL, so something else serialises the tasks; ${measured}`
      : `Threads did not run side by side, so something in the tasks serialises them; ${measured}`;
  }
  return undefined;
}

/** The summary's fragment about threads when nothing holds them back. */
function gilReleasedClause(g: GilFacts, env: Environment, serial: Run, gilWords: boolean): string | undefined {
  const t = g.threads;
  if (!t || g.bound || t.parallelism <= GIL_ONE_CORE_CAP || speedupOf(t, serial) <= GIL_ONE_CORE_CAP) return undefined;
  if (!gilWords) return `threads run side by side (${fmtCores(t.parallelism)} busy)`;
  return `${env.gilEnabled ? 'the GIL is released' : 'no GIL in this build'} (threads kept ${fmtCores(t.parallelism)} busy)`;
}

/** The share of its time a task computes, in words: what CPU ÷ wall means before the number is quoted. */
function cpuInWords(ratio: number): string {
  if (ratio >= 0.95) return 'Each task keeps one core busy the whole time';
  if (ratio <= 0.05) return 'Each task spends almost all its time waiting, not computing';
  return `Each task computes ${fmtPercent(ratio)} of the time and waits ${fmtPercent(1 - ratio)}`;
}

/** Classify the workload from the runs: CPU ÷ wall of the serial run, the runs' overhead, and how threads scaled. */
export function classify(runs: Run[], env: Environment, target: Target): Classification {
  const serial = serialRun(runs);
  if (!serial) {
    return {
      kind: 'mixed',
      cpuRatio: 0,
      gilBound: false,
      evidence: ['The serial run did not complete, so there is no baseline to measure CPU ÷ wall or speedups against.'],
      summary: 'Unclassified: no serial baseline',
    };
  }
  const native = nativeThreadsOf(serial, env);
  // The calling thread's clock misses a library's own threads: then every thread of the process tree counts.
  const cpuRatio = native ? Math.max(cpuRatioOf(serial), native.cores) : cpuRatioOf(serial);
  const totals = taskTotals(serial);
  const evidence: string[] = [];
  evidence.push(
    native
      ? `The serial run's ${totals.count} tasks kept ${fmtCores(native.cores)} busy: the process used ` +
          `${fmtSeconds(serial.user + serial.sys)} of CPU (user + sys, every thread) in ${fmtSeconds(serial.wall.median)} of wall time` +
          `${taskTimingUsable(serial) ? `, ${fmtSeconds(totals.cpu)} of it on the calling thread` : ''}.`
      : taskTimingUsable(serial)
      ? `${cpuInWords(cpuRatio)}: the serial run's ${totals.count} tasks spent ${fmtSeconds(totals.cpu)} on the CPU ` +
          // The CPU clock can run a little ahead of the wall clock; the ratio is capped at 1 and says so.
          (totals.cpu > totals.duration
            ? `in ${fmtSeconds(totals.duration)} (CPU ÷ wall ${cpuRatio.toFixed(2)}, capped: the two clocks differ slightly).`
            : `out of ${fmtSeconds(totals.duration)} (CPU ÷ wall ${cpuRatio.toFixed(2)}).`)
      : `${cpuInWords(cpuRatio)}: ` +
          `${totals.count > 0 ? `tasks last ${fmtSeconds(totals.duration / totals.count)}, too short to time their CPU one by one; the` : 'the'} ` +
          `serial run used ${fmtSeconds(serial.user + serial.sys)} of CPU (user + sys) in ${fmtSeconds(serial.wall.median)} ` +
          `of wall time (CPU ÷ wall ${cpuRatio.toFixed(2)}).`,
  );

  if (native) evidence.push(nativeSentence(native, runs.some((r) => r.nativeThreads !== undefined && isOk(r))));
  const gilWords = speaksOfGil(target);
  if (!env.gilEnabled && gilWords) {
    evidence.push(
      `${env.version} runs without a GIL (sys._is_gil_enabled() is False): its threads can run Python code side by ` +
        'side, so no run here is held back by a GIL.',
    );
  }

  // Overhead-bound: no parallel strategy wins, and what each charges per task is comparable to the task itself.
  const taskTime = meanTaskTime(serial, target.tasks);
  const overheads = cheapestOverheads(runs, target.tasks);
  // A one-worker pool that beats the loop is not parallelism (a finding says why); only pools of two or more count.
  const pools = poolRuns(runs);
  const par = pools.length ? pools : parallelRuns(runs);
  const anyWin = pools.some((r) => beatsSerial(r, serial));
  const cheapest = overheads.reduce<OverheadFact | undefined>(
    (a, b) => (!a || b.perTask < a.perTask ? b : a), undefined,
  );
  const overheadBound = par.length > 0 && !anyWin && !!cheapest && cheapest.perTask >= OVERHEAD_SHARE * taskTime;

  // When dispatch alone explains why threads lost, the threads numbers say nothing about the GIL.
  const gil: GilFacts = overheadBound ? { bound: false } : gilFacts(runs, env, cpuRatio, serial);
  const gilText = gilSentence(gil, env, serial, gilWords);
  if (gilText) evidence.push(gilText + '.');

  const procs = fastest(pools.filter(ownInterpreterPerWorker))
    ?? fastest(parallelRuns(runs).filter(ownInterpreterPerWorker));
  if (procs) {
    const over = procs.user + procs.sys > procs.wall.median ? `; user + sys (${fmtSeconds(procs.user + procs.sys)}) exceeded wall (${fmtSeconds(procs.wall.median)}), so more than one core was working` : '';
    evidence.push(
      `${capitalise(runLabel(procs))} kept ${fmtCores(procs.parallelism)} busy and ran at ` +
        `${fmtSpeedup(speedupOf(procs, serial))}${over}.`,
    );
  }

  if (overheads.length > 0 && !anyWin) {
    const parts = overheads.map((o) => `${dispatchNoun(o.run.strategy)} costs ${fmtSeconds(o.perTask)} per task (${runLabel(o.run)})`);
    evidence.push(`Each task takes ${fmtSeconds(taskTime)}; ${parts.join('; ')}.`);
  }
  // That no parallel configuration beat serial is the recommendation's first reason (with its interval): not said here.

  const kind: Classification['kind'] = overheadBound
    ? 'overhead-bound'
    : cpuRatio >= CPU_BOUND_MIN_RATIO
      ? 'cpu-bound'
      : cpuRatio <= IO_BOUND_MAX_RATIO
        ? 'io-bound'
        : 'mixed';

  if (kind === 'io-bound' || kind === 'mixed') {
    const waiting = par.filter((r) => traitsOf(r.strategy).overlapsWaiting);
    const best = fastest(waiting);
    if (best) {
      evidence.push(
        `The tasks overlap their waiting: ${runLabel(best)} ran at ${fmtSpeedup(speedupOf(best, serial))} while keeping ` +
          `${fmtCores(best.parallelism)} busy.`,
      );
    }
  }

  const summary = summarise(kind, cpuRatio, gil, env, serial, taskTime, overheads, gilWords);
  return {
    kind, cpuRatio, gilBound: gil.bound, evidence,
    summary: native ? `${summary}; parallel inside: the serial run kept ${fmtCores(native.cores)} busy` : summary,
    ...(native ? { nativeThreads: native } : {}),
  };
}

/**
 * The serial run kept more than one core busy: a library inside each task (BLAS, OpenMP, numexpr) runs threads of
 * its own. Cores from the whole tree's user + sys; threads from the sampler's per-thread CPU (0 where it has none).
 */
export function nativeThreadsOf(serial: Run, env: Environment): Classification['nativeThreads'] {
  if (env.logicalCores < 2 || !(serial.parallelism >= NATIVE_PARALLEL_MIN_CORES)) return undefined;
  const floor = NATIVE_THREAD_MIN_SHARE * serial.wall.median;
  const threads = (serial.threadCpu ?? []).filter((t) => t.worker < 0 && t.cpu >= floor).length;
  return { cores: serial.parallelism, threads };
}

function nativeSentence(n: NonNullable<Classification['nativeThreads']>, triedLimits: boolean): string {
  const own = n.threads > 0 ? `${n.threads} thread${n.threads === 1 ? '' : 's'} of its own` : 'threads of its own';
  const pools = triedLimits
    ? 'A pool stacks its workers on top of those threads, so the sweep also tried pools with each worker\'s native threads ' +
      'limited (OMP_NUM_THREADS, OPENBLAS_NUM_THREADS, MKL_NUM_THREADS, NUMEXPR_NUM_THREADS).'
    : 'A pool stacks its workers on top of those threads: limit them per worker (OMP_NUM_THREADS and its siblings) to avoid ' +
      'putting more threads than cores to work.';
  return `The serial run already used ${n.cores.toFixed(1)} cores: the task's library runs ${own} (BLAS, OpenMP or similar), ` +
    `so each task is parallel inside. ${pools}`;
}

function summarise(
  kind: Classification['kind'], cpuRatio: number, gil: GilFacts, env: Environment, serial: Run, taskTime: number,
  overheads: OverheadFact[], gilWords: boolean,
): string {
  const gilClause = gil.bound ? 'serialised by the GIL' : gilReleasedClause(gil, env, serial, gilWords);
  switch (kind) {
    case 'overhead-bound': {
      // Quote processes when measured: the cost users most often underestimate; else the cheapest strategy.
      const o = overheads.find((x) => ownInterpreterPerWorker(x.run))
        ?? overheads.reduce((a, b) => (b.perTask < a.perTask ? b : a));
      return `Overhead-bound: each task takes ${fmtSeconds(taskTime)}; ${dispatchNoun(o.run.strategy)} costs ${fmtSeconds(o.perTask)}`;
    }
    case 'cpu-bound':
      if (gil.bound) return 'CPU-bound, serialised by the GIL';
      return gilClause ? `CPU-bound; ${gilClause}` : `CPU-bound: tasks compute ${fmtPercent(Math.min(cpuRatio, 1))} of the time`;
    case 'io-bound':
      return `I/O-bound: tasks spend ${fmtPercent(1 - cpuRatio)} of their time waiting`;
    case 'mixed': {
      const base = `Mixed: tasks compute ${fmtPercent(cpuRatio)} of the time and wait ${fmtPercent(1 - cpuRatio)}`;
      return gilClause ? `${base}; ${gilClause}` : base;
    }
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Warnings about measurements too few or too noisy to trust, and strategies the noise cannot separate. `basis` (the
 * ids of the runs the verdict rests on) lets the few-repeats warning say whether the verdict depends on them.
 */
export function noiseWarnings(runs: Run[], basis?: readonly string[]): Warning[] {
  const ok = runs.filter(isOk);
  const warnings: Warning[] = [];
  const few = ok.filter((r) => r.wall.samples.length < MIN_REPEATS);
  if (few.length > 0) {
    const list = few.map((r) => `${runLabel(r)}: ${r.wall.samples.length}`).join(', ');
    const rests = basis ? few.filter((r) => basis.includes(r.id)) : few;
    const why = rests.length === 0
      ? ': the verdict does not rest on them (each was clearly slower than the choice), so they were not repeated'
      : '; their intervals are rough';
    warnings.push({
      code: 'few-repeats',
      message: `${few.length} configuration${few.length > 1 ? 's were' : ' was'} measured fewer than ${MIN_REPEATS} times (${list})${why}.`,
    });
  }
  // One warning for all noisy runs: a busy machine makes most of them noisy at once, and a list reads better.
  const noisy = ok.filter((r) => relativeWidth(r.wall) > NOISY_RUN_WIDTH);
  if (noisy.length > 0) {
    const list = noisy.map((r) => `${runLabel(r)} ±${fmtPercent(relativeWidth(r.wall) / 2)}`).join(', ');
    warnings.push({
      code: 'noisy-run',
      message:
        `${noisy.length === 1 ? 'One configuration' : `${noisy.length} configurations`} varied by more than ` +
        `±${fmtPercent(NOISY_RUN_WIDTH / 2)} between repeats (${list}): the machine was busy or the runs are too short to time reliably.`,
    });
  }
  // Compare the fastest configuration with the fastest of every other strategy (serial included).
  for (const [best, other] of inseparablePairs(runs)) {
    warnings.push({
      code: 'inseparable',
      message:
        `Too noisy to separate ${runLabel(best)} (${fmtWall(best)}) from ${runLabel(other)} (${fmtWall(other)}): ` +
        `their 95% intervals overlap. More repeats or a quieter machine would tell them apart.`,
    });
  }
  return warnings;
}
