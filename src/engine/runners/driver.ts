/**
 * The one driver for every runner (python/harness.py, the Node runner): starts it in its own process group, speaks
 * the JSON-lines protocol of contracts/runner.ts, and turns hangs, crashes and cancels into outcomes. What differs
 * between runners (command, names, start-up errors) comes from its RunnerSpec.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { OutputCapture } from './outputCapture';
import type {
  DoneEvent, FunctionsEvent, HarnessCommand, HarnessError, HarnessEvent, HelloEvent, LoadCommand, LoadedEvent,
  RunCommand,
} from '../../contracts/runner';
import { InputError, LoadError } from '../request';
import { killTree, registerGroup, unregisterGroup } from '../platform/processTree';
import type { RunnerSpec } from './runnerSpec';

/** How a run ended, as the driver saw it. */
export type RunOutcome =
  | { kind: 'done'; event: DoneEvent }
  | { kind: 'timeout'; seconds: number }
  | { kind: 'crash'; message: string; exitCode: number | null; signal: string | null; stderrTail: string }
  | { kind: 'error'; error: HarnessError }
  | { kind: 'cancelled' };

/** Seconds to wait for the runner to say hello (interpreter start-up). */
const HELLO_TIMEOUT_S = 20;
/** Characters of stderr kept for error messages. */
const STDERR_TAIL = 4000;

/** Options for starting a runner, whatever its kind. */
export interface DriverOptions {
  log?: (line: string) => void;
  /** Called with pool worker pids as soon as a run's pool is up. */
  onWorkers?: (pids: number[]) => void;
  cwd?: string;
  /** Where the workload's output (user prints, which the runner sends to stderr) is kept, head and tail only. */
  output?: OutputCapture;
}

/**
 * One running runner, in its own process group. Commands are sequential: one in flight at a time.
 * A run that times out or is cancelled kills the whole group; the owner starts a fresh runner for the next run.
 */
export class RunnerProcess {
  private child!: ChildProcess;
  private waiter: ((e: HarnessEvent | { type: 'exit' }) => void) | null = null;
  private queue: HarnessEvent[] = [];
  private stderrTail = '';
  private exited: { code: number | null; signal: string | null } | null = null;
  /** What the interpreter said about itself. */
  hello!: HelloEvent;

  private constructor(readonly spec: RunnerSpec, private readonly opts: DriverOptions) {}

  /** Start the runner and wait for its hello; InputError when it is missing or unusable (the spec says why). */
  static async start(spec: RunnerSpec, opts: DriverOptions = {}): Promise<RunnerProcess> {
    const h = new RunnerProcess(spec, opts);
    await h.spawn();
    return h;
  }

  /** Process id of the harness (the group leader). */
  get pid(): number {
    return this.child.pid ?? -1;
  }

  private async spawn(): Promise<void> {
    const { spec } = this;
    const command = spec.command();
    const child = spawn(command.file, command.args, {
      cwd: this.opts.cwd,
      detached: process.platform !== 'win32', // own process group, so the whole tree can be signalled
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...command.env },
    });
    this.child = child;
    const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
    if (child.pid !== undefined) registerGroup(child.pid);
    child.stdin!.on('error', () => { /* the harness died; the exit handler reports it */ });
    const output = this.opts.output ?? new OutputCapture();
    let loggedOverflow = false;
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.subarray(-STDERR_TAIL).toString('utf8')).slice(-STDERR_TAIL);
      // Log only what fits the capture's head: megabytes of prints must not flood the log channel line by line.
      const kept = output.push(chunk).toString('utf8');
      for (const line of kept.split('\n')) if (line.trim()) this.opts.log?.(`[${spec.tag}] ${line}`);
      if (output.overflowing && !loggedOverflow) {
        loggedOverflow = true;
        this.opts.log?.(`[${spec.tag}] ... more output not logged (the report keeps its first and last part)`);
      }
    });
    const lines = createInterface({ input: child.stdout! });
    let sawNonProtocol = '';
    lines.on('line', (line) => {
      let event: HarnessEvent;
      try {
        event = JSON.parse(line) as HarnessEvent;
      } catch {
        sawNonProtocol ||= line.slice(0, 200);
        this.opts.log?.(`[${spec.tag} stdout, not protocol] ${line.slice(0, 500)}`);
        return;
      }
      if (event.type === 'workers') {
        this.opts.onWorkers?.(event.pids);
        return;
      }
      this.deliver(event);
    });
    child.once('exit', (code, signal) => {
      this.exited = { code, signal };
      if (child.pid !== undefined) unregisterGroup(child.pid);
      this.deliver({ type: 'exit' });
    });

    const first = await Promise.race([
      this.next(HELLO_TIMEOUT_S * 1000),
      spawnError.then((e) => ({ type: 'spawn-error' as const, e })),
    ]);
    if (first && first.type === 'spawn-error') throw await spec.startError({ kind: 'spawn', error: first.e as NodeJS.ErrnoException });
    if (!first || first.type !== 'hello') {
      await this.kill();
      const said = (this.stderrTail.trim().split('\n').pop() ?? '') || sawNonProtocol;
      throw await spec.startError({ kind: 'silent', said, stderr: this.stderrTail });
    }
    this.hello = first;
    spec.checkHello(first);
  }

  private deliver(e: HarnessEvent | { type: 'exit' }): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w(e);
    } else if (e.type !== 'exit') {
      this.queue.push(e);
    }
  }

  /** Next event, or null on timeout; { type: 'exit' } when the harness has gone. */
  private next(timeoutMs: number, signal?: AbortSignal): Promise<HarnessEvent | { type: 'exit' } | { type: 'cancelled' } | null> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.exited) return Promise.resolve({ type: 'exit' });
    return new Promise((resolve) => {
      const onAbort = () => finish({ type: 'cancelled' });
      const timer = setTimeout(() => finish(null), timeoutMs);
      const finish = (v: HarnessEvent | { type: 'exit' } | { type: 'cancelled' } | null) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.waiter = null;
        resolve(v);
      };
      this.waiter = finish;
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private send(cmd: HarnessCommand): void {
    this.child.stdin!.write(JSON.stringify(cmd) + '\n');
  }

  /** Load the module and evaluate the arguments; InputError for the user's mistakes. */
  async load(cmd: Omit<LoadCommand, 'cmd'>, timeoutS: number, signal?: AbortSignal): Promise<LoadedEvent> {
    this.send({ cmd: 'load', ...cmd });
    const e = await this.next(timeoutS * 1000, signal);
    if (e?.type === 'loaded') return e;
    if (e?.type === 'error') throw new LoadError(describeError(e.error), e.error);
    if (e?.type === 'cancelled') throw new CancelledError();
    await this.kill();
    if (e === null) throw new InputError(`loading ${cmd.file} took longer than ${timeoutS} s (does the module do slow work at import time?)`);
    throw new InputError(`the ${this.processName} exited while loading ${cmd.file}${this.exitText()}`, this.stderrTail);
  }

  /** List top-level functions with Python's ast (nothing is executed). */
  async discover(file: string, timeoutS = 20): Promise<FunctionsEvent> {
    this.send({ cmd: 'discover', file });
    const e = await this.next(timeoutS * 1000);
    if (e?.type === 'functions') return e;
    if (e?.type === 'error') throw new InputError(describeError(e.error));
    await this.kill();
    throw new Error(`the ${this.processName} did not answer 'discover'${this.exitText()}`);
  }

  /** Run every task once under one configuration; a hang past timeoutS or a cancel kills the harness. */
  async run(cmd: Omit<RunCommand, 'cmd'>, timeoutS: number, signal?: AbortSignal): Promise<RunOutcome> {
    this.send({ cmd: 'run', ...cmd });
    for (;;) {
      const e = await this.next(timeoutS * 1000, signal);
      if (e === null) {
        await this.kill();
        return { kind: 'timeout', seconds: timeoutS };
      }
      if (e.type === 'cancelled') {
        await this.kill();
        return { kind: 'cancelled' };
      }
      if (e.type === 'exit') {
        const { code, signal: sig } = this.exited ?? { code: null, signal: null };
        return {
          kind: 'crash',
          message: `the ${this.processName} died during the run${this.exitText()}${sig ? this.spec.signalHint(sig) : ''}`,
          exitCode: code,
          signal: sig,
          stderrTail: this.stderrTail,
        };
      }
      if (e.type === 'done' && e.id === cmd.id) return { kind: 'done', event: e };
      if (e.type === 'error') return { kind: 'error', error: e.error };
      // Anything else is stale (e.g. a late event from an earlier command): ignore it.
    }
  }

  /** How messages name the child: "Python process" or "Node runner". */
  private get processName(): string {
    return this.spec.processName;
  }

  /** True once the harness process has ended. */
  get dead(): boolean {
    return this.exited !== null;
  }

  private exitText(): string {
    if (!this.exited) return '';
    const { code, signal } = this.exited;
    const tail = this.stderrTail.trim().split('\n').slice(-1)[0];
    return (signal ? ` (killed by ${signal})` : ` (exit code ${code})`) + (tail ? `: ${tail.slice(0, 300)}` : '');
  }

  /** Ask the harness to leave; kill the group if it does not within a moment. */
  async close(): Promise<void> {
    if (this.exited) return;
    this.send({ cmd: 'exit' });
    const t = setTimeout(() => void this.kill(), 2000);
    await new Promise<void>((r) => (this.exited ? r() : this.child.once('exit', () => r())));
    clearTimeout(t);
    await killTree(this.child, 0); // pool workers a crashed run orphaned into the group
  }

  /** Stop the whole process group now. */
  async kill(): Promise<void> {
    await killTree(this.child);
  }
}

/** Thrown when the caller's AbortSignal fires. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/** One sentence for a harness error: "BadArgs: --args must yield a list ... (file.py:3)". */
export function describeError(e: HarnessError): string {
  const where = e.file ? ` (${e.file}${e.line ? `:${e.line}` : ''})` : '';
  return `${e.type}: ${e.message}${where}`;
}
