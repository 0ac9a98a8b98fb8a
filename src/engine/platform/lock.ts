import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { InputError } from '../request';

/** Who holds the machine-wide profile lock. */
export interface LockHolder {
  pid: number;
  /** What it profiles, "file.py:function", for the waiting message. */
  target?: string;
  /** Process start time (Linux clock ticks since boot), so a reused pid is not mistaken for the holder. */
  start?: number;
  /** Random per-acquisition token: release removes the file only while it is still ours. */
  token?: string;
}

/** Thrown with --no-wait (lock 'fail') when another profile holds the lock: CLI exit 2. */
export class ProfilerBusyError extends InputError {
  /** The message names the holder so the user knows what to wait for or stop. */
  constructor(readonly holder: LockHolder) {
    super(`another profile is running (pid ${holder.pid}${holder.target ? `, ${holder.target}` : ''}); not waiting (--no-wait)`);
    this.name = 'ProfilerBusyError';
  }
}

/** Thrown when the caller cancels while waiting for the lock: nothing ran, so there is no report. */
export class LockWaitCancelled extends Error {
  constructor() {
    super('cancelled while waiting for another profile to finish');
    this.name = 'LockWaitCancelled';
  }
}

/** The lock file: one per machine, so two profiles (CLI or extension, any window) never measure on the same cores. */
export function lockFile(): string {
  // PARPROF_LOCK_DIR lets tests use a private lock instead of queueing behind whatever else profiles on the machine.
  return path.join(process.env.PARPROF_LOCK_DIR || os.tmpdir(), 'parallelism-profiler.lock');
}

const POLL_MS = 200;
/** A takeover marker older than this was left by a process that died mid-takeover. */
const TAKEOVER_STALE_MS = 10_000;
/** A lock file with no readable holder (its writer died between create and write) is stale after this. */
const EMPTY_STALE_MS = 5_000;

/** Options for acquireProfileLock. */
export interface AcquireOptions {
  /** false: throw ProfilerBusyError at once instead of waiting. */
  wait: boolean;
  target?: string;
  signal?: AbortSignal;
  /** Called once when the lock is busy and we start waiting. */
  onWait?: (holder: LockHolder) => void;
  file?: string;
}

/** A held lock; release() is idempotent and also runs if the process exits without calling it. */
export interface ProfileLock {
  release(): void;
  /** Seconds spent waiting before the lock was ours. */
  waited: number;
  /** The holder we waited for, if any. */
  waitedFor?: LockHolder;
}

/**
 * Take the machine-wide profile lock: create the file with O_EXCL holding our pid. A lock whose pid is dead (or
 * reused by another program) is stale and taken over under a second O_EXCL marker, so two waiters cannot both
 * remove it and both proceed.
 */
export async function acquireProfileLock(opts: AcquireOptions): Promise<ProfileLock> {
  const file = opts.file ?? lockFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const me: LockHolder = { pid: process.pid, target: opts.target, start: startTicks(process.pid), token: randomUUID() };
  const t0 = Date.now();
  let waitedFor: LockHolder | undefined;
  for (;;) {
    if (opts.signal?.aborted) throw new LockWaitCancelled();
    if (tryCreate(file, me)) return held(file, me, (Date.now() - t0) / 1000, waitedFor);
    const holder = readHolder(file);
    if (holder === 'gone') continue;
    if (holder === null ? ageMs(file) > EMPTY_STALE_MS : !alive(holder)) {
      takeOver(file, holder);
      await sleep(POLL_MS / 4, opts.signal); // never spin, even where the stale file cannot be removed
      continue;
    }
    if (holder !== null && !opts.wait) throw new ProfilerBusyError(holder);
    if (holder !== null && !waitedFor) {
      waitedFor = holder;
      opts.onWait?.(holder);
    }
    await sleep(POLL_MS, opts.signal);
  }
}

function tryCreate(file: string, me: LockHolder): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    fs.writeSync(fd, JSON.stringify(me));
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/** The holder, null when the file holds nothing readable yet, 'gone' when it vanished meanwhile. */
function readHolder(file: string): LockHolder | null | 'gone' {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw e;
  }
  try {
    const h = JSON.parse(text) as LockHolder;
    return Number.isInteger(h.pid) && h.pid > 0 ? h : null;
  } catch {
    return null;
  }
}

/** Remove a stale lock, but only while holding the takeover marker and only if the lock is still the stale one. */
function takeOver(file: string, stale: LockHolder | null): void {
  const marker = `${file}.takeover`;
  let fd: number;
  try {
    fd = fs.openSync(marker, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    if (ageMs(marker) > TAKEOVER_STALE_MS) unlinkQuietly(marker);
    return;
  }
  fs.closeSync(fd);
  try {
    const now = readHolder(file);
    const same = now === null ? stale === null : now !== 'gone' && stale !== null && now.pid === stale.pid && now.token === stale.token;
    if (same) unlinkQuietly(file);
  } finally {
    unlinkQuietly(marker);
  }
}

function held(file: string, me: LockHolder, waited: number, waitedFor?: LockHolder): ProfileLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    const now = readHolder(file);
    if (now && now !== 'gone' && now.token === me.token) unlinkQuietly(file);
  };
  process.on('exit', release); // process.exit() from the CLI skips finally blocks that have not run yet
  return { release, waited, waitedFor };
}

/** Whether the holder's process still runs (and is the same process, where Linux lets us check its start time). */
function alive(h: LockHolder): boolean {
  try {
    process.kill(h.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false; // EPERM: alive, another user's
  }
  const start = startTicks(h.pid);
  return h.start === undefined || start === undefined || start === h.start;
}

/** Field 22 of /proc/<pid>/stat: start time in clock ticks since boot (Linux only). */
function startTicks(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
  } catch {
    return undefined;
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function unlinkQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    /* already gone */
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
