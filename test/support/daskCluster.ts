/**
 * Real Dask clusters for tests: a scheduler and workers as separate processes (Debian's python3-distributed under
 * /usr/bin/python3), optionally with the workers on a second host: a network namespace with a veth pair and addresses
 * of the test's own. Everything is started in its own process group and stopped by pid in `stop()`, whatever happened.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { ROOT } from './cli';

/** The interpreter Debian installs Dask for. */
export const DASK_PYTHON = process.env.PP_DASK_PYTHON ?? '/usr/bin/python3';
/** The fixture directory the workers start in, so they import dask_work by name. */
export const DASK_FIXTURES = path.join(ROOT, 'test', 'fixtures', 'python', 'dask');
export const DASK_WORK = path.join('test', 'fixtures', 'python', 'dask', 'dask_work.py');

/** Why these tests cannot run here (Dask or iproute2 missing), or null. Tests fail with it, never skip silently. */
export function daskMissing(needNetns = false): string | null {
  const r = spawnSync(DASK_PYTHON, ['-c', 'import distributed'], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) return `${DASK_PYTHON} cannot import distributed: apt-get install python3-distributed (or set PP_DASK_PYTHON)`;
  if (needNetns && spawnSync('ip', ['-V']).status !== 0) return 'ip (iproute2) is missing: apt-get install iproute2';
  return null;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** What a client sees of the cluster: its workers, their pids, and how many tasks the scheduler still holds. */
export interface ClusterState {
  workers: string[];
  pids: Record<string, number>;
  tasks: number;
  /** Clients other than this one (the scheduler's own "fire-and-forget" left out). */
  clients: number;
}

const STATE_SCRIPT = `
import json, os, sys
from distributed import Client
with Client(sys.argv[1], timeout=15, set_as_default=False) as c:
    workers = sorted(c.scheduler_info()["workers"])
    pids = c.run(os.getpid)
    tasks = c.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks))
    me = c.id
    clients = c.run_on_scheduler(lambda dask_scheduler: [k for k in dask_scheduler.clients if k not in ("fire-and-forget", me)])
print(json.dumps({"workers": workers, "pids": pids, "tasks": tasks, "clients": len(clients)}))
`;

/** A scheduler and its workers, started by a test. */
export class DaskCluster {
  readonly procs: ChildProcess[] = [];
  readonly logs: string[] = [];
  netns?: string;
  veth?: string;

  constructor(readonly address: string) {}

  /** A client's view of the cluster (a separate short-lived process). */
  state(): ClusterState {
    const r = spawnSync(DASK_PYTHON, ['-c', STATE_SCRIPT, this.address], { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`cluster state: ${r.stderr.slice(-2000)}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as ClusterState;
  }

  /** Wait until the scheduler has `n` workers. */
  async waitForWorkers(n: number, timeoutMs = 90_000): Promise<ClusterState> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const s = this.state();
        if (s.workers.length >= n) return s;
      } catch (e) {
        if (Date.now() > deadline) throw e;
      }
      if (Date.now() > deadline) throw new Error(`the cluster at ${this.address} did not reach ${n} workers:\n${this.logs.join('').slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /** Start a process in its own group, with its output kept for failure messages. */
  start(cmd: string, args: string[], cwd: string): ChildProcess {
    const child = spawn(cmd, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PYTHONUTF8: '1' } });
    child.stdout!.on('data', (d) => this.logs.push(String(d)));
    child.stderr!.on('data', (d) => this.logs.push(String(d)));
    this.procs.push(child);
    return child;
  }

  /** Stop every process started (by process group) and remove the namespace and veth. */
  async stop(): Promise<void> {
    for (const p of this.procs.slice().reverse()) {
      if (p.pid && p.exitCode === null) {
        try { process.kill(-p.pid, 'SIGTERM'); } catch { /* gone */ }
      }
    }
    await new Promise((r) => setTimeout(r, 1000));
    for (const p of this.procs) {
      if (p.pid && p.exitCode === null) {
        try { process.kill(-p.pid, 'SIGKILL'); } catch { /* gone */ }
      }
    }
    if (this.netns) spawnSync('ip', ['netns', 'del', this.netns]);
    if (this.veth) spawnSync('ip', ['link', 'del', this.veth]);
  }
}

/**
 * A scheduler on `host` and `workers` single-threaded workers (one `dask worker --nworkers N` process), the workers
 * started in `cwd` (default: the fixture directory, so they can import dask_work).
 */
export async function startCluster(opts: { workers: number; cwd?: string; netns?: boolean }): Promise<DaskCluster> {
  const port = await freePort();
  let host = '127.0.0.1';
  let workerHost = '127.0.0.1';
  let prefix: string[] = [];
  let ns: string | undefined;
  let veth: string | undefined;
  if (opts.netns) {
    // A second host: addresses of the test's own on a veth pair, the worker end inside a namespace.
    const id = Math.floor(Math.random() * 200) + 20;
    ns = `ppdask${process.pid % 10000}${id}`;
    veth = `ppd${id}a`;
    const peer = `ppd${id}b`;
    host = `10.231.${id}.1`;
    workerHost = `10.231.${id}.2`;
    const steps: string[][] = [
      ['netns', 'add', ns],
      ['link', 'add', veth, 'type', 'veth', 'peer', 'name', peer],
      ['link', 'set', peer, 'netns', ns],
      ['addr', 'add', `${host}/24`, 'dev', veth],
      ['link', 'set', veth, 'up'],
      ['netns', 'exec', ns, 'ip', 'addr', 'add', `${workerHost}/24`, 'dev', peer],
      ['netns', 'exec', ns, 'ip', 'link', 'set', peer, 'up'],
      ['netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up'],
    ];
    for (const step of steps) {
      const r = spawnSync('ip', step, { encoding: 'utf8' });
      if (r.status !== 0) {
        spawnSync('ip', ['netns', 'del', ns]);
        spawnSync('ip', ['link', 'del', veth]);
        throw new Error(`ip ${step.join(' ')}: ${r.stderr}`);
      }
    }
    prefix = ['netns', 'exec', ns];
  }
  const cluster = new DaskCluster(`tcp://${host}:${port}`);
  cluster.netns = ns;
  cluster.veth = veth;
  cluster.start(DASK_PYTHON, ['-m', 'distributed.cli.dask_scheduler', '--host', host, '--port', String(port), '--no-dashboard'], ROOT);
  const workerArgs = ['-m', 'distributed.cli.dask_worker', cluster.address, '--nworkers', String(opts.workers), '--nthreads', '1',
    '--no-dashboard', '--host', workerHost];
  if (prefix.length) cluster.start('ip', [...prefix, DASK_PYTHON, ...workerArgs], opts.cwd ?? DASK_FIXTURES);
  else cluster.start(DASK_PYTHON, workerArgs, opts.cwd ?? DASK_FIXTURES);
  try {
    await cluster.waitForWorkers(opts.workers);
  } catch (e) {
    await cluster.stop();
    throw e;
  }
  return cluster;
}
