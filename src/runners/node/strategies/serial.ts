/** `serial`: a plain loop on the runner's main thread (twin of python/parprof_harness/strategies/serial.py). */
import { nowNs } from '../usage';
import { withExitGuard } from '../exitGuard';
import type { Outcome, Row, RunInput, StrategyModule } from './outcome';
import { timedCall } from '../worker';
import { mainThreadRow } from './mainThreadRow';

/** A plain loop, one task after another; a returned promise is awaited before the next task starts. */
export async function runSerial(input: RunInput): Promise<Outcome> {
  const { fn, tasks, file } = input;
  const rows: Row[] = new Array(tasks.length);
  const t0 = nowNs();
  await withExitGuard(async () => {
    for (let i = 0; i < tasks.length; i++) {
      const r = timedCall(fn, tasks[i], file);
      rows[i] = mainThreadRow(i, r instanceof Promise ? await r : r, 0);
    }
  });
  const t1 = nowNs();
  return {
    t0, tLast: t1, t1, rows, workerPids: [process.pid],
    mechanism: input.isCoroutine ? 'await one task at a time on the main thread' : 'plain loop on the main thread',
  };
}

/** The plug-in: applies to every loaded target. */
export const serial: StrategyModule = { name: 'serial', unavailable: () => null, run: runSerial };
