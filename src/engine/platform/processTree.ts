import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Grace between SIGTERM and SIGKILL when stopping a process group. */
export const KILL_GRACE_MS = 400;

const live = new Set<number>();
let exitHookInstalled = false;

/** Remember a process-group leader so that it is killed even if this Node process exits abruptly. */
export function registerGroup(pid: number): void {
  live.add(pid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // 'exit' handlers must be synchronous: SIGKILL is the only thing that certainly lands in time.
    process.on('exit', () => {
      for (const p of live) signalGroup(p, 'SIGKILL');
    });
  }
}

/** Send a signal to a whole process group; a group that is already gone is not an error. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, signal);
  } catch {
    /* ESRCH: nothing left to signal */
  }
}

/**
 * True while any process of the group still runs. On Linux zombies do not count: a pool worker whose harness was
 * killed is reparented to init, which may take a second or more to reap it, and a zombie holds no CPU or memory.
 */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 0);
  } catch {
    return false;
  }
  return process.platform !== 'linux' || hasLiveMember(pid);
}

/** Whether /proc lists a non-zombie process in process group `pgid` (true when /proc cannot be read: stay safe). */
function hasLiveMember(pgid: number): boolean {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return true;
  }
  for (const name of names) {
    if (name.charCodeAt(0) > 57) continue; // not a pid
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') return true;
    } catch {
      /* exited meanwhile */
    }
  }
  return false;
}

/**
 * Stop a child's whole process group: SIGTERM, then SIGKILL after a grace period, and wait until no member is left,
 * so that pool workers never outlive a cancelled or timed-out run.
 */
export async function killTree(child: ChildProcess, graceMs = KILL_GRACE_MS): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) await sleep(20);
  if (groupAlive(pid)) signalGroup(pid, 'SIGKILL');
  const hardDeadline = Date.now() + 5000;
  while (groupAlive(pid) && Date.now() < hardDeadline) await sleep(20);
  live.delete(pid);
}

/** Forget a group that ended by itself. */
export function unregisterGroup(pid: number): void {
  live.delete(pid);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
