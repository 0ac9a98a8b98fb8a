/**
 * The piscina task entry (built to dist/nodeTask.js): runs inside each worker thread of the `threads` strategy.
 * It imports the user's module once per worker (TypeScript precompiled by the runner, passed in workerData) and
 * times each task here, inside the worker: piscina's pool-wide histograms are not per task (DESIGN.md §7).
 */
import { performance } from 'node:perf_hooks';
import { workerData } from 'node:worker_threads';
import { nativeTid } from './usage';
import { loadFunction } from './importer';
import { timedCall, type UserFn } from './worker';

/** What the runner puts in workerData. */
export interface TaskWorkerData {
  file: string;
  name: string;
  precompiled: Record<string, string>;
}

/** One task sent to the pool. */
export interface TaskMessage {
  index: number;
  args: unknown[];
}

/** One task's record, sent back (structured-cloned) with its value or error. */
export interface TaskReply {
  index: number;
  start: number;
  end: number;
  cpu: number;
  tid: number;
  /** Event-loop utilisation of this worker over the task. */
  elu: number;
  ok: boolean;
  value?: unknown;
  error?: import('../../contracts/runner').HarnessError;
}

const data = workerData as TaskWorkerData;
let fn: Promise<UserFn> | undefined;
/**
 * A worker thread's CPU clock is the kernel's schedstat, read from /proc (about 4 µs a read) and only brought up to
 * date at scheduler ticks (a few ms). For a synchronous task well under a tick a reading says less than its wall
 * time does (synchronous JavaScript that short is computing), and two reads would double piscina's per-task cost.
 * So after a short synchronous task the next one is not clocked: its CPU is its wall time. Long tasks are clocked.
 */
const CLOCKED_ABOVE_NS = 1_000_000;
let estimateNext = false;

/** The piscina handler: one task, timed inside the worker. */
export default async function runTask(task: TaskMessage): Promise<TaskReply> {
  // Imported on the first task (before its clock starts): the import shows as that task's wait, as pool start-up.
  fn ??= loadFunction(data.file, data.name, data.precompiled);
  const f = await fn;
  const elu0 = performance.eventLoopUtilization();
  const r = timedCall(f, task.args, data.file, false, estimateNext);
  const rec = r instanceof Promise ? await r : r;
  estimateNext = !(r instanceof Promise) && rec.end - rec.start < CLOCKED_ABOVE_NS;
  const elu = performance.eventLoopUtilization(elu0).utilization;
  return {
    index: task.index, start: rec.start, end: rec.end, cpu: rec.cpu, tid: nativeTid(), elu,
    ok: rec.ok, value: rec.value, error: rec.error,
  };
}
