// Faults of the dask strategy, each on real processes: a scheduler that does not answer, a module the workers cannot
// import, a hung task, cancel during a LocalCluster run and during a run on an existing cluster, a worker killed
// mid-run. Each ends with a clear message in bounded time, and nothing the profiler started is left behind.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Report } from '../../src/contracts/report';
import { runCli } from '../support/cli';
import { DASK_PYTHON, DASK_WORK, daskMissing, freePort, startCluster, type DaskCluster } from '../support/daskCluster';
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
    assert.equal(res.code, 0, res.stderr);
    const runs = daskRuns(res.report);
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
      assert.equal(res.code, 0, res.stderr);
      assert.match(daskRuns(res.report)[0]?.reason ?? '', new RegExp(`no Dask scheduler answered at ${address.replace(/\./g, '\\.')}`));
      assert.ok(seconds < 30, `${seconds.toFixed(1)} s`);
      assert.deepEqual(res.leftovers, []);
    } finally {
      server.close();
    }
  });

  it('a bad address is refused as input before anything starts', async () => {
    const res = await runCli(['profile', `${DASK_WORK}:spin`, '--scheduler', 'http://x', ...base], { json: false });
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
    assert.equal(run?.status, 'timeout', run?.reason);
    assert.deepEqual(res.leftovers, [], 'no LocalCluster worker left');
  });

  for (const where of ['LocalCluster', 'existing cluster'] as const) {
    it(`cancel during a dask run on a ${where}: exit 130 within 1 s, nothing of ours left`, async () => {
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
      assert.equal(res.code, 130, res.stderr);
      assert.ok(latency <= 1000, `${latency.toFixed(0)} ms from SIGINT to the last profiler process gone`);
      assert.deepEqual(res.leftovers, []);
      // The existing cluster keeps running with its workers; the scheduler drops our tasks once our client is gone
      // (a task already running finishes its 0.4 s first: Dask cannot interrupt a running task).
      let state = cluster.state();
      for (let i = 0; i < 20 && (state.tasks > 0 || state.clients > 0); i++) {
        await new Promise((r) => setTimeout(r, 250));
        state = cluster.state();
      }
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

  it('the report says which worker was lost and which tasks ran again; nothing hangs', async () => {
    assert.ok(cluster, missing ?? 'no cluster');
    const state = cluster.state();
    const victim = state.workers[0];
    let seenAt: number | undefined;
    let killed = false;
    // 16 naps of 0.5 s on 2 workers: 4 s of tasks after about 1.5 s of import, connect and probe.
    const res = await runWatched(['profile', `${DASK_WORK}:nap`, '--args', '[(0.5,)] * 16', '--workers', '2', '--no-early-stop',
      '--scheduler', cluster.address, ...base], {
      timeoutMs: 120_000,
      signal: 'SIGINT', // never sent: `when` only kills the worker and always answers false
      when: (stderr, s) => {
        if (seenAt === undefined && /(^|\] )dask ×2/m.test(stderr)) seenAt = s.t;
        if (!killed && seenAt !== undefined && s.t > seenAt + 3000) {
          process.kill(state.pids[victim], 'SIGKILL');
          killed = true;
        }
        return false;
      },
    });
    assert.ok(killed, 'the worker was killed during the dask run');
    assert.equal(res.code, 0, res.stderr);
    const run = daskRuns(res.report).find((r) => r.workers === 2);
    assert.ok(run?.cluster?.lost.some((w) => w.address === victim), `${run?.status}: ${run?.reason}; ${JSON.stringify(run?.cluster)}`);
    const warning = res.report!.warnings.find((w) => w.code === 'worker-lost');
    assert.ok(warning, JSON.stringify(res.report!.warnings));
    assert.match(warning.message, new RegExp(`lost worker ${victim.replace(/\./g, '\\.')} \\(pid ${state.pids[victim]}\\)`));
    assert.deepEqual(res.leftovers, []);
  });
});
