// The dask plug-in: where it applies, the snippet it writes (LocalCluster or the given scheduler, with the __main__
// guard), and the verdict sentences that set it beside the local pools and name the start-up figure.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Run, RunCluster } from '../../../../src/contracts/report';
import { clusterSentences } from '../../../../src/engine/analysis/clusterCompare';
import { transferWarnings } from '../../../../src/engine/analysis/transferWarnings';
import { defaultStrategies, whyNot } from '../../../../src/engine/strategies/catalogue';
import { DASK_FIX } from '../../../../src/engine/strategies/dask';
import type { ApplicabilityFacts } from '../../../../src/engine/strategies/strategy';
import { snippetFor } from '../../../../src/engine/languages/snippet';
import { parseCli } from '../../../../src/cli/args';
import { settingsFromValues, buildRequest } from '../../../../src/extension/profiling/profileSettings';
import { articleTarget, fromPublished } from '../../../fixtures/runs/build';

const facts: ApplicabilityFacts = { runtime: 'python', isCoroutine: false, picklable: { ok: true }, hasInterpreterPool: false, version: '3.11.2' };

describe('where dask applies', () => {
  it('is in the defaults, and refuses only where distributed is missing (with the fix) or the runtime is JavaScript', () => {
    assert.ok(defaultStrategies().includes('dask'));
    assert.equal(whyNot('dask', { ...facts, hasDistributed: true }), null);
    assert.equal(whyNot('dask', facts), null, 'an older runner that does not say is not refused here; the run says');
    assert.equal(whyNot('dask', { ...facts, hasDistributed: false }), `this interpreter cannot import distributed (dask.distributed). Fix: ${DASK_FIX}`);
    assert.match(DASK_FIX, /apt-get install python3-distributed.*pip install 'dask\[distributed\]'/);
    assert.match(whyNot('dask', { ...facts, runtime: 'javascript' }) ?? '', /not available for JavaScript/);
  });
});

describe('the dask snippet', () => {
  const target = articleTarget('spin', '/tmp/work.py', '[(10,)] * 4', 4);
  it('starts a LocalCluster of single-threaded processes, maps and gathers, under the __main__ guard', () => {
    const s = snippetFor({ strategy: 'dask', workers: 2, chunksize: 1 }, target);
    assert.match(s, /from dask\.distributed import Client, LocalCluster/);
    assert.match(s, /LocalCluster\(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None\)/);
    assert.match(s, /client\.map\(spin, \*zip\(\*CALLS\), pure=False\)/);
    assert.match(s, /if __name__ == "__main__":/);
  });
  it('connects to the given scheduler and restricts the tasks to as many of its workers as were measured', () => {
    const s = snippetFor({ strategy: 'dask', workers: 2, chunksize: 1, scheduler: 'tcp://10.0.0.5:8786' }, target);
    assert.match(s, /with Client\("tcp:\/\/10\.0\.0\.5:8786"\) as client:/);
    assert.match(s, /workers = sorted\(client\.scheduler_info\(\)\["workers"\]\)\[:2\]/);
    assert.match(s, /workers=workers/);
    assert.doesNotMatch(s, /LocalCluster\(/);
  });
  it('is a program that runs: the LocalCluster snippet under /usr/bin/python3 with Dask', { timeout: 120_000 }, (t) => {
    const probe = spawnSync('/usr/bin/python3', ['-c', 'import distributed'], { timeout: 60_000 });
    assert.equal(probe.status, 0, 'needs Dask for /usr/bin/python3: apt-get install python3-distributed');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-dask-snippet-'));
    t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.writeFileSync(path.join(dir, 'work.py'), 'def spin(n):\n    return sum(i * i for i in range(n))\n');
    fs.writeFileSync(path.join(dir, 'run_dask.py'), snippetFor({ strategy: 'dask', workers: 2, chunksize: 1 }, { ...target, file: path.join(dir, 'work.py') }));
    const r = spawnSync('/usr/bin/python3', ['run_dask.py'], { cwd: dir, encoding: 'utf8', timeout: 100_000 });
    assert.equal(r.status, 0, r.stderr.slice(-2000));
    assert.match(r.stdout, /^4 results; first: \[285\]/m);
  });
});

describe('dask against the local pools, and the start-up figure', () => {
  const local: RunCluster = { scheduler: null, kind: 'local', startup: 1.4, workers: ['tcp://127.0.0.1:1', 'tcp://127.0.0.1:2'], clusterWorkers: 2, lost: [], rerun: [] };
  const runs = (daskWall: number, cluster: RunCluster = local): Run[] => {
    const r = fromPublished([
      { strategy: 'serial', workers: 1, wall: 4.0, user: 4.0 },
      { strategy: 'processes', workers: 2, wall: 2.1, user: 4.0 },
      { strategy: 'dask', workers: 2, wall: daskWall, user: 4.0 },
    ], 8);
    return r.map((x) => (x.strategy === 'dask' ? { ...x, cluster } : x));
  };
  it('on one machine, a slower Dask run says the process pool is cheaper, with both speedups', () => {
    const [pair, startup] = clusterSentences(runs(2.4));
    assert.match(pair, /^dask ×2: 1\.7×; processes ×2: 1\.9× on the same tasks: on one machine processes ×2 is cheaper; a Dask cluster pays once the work needs more cores than this machine has\.$/);
    assert.match(startup, /^The dask ×2 wall \(2\.4 s\) leaves out the LocalCluster start-up of 1\.4 s, paid once per cluster: a script that starts its own cluster for one batch takes 3\.8 s \(1\.1× instead of 1\.7×\)\.$/);
  });
  it('a faster cluster says so; equal ones are "about as fast"', () => {
    assert.match(clusterSentences(runs(1.5))[0], /the cluster is faster than any local pool measured/);
    assert.match(clusterSentences(runs(2.12))[0], /about as fast \(within 5%\)/);
  });
  it('an existing cluster: the sentence names the scheduler, the workers used and the connect time it left out', () => {
    const existing: RunCluster = { ...local, scheduler: 'tcp://10.0.0.5:8786', kind: 'existing', startup: 0.3, clusterWorkers: 6 };
    assert.match(clusterSentences(runs(2.4, existing))[1], /uses 2 of the cluster's 6 workers at tcp:\/\/10\.0\.0\.5:8786 and leaves out connecting to it \(300 ms, paid once per client\)/);
  });
  it("Dask's task stream: the phases the workers spent, and what is left of their time for Dask itself", () => {
    const sentences = clusterSentences(runs(2.4, { ...local, phases: { compute: 3.9, deserialize: 0.004 } }));
    assert.equal(sentences[2], "Dask's task stream for dask ×2: the workers spent computing 3.9 s, deserialising 4.0 ms on the tasks; " +
      'the other 896 ms of their 4.8 s (2 workers × the wall) went to scheduling, serialisation on the client, the round trips and waiting for the next task.');
  });
  it('no dask run measured: nothing to say', () => {
    assert.deepEqual(clusterSentences(runs(2.4).filter((r) => r.strategy !== 'dask')), []);
  });
});

describe('the scheduler option', () => {
  it('--scheduler takes tcp://host:port (a bare host:port gets tcp://) and refuses anything else', () => {
    const ok = parseCli(['profile', 'f.py:fn', '--scheduler', '10.0.0.5:8786']);
    assert.equal(ok !== 'help' && ok.command === 'profile' && ok.request.scheduler, 'tcp://10.0.0.5:8786');
    assert.throws(() => parseCli(['profile', 'f.py:fn', '--scheduler', 'http://x']), /--scheduler must be a Dask scheduler address/);
  });
  it('parallelismProfiler.daskScheduler flows into the request; empty means a LocalCluster', () => {
    assert.equal(buildRequest('f.py', 'fn', null, 'python3', settingsFromValues({ scheduler: ' tcp://h:1 ' })).scheduler, 'tcp://h:1');
    assert.equal(buildRequest('f.py', 'fn', null, 'python3', settingsFromValues({ scheduler: '' })).scheduler, undefined);
  });
});

describe('large arguments to a cluster', () => {
  it('are flagged with the fix: scatter them once', () => {
    const runs = fromPublished([
      { strategy: 'serial', workers: 1, wall: 4.0, user: 4.0 },
      { strategy: 'dask', workers: 2, wall: 2.4, user: 4.0 },
    ], 8).map((r) => (r.strategy === 'dask' ? { ...r, overhead: { ...r.overhead, argBytes: 8 * 20 * 2 ** 20, resultBytes: 1000 } } : r));
    const [w] = transferWarnings(runs, 8);
    assert.equal(w?.code, 'large-transfer');
    assert.match(w.message, /^dask: each run sends 160\.0 MB of arguments .*client\.scatter\(data, broadcast=True\)/);
  });
});
