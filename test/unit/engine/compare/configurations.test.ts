/** Pairing configurations of two reports and judging each against the noise. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compareConfigurations, isMeasured } from '../../../../src/engine/compare/configurations';
import { onlyRuns, recorded, scaleWalls, singleSamples } from '../../../support/reportVariants';

const base = recorded();
const verdicts = (before = base, after = base) =>
  Object.fromEntries(compareConfigurations(before.runs, after.runs).map((c) => [c.config, c.verdict]));

describe('compareConfigurations', () => {
  test('pairs every configuration of either report by strategy and worker count, in report order', () => {
    assert.deepEqual(Object.keys(verdicts()), ['serial ×1', 'threads ×1', 'threads ×2', 'threads ×4', 'processes ×1', 'processes ×2', 'processes ×4', 'async ×1', 'interpreters ×1']);
  });

  test('a run slower beyond both intervals is slower; the reverse pairing is faster', () => {
    const slower = scaleWalls(base, 1.25, (r) => r.id === 'processes-2');
    assert.equal(verdicts(base, slower)['processes ×2'], 'slower');
    assert.equal(verdicts(slower, base)['processes ×2'], 'faster');
    assert.equal(verdicts(base, slower)['processes ×4'], 'within noise');
    const change = compareConfigurations(base.runs, slower.runs).find((c) => c.config === 'processes ×2')!.change!;
    assert.ok(Math.abs(change - 0.25) < 1e-9);
  });

  test('a 2% shift inside overlapping intervals is within noise', () => {
    assert.ok(Object.values(verdicts(base, scaleWalls(base, 1.02))).every((v) => v === 'within noise' || v === 'not measured'));
  });

  test('single samples make no claim, however far apart', () => {
    assert.equal(verdicts(singleSamples(base), singleSamples(scaleWalls(base, 2)))['serial ×1'], 'too few repeats');
  });

  test('a configuration in one report only, or skipped in both, is said as such', () => {
    const v = verdicts(onlyRuns(base, (r) => r.strategy !== 'threads'), onlyRuns(base, (r) => r.id !== 'processes-4'));
    assert.equal(v['threads ×2'], 'only after');
    assert.equal(v['processes ×4'], 'only before');
    assert.equal(v['async ×1'], 'not measured');
  });

  test('a skipped, failed or never-repeated run has no wall time to compare', () => {
    const [serial, skipped] = [base.runs[0], base.runs.find((r) => r.status === 'skipped')!];
    assert.equal(isMeasured(serial), true);
    assert.equal(isMeasured(skipped), false);
    assert.equal(isMeasured({ ...serial, status: 'failed' }), false);
    assert.equal(isMeasured({ ...serial, repeats: 0, wall: { ...serial.wall, median: NaN } }), false);
  });
});
