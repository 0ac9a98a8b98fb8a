/** The report as posted to the panel: packing is lossless, typed, and survives the trip a webview message takes. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { isPackedReport, packReport, packRows, unpackReport, unpackRows } from '../../../src/contracts/packedReport';
import type { Report } from '../../../src/contracts/report';

const FIXTURES = join(__dirname, '../../fixtures/reports');
const fixture = (name: string): Report => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Report;

describe('packReport', () => {
  for (const name of ['sum_range.json', 'sum_range_js.json', 'sum_range_python3_pypy3.json']) {
    test(`${name}: unpacking gives back the recorded report, through a structured clone as a webview gets it`, () => {
      const report = fixture(name);
      const packed = packReport(report);
      assert.equal(isPackedReport(packed), true);
      assert.equal(isPackedReport(report), false);
      assert.deepEqual(unpackReport(structuredClone(packed)), report);
    });
  }

  test('task times and workers travel as typed arrays, run ids as codes into their distinct values', () => {
    const report = fixture('sum_range.json');
    const packed = packReport(report);
    const run = packed.runs.find((r) => r.tasks.length > 0)!;
    const columns = new Map(run.tasks.columns);
    const start = columns.get('start')!;
    assert.ok(start.kind === 'number' && start.values instanceof Float64Array);
    // Whole numbers (worker, pid, tid, index) travel in half the bytes.
    const worker = columns.get('worker')!;
    assert.ok(worker.kind === 'number' && worker.values instanceof Int32Array);
    const seg = new Map(packed.cores.find((c) => c.segments.length > 0)!.segments.columns).get('run')!;
    assert.ok(seg.kind === 'string' && seg.codes instanceof Uint32Array);
    assert.ok(seg.dict.length <= report.runs.length, 'one entry per distinct run id');
  });

  test('keys some rows lack, undefined values and mixed types come back as they were (undefined as absent)', () => {
    const rows = [
      { a: 1, b: 'x', c: null, d: 1 },
      { a: 2, b: 'y', d: 'two', e: undefined },
      { a: Number.NaN, b: 'x', c: { nested: [1] }, d: -0, e: true },
    ];
    const back = unpackRows(structuredClone(packRows(rows)));
    assert.deepEqual(back, [
      { a: 1, b: 'x', c: null, d: 1 },
      { a: 2, b: 'y', d: 'two' },
      { a: Number.NaN, b: 'x', c: { nested: [1] }, d: -0, e: true },
    ]);
  });

  test('integers beyond 32 bits, -0 and fractions keep a float column; a column of 32-bit integers is one', () => {
    const rows = [
      { big: 2 ** 31, neg: -0, frac: 1, small: -(2 ** 31) },
      { big: 1, neg: 1, frac: 0.5, small: 2 ** 31 - 1 },
    ];
    const kinds = new Map(packRows(rows).columns.map(([k, c]) => [k, c.kind === 'number' && c.values.constructor.name]));
    assert.deepEqual(Object.fromEntries(kinds),
      { big: 'Float64Array', neg: 'Float64Array', frac: 'Float64Array', small: 'Int32Array' });
    assert.deepEqual(unpackRows(structuredClone(packRows(rows))), rows);
    assert.ok(Object.is(unpackRows(packRows(rows))[0].neg, -0));
  });

  test('an empty array packs to an empty table', () => {
    assert.deepEqual(unpackRows(packRows([])), []);
  });

  test('10^6 rows pack and unpack without spreading them into a call', () => {
    const rows = Array.from({ length: 1_000_000 }, (_, i) => ({ start: i, end: i + 0.5, run: i % 2 ? 'a' : 'b' }));
    const back = unpackRows(packRows(rows));
    assert.equal(back.length, rows.length);
    assert.deepEqual(back[999_999], rows[999_999]);
  });
});
