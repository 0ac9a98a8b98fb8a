import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { SegmentBuilder } from '../../../../src/engine/sampling/segments';
import type { CoreSegment } from '../../../../src/contracts/report';

type Reading = [core: number, pid: number, tid: number, cpuSeconds: number];

/** Feed recorded ticks: [sample time, readings], starting from t0. */
function build(t0: number, ticks: [number, Reading[]][], run = 'r', opts = { mergeGap: 0.0025, maxSegments: 1000 }): SegmentBuilder {
  const b = new SegmentBuilder(opts);
  let prev = t0;
  for (const [t, readings] of ticks) {
    b.beginTick(t, prev, run);
    for (const r of readings) b.add(...r);
    b.endTick();
    prev = t;
  }
  return b;
}

const close = (a: number, b: number, eps = 1e-9): boolean => Math.abs(a - b) <= eps;

function assertNoOverlap(segs: CoreSegment[], what: string): void {
  const sorted = [...segs].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    assert.ok(sorted[i].start >= sorted[i - 1].end - 1e-9, `${what}: ${JSON.stringify(sorted[i - 1])} overlaps ${JSON.stringify(sorted[i])}`);
  }
}

test('a thread busy every tick on one core becomes one merged segment', () => {
  const b = build(0, [
    [0.01, [[0, 100, 101, 0.01]]],
    [0.02, [[0, 100, 101, 0.0099]]], // sampling skew: slightly under the tick
    [0.03, [[0, 100, 101, 0.01]]],
  ]);
  assert.equal(b.cores[0].length, 1);
  const s = b.cores[0][0];
  assert.ok(close(s.start, 0) && close(s.end, 0.03), JSON.stringify(s));
  assert.deepEqual([s.pid, s.tid, s.run], [100, 101, 'r']);
});

test('a segment ends at the sample time and is min(Δcpu, tick) long', () => {
  const b = build(1.0, [[1.01, [[2, 1, 1, 0.004]]], [1.02, [[2, 1, 2, 0.05]]]]);
  const [a, c] = b.cores[2];
  assert.ok(close(a.start, 1.006) && close(a.end, 1.01));
  // Δcpu larger than the tick (skew) is capped at the tick.
  assert.ok(close(c.start, 1.01) && close(c.end, 1.02));
  assert.equal(c.tid, 2);
});

test('a thread that migrates gets a segment on each core, and its own segments never overlap', () => {
  const b = build(0, [
    [0.01, [[0, 1, 7, 0.01]]],
    [0.02, [[1, 1, 7, 0.01]]],
    [0.03, [[1, 1, 7, 0.01]]],
  ]);
  assert.equal(b.cores[0].length, 1);
  assert.equal(b.cores[1].length, 1);
  assert.ok(close(b.cores[1][0].start, 0.01) && close(b.cores[1][0].end, 0.03));
  assertNoOverlap([...b.cores[0], ...b.cores[1]], 'tid 7');
});

test('two threads sharing a core in one tick are packed back to back, never overlapping on the core', () => {
  // GIL ping-pong: both threads on core 0, 6 ms and 4 ms in a 10 ms tick, then 5/5.
  const b = build(0, [
    [0.01, [[0, 1, 10, 0.006], [0, 1, 11, 0.004]]],
    [0.02, [[0, 1, 10, 0.005], [0, 1, 11, 0.005]]],
  ]);
  const segs = b.cores[0];
  assertNoOverlap(segs, 'core 0');
  const total = segs.reduce((a, s) => a + s.end - s.start, 0);
  assert.ok(close(total, 0.02), `total ${total}`);
  // tid 11 ended tick 1 on the core, so it goes first in tick 2 and joins its segment.
  const t11 = segs.filter((s) => s.tid === 11);
  assert.equal(t11.length, 1);
  assert.ok(close(t11[0].start, 0.006) && close(t11[0].end, 0.015));
});

test('over-reading threads on one core are scaled to fit the tick', () => {
  const b = build(0, [[0.01, [[0, 1, 1, 0.01], [0, 1, 2, 0.01]]]]);
  const segs = b.cores[0];
  assertNoOverlap(segs, 'core 0');
  assert.ok(close(segs[0].start, 0) && close(segs[1].end, 0.01));
  assert.ok(close(segs[0].end - segs[0].start, 0.005));
});

test('a gap longer than mergeGap starts a new segment; a different run never merges', () => {
  const b = build(0, [[0.01, [[0, 1, 1, 0.01]]], [0.02, [[0, 1, 1, 0.005]]]]);
  assert.equal(b.cores[0].length, 2);
  const b2 = new SegmentBuilder({ mergeGap: 0.0025 });
  b2.beginTick(0.01, 0, 'a');
  b2.add(0, 1, 1, 0.01);
  b2.endTick();
  b2.beginTick(0.02, 0.01, 'b');
  b2.add(0, 1, 1, 0.01);
  b2.endTick();
  assert.deepEqual(
    b2.cores[0].map((s) => s.run),
    ['a', 'b'],
  );
});

test('zero or negative Δcpu and unknown cores add nothing', () => {
  const b = build(0, [[0.01, [[0, 1, 1, 0], [-1, 1, 2, 0.01], [0, 1, 3, -0.001]]]]);
  assert.equal(b.count, 0);
});

test('maxSegments caps memory and flags truncation', () => {
  const ticks: [number, Reading[]][] = [];
  // Alternating cores: no merging, one new segment per tick.
  for (let i = 1; i <= 10; i++) ticks.push([i * 0.01, [[i % 2, 1, 1, 0.01]]]);
  const b = build(0, ticks, 'r', { mergeGap: 0.0025, maxSegments: 4 });
  assert.equal(b.count, 4);
  assert.equal(b.truncated, true);
});

test('many threads grow the reusable arrays without losing readings', () => {
  const readings: Reading[] = [];
  for (let tid = 1; tid <= 200; tid++) readings.push([tid % 20, 1, tid, 0.001]);
  const b = build(0, [[0.01, readings]]);
  assert.equal(b.count, 200);
  for (let c = 0; c < 20; c++) assertNoOverlap(b.cores[c], `core ${c}`);
});
