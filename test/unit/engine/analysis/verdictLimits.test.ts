/**
 * What a verdict may claim: a one-worker pool is never parallelism, projections and advice stop at the task count,
 * the confidence agrees with the warnings, and one sample is never shown as an interval.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Run } from '../../../../src/contracts/report';
import { classify, noiseWarnings } from '../../../../src/engine/analysis/classify';
import { oneWorkerFindings } from '../../../../src/engine/analysis/findings';
import { recommend } from '../../../../src/engine/analysis/recommend';
import { fitScaling } from '../../../../src/engine/analysis/scalingModel';
import { verdict } from '../../../../src/engine/report/build';
import { capWorkerCounts } from '../../../../src/engine/profile/plan';
import { articleMachine, articleTarget, fromPublished, fromRecording } from '../../../fixtures/runs/build';

const twoCores = articleMachine(2, 2, 'CPython 3.11');

/** The numpy case of issue 11, as measured: serial paid 0.2 s in the kernel, the one-worker thread 0.05 s. */
function numpyOneWorker(): Run[] {
  const runs = fromPublished([
    { strategy: 'serial', workers: 1, wall: 0.307, user: 0.39, sys: 0.2 },
    { strategy: 'threads', workers: 1, wall: 0.236, user: 0.41, sys: 0.05 },
    { strategy: 'threads', workers: 2, wall: 0.3, user: 0.55, sys: 0.06 },
    { strategy: 'processes', workers: 1, wall: 0.33, user: 0.4, sys: 0.08 },
    { strategy: 'processes', workers: 2, wall: 0.36, user: 0.5, sys: 0.1 },
  ], 8);
  const faults = (r: Run) => (r.strategy === 'serial' ? 45_000 : r.strategy === 'threads' && r.workers === 1 ? 3_000 : 5_000);
  return runs.map((r) => ({ ...r, faults: { minor: faults(r), major: 0 } }));
}

describe('a one-worker pool is never the recommended parallel strategy', () => {
  const runs = numpyOneWorker();
  const target = articleTarget('matmul', 'matmul.py', '[(200,)] * 8', 8);
  const c = classify(runs, twoCores, target);
  const r = recommend(runs, c, fitScaling(runs, twoCores), twoCores, target);

  it('threads ×1 beat serial by 1.3×, yet the verdict is serial: no pool of two or more beat it', () => {
    assert.equal(r.strategy, 'serial');
    assert.doesNotMatch(r.headline, /1 worker/);
  });

  it('says why in a finding, with user, sys and page faults of both', () => {
    const [f] = oneWorkerFindings(runs);
    assert.equal(f.code, 'one-worker-faster');
    assert.match(f.message, /^Threads ×1 beat the plain loop: 236 ms against 307 ms \(1\.3×\), running one task at a time/);
    assert.match(f.message, /Serial: user 390 ms, sys 200 ms, 45,000 minor page faults; threads ×1: user 410 ms, sys 50 ms, 3,000 minor/);
    assert.match(f.message, /the plain loop spent 150 ms more in the kernel and faulted in far more fresh memory/);
    assert.ok(r.reasons.some((x) => /^Threads ×1 beat serial \(1\.3×\) running one task at a time/.test(x)));
  });

  it('with a pool of two that wins, the verdict is that pool, not the faster-looking one-worker one', () => {
    const withWin = fromPublished([
      { strategy: 'serial', workers: 1, wall: 2.0, user: 2.0 },
      { strategy: 'threads', workers: 1, wall: 1.0, user: 1.0 },
      { strategy: 'processes', workers: 2, wall: 1.1, user: 2.1 },
    ], 8);
    const v = recommend(withWin, classify(withWin, twoCores, target), fitScaling(withWin, twoCores), twoCores, target);
    assert.equal(v.strategy, 'processes');
    assert.equal(v.workers, 2);
    assert.equal(v.run, 'processes-2');
  });

  it('no finding when the one-worker pool is within noise of serial', () => {
    const tie = fromPublished([
      { strategy: 'serial', workers: 1, wall: 1.0, user: 1.0 },
      { strategy: 'threads', workers: 1, wall: 0.99, user: 1.0 },
    ], 8, 0.05);
    assert.deepEqual(oneWorkerFindings(tie), []);
  });
});

describe('sweeps, projections and advice stop at the task count', () => {
  it('worker counts above the task count are dropped from the sweep', () => {
    assert.deepEqual(capWorkerCounts([1, 2, 4, 8, 16], 8), { kept: [1, 2, 4, 8], dropped: [16] });
    assert.deepEqual(capWorkerCounts([4, 2], 1), { kept: [1], dropped: [2, 4] });
  });

  it('eight waiting tasks: the projection stops at 8, names its strategy, and no peak is claimed beyond it', () => {
    const target = articleTarget('fetch', 'io.py', null, 8);
    const runs = fromPublished([
      { strategy: 'serial', workers: 1, wall: 8.0, user: 0.1 },
      { strategy: 'threads', workers: 2, wall: 4.0, user: 0.1 },
      { strategy: 'threads', workers: 4, wall: 2.0, user: 0.1 },
      { strategy: 'threads', workers: 8, wall: 1.0, user: 0.1 },
      { strategy: 'processes', workers: 2, wall: 4.2, user: 0.3 },
    ], 8);
    const { model, recommendation } = verdict(runs, classify(runs, twoCores, target), twoCores, target);
    assert.equal(recommendation.strategy, 'threads');
    assert.equal(recommendation.workers, 8);
    assert.equal(model.strategy, 'threads');
    assert.equal(model.maxWorkers, 8);
    assert.ok(model.projection.every((p) => p.cores <= 8), JSON.stringify(model.projection));
    assert.match(model.label ?? '', /^Projection for threads, the recommended strategy .* up to the 8 tasks$/);
    const text = recommendation.reasons.join(' ');
    assert.doesNotMatch(text, /more concurrency may pay further/);
    assert.match(text, /8 workers already run all 8 tasks at once: a larger pool would have nothing to run/);
    assert.match(text, /at most [\d.]+× with one worker for each of the 8 tasks/i);
  });

  it('a serial verdict projects nothing', () => {
    const f = fromRecording('tiny.json');
    const { model } = verdict(f.runs, classify(f.runs, f.env, f.target), f.env, f.target);
    assert.equal(model.strategy, null);
    assert.match(model.label ?? '', /serial is recommended/);
  });
});

describe('confidence agrees with the warnings', () => {
  it('when the leaders cannot be separated, the warning says so and the confidence is low, not medium', () => {
    const target = articleTarget('f', 'f.py', null, 8);
    const runs = fromPublished([
      { strategy: 'serial', workers: 1, wall: 4, user: 4 },
      { strategy: 'threads', workers: 2, wall: 2.0, user: 3.9 },
      { strategy: 'processes', workers: 2, wall: 2.1, user: 4 },
    ], 8, 0.08);
    assert.ok(noiseWarnings(runs).some((w) => w.code === 'inseparable'));
    const r = recommend(runs, classify(runs, twoCores, target), fitScaling(runs, twoCores), twoCores, target);
    assert.equal(r.confidence, 'low');
    const id = (strategy: string) => runs.find((x) => x.strategy === strategy)!.id;
    for (const s of ['serial', 'threads', 'processes']) assert.ok(r.basis?.includes(id(s)), `${s} in ${r.basis}`);
  });
});

describe('one sample shows no interval', () => {
  it('reasons say "measured once" instead of a zero-width interval', () => {
    const target = articleTarget('f', 'f.py', null, 8);
    const runs = fromPublished([
      { strategy: 'serial', workers: 1, wall: 3.04, user: 3 },
      { strategy: 'processes', workers: 2, wall: 1.6, user: 3.1 },
    ], 8).map((x): Run => (x.strategy === 'processes'
      ? { ...x, wall: { median: 1.6, ci95: [1.6, 1.6], samples: [1.6] }, repeats: 1 } : x));
    const r = recommend(runs, classify(runs, twoCores, target), fitScaling(runs, twoCores), twoCores, target);
    const first = r.reasons[0];
    assert.match(first, /no interval: processes ×2 measured once/);
    assert.doesNotMatch(r.reasons.join(' '), /(\d[\d.]*)( s|×)?–\1/);
  });
});
