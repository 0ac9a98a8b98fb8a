import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  amdahlSpeedup, fitAmdahl, fitScaling, fitUsl, PROJECTION_CORES, uslPeak, uslSpeedup,
} from '../../../../src/engine/analysis/scalingModel';
import { maclaurin, maclaurinJython, sumRange } from '../../../fixtures/runs/articles';
import { articleMachine, fromPublished } from '../../../fixtures/runs/build';

const close = (a: number, b: number, tol = 1e-6) => assert.ok(Math.abs(a - b) <= tol, `${a} ≈ ${b}`);
const at = (ns: number[], f: (n: number) => number) => ns.map((workers) => ({ workers, speedup: f(workers) }));

describe('fitAmdahl', () => {
  it('recovers the serial fraction from exact Amdahl speedups', () => {
    close(fitAmdahl(at([2, 4, 8, 16], (n) => amdahlSpeedup(0.1, n))), 0.1);
  });
  it('stays in [0, 1]: superlinear data gives 0, slowdowns give 1', () => {
    assert.equal(fitAmdahl(at([2, 4], (n) => n * 1.1)), 0);
    assert.equal(fitAmdahl(at([2, 4], () => 0.8)), 1);
  });
  it('says 1 (no evidence of scaling) when no point has more than one worker', () => {
    assert.equal(fitAmdahl([{ workers: 1, speedup: 0.98 }]), 1);
    assert.equal(fitAmdahl([]), 1);
  });
});

describe('fitUsl', () => {
  it('recovers σ and κ from exact USL speedups', () => {
    const usl = fitUsl(at([2, 4, 8, 16, 32], (n) => uslSpeedup({ sigma: 0.05, kappa: 0.002 }, n)));
    close(usl.sigma, 0.05);
    close(usl.kappa, 0.002);
  });
  it('reduces to Amdahl (κ = 0, σ = s) on Amdahl data', () => {
    const usl = fitUsl(at([2, 4, 8], (n) => amdahlSpeedup(0.2, n)));
    close(usl.sigma, 0.2);
    close(usl.kappa, 0);
  });
  it('keeps σ ∈ [0, 1] and κ ≥ 0 however odd the data', () => {
    const odd = [at([2, 4], (n) => n * 1.5), at([2, 4, 8], () => 0.5), at([2, 8], (n) => (n === 2 ? 1.9 : 1.2))];
    for (const pts of odd) {
      const { sigma, kappa } = fitUsl(pts);
      assert.ok(sigma >= 0 && sigma <= 1 && kappa >= 0, JSON.stringify({ pts, sigma, kappa }));
    }
  });
  it('explains one point without coherency cost (κ = 0) rather than guessing a peak', () => {
    const usl = fitUsl([{ workers: 2, speedup: 1.9 }]);
    assert.equal(usl.kappa, 0);
    close(uslSpeedup(usl, 2), 1.9);
  });
  it('is flat (σ 1, κ 0) with nothing to fit', () => {
    assert.deepEqual(fitUsl([]), { sigma: 1, kappa: 0 });
  });
});

describe('uslPeak', () => {
  it('is √((1 − σ)/κ), Infinity without coherency cost, 1 when flat', () => {
    close(uslPeak({ sigma: 0.05, kappa: 0.002 }), Math.sqrt(0.95 / 0.002));
    assert.equal(uslPeak({ sigma: 0.1, kappa: 0 }), Infinity);
    assert.equal(uslPeak({ sigma: 1, kappa: 0 }), 1);
  });
});

describe('fitScaling on the articles\' measurements', () => {
  it('Maclaurin: fits processes (the best strategy), which flatten near 8 workers', () => {
    const f = maclaurin();
    const m = fitScaling(f.runs, f.env);
    assert.equal(m.strategy, 'processes');
    assert.deepEqual(m.points.map((p) => p.workers), [1, 2, 4, 6, 8]);
    assert.ok(m.serialFraction > 0.05 && m.serialFraction < 0.2, `serial fraction ${m.serialFraction}`);
    assert.ok(m.peakWorkers! > 6 && m.peakWorkers! < 16, `peak ${m.peakWorkers}`);
    const s = (n: number) => m.projection.find((p) => p.cores === n)!.speedup;
    assert.ok(Math.abs(s(8) - 4.04) < 0.3, 'the projection passes near the measured 4.0x at 8');
    assert.ok(s(64) < s(8), 'past the peak the curve falls');
  });

  it('projects to 1, 2, 4, …, 64 cores plus the measured counts, in order', () => {
    const f = maclaurin();
    const cores = fitScaling(f.runs, f.env).projection.map((p) => p.cores);
    for (const n of [...PROJECTION_CORES, 6]) assert.ok(cores.includes(n), `has ${n}`);
    assert.deepEqual(cores, [...cores].sort((a, b) => a - b));
  });

  it('Jython threads: fits threads, the strategy that scaled there', () => {
    const f = maclaurinJython();
    assert.equal(fitScaling(f.runs, f.env).strategy, 'threads');
  });

  it('sum_range: one parallel point still gives a finite model', () => {
    const f = sumRange();
    const m = fitScaling(f.runs, f.env);
    assert.equal(m.strategy, 'processes');
    close(m.serialFraction, 2 / (7.242 / 3.81) - 1, 1e-9);
    assert.equal(m.usl.kappa, 0);
    assert.ok(m.projection.every((p) => Number.isFinite(p.speedup)));
  });
});

describe('fitScaling on an oversubscribed sweep', () => {
  it('leaves out more workers than cores when the cores were saturated: the machine, not the code, set that limit', () => {
    const env = articleMachine(2, 2, 'CPython 3.11');
    const runs = fromPublished([
      { strategy: 'serial', workers: 1, wall: 2.28, user: 2.28 },
      { strategy: 'processes', workers: 1, wall: 2.2, user: 2.2 },
      { strategy: 'processes', workers: 2, wall: 1.15, user: 2.22 },
      { strategy: 'processes', workers: 4, wall: 1.18, user: 2.31 },
    ], 8);
    const m = fitScaling(runs, env);
    assert.deepEqual(m.points.map((p) => p.workers), [1, 2]);
    assert.ok(m.serialFraction < 0.05, `2 processes ran at 2.0x on 2 cores: almost no serial part (${m.serialFraction})`);
  });
});

describe('fitScaling on degenerate input', () => {
  const env = articleMachine(4, 4, 'CPython 3.12');
  it('no parallel runs: strategy null, serial fraction 1, a flat projection, no peak', () => {
    const runs = fromPublished([{ strategy: 'serial', workers: 1, wall: 1, user: 1 }], 4);
    const m = fitScaling(runs, env);
    assert.equal(m.strategy, null);
    assert.equal(m.serialFraction, 1);
    assert.equal(m.peakWorkers, null);
    assert.ok(m.projection.every((p) => p.speedup === 1));
  });
  it('only one-worker pools: serial fraction 1, nothing NaN', () => {
    const runs = fromPublished([
      { strategy: 'serial', workers: 1, wall: 1, user: 1 },
      { strategy: 'processes', workers: 1, wall: 1.05, user: 1 },
    ], 4);
    const m = fitScaling(runs, env);
    assert.equal(m.serialFraction, 1);
    assert.ok(!JSON.stringify(m).includes('NaN') && m.projection.every((p) => Number.isFinite(p.speedup)));
  });
  it('skipped and failed runs are left out of the fit', () => {
    const runs = fromPublished([
      { strategy: 'serial', workers: 1, wall: 1, user: 1 },
      { strategy: 'threads', workers: 2, wall: 0.6, user: 1 },
      { strategy: 'processes', workers: 2, wall: 0, user: 0, status: 'skipped', reason: 'not picklable' },
    ], 4);
    const m = fitScaling(runs, env);
    assert.equal(m.strategy, 'threads');
    assert.deepEqual(m.points.map((p) => p.workers), [2]);
  });
  it('includes the machine\'s own core counts in the projection', () => {
    const runs = fromPublished([{ strategy: 'serial', workers: 1, wall: 1, user: 1 }], 4);
    const cores = fitScaling(runs, articleMachine(12, 6, 'CPython 3.12')).projection.map((p) => p.cores);
    assert.ok(cores.includes(6) && cores.includes(12));
  });
});
