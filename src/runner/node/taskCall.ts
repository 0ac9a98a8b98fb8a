/**
 * One timed call of the user's function, the same wherever it runs (main thread, piscina worker, child process).
 * The timed path is two clock reads on each side of the call; a promise is awaited only when one comes back, so a
 * plain function's loop never pays for a microtask.
 */
import type { HarnessError } from '../../engine/harnessProtocol';
import { describeError } from './errors';
import { nowNs, threadCpuNs } from './clock';

/** What one call did: monotonic start/end, CPU ns of this thread, and the value or the error. */
export interface CallRecord {
  start: number;
  end: number;
  cpu: number;
  ok: boolean;
  value?: unknown;
  error?: HarnessError;
}

/** The user's function, as the runner holds it. */
export type UserFn = (...args: unknown[]) => unknown;

/** Whether a value is a thenable (a promise or promise-like). */
export function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as PromiseLike<unknown>).then === 'function';
}

/**
 * Call fn(...args) and time it. A returned thenable is awaited: the record ends when it settles. With
 * `syncCpuOnly`, CPU stops at the return of the promise: other tasks share the thread while it is pending, so a
 * thread-CPU delta across the await would count their work too.
 */
export function timedCall(fn: UserFn, args: unknown[], userFile: string, syncCpuOnly = false): CallRecord | Promise<CallRecord> {
  const start = nowNs();
  const cpu0 = threadCpuNs();
  let value: unknown;
  try {
    value = fn(...args);
  } catch (e) {
    const cpu = threadCpuNs() - cpu0;
    return { start, end: nowNs(), cpu, ok: false, error: describeError(e, userFile) };
  }
  if (!isThenable(value)) {
    const cpu = threadCpuNs() - cpu0;
    return { start, end: nowNs(), cpu, ok: true, value };
  }
  const syncCpu = syncCpuOnly ? threadCpuNs() - cpu0 : 0;
  const cpuNow = () => (syncCpuOnly ? syncCpu : threadCpuNs() - cpu0);
  return Promise.resolve(value).then(
    (v) => ({ start, end: nowNs(), cpu: cpuNow(), ok: true, value: v }),
    (e) => ({ start, end: nowNs(), cpu: cpuNow(), ok: false, error: describeError(e, userFile) }),
  );
}
