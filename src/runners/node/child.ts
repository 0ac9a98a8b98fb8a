/**
 * A child process of the `processes` strategy (built to dist/nodeChild.js): the runner forks N of these, sends each
 * the module to import, then chunks of tasks; each chunk's tasks run in order and come back timed.
 */
import { nativeTid } from './usage';
import type { ChildRow, FromChild, ToChild } from './childMessages';
import { describeError } from './errors';
import { loadFunction } from './importer';
import { timedCall, type UserFn } from './worker';

let fn: UserFn | undefined;
let file = '';

function send(msg: FromChild, then?: () => void): void {
  process.send!(msg, undefined, undefined, then);
}

async function runChunk(k: number, tasks: unknown[][]): Promise<void> {
  const rows: ChildRow[] = [];
  for (const args of tasks) {
    const r = timedCall(fn!, args, file);
    rows.push(r instanceof Promise ? await r : r);
  }
  try {
    send({ type: 'result', k, rows });
  } catch (e) {
    // advanced serialization clones like structuredClone: a value it cannot clone fails the whole message.
    const error = { ...describeError(e), type: 'DataCloneError' };
    error.message = `the result cannot be structured-cloned back to the runner: ${error.message}`;
    const bare = rows.map((r) => ({ ...r, value: undefined, ok: false, error }));
    send({ type: 'result', k, rows: bare, error: bare[0]?.error });
  }
}

process.on('message', (msg: ToChild) => {
  switch (msg.type) {
    case 'init':
      file = msg.file;
      loadFunction(msg.file, msg.name, msg.precompiled).then(
        (f) => {
          fn = f;
          send({ type: 'ready', pid: process.pid, tid: nativeTid() });
        },
        (e) => send({ type: 'initError', error: describeError(e, msg.file) }),
      );
      return;
    case 'chunk':
      void runChunk(msg.k, msg.tasks);
      return;
    case 'stop': {
      const u = process.cpuUsage();
      const r = process.resourceUsage();
      send({ type: 'bye', user: u.user, system: u.system, minorFaults: r.minorPageFault, majorFaults: r.majorPageFault }, () => process.exit(0));
      return;
    }
  }
});
// The runner is gone (killed, or its stdin closed): nothing left to serve.
process.on('disconnect', () => process.exit(0));
