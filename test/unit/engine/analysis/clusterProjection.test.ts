// --project-workers: the cluster strategy's measured speedups, fitted with the USL model, evaluated at a cluster
// larger than the one measured, and said to be an extrapolation; capped at the task count.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { projectCluster } from '../../../../src/engine/analysis/clusterProjection';
import { fitScaling, uslSpeedup } from '../../../../src/engine/analysis/scalingModel';
import { parseCli } from '../../../../src/cli/args';
import { buildRequest, settingsFromValues } from '../../../../src/extension/profiling/profileSettings';
import { articleMachine, articleTarget, fromPublished } from '../../../fixtures/runs/build';

// Eight cores: no measured point is a saturated machine, so all three enter the fit.
const env = articleMachine(8, 8, 'CPython 3.11.7');
// serial 8 s; dask 1, 2, 4 workers at 8.4 s, 4.4 s, 2.6 s (start-up left out): scaling with a small serial share.
const runs = fromPublished([
  { strategy: 'serial', workers: 1, wall: 8.0, user: 8.0 },
  { strategy: 'processes', workers: 2, wall: 4.3, user: 8.1 },
  { strategy: 'dask', workers: 1, wall: 8.4, user: 8.2 },
  { strategy: 'dask', workers: 2, wall: 4.4, user: 8.3 },
  { strategy: 'dask', workers: 4, wall: 2.6, user: 8.6 },
], 64);

describe('projectCluster', () => {
  it('evaluates the dask fit at the requested size and labels it an extrapolation beyond what was measured', () => {
    const target = articleTarget('work', '/tmp/w.py', null, 64);
    const p = projectCluster(runs, env, target, 16)!;
    const fit = fitScaling(runs, env, { strategy: 'dask' });
    assert.equal(p.strategy, 'dask');
    assert.equal(p.workers, 16);
    assert.equal(p.measuredUpTo, 4);
    assert.ok(Math.abs(p.speedup - uslSpeedup(fit.usl, 16)) < 1e-9, 'the same USL fit as the scaling model');
    assert.ok(p.speedup > 3 && p.speedup < 16, `a plausible projection: ${p.speedup}`);
    assert.match(p.label, /^Projected for dask on 16 workers: [\d.]+× against serial, an extrapolation beyond the 4 workers measured \(USL fit to 3 measured worker counts/);
  });

  it('never projects more workers than tasks, and says so', () => {
    const p = projectCluster(runs, env, articleTarget('work', '/tmp/w.py', null, 8), 64)!;
    assert.equal(p.requested, 64);
    assert.equal(p.workers, 8);
    assert.match(p.label, /capped at the 8 tasks/);
  });

  it('gives nothing when no cluster strategy was measured', () => {
    const local = runs.filter((r) => r.strategy !== 'dask');
    assert.equal(projectCluster(local, env, articleTarget('work', '/tmp/w.py', null, 64), 16), undefined);
  });
});

describe('the option', () => {
  it('--project-workers takes a whole number; the setting flows into the request; 0 means none', () => {
    const ok = parseCli(['profile', 'f.py:fn', '--project-workers', '32']);
    assert.equal(ok !== 'help' && ok.command === 'profile' && ok.request.projectWorkers, 32);
    assert.throws(() => parseCli(['profile', 'f.py:fn', '--project-workers', '2.5']), /--project-workers must be a whole number/);
    assert.equal(buildRequest('f.py', 'fn', null, 'python3', settingsFromValues({ projectWorkers: 16 })).projectWorkers, 16);
    assert.equal(buildRequest('f.py', 'fn', null, 'python3', settingsFromValues({ projectWorkers: 0 })).projectWorkers, undefined);
  });
});
