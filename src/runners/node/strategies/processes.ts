/**
 * The `processes` strategy: exactly N children forked from dist/nodeChild.js, fed chunks of `chunksize` tasks over
 * IPC as each becomes free (as ProcessPoolExecutor.map with chunksize does). Arguments and results travel with
 * advanced (structured clone) serialization. Children stay in the runner's process group, so the driver's timeout
 * kill reaches them; a child that exits mid-run breaks the pool: the others are stopped and the run reports it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { HarnessError } from '../../../contracts/runner';
import type { FromChild, ToChild } from '../childMessages';
import { nowNs } from '../usage';
import type { Outcome, Row, RunInput, StrategyModule } from './outcome';
import { fail } from '../errors';

/** dist/nodeChild.js, next to this bundle. */
export function childFilePath(): string {
  return path.join(__dirname, 'nodeChild.js');
}

/** Milliseconds a child gets to leave after `stop` (or SIGTERM) before SIGKILL. */
const LEAVE_GRACE_MS = 2000;

interface Kid {
  proc: ChildProcess;
  tid: number;
  busy: boolean;
  exited: boolean;
  said: 'none' | 'bye';
  cpu?: { user: number; system: number };
  faults?: { minor: number; major: number };
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by signal ${signal}` : `exit code ${code}`;
}

/** Fork, feed, collect, stop: the whole pool lives inside t0..t1. */
export async function runProcesses(input: RunInput): Promise<Outcome> {
  const { tasks, workers, chunksize } = input;
  const chunks: { k: number; base: number; tasks: unknown[][] }[] = [];
  for (let base = 0, k = 0; base < tasks.length; base += chunksize, k++) {
    chunks.push({ k, base, tasks: tasks.slice(base, base + chunksize) });
  }
  const rows: Row[] = [];
  let error: HarnessError | undefined;
  let pending = chunks.length;
  let nextChunk = 0;
  const t0 = nowNs();
  // Every chunk is queued now, as a pool's submit-all would: its queue wait runs until a child takes it.
  const submitted = t0;
  const kids: Kid[] = [];
  let finish!: () => void;
  const finished = new Promise<void>((r) => (finish = r));
  let tLast = t0;

  const feed = (kid: Kid) => {
    if (error || kid.busy || kid.exited) return;
    const chunk = chunks[nextChunk];
    if (!chunk) return;
    nextChunk++;
    kid.busy = true;
    kid.proc.send({ type: 'chunk', ...chunk } satisfies ToChild);
  };
  const breakPool = (e: HarnessError) => {
    error ??= e;
    finish();
  };

  for (let w = 0; w < workers; w++) {
    const proc = fork(childFilePath(), [], {
      serialization: 'advanced',
      // The child's stdout is the user's prints: it goes to the runner's stderr (the log), never into the protocol.
      stdio: ['ignore', 2, 2, 'ipc'],
      env: process.env,
    });
    const kid: Kid = { proc, tid: proc.pid ?? 0, busy: false, exited: false, said: 'none' };
    kids.push(kid);
    proc.on('message', (m: FromChild) => {
      switch (m.type) {
        case 'ready':
          kid.tid = m.tid;
          feed(kid);
          return;
        case 'initError':
          breakPool({ ...m.error, message: `a child process could not import the module: ${m.error.message}` });
          return;
        case 'result': {
          tLast = nowNs();
          const chunk = chunks[m.k];
          m.rows.forEach((r, j) => {
            const index = chunk.base + j;
            rows.push({
              index, start: r.start, end: r.end, cpu: r.cpu, pid: proc.pid!, tid: kid.tid,
              queueWait: Math.max(0, r.start - submitted),
              ok: r.ok, value: r.value, error: r.error && { ...r.error, taskIndex: index },
            });
          });
          kid.busy = false;
          if (--pending === 0) finish();
          else feed(kid);
          return;
        }
        case 'bye':
          kid.said = 'bye';
          kid.cpu = { user: m.user, system: m.system };
          kid.faults = { minor: m.minorFaults ?? 0, major: m.majorFaults ?? 0 };
          return;
      }
    });
    proc.on('error', () => { /* reported through 'exit' */ });
    proc.on('exit', (code, signal) => {
      kid.exited = true;
      if (kid.said === 'bye' || pending === 0) return;
      const lost = tasks.length - rows.length;
      breakPool({
        type: 'WorkerCrash',
        message:
          `a child process died (${describeExit(code, signal)}); ${lost} of ${tasks.length} tasks did not complete. ` +
          'A process pool cannot survive a worker that exits (process.exit in the task, a crash, the OOM killer).',
      });
    });
  }
  input.onWorkers(kids.map((k) => k.proc.pid!).filter((p) => p !== undefined));
  for (const kid of kids) kid.proc.send({ type: 'init', file: input.file, name: input.name, precompiled: input.precompiled } satisfies ToChild);

  await finished;
  await stopAll(kids, !!error);
  const t1 = nowNs();
  const user = kids.reduce((a, k) => a + (k.cpu?.user ?? 0), 0) / 1e6;
  const sys = kids.reduce((a, k) => a + (k.cpu?.system ?? 0), 0) / 1e6;
  rows.sort((a, b) => a.index - b.index);
  let minor = 0;
  let major = 0;
  for (const k of kids) {
    minor += k.faults?.minor ?? 0;
    major += k.faults?.major ?? 0;
  }
  return {
    t0, tLast, t1, rows, workerPids: kids.map((k) => k.proc.pid!),
    mechanism: `child_process.fork ×${workers} (structured-clone IPC), chunksize ${chunksize}`,
    error, childCpu: { user, sys }, childFaults: { minor, major },
  };
}

/** Ask every child to leave (a broken pool: SIGTERM), SIGKILL stragglers, and wait until none is left. */
async function stopAll(kids: Kid[], broken: boolean): Promise<void> {
  await Promise.all(kids.map((kid) => new Promise<void>((resolve) => {
    if (kid.exited) return resolve();
    kid.proc.once('exit', () => resolve());
    if (broken || !kid.proc.connected) kid.proc.kill('SIGTERM');
    else kid.proc.send({ type: 'stop' } satisfies ToChild);
    setTimeout(() => { if (!kid.exited) kid.proc.kill('SIGKILL'); }, LEAVE_GRACE_MS).unref();
  })));
}

/** The plug-in: children get a structured clone of the arguments, so they must clone. */
export const processes: StrategyModule = {
  name: 'processes',
  unavailable: (target) => (target.picklable.ok ? null : fail('run', 'NotPicklable', `processes: ${target.picklable.reason}`)),
  run: runProcesses,
};
