/** Strategies on the runner's main thread: the serial loop and bounded-concurrency async. */
import { nowNs, nativeTid } from '../usage';
import { withExitGuard } from '../exitGuard';
import type { Outcome, Row, RunInput } from './outcome';
import { timedCall, type CallRecord } from '../worker';

function row(index: number, r: CallRecord, queueWait: number): Row {
  return { index, start: r.start, end: r.end, cpu: r.cpu, pid: process.pid, tid: nativeTid(), queueWait, ok: r.ok, value: r.value, error: r.error };
}

/** A plain loop, one task after another; a returned promise is awaited before the next task starts. */
export async function runSerial(input: RunInput): Promise<Outcome> {
  const { fn, tasks, file } = input;
  const rows: Row[] = new Array(tasks.length);
  const t0 = nowNs();
  await withExitGuard(async () => {
    for (let i = 0; i < tasks.length; i++) {
      const r = timedCall(fn, tasks[i], file);
      rows[i] = row(i, r instanceof Promise ? await r : r, 0);
    }
  });
  const t1 = nowNs();
  return {
    t0, tLast: t1, t1, rows, workerPids: [process.pid],
    mechanism: input.isCoroutine ? 'await one task at a time on the main thread' : 'plain loop on the main thread',
  };
}

/** Promise.all over `workers` lanes on one event loop: at most `workers` tasks in flight. */
export async function runAsync(input: RunInput): Promise<Outcome> {
  const { fn, tasks, file, workers } = input;
  const rows: Row[] = new Array(tasks.length);
  let next = 0;
  const t0 = nowNs();
  const submitted = nowNs();
  const lane = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      const r = timedCall(fn, tasks[i], file, true);
      const rec = r instanceof Promise ? await r : r;
      rows[i] = row(i, rec, Math.max(0, rec.start - submitted));
    }
  };
  await withExitGuard(() => Promise.all(Array.from({ length: Math.min(workers, tasks.length) }, lane)));
  const tLast = nowNs();
  return {
    t0, tLast, t1: nowNs(), rows, workerPids: [process.pid],
    mechanism: `Promise.all, at most ${workers} task${workers === 1 ? '' : 's'} in flight on one event loop`,
  };
}
