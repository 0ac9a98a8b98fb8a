/**
 * One timed call of the user's function, the same wherever it runs (main thread, piscina worker, child process).
 * The timed path is two clock reads on each side of the call; a promise is awaited only when one comes back, so a
 * plain function's loop never pays for a microtask.
 */
import type { HarnessError } from '../../contracts/runner';
import { describeError } from './errors';
import { nowNs, threadCpuNs } from './usage';

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
 * thread-CPU delta across the await would count their work too. With `estimateCpu`, no CPU clock is read and a
 * synchronous call's CPU is taken as its wall time (see nodeTask.ts for when that is the better figure).
 */
export function timedCall(
  fn: UserFn, args: unknown[], userFile: string, syncCpuOnly = false, estimateCpu = false,
): CallRecord | Promise<CallRecord> {
  const start = nowNs();
  const cpu0 = estimateCpu ? 0 : threadCpuNs();
  const cpuSince = (end: number) => (estimateCpu ? end - start : threadCpuNs() - cpu0);
  let value: unknown;
  try {
    value = fn(...args);
  } catch (e) {
    const end = nowNs();
    return { start, end, cpu: cpuSince(end), ok: false, error: describeError(e, userFile) };
  }
  if (!isThenable(value)) {
    const end = nowNs();
    return { start, end, cpu: cpuSince(end), ok: true, value };
  }
  const syncCpu = syncCpuOnly || estimateCpu ? cpuSince(nowNs()) : 0;
  const cpuNow = () => (syncCpuOnly || estimateCpu ? syncCpu : threadCpuNs() - cpu0);
  return Promise.resolve(value).then(
    (v) => ({ start, end: nowNs(), cpu: cpuNow(), ok: true, value: v }),
    (e) => ({ start, end: nowNs(), cpu: cpuNow(), ok: false, error: describeError(e, userFile) }),
  );
}
