/**
 * Findings: measured facts beside the verdict. The one so far: a pool of one worker beat the plain loop. One worker
 * runs one task at a time, so that is never parallelism and never the recommendation; what differs is where the
 * work ran (a worker thread or process instead of the main thread: a fresh heap, a warm allocator, another JIT), and
 * the user and kernel time and page faults of the two runs say which.
 */
import type { Finding, Run } from '../../contracts/report';
import { fmtSeconds, fmtSpeedup, runLabel } from './humanize';
import { beatsSerial, fastest, oneWorkerRuns, serialRun, speedupOf } from './runFacts';
import { FAULTS_DIFFER_FACTOR } from './thresholds';

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

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
