/**
 * The free-threaded analysis path, on SYNTHETIC inputs (test/fixtures/runs/interpreters.synthetic.ts says why: no
 * free-threaded CPython exists on this machine). These tests check what the analysis does with gilEnabled false; the
 * numbers in them are invented and prove nothing about a real free-threaded build.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classify } from '../../../../src/engine/analysis/classify';
import { mergeInterpreterReports, type InterpreterPart } from '../../../../src/engine/interpreterSet/merge';
import { withIds } from '../../../../src/engine/interpreterSet/choice';
import { freeThreaded, freeThreadedWithGil, SYNTHETIC, withGil } from '../../../fixtures/runs/interpreters.synthetic';

const [gil, ft0, ft1] = withIds([
  { requested: 'python3.13', command: 'python3.13', variables: {} },
  { requested: 'PYTHON_GIL=0 python3.13t', command: 'python3.13t', variables: { PYTHON_GIL: '0' } },
  { requested: 'PYTHON_GIL=1 python3.13t', command: 'python3.13t', variables: { PYTHON_GIL: '1' } },
]);

const merge = (parts: InterpreterPart[]) => mergeInterpreterReports(parts, {
  createdAt: '2026-01-01T00:00:00.000Z', duration: 3, settings: withGil().settings, warnings: [], cancelled: false,
});

describe(`free-threaded CPython (${SYNTHETIC})`, () => {
  test('with gilEnabled false, threads are never called GIL-bound, and the evidence says the build has no GIL', () => {
    const report = freeThreaded();
    assert.equal(report.classification.gilBound, false);
    const noGil = /runs without a GIL \(sys\._is_gil_enabled\(\) is False\)/;
    assert.ok(report.classification.evidence.some((e) => noGil.test(e)));
    assert.match(report.classification.summary, /no GIL in this build/);
  });

  test('even threads that did not scale are not GIL-bound without a GIL: something else serialises them', () => {
    const flat = freeThreadedWithGil();
    const runs = flat.runs;
    const c = classify(runs, { ...flat.environment, gilEnabled: false }, flat.target);
    assert.equal(c.gilBound, false);
    assert.ok(c.evidence.some((e) => /has no GIL, so something else serialises the tasks/.test(e)), c.evidence.join('\n'));
  });

  test('PYTHON_GIL=1 and =0 are two variants of one interpreter, with their own ids and verdicts', () => {
    assert.deepEqual([ft0.id, ft1.id], ['python3.13t[PYTHON_GIL=0]', 'python3.13t[PYTHON_GIL=1]']);
    const report = merge([
      { choice: ft1, kind: 'profiled', report: freeThreadedWithGil() },
      { choice: ft0, kind: 'profiled', report: freeThreaded() },
    ]);
    const [on, off] = report.interpreters!;
    assert.deepEqual(on.variables, { PYTHON_GIL: '1' });
    assert.equal(on.label, 'CPython 3.13.1 (PYTHON_GIL=1)');
    assert.equal(on.classification!.gilBound, true);
    assert.equal(off.classification!.gilBound, false);
    assert.equal(report.recommendation.interpreter, ft0.id, 'the GIL-free variant wins beyond noise');
    assert.equal(report.recommendation.strategy, 'threads');
  });

  test('for GIL-bound work the verdict points to the free-threaded build, with its threads figures', () => {
    const report = merge([
      { choice: gil, kind: 'profiled', report: withGil() },
      { choice: ft0, kind: 'profiled', report: freeThreaded() },
    ]);
    assert.equal(report.classification.gilBound, true, 'the reference is GIL-bound');
    const note = report.recommendation.reasons.find((r) => r.includes('held back by the GIL'))!;
    assert.match(note, /under python3\.13t\[PYTHON_GIL=0\] \(CPython 3\.13\.1 \(PYTHON_GIL=0\)\), which runs/);
    assert.match(note, /without a GIL, threads ×4 reached 3\.7× of its own serial run/);
    assert.match(note, /the free-threaded build runs this code on threads/);
    // processes ×4 under the GIL (1.1 s) and threads ×4 without it (1.19 s) are apart: the reference keeps processes.
    assert.equal(report.recommendation.interpreter, gil.id);
    assert.equal(report.recommendation.strategy, 'processes');
    assert.equal(report.environment.cpuModel, SYNTHETIC, 'the synthetic marker reaches the merged report');
  });

  test('a free-threaded winner is warned about C extensions that turn the GIL back on', () => {
    const slowProcesses = withGil();
    slowProcesses.runs = slowProcesses.runs.filter((r) => r.strategy !== 'processes');
    slowProcesses.recommendation = { ...slowProcesses.recommendation, strategy: 'serial', workers: 1, chunksize: 1 };
    const report = merge([
      { choice: gil, kind: 'profiled', report: slowProcesses },
      { choice: ft0, kind: 'profiled', report: freeThreaded() },
    ]);
    assert.equal(report.recommendation.interpreter, ft0.id);
    const headline = report.recommendation.headline;
    assert.match(headline, /^python3\.13t\[PYTHON_GIL=0\] \(CPython 3\.13\.1 \(PYTHON_GIL=0\)\), threads, 4 workers: /);
    assert.match(headline, /: 3\.4× against python3\.13 serial/);
    assert.ok(report.recommendation.reasons.some((r) => /turn the GIL back on/.test(r)));
  });
});
