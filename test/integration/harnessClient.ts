/**
 * A small client for python/harness.py used by the integration tests: spawns the real harness,
 * sends commands and reads events, exactly as the driver speaks the protocol.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { HarnessCommand, HarnessEvent, HelloEvent } from '../../src/contracts/runner';

/** Repository root, found from this file's location. */
export const repoRoot = path.resolve(__dirname, '..', '..');

/** The interpreter under test; PARPROF_PYTHON runs the suite on another one (e.g. python3.13). */
export const pythonExe = process.env.PARPROF_PYTHON ?? 'python3';

/** Absolute path of a harness fixture under test/fixtures/python/harness (other suites own the folder above). */
export function fixture(name: string): string {
  return path.join(repoRoot, 'test', 'fixtures', 'python', 'harness', name);
}

/** Events that end a command: every command but `exit` is answered by exactly one of these. */
const FINAL = new Set(['loaded', 'done', 'error', 'functions']);

/** A running harness process and the protocol stream it writes. */
export class HarnessClient {
  /** Every protocol event received, in order. */
  readonly events: HarnessEvent[] = [];
  /** stdout lines that were not protocol events (there must be none). */
  readonly strayLines: string[] = [];
  /** Everything the harness wrote to stderr (user prints land here). */
  stderr = '';
  private buffered = '';
  private waiters: (() => void)[] = [];
  private exited: Promise<number | null>;

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => this.onStdout(chunk));
    child.stderr.on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  /** Spawn the harness as the driver does and wait for its hello. */
  static async start(): Promise<{ client: HarnessClient; hello: HelloEvent }> {
    const child = spawn(pythonExe, ['-X', 'utf8', path.join(repoRoot, 'python', 'harness.py')], {
      cwd: repoRoot,
      env: { ...process.env, PYTHONUTF8: '1' },
      detached: true, // its own process group, so kill() can take pool workers down too
    });
    const client = new HarnessClient(child);
    const hello = await client.next();
    if (hello.type !== 'hello') throw new Error(`expected hello, got ${JSON.stringify(hello)}`);
    return { client, hello };
  }

  /** The harness's pid. */
  get pid(): number {
    return this.child.pid!;
  }

  private onStdout(chunk: string): void {
    this.buffered += chunk;
    let newline: number;
    while ((newline = this.buffered.indexOf('\n')) >= 0) {
      const line = this.buffered.slice(0, newline);
      this.buffered = this.buffered.slice(newline + 1);
      try {
        this.events.push(JSON.parse(line) as HarnessEvent);
      } catch {
        this.strayLines.push(line);
      }
    }
    this.waiters.splice(0).forEach((wake) => wake());
  }

  private read = 0;

  /** The next event not yet returned, waiting up to timeoutMs. */
  async next(timeoutMs = 30_000): Promise<HarnessEvent> {
    const deadline = Date.now() + timeoutMs;
    while (this.read >= this.events.length) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event from the harness in ${timeoutMs} ms; stderr:\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.events[this.read++];
  }

  /** Wait until stderr matches `pattern` (stderr is a separate pipe, so it may lag the protocol). */
  async waitForStderr(pattern: RegExp, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.stderr)) {
      if (Date.now() > deadline) throw new Error(`stderr never matched ${pattern}:\n${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Write one command line. */
  send(command: HarnessCommand): void {
    this.child.stdin.write(JSON.stringify(command) + '\n');
  }

  /** Send a command and collect its events up to and including the one that answers it. */
  async request(command: HarnessCommand, timeoutMs = 30_000): Promise<HarnessEvent[]> {
    this.send(command);
    const got: HarnessEvent[] = [];
    for (;;) {
      const event = await this.next(timeoutMs);
      got.push(event);
      if (FINAL.has(event.type)) return got;
    }
  }

  /** Send a command and return only its final event, narrowed to the expected type. */
  async ask<T extends HarnessEvent['type']>(
    command: HarnessCommand,
    type: T,
    timeoutMs?: number,
  ): Promise<Extract<HarnessEvent, { type: T }>> {
    const events = await this.request(command, timeoutMs);
    const last = events[events.length - 1];
    if (last.type !== type) throw new Error(`expected ${type}, got ${JSON.stringify(last)}\nstderr:\n${this.stderr}`);
    return last as Extract<HarnessEvent, { type: T }>;
  }

  /** Resolves with the exit code once the harness has exited. */
  waitExit(): Promise<number | null> {
    return this.exited;
  }

  /** Ask the harness to exit and wait for it. */
  async close(): Promise<number | null> {
    if (this.child.exitCode === null && !this.child.stdin.destroyed) this.send({ cmd: 'exit' });
    return this.exited;
  }

  /** Kill the whole process group (harness and any pool workers), as the driver does on cancel. */
  kill(): void {
    try {
      process.kill(-this.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Pids whose parent is `pid`, read from /proc (Linux); null where /proc is missing. */
export function childPids(pid: number): number[] | null {
  if (!existsSync('/proc/self/stat')) return null;
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 is the parent pid; the command name (field 2) may hold spaces, so split after its ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return children;
}

/** Whether a process exists and is not a zombie (Linux /proc; falls back to signal 0). */
export function isAlive(pid: number): boolean {
  if (existsSync('/proc/self/stat')) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
