import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  estimate, intervalsOverlap, median, quantile, ratioEstimate, relativeWidth, seededRandom,
} from '../../../../src/engine/analysis/stats';

describe('median and quantile', () => {
  it('take the middle value, or the mean of the two middle values', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });
  it('interpolate linearly between order statistics, like NumPy', () => {
    assert.equal(quantile([1, 2, 3, 4], 0.25), 1.75);
    assert.equal(quantile([1, 2, 3, 4], 0), 1);
    assert.equal(quantile([1, 2, 3, 4], 1), 4);
  });
  it('return NaN for no values rather than throwing', () => {
    assert.ok(Number.isNaN(median([])));
  });
  it('do not reorder the caller\'s array', () => {
    const xs = [3, 1, 2];
    median(xs);
    assert.deepEqual(xs, [3, 1, 2]);
  });
});

describe('seededRandom', () => {
  it('gives the same sequence for the same seed, in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    assert.deepEqual(xs, Array.from({ length: 1000 }, () => b()));
    assert.ok(xs.every((x) => x >= 0 && x < 1));
    assert.ok(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5) < 0.05, 'roughly uniform');
  });
  it('gives a different sequence for a different seed', () => {
    assert.notEqual(seededRandom(1)(), seededRandom(2)());
  });
});

describe('estimate: median with a 95% bootstrap interval', () => {
  it('reports the median of the samples and keeps them in order', () => {
    const e = estimate([1.2, 1.0, 1.1]);
    assert.equal(e.median, 1.1);
    assert.deepEqual(e.samples, [1.2, 1.0, 1.1]);
  });
  it('gives [min, max] for three repeats: the honest interval for so few', () => {
    assert.deepEqual(estimate([1.2, 1.0, 1.1]).ci95, [1.0, 1.2]);
  });
  it('gives a zero-width interval for one sample', () => {
    assert.deepEqual(estimate([2]).ci95, [2, 2]);
  });
  it('is reproducible: the same samples always give the same interval (fixed seed)', () => {
    const xs = [1.01, 0.98, 1.05, 1.0, 0.97, 1.2, 1.02];
    assert.deepEqual(estimate(xs).ci95, estimate(xs).ci95);
  });
  it('brackets the median, and is narrower for quieter measurements', () => {
    const quiet = estimate([1.0, 1.01, 0.99, 1.0, 1.02, 0.98, 1.0]);
    const noisy = estimate([1.0, 1.3, 0.8, 1.0, 1.4, 0.7, 1.0]);
    for (const e of [quiet, noisy]) assert.ok(e.ci95[0] <= e.median && e.median <= e.ci95[1]);
    assert.ok(relativeWidth(quiet) < relativeWidth(noisy));
  });
  it('ignores non-finite samples when summarising', () => {
    assert.equal(estimate([1, NaN, 3]).median, 2);
  });
});

describe('ratioEstimate: a speedup with its interval', () => {
  it('divides the medians and brackets the ratio', () => {
    const serial = estimate([7.2, 7.25, 7.3]);
    const procs = estimate([3.8, 3.81, 3.85]);
    const r = ratioEstimate(serial, procs);
    assert.equal(r.median, 7.25 / 3.81);
    assert.ok(r.ci95[0] <= r.median && r.median <= r.ci95[1]);
    assert.ok(r.ci95[0] >= 7.2 / 3.85 - 1e-12 && r.ci95[1] <= 7.3 / 3.8 + 1e-12, 'within the interval-arithmetic bound');
  });
  it('falls back to interval arithmetic when there are no samples', () => {
    const r = ratioEstimate({ median: 2, ci95: [1.8, 2.2], samples: [] }, { median: 1, ci95: [0.9, 1.1], samples: [] });
    assert.deepEqual(r.ci95, [1.8 / 1.1, 2.2 / 0.9]);
  });
});

describe('intervalsOverlap', () => {
  it('is true when the intervals share a point, false when one lies wholly below the other', () => {
    assert.equal(intervalsOverlap([1, 2], [2, 3]), true);
    assert.equal(intervalsOverlap([1, 2], [2.1, 3]), false);
  });
});
