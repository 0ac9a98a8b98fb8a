/**
 * Clocks for task records, the same in the runner, piscina workers and child processes: monotonic nanoseconds
 * (process.hrtime.bigint() is CLOCK_MONOTONIC, which the Python harness and the sampler share) and CPU time of the
 * calling thread. Module state is per thread: each worker thread loads its own copy of the bundle.
 */
import { closeSync, openSync, readSync, readlinkSync } from 'node:fs';
import { isMainThread, threadId } from 'node:worker_threads';

/** Monotonic clock in integer nanoseconds (a Number: exact up to ~104 days of uptime). */
export function nowNs(): number {
  return Number(process.hrtime.bigint());
}

const buf = Buffer.alloc(128);
let schedFd: number | null | undefined;

/** Fields of this thread's /proc/thread-self/schedstat: [ns on CPU, ns waiting for a CPU], or null off Linux. */
function schedstat(): [number, number] | null {
  if (schedFd === undefined) {
    try {
      // /proc/thread-self is resolved at open: the descriptor stays bound to the thread that opened it.
      schedFd = openSync('/proc/thread-self/schedstat', 'r');
    } catch {
      schedFd = null;
    }
  }
  if (schedFd === null) return null;
  try {
    const n = readSync(schedFd, buf, 0, buf.length, 0);
    const [run, wait] = buf.toString('latin1', 0, n).split(' ');
    return [Number(run), Number(wait)];
  } catch {
    closeSync(schedFd);
    schedFd = null;
    return null;
  }
}

type ThreadCpu = () => { user: number; system: number };
const threadCpuUsage = (process as unknown as { threadCpuUsage?: ThreadCpu }).threadCpuUsage;

/**
 * CPU nanoseconds used by the calling thread so far. process.threadCpuUsage() where Node has it (23.9+). Otherwise,
 * on a main thread (the runner's serial/async loop, a child process) the process's own total, which getrusage keeps
 * exact to the microsecond: no other thread runs user code there, and what V8's helper threads spend is the task's
 * cost too. In a worker thread, the kernel's per-thread schedstat, which is only brought up to date at scheduler
 * ticks (a few ms): per-task figures are coarse for short tasks, but the errors have no bias and cancel out in sums.
 */
export function threadCpuNs(): number {
  if (threadCpuUsage) {
    const u = threadCpuUsage.call(process);
    return (u.user + u.system) * 1000;
  }
  if (!isMainThread) {
    const s = schedstat();
    if (s) return s[0];
  }
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}

/** Nanoseconds this thread has waited for a free core (Linux schedstat), or null. */
export function runDelayNs(): number | null {
  return schedstat()?.[1] ?? null;
}

let tid: number | undefined;

/** Kernel thread id of the calling thread (what the sampler sees in /proc/<pid>/task), else a stand-in. */
export function nativeTid(): number {
  if (tid !== undefined) return tid;
  try {
    tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    tid = NaN;
  }
  // Off Linux: the main thread's id is the pid there, and worker threads get a distinct stand-in.
  if (!Number.isFinite(tid)) tid = threadId === 0 ? process.pid : process.pid * 1000 + threadId;
  return tid;
}
