// Faults of the dask strategy, each on real processes: a scheduler that does not answer, a module the workers cannot
// import, a hung task, cancel during a LocalCluster run and during a run on an existing cluster, a worker killed
// mid-run, every worker killed mid-run. Each ends with a clear message in bounded time, and nothing the profiler
// started is left behind. Each records what it tried in FAULTS.md.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Report } from '../../src/contracts/report';
import { runCli } from '../support/cli';
import { DASK_PYTHON, DASK_WORK, daskMissing, freePort, startCluster, type DaskCluster } from '../support/daskCluster';
import { figure, record } from './report';
import { privateLockDir, runWatched } from './support';

privateLockDir();
const missing = daskMissing();
const base = ['--python', DASK_PYTHON, '--repeats', '1', '--budget', '120', '--strategies', 'serial,dask'];
const daskRuns = (r: Report | undefined) => r?.runs.filter((x) => x.strategy === 'dask') ?? [];

describe('dask: the scheduler', () => {
  it('needs Dask for /usr/bin/python3', () => assert.equal(missing, null, missing ?? ''));

  it('an address where nothing listens: every dask run fails naming the address, within 30 s (--timeout bounds connecting)', async () => {
    const address = `tcp://127.0.0.1:${await freePort()}`;
    const t0 = performance.now();
    const res = await runCli(['profile', `${DASK_WORK}:spin`, '--args', '[(1000,)] * 4', '--workers', '1,2', '--timeout', '10',
      '--scheduler', address, ...base]);
    const seconds = (performance.now() - t0) / 1000;
    const runs = daskRuns(res.report);
    const names = new RegExp(`no Dask scheduler answered at ${address.replace(/\./g, '\\.')} within 5 s`);
    record({ fault: 'dask: the scheduler', variant: 'an address where nothing listens (--timeout 10)',
      handled: runs.length === 2 && runs.every((r) => r.status === 'failed' && names.test(r.reason ?? '')) && seconds < 30,
      message: `${runs[0]?.status}: ${runs[0]?.reason} (${seconds.toFixed(1)} s in all)`, leftovers: res.leftovers.length, test: 'dask.test.ts' });
    assert.equal(res.code, 0, res.stderr);
    assert.equal(runs.length, 2);
    for (const r of runs) {
      assert.equal(r.status, 'failed');
      assert.match(r.reason ?? '', new RegExp(`no Dask scheduler answered at ${address.replace(/\./g, '\\.')} within 5 s`));
    }
    assert.ok(seconds < 30, `${seconds.toFixed(1)} s`);
    assert.deepEqual(res.leftovers, []);
  });

  it('an address that is not a scheduler (a silent TCP server): the error names it, within the connect timeout', async () => {
    const server = net.createServer(() => { /* accept, say nothing */ });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const address = `tcp://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    try {
      const t0 = performance.now();
      const res = await runCli(['profile', `${DASK_WORK}:spin`, '--args', '[(1000,)] * 4', '--workers', '1', '--timeout', '5',
        '--scheduler', address, ...base]);
      const seconds = (performance.now() - t0) / 1000;
      const run = daskRuns(res.report)[0];
      const names = new RegExp(`no Dask scheduler answered at ${address.replace(/\./g, '\\.')}`);
      record({ fault: 'dask: the scheduler', variant: 'an address that is not a scheduler (a silent TCP server, --timeout 5)',
        handled: run?.status === 'failed' && names.test(run.reason ?? '') && seconds < 30,
        message: `${run?.status}: ${run?.reason} (${seconds.toFixed(1)} s in all)`, leftovers: res.leftovers.length, test: 'dask.test.ts' });
      assert.equal(res.code, 0, res.stderr);
      assert.match(run?.reason ?? '', names);
      assert.ok(seconds < 30, `${seconds.toFixed(1)} s`);
      assert.deepEqual(res.leftovers, []);
    } finally {
      server.close();
    }
  });

  it('a bad address is refused as input before anything starts', async () => {
    const res = await runCli(['profile', `${DASK_WORK}:spin`, '--scheduler', 'http://x', ...base], { json: false });
    const line = res.stderr.split('\n').find((l) => l.startsWith('error:')) ?? res.stderr;
    record({ fault: 'dask: the scheduler', variant: '--scheduler http://x (not a Dask address)',
      handled: res.code === 2 && /--scheduler must be a Dask scheduler address/.test(line), message: `exit ${res.code}: ${line}`,
      leftovers: res.leftovers.length, test: 'dask.test.ts' });
    assert.equal(res.code, 2);
    assert.match(res.stderr, /^error: --scheduler must be a Dask scheduler address like tcp:\/\/127\.0\.0\.1:8786/m);
  });
});

describe('dask: a module the workers cannot import', () => {
  let cluster: DaskCluster | undefined;
  before(async () => {
    if (!missing) cluster = await startCluster({ workers: 1, cwd: os.tmpdir() });
  });
  after(async () => {
    await cluster?.stop();
  });

  it('says the module is not importable on the workers and names the fix', async () => {
    assert.ok(cluster, missing ?? 'no cluster');
    const res = await runCli(['profile', `${DASK_WORK}:spin`, '--args', '[(1000,)] * 4', '--workers', '1', '--scheduler', cluster.address, ...base]);
    assert.equal(res.code, 0, res.stderr);
    const run = daskRuns(res.report)[0];
    record({ fault: 'dask: module not on the workers', variant: 'workers started outside the function\'s directory',
      handled: run?.status === 'failed' && run.error?.type === 'ModuleNotOnWorkers' && /client\.upload_file\(/.test(run.reason ?? ''),
      message: `${run?.status}: ${run?.reason}`, leftovers: res.leftovers.length, test: 'dask.test.ts' });
    assert.equal(run?.status, 'failed');
    assert.equal(run?.error?.type, 'ModuleNotOnWorkers');
    assert.match(run?.reason ?? '', /module 'dask_work' .* cannot be imported on Dask worker tcp:\/\/127\.0\.0\.1:\d+/);
    assert.match(run?.reason ?? '', /client\.upload_file\(/);
    assert.match(run?.reason ?? '', /same code on every worker/);
    assert.equal(cluster.state().tasks, 0);
  });
});

describe('dask: hung tasks and cancel', () => {
  let cluster: DaskCluster | undefined;
  before(async () => {
    if (!missing) cluster = await startCluster({ workers: 2 });
  });
  after(async () => {
    await cluster?.stop();
  });

  it('a task that hangs on a LocalCluster: the run times out and the cluster is torn down', async () => {
    const res = await runCli(['profile', `${DASK_WORK}:nap`, '--args', '[(0.01,), (300,)]', '--workers', '1', '--timeout', '15',
      '--no-early-stop', ...base]);
    const run = daskRuns(res.report)[0];
    record({ fault: 'dask: a task hangs', variant: 'time.sleep(300) in task 1 on a LocalCluster (--timeout 15)',
      handled: run?.status === 'timeout' && res.leftovers.length === 0, message: `${run?.status}: ${run?.reason}`,
      leftovers: res.leftovers.length, test: 'dask.test.ts' });
    assert.equal(run?.status, 'timeout', run?.reason);
    assert.deepEqual(res.leftovers, [], 'no LocalCluster worker left');
  });

  for (const where of ['LocalCluster', 'existing cluster'] as const) {
    it(`cancel during a dask run on ${where === 'LocalCluster' ? 'a' : 'an'} ${where}: exit 130 within 1 s, nothing of ours left`, async () => {
      assert.ok(cluster, missing ?? 'no cluster');
      const before = cluster.state();
      let seenAt: number | undefined;
      const res = await runWatched(['profile', `${DASK_WORK}:nap`, '--args', '[(0.4,)] * 16', '--workers', '2', '--no-early-stop',
        ...(where === 'existing cluster' ? ['--scheduler', cluster.address] : []), ...base], {
        signal: 'SIGINT',
        when: (stderr, s) => {
          if (seenAt === undefined && /(^|\] )dask ×2/m.test(stderr)) seenAt = s.t;
          // LocalCluster: past its start-up (about 1.5 s here) into the tasks.
          return seenAt !== undefined && s.t > seenAt + (where === 'LocalCluster' ? 3000 : 1000);
        },
      });
      const latency = res.quietAt !== undefined && res.signalAt !== undefined ? res.quietAt - res.signalAt : Infinity;
      // The existing cluster keeps running with its workers; the scheduler drops our tasks once our client is gone
      // (a task already running finishes its 0.4 s first: Dask cannot interrupt a running task).
      const state = await settled(cluster);
      const kept = JSON.stringify(state.workers) === JSON.stringify(before.workers) &&
        state.tasks === 0 && state.clients === 0;
      record({ fault: 'dask: cancel', variant: `SIGINT during a dask ×2 run on ${where === 'LocalCluster' ? 'a' : 'an'} ${where}`,
        handled: res.code === 130 && latency <= 1000 && kept,
        message: `exit ${res.code}; quiet ${latency.toFixed(0)} ms after SIGINT; ` + (where === 'LocalCluster'
          ? `the LocalCluster torn down, ${res.leftovers.length} processes left`
          : `the cluster kept its ${state.workers.length} workers, with ${state.tasks} tasks and ${state.clients} clients of ours left`),
        leftovers: res.leftovers.length, test: 'dask.test.ts' });
      assert.equal(res.code, 130, res.stderr);
      assert.ok(latency <= 1000, `${latency.toFixed(0)} ms from SIGINT to the last profiler process gone`);
      assert.deepEqual(res.leftovers, []);
      assert.deepEqual(state.workers, before.workers);
      assert.deepEqual(state.pids, before.pids);
      assert.equal(state.tasks, 0, 'our tasks were cancelled');
      assert.equal(state.clients, 0);
    });
  }
});

describe('dask: a worker killed mid-run', () => {
  let cluster: DaskCluster | undefined;
  before(async () => {
    if (!missing) cluster = await startCluster({ workers: 2 });
  });
  after(async () => {
    await cluster?.stop();
  });

  it('the report names the lost worker and the tasks that ran twice; the run completes; nothing hangs', async () => {
    assert.ok(cluster, missing ?? 'no cluster');
    const state = cluster.state();
    const victim = state.workers[0];
    const pid = state.pids[victim];
    const log = beganLog();
    let killed = false;
    // 16 naps of 0.5 s on 2 workers: 4 s of tasks. The kill comes while the victim runs its third task (its first
    // two done, their results still on it), whenever the run reaches the cluster (importing distributed, connecting
    // and probing take 1.5 to 5 s here).
    const res = await runWatched(['profile', `${DASK_WORK}:nap_logged`, '--args', `[(i, 0.5, ${JSON.stringify(log.file)}) for i in range(16)]`,
      '--workers', '2', '--no-early-stop', '--scheduler', cluster.address, ...base], {
      timeoutMs: 120_000,
      signal: 'SIGINT', // never sent: `when` only kills the worker and always answers false
      when: () => {
        if (!killed && log.began([pid]).length >= 3) {
          setTimeout(() => process.kill(pid, 'SIGKILL'), 100);
          killed = true;
        }
        return false;
      },
    });
    const began = log.began([pid]);
    log.remove();
    const run = daskRuns(res.report).find((r) => r.workers === 2);
    const warning = res.report?.warnings.find((w) => w.code === 'worker-lost');
    const tasks = began.length === 1 ? `task ${began[0]}` : `tasks ${began.join(', ')}`;
    const names = `lost worker ${victim} (pid ${pid}) during the run; ${tasks} had started on it and ran again on another worker`;
    const completed = run?.status === 'ok' && run.tasks.length === 16 && run.tasks.every((t) => !t.failed);
    record({ fault: 'dask: a worker is lost', variant: 'one of two workers of an existing cluster SIGKILLed mid-run',
      handled: killed && completed && began.length > 0 && !!warning?.message.includes(names), message: warning?.message ?? `${run?.status}: ${run?.reason}`,
      leftovers: res.leftovers.length, test: 'dask.test.ts' });
    assert.ok(killed, 'the worker was killed during the dask run');
    assert.equal(res.code, 0, res.stderr);
    assert.ok(began.length > 0, 'the victim had begun tasks');
    assert.ok(completed, `${run?.status}: ${run?.reason}; ${JSON.stringify(run?.tasks.filter((t) => t.failed))}`);
    assert.ok(run?.cluster?.lost.some((w) => w.address === victim), JSON.stringify(run?.cluster));
    // Exactly the tasks the victim had begun (running, or done with the result still on it), not those only queued
    // there; each then ran to the end on the other worker.
    assert.deepEqual(run?.cluster?.rerun, began);
    for (const i of began) assert.notEqual(run?.tasks.find((t) => t.index === i)?.pid, pid, `task ${i}`);
    assert.ok(warning, JSON.stringify(res.report?.warnings));
    assert.ok(warning.message.includes(names), warning.message);
    assert.match(warning.message, /every task still completed/);
    assert.deepEqual(res.leftovers, []);
    const after = await settled(cluster);
    assert.equal(after.tasks, 0, 'nothing of ours left in the scheduler');
    assert.equal(after.clients, 0);
  });
});

describe('dask: every worker of the cluster killed mid-run', () => {
  let cluster: DaskCluster | undefined;
  before(async () => {
    if (!missing) cluster = await startCluster({ workers: 2 });
  });
  after(async () => {
    await cluster?.stop();
  });

  it('reported as workers lost, naming them and the fix, within seconds: not as a timeout', async () => {
    assert.ok(cluster, missing ?? 'no cluster');
    const state = cluster.state();
    const workerGroup = cluster.procs[1].pid!; // `dask worker --nworkers 2`: the nannies and both workers
    const log = beganLog();
    let killedAt: number | undefined;
    const res = await runWatched(['profile', `${DASK_WORK}:nap_logged`, '--args', `[(i, 0.5, ${JSON.stringify(log.file)}) for i in range(16)]`,
      '--workers', '2', '--no-early-stop', '--timeout', '120', '--scheduler', cluster.address, ...base], {
      timeoutMs: 150_000,
      signal: 'SIGINT', // never sent
      when: (_stderr, s) => {
        // Once the workers have begun four tasks between them: mid-run, with results of ours on both.
        if (killedAt === undefined && log.began(Object.values(state.pids)).length >= 4) {
          process.kill(-workerGroup, 'SIGKILL');
          killedAt = s.t;
        }
        return false;
      },
    });
    log.remove();
    const exitedAt = res.samples[res.samples.length - 1].t;
    const seconds = killedAt === undefined ? Infinity : (exitedAt - killedAt) / 1000;
    const run = daskRuns(res.report).find((r) => r.workers === 2);
    const named = state.workers.every((w) => run?.reason?.includes(`${w} (pid ${state.pids[w]})`));
    const handled = run?.status === 'failed' && run.error?.type === 'WorkerLost' && named &&
      /the cluster has no workers left/.test(run.reason ?? '') && /Fix: /.test(run.reason ?? '') && seconds < 15;
    record({ fault: 'dask: a worker is lost', variant: 'every worker of an existing cluster SIGKILLed mid-run (nannies too)', handled,
      message: `${run?.status}: ${run?.reason}; CLI done ${seconds.toFixed(1)} s after the kill (--timeout 120)`,
      leftovers: res.leftovers.length, test: 'dask.test.ts' });
    if (killedAt !== undefined) {
      figure({ name: 'dask: every chosen worker killed → run reported lost', samples: [Math.round(seconds * 1000)], unit: 'ms',
        goal: 'seconds, not the run timeout (120 s here)',
        how: 'SIGKILL to the `dask worker --nworkers 2` process group once its workers have begun 4 of 16 tasks of 0.5 s (dask ×2, existing cluster); until the CLI exits' });
    }
    assert.ok(killedAt !== undefined, 'the workers were killed during the dask run');
    assert.equal(res.code, 0, res.stderr);
    assert.equal(run?.status, 'failed', `${run?.status}: ${run?.reason}`);
    assert.equal(run?.error?.type, 'WorkerLost');
    assert.match(run?.reason ?? '', /lost every worker chosen for this run/);
    assert.ok(named, `${run?.reason} names ${JSON.stringify(state.pids)}`);
    assert.match(run?.reason ?? '', /the cluster has no workers left/);
    assert.match(run?.reason ?? '', /Fix: find why the workers died/);
    assert.ok(seconds < 15, `${seconds.toFixed(1)} s from the kill to the CLI's exit`);
    assert.deepEqual(res.report?.warnings.filter((w) => w.code === 'worker-lost').length, 2);
    assert.deepEqual(res.leftovers, []);
    const after = await settled(cluster);
    assert.deepEqual(after.workers, []);
    assert.equal(after.tasks, 0, 'our tasks were cancelled');
    assert.equal(after.clients, 0);
  });
});

/**
 * A file each nap_logged task appends "index pid" to as it begins: the tests' own record, independent of the
 * profiler's, of which worker process began which task.
 */
function beganLog() {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-dask-began-')), 'began.log');
  return {
    file,
    /** Indices of the tasks these pids began, sorted. */
    began(pids: number[]): number[] {
      let text = '';
      try { text = fs.readFileSync(file, 'utf8'); } catch { /* no task has begun */ }
      const lines = text.split('\n').filter((l) => /^\d+ \d+$/.test(l)).map((l) => l.split(' ').map(Number));
      return [...new Set(lines.filter(([, p]) => pids.includes(p)).map(([i]) => i))].sort((a, b) => a - b);
    },
    remove: () => fs.rmSync(path.dirname(file), { recursive: true, force: true }),
  };
}

/** The cluster once our client has gone: the scheduler drops a client's tasks a moment after it disconnects. */
async function settled(cluster: DaskCluster) {
  let state = cluster.state();
  for (let i = 0; i < 20 && (state.tasks > 0 || state.clients > 0); i++) {
    await new Promise((r) => setTimeout(r, 250));
    state = cluster.state();
  }
  return state;
}
