// The dask strategy on real clusters, through the CLI: a LocalCluster the profiler starts and tears down, an existing
// cluster (scheduler and workers as separate processes) given by --scheduler and left as found, and workers on a
// second host (a network namespace behind a veth pair), so what crosses the network really crosses one.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Report, Run } from '../../src/contracts/report';
import { runCli } from '../support/cli';
import { DASK_PYTHON, DASK_WORK, daskMissing, startCluster, type DaskCluster } from '../support/daskCluster';

const missing = daskMissing(true);
const base = ['--python', DASK_PYTHON, '--repeats', '1', '--budget', '120', '--sampler-hz', '50'];
const runOf = (r: Report | undefined, id: string): Run | undefined => r?.runs.find((x) => x.id === id);
const pidsOf = (run: Run | undefined) => new Set(run?.tasks.map((t) => t.pid));

describe('dask on a LocalCluster', () => {
  it('needs Dask for /usr/bin/python3', () => assert.equal(missing, null, missing ?? ''));

  it('runs a LocalCluster of single-threaded workers per worker count, reports its start-up apart, and leaves nothing', async () => {
    const res = await runCli(['profile', `${DASK_WORK}:spin`, '--args', '[(300000,)] * 8', '--strategies', 'serial,processes,dask',
      '--workers', '1,2', ...base]);
    assert.equal(res.code, 0, res.stderr);
    for (const id of ['dask-1', 'dask-2']) {
      const run = runOf(res.report, id);
      assert.equal(run?.status, 'ok', `${id}: ${run?.reason}`);
      assert.equal(run?.cluster?.kind, 'local');
      assert.ok(run!.cluster!.startup > 0.05, `start-up measured: ${run!.cluster!.startup}`);
      assert.ok(run!.cluster!.workers.every((a) => a.startsWith('tcp://127.0.0.1:')), run!.cluster!.workers.join());
      assert.equal(run!.tasks.length, 8);
    }
    assert.equal(pidsOf(runOf(res.report, 'dask-2')).size, 2, 'two worker processes, two lanes');
    assert.ok(!pidsOf(runOf(res.report, 'dask-2')).has(runOf(res.report, 'serial')!.tasks[0].pid), 'not the harness itself');
    const reasons = res.report!.recommendation.reasons.join('\n');
    assert.match(reasons, /dask ×\d: [\d.]+×; \w+ ×\d[^:]*: [\d.]+× on the same tasks/);
    assert.match(reasons, /leaves out the LocalCluster start-up of [\d.]+ m?s/);
    assert.deepEqual(res.leftovers, [], 'the LocalCluster workers are gone');
  });
});

describe('dask on an existing cluster (--scheduler)', () => {
  let cluster: DaskCluster | undefined;
  before(async () => {
    if (!missing) cluster = await startCluster({ workers: 2 });
  });
  after(async () => {
    await cluster?.stop();
  });

  it('uses 1 and 2 of its workers, refuses 4, and leaves the cluster exactly as it found it', async () => {
    assert.ok(cluster, missing ?? 'no cluster');
    const before = cluster.state();
    const res = await runCli(['profile', `${DASK_WORK}:spin`, '--args', '[(200000,)] * 8', '--strategies', 'serial,dask',
      '--workers', '1,2,4', '--tasks', '8', '--scheduler', cluster.address, ...base]);
    assert.equal(res.code, 0, res.stderr);
    const one = runOf(res.report, 'dask-1');
    const two = runOf(res.report, 'dask-2');
    assert.equal(one?.status, 'ok', one?.reason);
    assert.equal(two?.status, 'ok', two?.reason);
    assert.equal(two?.cluster?.scheduler, cluster.address);
    assert.equal(two?.cluster?.kind, 'existing');
    assert.deepEqual(new Set(two?.cluster?.workers), new Set(before.workers));
    assert.deepEqual(pidsOf(two), new Set(Object.values(before.pids)), 'the tasks ran in the cluster\'s worker processes');
    assert.equal(pidsOf(one).size, 1);
    const four = runOf(res.report, 'dask-4');
    assert.equal(four?.status, 'skipped');
    assert.match(four?.reason ?? '', /has 2 workers/);
    assert.match(res.report!.recommendation.reasons.join('\n'), new RegExp(`of the cluster's 2 workers at ${cluster.address.replace(/\./g, '\\.')}`));
    const afterwards = cluster.state();
    assert.deepEqual(afterwards.workers, before.workers, 'no worker closed or replaced');
    assert.deepEqual(afterwards.pids, before.pids, 'no worker restarted');
    assert.equal(afterwards.tasks, 0, 'nothing of ours left in the cluster');
    assert.equal(afterwards.clients, 0, 'our client is gone');
    assert.deepEqual(res.leftovers, []);
  });
});

describe('dask with workers on a second host (a network namespace)', () => {
  let cluster: DaskCluster | undefined;
  before(async () => {
    if (!missing) cluster = await startCluster({ workers: 2, netns: true });
  });
  after(async () => {
    await cluster?.stop();
  });

  it('sends the tasks across the veth link to the workers inside the namespace', async () => {
    assert.ok(cluster, missing ?? 'no cluster');
    const res = await runCli(['profile', `${DASK_WORK}:spin`, '--args', '[(200000,)] * 8', '--strategies', 'serial,dask',
      '--workers', '2', '--scheduler', cluster.address, ...base]);
    assert.equal(res.code, 0, res.stderr);
    const two = runOf(res.report, 'dask-2');
    assert.equal(two?.status, 'ok', two?.reason);
    const prefix = cluster.address.replace(/\.1:\d+$/, '.2:');
    assert.ok(two!.cluster!.workers.every((a) => a.startsWith(prefix)), `${two!.cluster!.workers.join()} are inside the namespace (${prefix})`);
    assert.equal(pidsOf(two).size, 2);
    assert.equal(cluster.state().tasks, 0);
    assert.deepEqual(res.leftovers, []);
  });
});
