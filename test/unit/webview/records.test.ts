/** The panel's record columns: a packed report's arrays are read by column, and give the same records as unpacking. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { packReport, rowReader, packRows, unpackReport } from '../../../src/contracts/packedReport';
import type { Report, TaskRecord } from '../../../src/contracts/report';
import { receiveReport, recordsOf } from '../../../webview/records';

const FIXTURES = join(__dirname, '../../fixtures/reports');
const fixture = (name: string): Report => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Report;

describe('receiveReport', () => {
  for (const name of ['sum_range.json', 'sum_range_js.json', 'sum_range_python3_pypy3.json']) {
    test(`${name}: reads as the report that was packed, arrays included, once something reads them`, () => {
      const report = fixture(name);
      const received = receiveReport(structuredClone(packReport(report)));
      assert.deepEqual(JSON.parse(JSON.stringify(received)), report);
      assert.deepEqual(received, unpackReport(packReport(report)));
    });
  }

  test('the columns of a received run are the packed typed arrays: no record is built to read them', () => {
    const report = fixture('sum_range.json');
    const packed = packReport(report);
    const received = receiveReport(packed);
    const i = report.runs.findIndex((r) => r.tasks.length > 0);
    const run = received.runs[i];
    const start = new Map(packed.runs[i].tasks.columns).get('start')!;
    assert.ok(start.kind === 'number');
    assert.equal(recordsOf(run, 'tasks').numbers('start'), start.values);
    // Still a getter: reading the columns did not unpack the array.
    assert.equal(typeof Object.getOwnPropertyDescriptor(run, 'tasks')!.get, 'function');
    assert.deepEqual(run.tasks, report.runs[i].tasks);
    assert.equal(Object.getOwnPropertyDescriptor(run, 'tasks')!.get, undefined, 'unpacked once, then a plain value');
  });
});

describe('recordsOf', () => {
  const tasks: TaskRecord[] = [
    { index: 0, start: 0, end: 1, cpu: 1, worker: 0, pid: 1, tid: 1 },
    { index: 1, start: 1, end: 2, cpu: 1, worker: 1, pid: 1, tid: 2, failed: true, queueWait: 0.5 },
    { index: 2, start: 2, end: 3, cpu: 1, worker: 0, pid: 1, tid: 1, queueWait: 0.25 },
  ];
  const plain = { tasks };

  for (const [what, owner] of [
    ['objects', plain],
    ['packed columns', receivedRun(tasks)],
  ] as const) {
    test(`${what}: numbers with NaN where a record has none, booleans as 0/1, and each record on demand`, () => {
      const recs = recordsOf(owner as { tasks: TaskRecord[] }, 'tasks');
      assert.equal(recs.length, 3);
      assert.deepEqual([...recs.numbers('worker')], [0, 1, 0]);
      assert.deepEqual([...recs.numbers('queueWait')], [NaN, 0.5, 0.25]);
      assert.deepEqual([...recs.numbers('failed')], [NaN, 1, NaN]);
      for (let i = 0; i < 3; i++) assert.deepEqual(recs.at(i), tasks[i]);
    });
  }

  test('a missing array reads as no records', () => {
    assert.equal(recordsOf({ taskSegments: undefined } as { taskSegments?: TaskRecord[] }, 'taskSegments').length, 0);
  });

  test('rowReader gives each row as unpacking does, sparse columns included', () => {
    const table = packRows(tasks);
    const read = rowReader(table);
    assert.deepEqual(tasks.map((_, i) => read(i)), tasks);
  });
});

// A run whose `tasks` arrived packed and have not been read as an array, as receiveReport leaves it.
function receivedRun(rows: TaskRecord[]): { tasks: TaskRecord[] } {
  const report = fixture('sum_range.json');
  const run = { ...report.runs[0], tasks: rows, taskSegments: undefined };
  const received = receiveReport(packReport({ ...report, runs: [run], cores: [] }));
  assert.equal(typeof Object.getOwnPropertyDescriptor(received.runs[0], 'tasks')!.get, 'function');
  return received.runs[0];
}
