/**
 * JIT warm-up, measured rather than hidden: the first task the function ever ran in a fresh interpreter process (the
 * sweep's warm-up) against the same task once the process is warm (the measured serial runs), and, for process pools,
 * each worker's first task against its later ones. Under CPython the ratios sit near 1; under PyPy the first calls
 * run in the interpreter while the JIT traces and compiles, and the ratio says what that costs.
 */
import type { Run, WarmUpFigures } from '../../contracts/report';
import type { HarnessTask } from '../../contracts/runner';
import type { SweepContext } from '../profile/sweep';
import { median } from '../analysis/stats';
import { isBaseline, traitsOf } from '../strategies/catalogue';

const NS = 1e9;

/** The warm-up figures of one interpreter's sweep, or undefined when the warm-up or the serial runs are missing. */
export function warmUpFigures(
  ctx: Pick<SweepContext, 'warmupDone' | 'states'>, runs: readonly Run[],
): WarmUpFigures | undefined {
  const warm = ctx.warmupDone;
  // The first task to run (records of large runs are a sample, so not necessarily index 0).
  const first = warm?.tasks
    .filter((t) => !t.failed)
    .reduce<HarnessTask | undefined>((a, t) => (!a || t.start < a.start ? t : a), undefined);
  const serial = ctx.states.find((s) => isBaseline(s.config.strategy) && !s.config.variantOf && s.samples.length > 0);
  if (!warm || !first || !serial) return undefined;
  // Without a separate warm-up the first serial run is the cold one: the steady state is the runs after it.
  const later = serial.samples.filter((s) => s.repeatId !== warm.id);
  const same = later.flatMap((s) => s.done.tasks
    .filter((t) => t.index === first.index && !t.failed)
    .map((t) => (t.end - t.start) / NS));
  if (same.length === 0) return undefined;
  const firstTask = (first.end - first.start) / NS;
  const steadyTask = median(same);
  const walls = serial.samples.map((s) => s.wall);
  const workers = workerWarmUp(runs);
  return {
    firstTask,
    taskIndex: first.index,
    steadyTask,
    ratio: steadyTask > 0 ? firstTask / steadyTask : 1,
    ...(walls.length > 1 ? { firstRun: walls[0], steadyRun: median(walls.slice(1)) } : {}),
    ...(workers ? { workers } : {}),
  };
}

/**
 * Process pools: each worker's first task against its later tasks, medians over the workers, from the fastest pool
 * run where some worker ran at least two tasks (fewer say nothing about a worker's warm state).
 */
export function workerWarmUp(runs: readonly Run[]): WarmUpFigures['workers'] | undefined {
  const pools = runs
    .filter((r) => r.status === 'ok' && traitsOf(r.strategy).crossesProcess && traitsOf(r.strategy).boundedByLocalCores)
    .sort((a, b) => a.wall.median - b.wall.median);
  for (const run of pools) {
    const byWorker = new Map<number, { start: number; duration: number }[]>();
    for (const t of run.tasks) {
      if (t.failed) continue;
      byWorker.set(t.worker, [...(byWorker.get(t.worker) ?? []), { start: t.start, duration: t.end - t.start }]);
    }
    const firsts: number[] = [];
    const later: number[] = [];
    for (const tasks of byWorker.values()) {
      if (tasks.length < 2) continue;
      tasks.sort((a, b) => a.start - b.start);
      firsts.push(tasks[0].duration);
      for (const item of tasks.slice(1).map((t) => t.duration)) later.push(item);
    }
    if (firsts.length === 0) continue;
    const firstTask = median(firsts);
    const laterTask = median(later);
    return { run: run.id, firstTask, laterTask, ratio: laterTask > 0 ? firstTask / laterTask : 1 };
  }
  return undefined;
}
