/** The comparison's one-line answer: the best speedup of each report over its own serial run, with its 95% interval. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compareReports } from '../../../../src/engine/compare/compare';
import { compareSpeedups, serialRunOf, speedupEstimate } from '../../../../src/engine/compare/speedup';
import type { Report } from '../../../../src/contracts/report';
import { onlyRuns, recorded, scaleWalls, singleSamples } from '../../../support/reportVariants';

const base = recorded();
const run = (r: Report, id: string) => r.runs.find((x) => x.id === id)!;
const round = (xs: readonly number[] | null) => xs?.map((x) => Number(x.toFixed(3)));

describe('speedupEstimate', () => {
  test('divides the serial wall by the run\'s, both resampled: 7.22 s ÷ 3.80 s = 1.90× in 1.891–1.907×', () => {
    const e = speedupEstimate(run(base, 'processes-2'), serialRunOf(base.runs));
    assert.equal(e.config, 'processes ×2');
    assert.ok(Math.abs(e.median - 7.22 / 3.8) < 1e-9);
    assert.deepEqual(round(e.ci95), [1.891, 1.907]);
  });

  test('the serial run over itself is exactly 1, not a resampled ratio around it', () => {
    const e = speedupEstimate(run(base, 'serial'), serialRunOf(base.runs));
    assert.deepEqual(e, { config: 'serial ×1', median: 1, ci95: [1, 1], serial: true });
  });

  test('without a measured serial run: the recorded speedup and no interval', () => {
    const noSerial = onlyRuns(base, (r) => r.strategy !== 'serial');
    assert.equal(serialRunOf(noSerial.runs), undefined);
    const p2 = run(base, 'processes-2');
    const e = speedupEstimate(p2, undefined);
    assert.deepEqual(e, { config: 'processes ×2', median: p2.speedup, ci95: null, serial: false });
  });
});

describe('compareSpeedups (through compareReports)', () => {
  test('processes 19% slower: 1.90× → 1.60×, −16%, lower beyond both intervals', () => {
    const s = compareReports(base, scaleWalls(base, 1.19, (r) => r.strategy === 'processes')).best.speedup;
    assert.equal(s.verdict, 'lower');
    assert.deepEqual([s.baseline.config, s.current.config], ['processes ×2', 'processes ×2']);
    assert.deepEqual([s.baseline.median, s.current.median].map((x) => Number(x.toFixed(2))), [1.9, 1.6]);
    assert.equal(Number(s.change.toFixed(3)), -0.16);
    assert.deepEqual(round(s.current.ci95), [1.589, 1.602]);
  });

  test('everything 25% slower, serial too: the wall time regresses but the speedup holds, within noise', () => {
    const c = compareReports(base, scaleWalls(base, 1.25));
    assert.equal(c.best.verdict, 'regression');
    assert.equal(c.best.speedup.verdict, 'within noise');
    assert.ok(Math.abs(c.best.speedup.change) < 1e-9);
  });

  test('processes faster: higher beyond noise', () => {
    const faster = scaleWalls(base, 0.8, (r) => r.strategy === 'processes');
    assert.equal(compareReports(base, faster).best.speedup.verdict, 'higher');
  });

  test('single samples on a side: too few repeats, whatever the change', () => {
    const slower = scaleWalls(base, 1.19, (r) => r.strategy === 'processes');
    const s = compareReports(singleSamples(base), singleSamples(slower)).best.speedup;
    assert.equal(s.verdict, 'too few repeats');
    assert.ok(s.change < -0.15);
  });

  test('a serial best on both sides compares 1 with 1: within noise', () => {
    const serial = run(base, 'serial');
    const s = compareSpeedups({ best: serial, serial }, { best: serial, serial });
    const one = { config: 'serial ×1', median: 1, ci95: [1, 1], serial: true };
    assert.deepEqual(s, { baseline: one, current: one, change: 0, verdict: 'within noise' });
  });

  test('no serial run on a side: too few repeats, and that side has no interval', () => {
    const best = run(base, 'processes-2');
    const s = compareSpeedups({ best, serial: undefined }, { best, serial: serialRunOf(base.runs) });
    assert.equal(s.verdict, 'too few repeats');
    assert.equal(s.baseline.ci95, null);
  });
});
