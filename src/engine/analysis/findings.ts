/**
 * Findings: measured facts beside the verdict.
 * - A pool of one worker beat the plain loop. One worker runs one task at a time, so that is never parallelism and
 *   never the recommendation; what differs is where the work ran (a worker thread or process instead of the main
 *   thread: a fresh heap, a warm allocator, another JIT), and the user and kernel time and page faults say which.
 * - A pool's tasks needed more CPU time each than one at a time: the cores were slower while several were busy
 *   (shared physical cores, a VM's host, memory bandwidth), which caps the speedup below the cores it kept busy.
 */
import type { Finding, Run } from '../../contracts/report';
import { fmtSeconds, fmtSpeedup, runLabel } from './humanize';
import { beatsSerial, cpuRatioOf, fastest, fastestPerStrategy, oneWorkerRuns, serialRun, speedupOf, taskTimingUsable, taskTotals } from './runFacts';
import { traitsOf } from '../strategies/catalogue';
import { CPU_BOUND_MIN_RATIO, FAULTS_DIFFER_FACTOR, SLOWER_CORES_FACTOR } from './thresholds';

/** One-worker pools that beat serial beyond noise, fastest first. */
export function oneWorkerWins(runs: readonly Run[]): Run[] {
  const serial = serialRun(runs);
  if (!serial) return [];
  return oneWorkerRuns(runs).filter((r) => beatsSerial(r, serial)).sort((a, b) => a.wall.median - b.wall.median);
}

/** "user 0.11 s, sys 0.20 s, 45,000 minor page faults". */
function usage(r: Run): string {
  const faults = r.faults ? `, ${Math.round(r.faults.minor).toLocaleString('en')} minor page faults` : '';
  return `user ${fmtSeconds(r.user)}, sys ${fmtSeconds(r.sys)}${faults}`;
}

/** Which of user time, kernel time and page faults account for the gap, in words, or undefined when none stands out. */
function explanation(serial: Run, one: Run): string | undefined {
  const dSys = serial.sys - one.sys;
  const dUser = serial.user - one.user;
  const gap = serial.wall.median - one.wall.median;
  const faulted = serial.faults && one.faults
    && serial.faults.minor > FAULTS_DIFFER_FACTOR * Math.max(1, one.faults.minor);
  if (dSys > 0 && dSys >= dUser && dSys >= gap / 2) {
    return `the plain loop spent ${fmtSeconds(dSys)} more in the kernel` +
      (faulted ? ' and faulted in far more fresh memory: the main thread\'s heap starts cold, a worker\'s does not' : '');
  }
  if (dUser > 0 && dUser >= gap / 2) {
    return `the plain loop spent ${fmtSeconds(dUser)} more in user code on the main thread (allocator, JIT or cache warm-up there)`;
  }
  if (faulted) return 'the plain loop faulted in far more fresh memory on the main thread';
  return undefined;
}

/** The finding for the fastest one-worker pool that beat serial beyond noise; none otherwise. */
export function oneWorkerFindings(runs: readonly Run[]): Finding[] {
  const serial = serialRun(runs);
  const one = fastest(oneWorkerWins(runs));
  if (!serial || !one) return [];
  const why = explanation(serial, one);
  return [{
    code: 'one-worker-faster',
    message:
      `${capitalise(runLabel(one))} beat the plain loop: ${fmtSeconds(one.wall.median)} against ${fmtSeconds(serial.wall.median)} ` +
      `(${fmtSpeedup(speedupOf(one, serial))}), running one task at a time, so it is not parallelism and not the recommendation. ` +
      `Serial: ${usage(serial)}; ${runLabel(one)}: ${usage(one)}${why ? `: ${why}` : ''}.`,
  }];
}

/** The run, and the factor, by which a pool's tasks needed more CPU each than the cheapest one-at-a-time run. */
export interface SlowerCores {
  run: Run;
  /** The one-at-a-time run whose task CPU is the reference (serial or a one-worker pool). */
  reference: Run;
  /** The pool's task CPU ÷ the reference's, for the same tasks. */
  factor: number;
}

/**
 * Local pools of processes or interpreters (the fastest of each strategy, two or more workers, more than one core
 * busy) whose tasks needed SLOWER_CORES_FACTOR or more of the task CPU that the same tasks took one at a time. Only
 * CPU-heavy work counts: there, task CPU is the work itself, so more of it for the same tasks means each CPU second
 * did less.
 */
export function slowerCores(runs: readonly Run[]): SlowerCores[] {
  const serial = serialRun(runs);
  if (!serial || cpuRatioOf(serial) < CPU_BOUND_MIN_RATIO) return [];
  const cpuOf = (r: Run) => (taskTimingUsable(r) ? taskTotals(r).cpu : 0);
  const reference = [serial, ...oneWorkerRuns(runs)].filter((r) => cpuOf(r) > 0)
    .reduce<Run | undefined>((a, b) => (!a || cpuOf(b) < cpuOf(a) ? b : a), undefined);
  if (!reference) return [];
  const out: SlowerCores[] = [];
  for (const r of fastestPerStrategy(runs).values()) {
    // Threads of one interpreter can burn CPU contending for its lock, and a cluster's cores are other machines'.
    const traits = traitsOf(r.strategy);
    if (traits.sharesInterpreter || !traits.boundedByLocalCores) continue;
    if (r.workers < 2 || r.parallelism < 1.3 || cpuOf(r) <= 0) continue;
    if (taskTotals(r).count !== taskTotals(reference).count) continue;
    const factor = cpuOf(r) / cpuOf(reference);
    if (factor >= SLOWER_CORES_FACTOR) out.push({ run: r, reference, factor });
  }
  return out.sort((a, b) => b.factor - a.factor);
}

/** The finding for the pool whose cores slowed most; none when every pool's tasks cost what they cost one at a time. */
export function slowerCoresFindings(runs: readonly Run[]): Finding[] {
  const worst = slowerCores(runs)[0];
  if (!worst) return [];
  const { run, reference, factor } = worst;
  return [{
    code: 'slower-cores',
    message:
      `Under ${runLabel(run)} the same tasks needed ${factor.toFixed(2)}× the CPU time they needed one at a time ` +
      `(${fmtSeconds(taskTotals(run).cpu)} against ${fmtSeconds(taskTotals(reference).cpu)} under ${runLabel(reference)}): ` +
      `each core did less work per second while ${run.parallelism.toFixed(1)} were busy. Logical CPUs that share a ` +
      'physical core (hyper-threads, or a virtual machine\'s vCPUs on a busy host), memory bandwidth or a lower clock ' +
      `do this, and it caps the speedup near ${run.parallelism.toFixed(1)} ÷ ${factor.toFixed(2)} = ` +
      `${fmtSpeedup(run.parallelism / factor)} of the one-at-a-time pace, whatever the start-up and transfers cost.`,
  }];
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
