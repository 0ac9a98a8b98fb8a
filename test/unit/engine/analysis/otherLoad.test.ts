import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CoreTimeline, Run } from '../../../../src/contracts/report';
import { coresWanted, machineBusyCores, otherLoadOf, squeezed, withOtherLoad } from '../../../../src/engine/analysis/otherLoad';
import { classify } from '../../../../src/engine/analysis/classify';
import { recommend } from '../../../../src/engine/analysis/recommend';
import { fitScaling } from '../../../../src/engine/analysis/scalingModel';
import { sumRange } from '../../../fixtures/runs/articles';

/** A core whose utilisation readings are `busy[i]` for the 100 ms ending at (i + 1) / 10 s. */
function core(index: number, busy: number[]): CoreTimeline {
  const readings = busy.map((b, i) => ({ t: (i + 1) / 10, busy: b }));
  return { core: index, segments: [], utilisation: [{ t: 0, busy: 0 }, ...readings] };
}

const run = (over: Partial<Run>): Run => ({ ...sumRange().runs[0], ...over });

describe('machineBusyCores: the whole machine during a window, from each core\'s utilisation readings', () => {
  it('averages every reading over the part of it that falls in the window, and sums the cores', () => {
    const cores = [core(0, [1, 1, 0, 0]), core(1, [0.5, 0.5, 0.5, 0.5])];
    assert.equal(machineBusyCores(cores, 0, 0.4), 0.5 + 0.5);
    // 0.15–0.25 s: half of a busy reading and half of an idle one on core 0.
    assert.ok(Math.abs(machineBusyCores(cores, 0.15, 0.25)! - (0.5 + 0.5)) < 1e-12);
    assert.equal(machineBusyCores(cores, 0, 0.2), 1 + 0.5);
  });

  it('is unknown for an empty window or one no reading covers', () => {
    assert.equal(machineBusyCores([core(0, [1])], 1, 1), undefined);
    assert.equal(machineBusyCores([core(0, [1])], 5, 6), undefined);
    assert.equal(machineBusyCores([], 0, 1), undefined);
  });
});

describe('otherLoadOf: what the machine did beyond the run\'s own process tree', () => {
  const twoBusyCores = [core(0, [1, 1, 1, 1]), core(1, [1, 1, 1, 1])];

  it('is the machine\'s busy cores less the run\'s parallelism, never below zero', () => {
    const other = otherLoadOf(run({ parallelism: 0.7, window: { start: 0, end: 0.4 } }), twoBusyCores)!;
    assert.ok(Math.abs(other - 1.3) < 1e-12);
    assert.equal(otherLoadOf(run({ parallelism: 2.3, window: { start: 0, end: 0.4 } }), twoBusyCores), 0);
  });

  it('is absent for runs that did not measure and for cluster runs, whose workers are outside the tree', () => {
    const at = { window: { start: 0, end: 0.4 } };
    assert.equal(otherLoadOf(run({ ...at, status: 'skipped' }), twoBusyCores), undefined);
    assert.equal(otherLoadOf(run({ ...at, repeats: 0 }), twoBusyCores), undefined);
    assert.equal(otherLoadOf(run({ ...at, strategy: 'dask', workers: 2 }), twoBusyCores), undefined);
  });

  it('withOtherLoad fills the field only where it was measured', () => {
    const [measured, outside] = withOtherLoad(
      [run({ parallelism: 1, window: { start: 0, end: 0.4 } }), run({ window: { start: 9, end: 10 } })], twoBusyCores,
    );
    assert.equal(measured.otherLoad, 1);
    assert.equal('otherLoad' in outside, false);
  });
});

describe('squeezed: other programs left a run fewer than three quarters of the cores it could use', () => {
  const env = { logicalCores: 2 };

  it('serial wants one core: two busy loops beside it (1.3 cores) squeeze it, one (0.9) does not', () => {
    assert.equal(coresWanted(run({}), env), 1);
    assert.equal(squeezed(run({ otherLoad: 1.3 }), env), true);
    assert.equal(squeezed(run({ otherLoad: 0.9 }), env), false);
  });

  it('a pool wants its workers up to the cores: one busy loop (0.7) squeezes processes ×2 on two cores', () => {
    const pool = (otherLoad: number, workers = 2) => run({ strategy: 'processes', workers, otherLoad });
    assert.equal(coresWanted(pool(0, 8), env), 2);
    assert.equal(squeezed(pool(0.7), env), true);
    assert.equal(squeezed(pool(0.4), env), false);
    assert.equal(squeezed(pool(0.4), { logicalCores: 16 }), false);
    assert.equal(squeezed(run({ strategy: 'processes', workers: 2 }), env), false, 'not measured: not squeezed');
  });
});

describe('the verdict on a busy machine', () => {
  it('keeps the measured choice but at low confidence, naming the load and the runs it squeezed', () => {
    const f = sumRange();
    const runs = f.runs.map((r) => (r.strategy === 'processes' ? { ...r, otherLoad: 1.0 } : { ...r, otherLoad: 0 }));
    const rec = recommend(runs, classify(runs, f.env, f.target), fitScaling(runs, f.env), f.env, f.target);
    assert.equal(rec.strategy, 'processes');
    assert.equal(rec.confidence, 'low');
    assert.equal(rec.confidenceReason,
      'other programs kept 1.0 of the 2 cores busy while processes ×2 ran, so the comparison measures their load as much as this code');
  });

  it('a quiet machine leaves the confidence to the repeats and the spread', () => {
    const f = sumRange();
    const runs = f.runs.map((r) => ({ ...r, otherLoad: 0.05 }));
    assert.equal(recommend(runs, classify(runs, f.env, f.target), fitScaling(runs, f.env), f.env, f.target).confidence, 'high');
  });
});
