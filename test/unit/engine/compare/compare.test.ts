/**
 * The gate: the current best against the baseline best, beyond the threshold and the noise; strategy changes; bad
 * pairs.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertSameFunction, bestRun, compareReports, DEFAULT_GATE } from '../../../../src/engine/compare/compare';
import { CompareInputError } from '../../../../src/engine/compare/errors';
import { onlyRuns, recommending, recorded, scaleWalls, singleSamples, widenInterval } from '../../../support/reportVariants';

const base = recorded();
const gate = (maxSlowdown = 0.1, failOnStrategyChange = false) => ({ maxSlowdown, failOnStrategyChange });

describe('bestRun', () => {
  test('is the fastest measured configuration of the recorded sweep', () => {
    assert.equal(bestRun(base.runs)!.id, 'processes-2');
  });

  test('skips what was not measured, and is undefined when nothing was', () => {
    assert.equal(bestRun(base.runs.map((r) => (r.id === 'processes-2' ? { ...r, status: 'failed' as const } : r)))!.id, 'processes-4');
    assert.equal(bestRun(base.runs.filter((r) => r.status === 'skipped')), undefined);
  });
});

describe('compareReports', () => {
  test('the same report passes, within the noise, with nothing to note', () => {
    const c = compareReports(base, recorded());
    assert.equal(c.passed, true);
    assert.equal(c.best.verdict, 'within noise');
    assert.equal(c.best.change, 0);
    assert.deepEqual(c.notes, []);
    assert.deepEqual(c.options, DEFAULT_GATE);
  });

  test('25% slower everywhere fails: beyond the 10% threshold and beyond the noise', () => {
    const c = compareReports(base, scaleWalls(base, 1.25), gate());
    assert.equal(c.passed, false);
    assert.equal(c.best.verdict, 'regression');
    assert.deepEqual(c.failures.map((f) => f.code), ['regression']);
    assert.equal(
      c.failures[0].message,
      'the best configuration is 25% slower (processes ×2 3.80 s → processes ×2 4.75 s): beyond the 10% threshold and beyond the noise (the 95% intervals do not overlap)',
    );
  });

  test('5% slower beyond the noise still passes a 10% threshold, and is said', () => {
    const c = compareReports(base, scaleWalls(base, 1.05), gate());
    assert.equal(c.passed, true);
    assert.equal(c.best.verdict, 'slower within threshold');
    assert.match(c.best.sentence, /^5% slower .*: beyond the noise, but within the 10% threshold$/);
  });

  test('a 2% shift inside the intervals passes even a 0% threshold: noise is not a regression', () => {
    const c = compareReports(base, scaleWalls(base, 1.02), gate(0));
    assert.equal(c.passed, true);
    assert.equal(c.best.verdict, 'within noise');
  });

  test('15% slower on a machine too noisy to separate the two passes: the intervals overlap', () => {
    const noisy = widenInterval(scaleWalls(base, 1.15), 'processes-2', 3.5, 5.0);
    const c = compareReports(base, noisy, gate());
    assert.equal(c.best.verdict, 'within noise');
    assert.equal(c.passed, true);
  });

  test('the best configuration may move: its wall is what the gate compares', () => {
    const c = compareReports(base, scaleWalls(base, 1.3, (r) => r.id === 'processes-2'), gate());
    assert.equal(c.best.current.id, 'processes-4');
    assert.equal(c.best.verdict, 'slower within threshold');
    assert.equal(c.configurations.find((x) => x.config === 'processes ×2')!.verdict, 'slower');
  });

  test('faster beyond the noise passes as faster', () => {
    assert.equal(compareReports(scaleWalls(base, 1.25), base).best.verdict, 'faster');
  });

  test('single samples are judged on the threshold alone, with a note to repeat', () => {
    const once = singleSamples(base);
    const slow = compareReports(once, singleSamples(scaleWalls(base, 1.2)), gate());
    assert.equal(slow.best.verdict, 'regression');
    assert.equal(slow.best.noiseKnown, false);
    assert.match(slow.best.sentence, /with a single sample, so no interval to weigh the noise/);
    assert.match(slow.notes.at(-1)!, /3 or more repeats/);
    assert.equal(compareReports(once, singleSamples(scaleWalls(base, 1.05)), gate()).best.verdict, 'within threshold');
    assert.equal(compareReports(once, singleSamples(scaleWalls(base, 0.8)), gate()).best.verdict, 'faster');
  });

  test('a change of recommended strategy is reported, and fails only when asked to', () => {
    const threads = recommending(base, 'threads', 4);
    const told = compareReports(base, threads, gate());
    assert.equal(told.recommendation.strategyChanged, true);
    assert.equal(told.passed, true);
    const strict = compareReports(base, threads, gate(0.1, true));
    assert.equal(strict.passed, false);
    assert.deepEqual(strict.failures, [{ code: 'strategy-change', message: 'the recommended strategy changed from processes ×2 to threads ×4' }]);
  });

  test('a change of worker count alone is reported, never a failure', () => {
    const c = compareReports(base, recommending(base, 'processes', 4), gate(0.1, true));
    assert.deepEqual(
      [c.recommendation.strategyChanged, c.recommendation.workersChanged, c.passed], [false, true, true],
    );
  });

  test('another machine is noted next to the verdict, and does not decide it', () => {
    const ci = { ...base, environment: { ...base.environment, logicalCores: 8, cpuModel: 'AMD EPYC' } };
    const c = compareReports(base, ci);
    assert.equal(c.passed, true);
    assert.match(c.notes[0], /^Different machines \(logical cores 2 → 8; CPU model .*\): a baseline from another machine compares hardware, not code/);
  });

  test('a cancelled report is noted: it holds only what finished', () => {
    assert.match(compareReports({ ...base, cancelled: true }, base).notes.join('\n'), /The baseline profile was cancelled/);
  });
});

describe('reports that cannot be compared', () => {
  const refused = (f: () => unknown, code: CompareInputError['code'], message: RegExp) =>
    assert.throws(f, (e: unknown) => e instanceof CompareInputError && e.code === code && message.test(e.message));

  test('two different functions are refused, naming both', () => {
    const other = { ...base, target: { ...base.target, function: 'busy_wait', file: '/w/examples/busy_wait.py' } };
    refused(() => compareReports(base, other), 'different-function', /baseline profiled sum_range\.py:sum_range, the current one busy_wait\.py:busy_wait/);
  });

  test('the same function in another checkout is the same function: files compare by name', () => {
    assert.doesNotThrow(() => assertSameFunction(base.target, { function: 'sum_range', file: '/home/runner/work/repo/examples/sum_range.py' }));
    refused(() => assertSameFunction(base.target, { function: 'sum_range', file: 'lib/other.py' }), 'different-function', /other\.py:sum_range/);
  });

  test('no configuration measured in both is refused, listing each side', () => {
    const threadsOnly = onlyRuns(base, (r) => r.strategy === 'threads');
    const processesOnly = onlyRuns(base, (r) => r.strategy === 'processes');
    refused(
      () => compareReports(threadsOnly, processesOnly),
      'no-common-configuration',
      /baseline: threads ×1, threads ×2, threads ×4; current: processes ×1, processes ×2, processes ×4\).*same strategies and worker counts/,
    );
  });

  test('a current report that measured nothing has no common configuration', () => {
    const failed = { ...base, runs: base.runs.map((r) => ({ ...r, status: r.status === 'ok' ? ('failed' as const) : r.status })) };
    refused(() => compareReports(base, failed), 'no-common-configuration', /current: none/);
  });
});
