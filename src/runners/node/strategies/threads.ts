/**
 * The `threads` strategy: a piscina pool of exactly N worker threads, one task per submit, timed inside the workers.
 */
import * as path from 'node:path';
import { Piscina } from 'piscina';
import type { TaskMessage, TaskReply, TaskWorkerData } from '../threadTask';
import type { HarnessError } from '../../../contracts/runner';
import { nowNs } from '../usage';
import { describeError, fail } from '../errors';
import type { Outcome, Row, RunInput, StrategyModule } from './outcome';

/** dist/nodeTask.js, next to this bundle (dist/nodeRunner.js). */
export function taskFilePath(): string {
  return path.join(__dirname, 'nodeTask.js');
}

/** A pool-level failure of one task (the worker died, or the result could not be cloned back). */
function poolFailure(e: unknown, index: number, workers: number): HarnessError {
  // piscina rejects with a bare {} when the worker's reply fails to clone; the arguments were checked at load, so it
  // is the result that could not travel back.
  if (typeof e === 'object' && e !== null && !(e instanceof Error) && Object.keys(e).length === 0) {
    return {
      type: 'DataCloneError',
      message: `the result of task ${index} cannot be structured-cloned back to the main thread (does it hold a function, a symbol or a handle?)`,
      taskIndex: index,
    };
  }
  const err = describeError(e);
  if (/worker exited|Terminating worker thread/i.test(err.message)) {
    return {
      type: 'WorkerCrash',
      message:
        `a worker thread exited while running task ${index} (${err.message}): process.exit() in a worker thread ends that ` +
        `thread, and the task is lost. piscina replaces the thread, but the pool of ${workers} is not what was measured.`,
      taskIndex: index,
    };
  }
  if (err.type === 'DataCloneError') {
    return { ...err, message: `the result of task ${index} cannot be structured-cloned back to the main thread: ${err.message}`, taskIndex: index };
  }
  return { ...err, taskIndex: index };
}

/** piscina with minThreads = maxThreads = workers, created and destroyed inside the timed span. */
export async function runThreads(input: RunInput): Promise<Outcome> {
  const { tasks, workers } = input;
  const workerData: TaskWorkerData = { file: input.file, name: input.name, precompiled: input.precompiled };
  const t0 = nowNs();
  const pool = new Piscina({
    filename: taskFilePath(),
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 60_000, // no thread retires mid-run
    concurrentTasksPerWorker: 1,
    workerData,
  });
  let poolError: HarnessError | undefined;
  // Errors outside any task (an uncaught throw from a user's timer in a worker) must not end the runner.
  pool.on('error', (e: unknown) => { poolError ??= { ...describeError(e, input.file), type: 'WorkerError' }; });
  const sent: number[] = new Array(tasks.length);
  const rows: Row[] = new Array(tasks.length);
  let crash: HarnessError | undefined;
  let tLast = 0;
  try {
    await Promise.all(tasks.map((args, index) => {
      sent[index] = nowNs();
      return (pool.run({ index, args } satisfies TaskMessage) as Promise<TaskReply>).then(
        (r) => {
          rows[index] = {
            index, start: r.start, end: r.end, cpu: r.cpu, pid: process.pid, tid: r.tid,
            queueWait: Math.max(0, r.start - sent[index]), ok: r.ok, value: r.value, error: r.error, elu: r.elu,
          };
        },
        (e: unknown) => {
          const error = poolFailure(e, index, workers);
          if (error.type === 'WorkerCrash') crash ??= error;
          const now = nowNs();
          rows[index] = {
            index, start: now, end: now, cpu: 0, pid: process.pid, tid: 0, queueWait: now - sent[index],
            ok: false, error,
          };
        },
      );
    }));
  } finally {
    tLast = nowNs();
    await pool.destroy();
  }
  const t1 = nowNs();
  return {
    t0, tLast, t1, rows, workerPids: [process.pid],
    mechanism: `piscina worker threads (minThreads = maxThreads = ${workers})`,
    error: crash ?? poolError,
  };
}

/** The plug-in: workers get a structured clone of the arguments, so they must clone. */
export const threads: StrategyModule = {
  name: 'threads',
  unavailable: (target) => (target.picklable.ok ? null : fail('run', 'NotPicklable', `threads: ${target.picklable.reason}`)),
  run: runThreads,
};
