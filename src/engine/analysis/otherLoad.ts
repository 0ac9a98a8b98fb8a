/**
 * Other programs on the machine: how many cores they kept busy while a run was measured. The sampler records every
 * core's whole-machine utilisation; what the run's own process tree used (its parallelism) is taken out, and the rest
 * belongs to someone else. A run that wanted two cores while others held one of them was squeezed: its speedup says
 * more about the machine's load than about the code, and the verdict must say so instead of ranking it.
 */
import type { CoreTimeline, Environment, Run } from '../../contracts/report';
import { traitsOf } from '../strategies/catalogue';
import { SQUEEZED_SHARE } from './thresholds';

/**
 * Average cores kept busy during [start, end] by everything on the machine, from each core's utilisation readings
 * (each reading covers the interval since the one before it). Undefined when no reading overlaps the window.
 */
export function machineBusyCores(cores: readonly CoreTimeline[], start: number, end: number): number | undefined {
  if (!(end > start)) return undefined;
  let busy = 0;
  let covered = false;
  for (const core of cores) {
    const u = core.utilisation;
    let weighted = 0;
    let span = 0;
    // Readings are in time order: skip those before the window, stop at the first after it.
    for (let i = Math.max(1, firstReadingAfter(u, start)); i < u.length && u[i - 1].t < end; i++) {
      const from = Math.max(u[i - 1].t, start);
      const to = Math.min(u[i].t, end);
      if (to <= from) continue;
      weighted += u[i].busy * (to - from);
      span += to - from;
    }
    if (span > 0) {
      busy += weighted / span;
      covered = true;
    }
  }
  return covered ? busy : undefined;
}

/** Index of the first reading at or after `t` (binary search). */
function firstReadingAfter(u: CoreTimeline['utilisation'], t: number): number {
  let lo = 0;
  let hi = u.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u[mid].t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Cores other programs kept busy during a run's representative repeat: the machine's busy cores less the run's own
 * (user + sys) ÷ wall. Absent for cluster runs (their workers' CPU is not in the profiled tree, so it would be counted
 * as someone else's) and where no utilisation reading covers the window.
 */
export function otherLoadOf(run: Run, cores: readonly CoreTimeline[]): number | undefined {
  if (run.status !== 'ok' || run.repeats === 0 || traitsOf(run.strategy).runsOnCluster) return undefined;
  const machine = machineBusyCores(cores, run.window.start, run.window.end);
  if (machine === undefined) return undefined;
  return Math.max(0, machine - run.parallelism);
}

/** Every run with its `otherLoad` filled in where it could be measured. */
export function withOtherLoad(runs: Run[], cores: readonly CoreTimeline[]): Run[] {
  return runs.map((r) => {
    const other = otherLoadOf(r, cores);
    return other === undefined ? r : { ...r, otherLoad: other };
  });
}

/** Cores a run could use on an idle machine: 1 on the calling thread, else its workers up to the cores. */
export function coresWanted(run: Run, env: Pick<Environment, 'logicalCores'>): number {
  return traitsOf(run.strategy).onCallingThread ? 1 : Math.max(1, Math.min(run.workers, env.logicalCores));
}

/**
 * True when other programs left the run fewer than SQUEEZED_SHARE of the cores it could have used: its wall time
 * measures the machine's load as much as the code.
 */
export function squeezed(run: Run, env: Pick<Environment, 'logicalCores'>): boolean {
  if (run.otherLoad === undefined) return false;
  const wanted = coresWanted(run, env);
  const free = env.logicalCores - run.otherLoad;
  return free < SQUEEZED_SHARE * wanted;
}

/** The run among `runs` whose window other programs loaded most (runs without the figure count as 0). */
export function busiest(runs: readonly Run[]): Run {
  return runs.reduce((a, b) => ((b.otherLoad ?? 0) > (a.otherLoad ?? 0) ? b : a));
}

/** The runs among `runs` that other programs squeezed. */
export function squeezedRuns(runs: readonly Run[], env: Pick<Environment, 'logicalCores'>): Run[] {
  return runs.filter((r) => squeezed(r, env));
}
