/**
 * The Node runner (built to dist/nodeRunner.js): the JavaScript/TypeScript twin of python/harness.py, speaking the
 * same JSON-lines protocol (src/engine/harnessProtocol.ts). The driver starts it in its own process group; piscina
 * threads are its threads and forked children stay in its group, so one group kill stops everything.
 */
import { reserveStdout, send, serveLines } from './protocol';
import { helloEvent } from './hello';
import { handleLine } from './server';

reserveStdout();
// User code may leave a rejected promise or throw from a timer: log it (stderr) and keep serving, as Python would.
process.on('unhandledRejection', (reason) => console.error('[runner] unhandled rejection in user code:', reason));
process.on('uncaughtException', (err) => console.error('[runner] uncaught exception in user code:', err));
send(helloEvent());
// stdin closed or `exit`: leave at once. Pools are created and destroyed inside each run, so nothing is left open,
// and process.exit ends any piscina thread still running; forked children see their IPC channel close and leave.
serveLines(handleLine, () => process.exit(0));
