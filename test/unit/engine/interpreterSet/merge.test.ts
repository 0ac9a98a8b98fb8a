/**
 * Merging interpreters' Reports into one: run ids, the reference baseline, rows for interpreters that did not run,
 * core segments, the verdict's choice of interpreter and what it says switching costs. The base report is the
 * recorded sum_range fixture; the "PyPy" parts are that report with its walls scaled, constructed for these tests.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import type { Report, Run, WarmUpFigures } from '../../../../src/contracts/report';
import { mergeInterpreterReports, type InterpreterPart } from '../../../../src/engine/interpreterSet/merge';
import { withIds } from '../../../../src/engine/interpreterSet/choice';
import { shortError } from '../../../../src/engine/interpreterSet/verdict';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const cpython = JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures/reports/sum_range.json'), 'utf8')) as Report;

/** The report with every wall divided by `factor`, as another interpreter: speedups against its own serial stay. */
function faster(report: Report, factor: number, implementation: string, version: string): Report {
  const scale = (r: Run): Run => ({
    ...r,
    wall: {
      median: r.wall.median / factor,
      ci95: [r.wall.ci95[0] / factor, r.wall.ci95[1] / factor],
      samples: r.wall.samples.map((x) => x / factor),
    },
  });
  return {
    ...report, runs: report.runs.map(scale),
    environment: {
      ...report.environment, implementation, version: `${implementation} ${version}`, interpreter: '/usr/bin/pypy3',
    },
  };
}

const [py, pypy, missing] = withIds([
  { requested: 'python3', command: 'python3', variables: {} },
  { requested: 'pypy3', command: 'pypy3', variables: {} },
  { requested: '/no/python3', command: '/no/python3', variables: {} },
]);
const merge = (parts: InterpreterPart[]) => mergeInterpreterReports(parts, {
  createdAt: cpython.createdAt, duration: 10, settings: cpython.settings, warnings: [], cancelled: false,
});
const JIT: WarmUpFigures = {
  firstTask: 0.9, taskIndex: 0, steadyTask: 0.1, ratio: 9,
  workers: { run: 'processes-2', firstTask: 0.2, laterTask: 0.19, ratio: 1.05 },
};

describe('merging interpreters', () => {
  const report = merge([
    { choice: py, kind: 'profiled', report: cpython },
    { choice: pypy, kind: 'profiled', report: faster(cpython, 9, 'PyPy', '3.9.16'), warmUp: JIT },
    { choice: missing, kind: 'unavailable', reason: 'Python interpreter not found: /no/python3' },
  ]);

  test('run ids carry the interpreter; own speedups stay, and one against the reference is added', () => {
    assert.deepEqual(report.runs.slice(0, 2).map((r) => r.id), ['python3/serial', 'python3/threads-1']);
    const pypySerial = report.runs.find((r) => r.id === 'pypy3/serial')!;
    assert.equal(pypySerial.interpreter, 'pypy3');
    assert.ok(Math.abs(pypySerial.speedupVsReference! - 9) < 1e-9);
    const pypyProc = report.runs.find((r) => r.id === 'pypy3/processes-2')!;
    assert.ok(Math.abs(pypyProc.speedup - 7.22 / 3.8) < 1e-9, 'its own speedup is unchanged');
    assert.ok(Math.abs(pypyProc.speedupVsReference! - (7.22 * 9) / 3.8) < 1e-9);
  });

  test('the top-level environment, classification and model are the reference\'s; schemaVersion stays 1', () => {
    assert.equal(report.schemaVersion, 1);
    assert.deepEqual(report.environment, cpython.environment);
    assert.deepEqual(report.classification, cpython.classification);
    assert.deepEqual(report.interpreters!.map((i) => [i.id, i.status, i.reference]), [
      ['python3', 'ok', true], ['pypy3', 'ok', false], ['/no/python3', 'unavailable', false],
    ]);
  });

  test('an interpreter that did not run has one skipped row with the reason, and a warning', () => {
    const row = report.runs.find((r) => r.interpreter === '/no/python3')!;
    const reason = 'Python interpreter not found: /no/python3';
    assert.deepEqual([row.id, row.status, row.reason], ['/no/python3/serial', 'skipped', reason]);
    const warning = report.warnings.find((w) => w.code === 'interpreter-unavailable');
    assert.equal(warning?.message, `/no/python3: ${reason}`);
    assert.equal(report.interpreters![2].import, null, 'it never started, so nothing is known about its imports');
  });

  test('core segments are kept under the renamed run ids', () => {
    const ids = new Set(report.runs.map((r) => r.id));
    const segments = report.cores.flatMap((c) => c.segments);
    assert.equal(segments.length, 2 * cpython.cores.flatMap((c) => c.segments).length);
    assert.ok(segments.every((s) => ids.has(s.run)), 'every segment names a run of the report');
  });

  test('an interpreter that wins beyond noise is named, with the switching costs and its JIT warm-up', () => {
    const rec = report.recommendation;
    assert.equal(rec.interpreter, 'pypy3');
    assert.equal(rec.strategy, 'processes');
    assert.match(rec.headline, /^pypy3 \(PyPy 3\.9\.16\), processes, 2 workers, chunksize 1: 17× against python3/);
    assert.ok(rec.reasons.some((r) => /C extensions \(numpy, pandas and the like\)/.test(r)));
    const jit = rec.reasons.find((r) => r.startsWith('JIT warm-up under pypy3'))!;
    assert.match(jit, /first task took 900 ms against 100 ms once warm \(9\.0×\)/);
    assert.match(jit, /each worker compiles afresh \(the profiler drops its compiled code before forking/);
    assert.match(rec.snippet, /^# Measured fastest under PyPy 3\.9\.16: run this script with pypy3\n/);
    assert.ok(rec.reasons.includes('/no/python3 was not profiled: Python interpreter not found: /no/python3.'));
  });

  test('no JIT sentence for CPython, however slow its first task was', () => {
    const r = merge([
      { choice: py, kind: 'profiled', report: cpython, warmUp: { ...JIT, workers: undefined } },
      { choice: pypy, kind: 'profiled', report: faster(cpython, 1, 'PyPy', '3.9.16') },
    ]);
    assert.ok(!r.recommendation.reasons.some((x) => x.startsWith('JIT warm-up')));
  });

  test('within noise of the reference, the reference keeps its answer and says what the others reached', () => {
    const r = merge([
      { choice: py, kind: 'profiled', report: cpython },
      { choice: pypy, kind: 'profiled', report: faster(cpython, 1.01, 'PyPy', '3.9.16') },
    ]);
    assert.equal(r.recommendation.interpreter, 'python3');
    const headline = r.recommendation.headline;
    assert.match(headline, /^python3: processes, 2 workers, chunksize 1, expected 1\.9×; threads: 0\.82×; /);
    assert.match(headline, /; pypy3: processes ×2 1\.9×$/);
    assert.ok(!r.recommendation.snippet.startsWith('# Measured fastest under'), 'no switch, no switch note');
  });

  test('when the first interpreter did not run, the next one\'s serial run is the reference, and that is said', () => {
    const r = merge([
      { choice: missing, kind: 'unavailable', reason: 'not found' },
      { choice: pypy, kind: 'profiled', report: faster(cpython, 9, 'PyPy', '3.9.16') },
    ]);
    assert.equal(r.interpreters!.find((i) => i.reference)!.id, 'pypy3');
    assert.ok(r.warnings.some((w) => w.code === 'reference-interpreter'));
    assert.equal(r.environment.implementation, 'PyPy');
  });

  test('an import error is quoted short, keeping what C-extension packages name as the original error', () => {
    const numpy = {
      type: 'ImportError',
      message: 'importing x.py raised ImportError: \n\nIMPORTANT: PLEASE READ THIS FOR ADVICE ON HOW TO SOLVE THIS ' +
        `ISSUE!\n\n${'Importing the numpy C-extensions failed. '.repeat(8)}\n\n` +
        "Original error was: No module named 'numpy.core._multiarray_umath'\n",
    };
    const s = shortError(numpy);
    assert.ok(s.length < 320, s);
    assert.match(s, /^ImportError: importing x\.py raised ImportError: IMPORTANT/);
    assert.match(s, /\(original error: No module named 'numpy\.core\._multiarray_umath'\)$/);
  });
});
