/** What every successful `done` event must satisfy, whichever runner sent it; and process liveness from /proc. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { DoneEvent, HarnessTask } from '../../src/contracts/runner';

/** A reading of the monotonic clock both runners share (CLOCK_MONOTONIC), in nanoseconds. */
export function monotonicNs(): number {
  return Number(process.hrtime.bigint());
}

/** The clock window the test saw around a command: the run's own timestamps must fall inside it. */
export interface Window {
  sent: number;
  answered: number;
}

/**
 * One record per task with indices 0..n-1 in order; every interval inside [t0, tLast]; t0 <= tLast <= t1 inside the
 * test's window; CPU, queue wait, user and sys never negative; pids and tids positive integers.
 */
export function assertDoneInvariants(done: DoneEvent, count: number, window: Window): void {
  assert.deepEqual(done.tasks.map((t) => t.index), [...Array(count).keys()], 'one record per task, in index order');
  assert.ok(window.sent <= done.t0, 't0 is after the command was sent (one monotonic clock)');
  assert.ok(done.t0 <= done.tLast && done.tLast <= done.t1, 't0 <= tLast <= t1');
  assert.ok(done.t1 <= window.answered, 't1 is before the answer arrived');
  if (count > 0) {
    assert.ok(done.t0 <= firstStart(done.tasks), 't0 <= the first start');
    assert.ok(lastEnd(done.tasks) <= done.tLast, 'the last end <= tLast');
  }
  for (const task of done.tasks) assertTaskShape(task);
  assert.ok(done.user >= 0 && done.sys >= 0, `user ${done.user}, sys ${done.sys}`);
  assert.ok(done.workerPids.length > 0 && done.workerPids.every(isPid), `workerPids ${done.workerPids}`);
  assert.equal(typeof done.mechanism, 'string');
  assert.ok(done.mechanism.length > 0, 'the mechanism is named');
}

/** The earliest start of any task. */
export function firstStart(tasks: HarnessTask[]): number {
  return tasks.reduce((least, t) => Math.min(least, t.start), Infinity);
}

/** The earliest end of any task. */
export function firstEnd(tasks: HarnessTask[]): number {
  return tasks.reduce((least, t) => Math.min(least, t.end), Infinity);
}

/** The latest end of any task. */
export function lastEnd(tasks: HarnessTask[]): number {
  return tasks.reduce((most, t) => Math.max(most, t.end), -Infinity);
}

function assertTaskShape(task: HarnessTask): void {
  const where = `task ${task.index}`;
  assert.ok(task.start <= task.end, `${where}: start <= end`);
  assert.ok(task.cpu >= 0, `${where}: cpu >= 0`);
  assert.ok(task.queueWait >= 0, `${where}: queueWait >= 0`);
  assert.ok(isPid(task.pid) && isPid(task.tid), `${where}: pid ${task.pid} and tid ${task.tid} are ids`);
}

function isPid(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n > 0;
}

/** Largest number of tasks in flight at one instant (an end at the same instant as a start does not overlap). */
export function maxInFlight(tasks: HarnessTask[]): number {
  const edges = tasks.flatMap((t): [number, number][] => [[t.start, 1], [t.end, -1]]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, step] of edges) most = Math.max(most, (now += step));
  return most;
}

/** Whether a process exists and is not a zombie (Linux /proc; a reaped pid has no entry). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}
