/** Timeline lanes: bars packed sorted by start, refs that still point at their records, and grouping by lane. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { barAt, everyRef, firstVisible, makeLane, refsBy } from '../../../../webview/timeline/lanes';

interface Rec { start: number; end: number; worker: number }
const source: Rec[] = [
  { start: 3, end: 4, worker: 0 },
  { start: 0, end: 10, worker: 1 },
  { start: 1, end: 2, worker: 0 },
  { start: 1, end: 1.5, worker: 0 },
];
const starts = source.map((r) => r.start);
const ends = source.map((r) => r.end);
const lane = (refs: Int32Array) => makeLane('l', { refs, starts, ends, colour: (i) => source[i].worker + 7 });

describe('makeLane', () => {
  test('sorts by start then end, and each bar keeps the index of its own record', () => {
    const l = lane(everyRef(source.length));
    assert.deepEqual([...l.starts], [0, 1, 1, 3]);
    assert.deepEqual([...l.ends], [10, 1.5, 2, 4]);
    assert.deepEqual([...l.refs], [1, 3, 2, 0]);
    assert.deepEqual([...l.colours], [8, 7, 7, 7]);
  });

  test('maxEnds is the running maximum, so a long early bar is found when the view starts after others end', () => {
    const l = lane(everyRef(source.length));
    assert.deepEqual([...l.maxEnds], [10, 10, 10, 10]);
    assert.equal(firstVisible(l, 5), 0);
    assert.equal(l.refs[barAt(l, 5, 0)], 1);
  });

  test('a lane of some refs only holds those records', () => {
    const l = lane(Int32Array.of(2, 0));
    assert.deepEqual([...l.refs], [2, 0]);
    assert.deepEqual([...l.starts], [1, 3]);
  });
});

describe('refsBy', () => {
  test('groups record indices in record order and drops a negative group', () => {
    const skip = (r: Rec) => r.start === 1 && r.end === 1.5;
    const groups = refsBy(source.length, 2, (i) => (skip(source[i]) ? -1 : source[i].worker));
    assert.deepEqual(groups.map((g) => [...g]), [[0, 2], [1]]);
  });

  test('10^6 records group and pack from columns, without a spread or an object per record', () => {
    const n = 1_000_000;
    const starts = Float64Array.from({ length: n }, (_, i) => i);
    const ends = starts.map((s) => s + 1);
    const groups = refsBy(n, 4, (i) => i % 4);
    assert.deepEqual(groups.map((g) => g.length), [250_000, 250_000, 250_000, 250_000]);
    const l = makeLane('w3', { refs: groups[3], starts, ends, colour: () => 0 });
    assert.equal(l.starts[l.starts.length - 1], 999_999);
  });
});
