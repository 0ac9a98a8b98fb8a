/** `async`: bounded Promise.all on one event loop (twin of python/parprof_harness/strategies/async_.py). */
import { nowNs } from '../usage';
import { withExitGuard } from '../exitGuard';
import type { Outcome, Row, RunInput, StrategyModule } from './outcome';
import { timedCall } from '../worker';
import { mainThreadRow } from './mainThreadRow';
import { fail } from '../errors';

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
      rows[i] = mainThreadRow(i, rec, Math.max(0, rec.start - submitted));
    }
  };
  await withExitGuard(() => Promise.all(Array.from({ length: Math.min(workers, tasks.length) }, lane)));
  const tLast = nowNs();
  return {
    t0, tLast, t1: nowNs(), rows, workerPids: [process.pid],
    mechanism: `Promise.all, at most ${workers} task${workers === 1 ? '' : 's'} in flight on one event loop`,
  };
}
/** The plug-in: only functions that are async or return promises can overlap on one loop. */
export const asyncStrategy: StrategyModule = {
  name: 'async',
  unavailable: (target) => (target.isCoroutine ? null : fail('run', 'NotApplicable',
    `async: ${target.name} neither is async nor returns a promise, so one event loop cannot overlap its tasks`)),
  run: runAsync,
};
