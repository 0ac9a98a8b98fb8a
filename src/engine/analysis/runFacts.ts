/**
 * Facts derived from measured runs that classification, the scaling model and the recommendation all rely on,
 * kept in one place so the three never disagree about what "the serial run" or "beats serial" means.
 */
import type { Run, StrategyName } from '../../contracts/report';
import { intervalsOverlap, relativeWidth } from './stats';
import { MIN_GAIN, SEPARATION_NOISE_WIDTH, TASK_TIMING_FLOOR } from './thresholds';
import { isBaseline, strategy } from '../strategies/catalogue';


/** True when the run finished and was measured (never recommend skipped, failed, timed-out or stopped runs). */
export function isOk(run: Run): boolean {
  return run.status === 'ok' && Number.isFinite(run.wall.median) && run.wall.median > 0;
}

/** The serial baseline: the baseline strategy with one worker, measured; undefined when it did not complete. */
export function serialRun(runs: readonly Run[]): Run | undefined {
  return runs.find((r) => isBaseline(r.strategy) && r.workers === 1 && isOk(r));
}

/** Measured runs of every strategy but serial. */
export function parallelRuns(runs: readonly Run[]): Run[] {
  return runs.filter((r) => !isBaseline(r.strategy) && isOk(r));
}

/**
 * Measured runs with two or more workers: the only ones that run tasks side by side. A pool of one worker runs one
 * task at a time; when it beats the plain loop, that is a finding about where the loop ran, not parallelism.
 */
export function poolRuns(runs: readonly Run[]): Run[] {
  return parallelRuns(runs).filter((r) => r.workers >= 2);
}

/** Measured one-worker pools (threads ×1, processes ×1...). */
export function oneWorkerRuns(runs: readonly Run[]): Run[] {
  return parallelRuns(runs).filter((r) => r.workers < 2);
}

/** Speedup of run over the serial baseline, from medians (the Run's own `speedup` when there is no baseline). */
export function speedupOf(run: Run, serial: Run | undefined): number {
  return serial ? serial.wall.median / run.wall.median : run.speedup;
}

/** The run with the highest speedup (first wins ties), or undefined for none. */
export function fastest(runs: readonly Run[]): Run | undefined {
  let best: Run | undefined;
  for (const r of runs) if (!best || r.wall.median < best.wall.median) best = r;
  return best;
}

/**
 * The fastest measured run of each non-serial strategy. Runs with two or more workers represent a strategy when
 * there are any: a one-worker pool says what the pool costs, not how the strategy runs work side by side.
 */
export function fastestPerStrategy(runs: readonly Run[]): Map<StrategyName, Run> {
  const out = new Map<StrategyName, Run>();
  const better = (a: Run, b: Run) =>
    (a.workers >= 2) !== (b.workers >= 2) ? a.workers >= 2 : a.wall.median < b.wall.median;
  for (const r of parallelRuns(runs)) {
    const cur = out.get(r.strategy);
    if (!cur || better(r, cur)) out.set(r.strategy, r);
  }
  return out;
}

/**
 * The best measured configuration of each non-serial strategy, as the scaling table shows it: the lowest median wall
 * of any worker count (the fewer workers on a tie). The sentences that quote "the best of threads" use this one, so the
 * verdict and the table never name two different runs.
 */
export function bestPerStrategy(runs: readonly Run[]): Map<StrategyName, Run> {
  const out = new Map<StrategyName, Run>();
  for (const r of parallelRuns(runs)) {
    const cur = out.get(r.strategy);
    const faster = !cur || r.wall.median < cur.wall.median
      || (r.wall.median === cur.wall.median && r.workers < cur.workers);
    if (faster) out.set(r.strategy, r);
  }
  return out;
}

/**
 * Beats serial beyond noise: the run's whole 95% wall interval lies below serial's, and the median gain is at
 * least MIN_GAIN. Both conditions, because intervals from few repeats can be misleadingly narrow.
 */
export function beatsSerial(run: Run, serial: Run): boolean {
  return run.wall.ci95[1] < serial.wall.ci95[0] && serial.wall.median / run.wall.median >= 1 + MIN_GAIN;
}

/** Indistinguishable by the measurements: the two wall intervals overlap. */
export function withinNoise(a: Run, b: Run): boolean {
  return intervalsOverlap(a.wall.ci95, b.wall.ci95);
}

/**
 * The leaders the noise cannot separate: the fastest of all leaders (each strategy's fastest, serial included)
 * paired with every other leader whose 95% interval overlaps its own while one of the two spans more than
 * SEPARATION_NOISE_WIDTH (a tighter overlap is a true tie). The inseparable warning and the confidence both read this,
 * so a verdict is never "medium" while a warning says its leaders cannot be told apart.
 */
export function inseparablePairs(runs: readonly Run[]): [Run, Run][] {
  const leaders = [...fastestPerStrategy(runs).values()];
  const serial = serialRun(runs);
  if (serial) leaders.push(serial);
  const best = fastest(leaders);
  if (!best) return [];
  const out: [Run, Run][] = [];
  for (const other of leaders) {
    if (other === best || !intervalsOverlap(best.wall.ci95, other.wall.ci95)) continue;
    if (Math.max(relativeWidth(best.wall), relativeWidth(other.wall)) <= SEPARATION_NOISE_WIDTH) continue;
    out.push([best, other]);
  }
  return out;
}

/** Per-task time totals of a run's representative repeat. */
export interface TaskTotals {
  count: number;
  /** Sum of task durations (end − start), seconds. */
  duration: number;
  /** Sum of task CPU seconds. */
  cpu: number;
}

/**
 * Sums of the task records' durations and CPU (tasks that raised count too: they used the time); from the exact
 * aggregates when the run kept only a sample of its records.
 */
export function taskTotals(run: Run): TaskTotals {
  if (run.taskStats) {
    return { count: run.taskStats.count, duration: run.taskStats.duration.sum, cpu: run.taskStats.cpu.sum };
  }
  let duration = 0;
  let cpu = 0;
  for (const t of run.tasks) {
    duration += Math.max(0, t.end - t.start);
    cpu += Math.max(0, t.cpu);
  }
  return { count: run.tasks.length, duration, cpu };
}


/** True when the run's task records are long enough for their CPU ÷ time to be trusted. */
export function taskTimingUsable(run: Run): boolean {
  const t = taskTotals(run);
  return t.count > 0 && t.duration > 0 && t.duration / t.count >= TASK_TIMING_FLOOR;
}

/**
 * CPU ÷ wall of a run: task CPU over task time when tasks were recorded and long enough to time (this excludes
 * the harness's own start-up and bookkeeping), else (user + sys) ÷ wall of the whole process tree.
 */
export function cpuRatioOf(run: Run): number {
  const t = taskTotals(run);
  // Time spent waiting for a free core (a busy machine) is not the task waiting on I/O: leave it out of the wall.
  const wait = run.cpuWait ?? 0;
  if (taskTimingUsable(run)) return t.cpu / Math.max(t.cpu, t.duration - wait, 1e-12);
  const cpu = run.user + run.sys;
  return run.wall.median > 0 ? cpu / Math.max(cpu, run.wall.median - wait, 1e-12) : 0;
}

/** Mean seconds one task takes when run alone (from the serial run's task records, else wall ÷ tasks). */
export function meanTaskTime(serial: Run, taskCount: number): number {
  const t = taskTotals(serial);
  if (t.count > 0 && t.duration > 0) return t.duration / t.count;
  return taskCount > 0 ? serial.wall.median / taskCount : serial.wall.median;
}

/**
 * Seconds of overhead the run added per task: the Run's measured overhead.total (wall beyond the ideal
 * task time ÷ workers), spread over its tasks. This is what must be paid back by running tasks side by side.
 */
export function overheadPerTask(run: Run, taskCount: number): number {
  const n = taskTotals(run).count || taskCount || 1;
  let total = run.overhead.total;
  if (!(total > 0)) {
    // Fall back to the definition when the driver left it empty.
    total = Math.max(0, run.wall.median - taskTotals(run).duration / Math.max(1, run.workers));
  }
  return total / n;
}

/** The noun for what a strategy pays to hand out one task ("process dispatch costs 40 µs"). */
export function dispatchNoun(name: StrategyName): string {
  return strategy(name).dispatchNoun;
}

/** A strategy's lowest per-task overhead and the run that showed it. */
export interface OverheadFact {
  run: Run;
  perTask: number;
}

/** The cheapest per-task overhead each parallel strategy achieved (its most favourable configuration). */
export function cheapestOverheads(runs: readonly Run[], taskCount: number): OverheadFact[] {
  const best = new Map<StrategyName, OverheadFact>();
  for (const run of parallelRuns(runs)) {
    const perTask = overheadPerTask(run, taskCount);
    const cur = best.get(run.strategy);
    if (!cur || perTask < cur.perTask) best.set(run.strategy, { run, perTask });
  }
  return [...best.values()];
}
