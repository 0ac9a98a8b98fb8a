// The plan: which configurations a profile tries, in what order, with what chunk size, and which it repeats.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  chooseChunksize, contenders, defaultWorkerCounts, nextExtension, roundOneOrder, serialAgrees, serialSettled,
} from '../../../../src/engine/profile/plan';
import { MAX_EXTENDED_WORKERS } from '../../../../src/engine/analysis/thresholds';

describe('worker sweep', () => {
  it('is powers of two up to twice the logical cores, on any machine', () => {
    assert.deepEqual(defaultWorkerCounts(1), [1, 2]);
    assert.deepEqual(defaultWorkerCounts(2), [1, 2, 4]);
    assert.deepEqual(defaultWorkerCounts(16), [1, 2, 4, 8, 16, 32]);
    assert.deepEqual(defaultWorkerCounts(12), [1, 2, 4, 8, 16]);
  });

  it('round one starts with serial and goes up by worker count, strategies interleaved', () => {
    const ids = roundOneOrder(['serial', 'threads', 'processes'], [4, 1, 2]).map((c) => c.id);
    assert.deepEqual(ids, ['serial', 'threads-1', 'processes-1', 'threads-2', 'processes-2', 'threads-4', 'processes-4']);
  });

  it('extends waiting work by doubling while a doubling still gains 10%, up to the cap', () => {
    assert.equal(nextExtension(4, 0.5, 1.0), 8);
    assert.equal(nextExtension(4, 0.95, 1.0), null, 'a 5% gain has flattened');
    assert.equal(nextExtension(MAX_EXTENDED_WORKERS, 0.1, 1.0), null);
    assert.equal(nextExtension(4, 0.5, undefined), null);
  });
});

describe('chunk size for process pools', () => {
  it('is 1 when each task dwarfs dispatch', () => assert.equal(chooseChunksize(0.25, 0, 8, 2), 1));
  it('grows for tiny tasks so chunk work dwarfs dispatch, but leaves every worker several chunks', () => {
    assert.equal(chooseChunksize(1e-7, 0, 2000, 2), 250, 'capped at tasks ÷ (workers × 4)');
    assert.equal(chooseChunksize(1e-4, 0, 100_000, 4), 30, '20 × 150 µs of dispatch ÷ 100 µs tasks');
  });
  it('counts pickling as part of the dispatch cost', () => {
    assert.ok(chooseChunksize(1e-4, 1e-3, 100_000, 4) > chooseChunksize(1e-4, 0, 100_000, 4));
  });
});

describe('contenders: what gets repeated after round one', () => {
  const look = (id: string, wall: number) => {
    const [strategy, w] = id.split('-');
    return { id, strategy: strategy as 'serial', workers: Number(w ?? 1), wall };
  };
  it('serial, and everything within 25% of the best', () => {
    const ids = contenders([look('serial', 2), look('threads-2', 2.1), look('processes-2', 1.05), look('processes-4', 1.2)]);
    assert.deepEqual(ids.sort(), ['processes-2', 'processes-4', 'serial']);
  });
  it('smaller counts of the best strategy within 2x, when they beat serial (one unlucky sample must not rule them out)', () => {
    const ids = contenders([look('serial', 2), look('processes-1', 2.05), look('processes-2', 1.6), look('processes-4', 1.0)]);
    assert.deepEqual(ids.sort(), ['processes-2', 'processes-4', 'serial'], 'processes ×1 did not beat serial: not repeated');
  });
});

describe("serial's third sample", () => {
  // sum_range on two cores on a busy machine: serial 2.5 s, processes ×2 about 1.4 s.
  const clear = { serial: [2.5, 2.6], chosen: [1.3, 1.5], compared: [[1.3, 1.5], [1.4, 1.6]] as [number, number][] };

  it('is left out when no third can undo the win and the choice\'s spread already rules out high confidence', () => {
    assert.match(serialSettled(clear) ?? '', /neither the verdict nor its confidence/);
  });

  it('is taken while it could still give high confidence: serial and the choice both within 10%', () => {
    assert.equal(serialSettled({ ...clear, chosen: [1.40, 1.45], compared: [[1.40, 1.45]] }), null);
  });

  it('is taken when a compared configuration lies within a quarter of serial\'s faster sample', () => {
    assert.equal(serialSettled({ ...clear, compared: [[1.3, 1.5], [1.8, 2.0]] }), null);
  });

  it('is taken when serial is the verdict, when serial has one sample, and once it has three', () => {
    assert.equal(serialSettled({ ...clear, chosen: undefined }), null);
    assert.equal(serialSettled({ ...clear, serial: [2.5] }), null);
    assert.equal(serialSettled({ ...clear, serial: [2.5, 2.6, 2.55] }), null);
  });
});

describe('serialAgrees: when a one-worker win needs no serial recheck', () => {
  it('believes three serial samples within 10% of each other (sum_range: 2.55, 2.38, 2.41 s)', () => {
    assert.match(serialAgrees([2.553, 2.379, 2.41]) ?? '', /within 7% of each other.*not a slow moment/);
  });
  it('rechecks when serial has fewer than three samples, however close', () => {
    assert.equal(serialAgrees([2.4, 2.41]), null);
  });
  it('rechecks when serial\'s samples disagree: one slow round moved them', () => {
    assert.equal(serialAgrees([2.4, 3.1, 2.45]), null);
  });
});
