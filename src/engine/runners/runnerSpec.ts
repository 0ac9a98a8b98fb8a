/**
 * What the one driver needs to know about a runner: how to start it, what to call it, and how to explain a start
 * that failed. The Python harness and the Node runner are two specs (python.ts, node.ts); the driver has no branches.
 */
import type { HelloEvent } from '../../contracts/runner';
import type { InputError } from '../request';

/** How a runner failed to start, as the driver saw it. */
export type StartFailure =
  | { kind: 'spawn'; error: NodeJS.ErrnoException }
  /** It started but never said hello; `said` is its last line of stderr or stdout, `stderr` the tail of stderr. */
  | { kind: 'silent'; said: string; stderr?: string };

/** One kind of runner process. */
export interface RunnerSpec {
  /** Tag for log lines ("python", "node"). */
  tag: string;
  /** How messages name the process ("Python process", "Node runner"). */
  processName: string;
  /** The executable the user chose (or the Node binary), named in errors and in the report's environment. */
  executable: string;
  /** Executable, arguments and extra environment. */
  command(): { file: string; args: string[]; env: NodeJS.ProcessEnv };
  /** The user's error for a runner that could not start. */
  startError(failure: StartFailure): Promise<InputError>;
  /** Throws InputError when the hello shows a runtime the profiler cannot use (e.g. Python 2). */
  checkHello(hello: HelloEvent): void;
  /** What a fatal signal usually means for this runtime, appended to crash messages. */
  signalHint(signal: string): string;
}
