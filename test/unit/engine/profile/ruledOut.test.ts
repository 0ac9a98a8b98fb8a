import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { medianReach, ruledOut, type FirstLook } from '../../../../src/engine/profile/plan';

const look = (id: string, wall: number): FirstLook => {
  const [strategy, w] = id.split('-');
  return { id, strategy: strategy as FirstLook['strategy'], workers: Number(w ?? 1), wall };
};
const twoCores = { serialWall: 2.0, physicalCores: 2, logicalCores: 2, cpuBound: true };

describe('what the model rules out of the repeats', () => {
  const looks = [look('serial', 2.0), look('threads-1', 2.05), look('processes-1', 2.1), look('processes-2', 1.05), look('processes-4', 1.02)];

  it('a one-worker pool that did not beat serial: never the answer, no finding to confirm', () => {
    assert.match(ruledOut(looks[1], looks, twoCores) ?? '', /one worker/);
    assert.equal(ruledOut(look('threads-1', 1.5), looks, twoCores), null, 'a one-worker pool that beat serial may be a finding');
  });

  it('four processes on two cores, when two already ran at 1.9×: every core busy could not give the 10% needed', () => {
    assert.match(ruledOut(looks[4], looks, twoCores) ?? '', /at most 2× on 2 cores, short of the 10% over processes-2/);
  });

  it('but not when two processes left room (1.4×), nor for waiting work, nor at or below the physical cores', () => {
    const slow = [look('serial', 2.0), look('processes-2', 1.4), look('processes-4', 1.3)];
    assert.equal(ruledOut(slow[2], slow, twoCores), null);
    assert.equal(ruledOut(looks[4], looks, { ...twoCores, cpuBound: false }), null);
    assert.equal(ruledOut(looks[3], looks, twoCores), null);
    assert.equal(ruledOut(look('threads-4', 1.0), [...looks, look('threads-4', 1.0)], twoCores), null, 'threads are not a core-bound process pool');
  });

  it('four processes on two cores, when two already kept 1.95 cores busy: their CPU work over 2 cores leaves no 10%', () => {
    // sum_range on a 2-core VM: serial 2.4 s, but with both cores busy the pool's tasks used 2.8 s of CPU.
    const facts = { ...twoCores, serialWall: 2.4 };
    const measured = [look('serial', 2.4), { ...look('processes-2', 1.43), cpu: 2.79 }, look('processes-4', 1.43)];
    assert.match(ruledOut(measured[2], measured, facts) ?? '',
      /processes-2 did 2\.790 s of CPU work: spread over all 2 cores that takes at least 1\.395 s, and beating processes-2 \(1\.430 s\) by the 10% .* needs 1\.300 s or less/);
    const idle = [look('serial', 2.4), { ...look('processes-2', 1.43), cpu: 2.3 }, look('processes-4', 1.43)];
    assert.equal(ruledOut(idle[2], idle, facts), null, 'two processes left a core idle a fifth of the time: more may fill it');
    assert.equal(ruledOut(measured[2], measured, { ...facts, logicalCores: 4 }), null, 'hyper-threads add cores to spread over');
  });

  it('that CPU bound takes the least work of any smaller pool (a chunk size that costs less), and its slowest sample', () => {
    const facts = { ...twoCores, serialWall: 2.4 };
    const chunked = [look('serial', 2.4), { ...look('processes-2', 1.43), cpu: 2.79 },
      { ...look('processes-2-c4', 1.45), workers: 2, strategy: 'processes' as const, cpu: 2.5 }, look('processes-4', 1.3)];
    assert.equal(ruledOut(chunked[3], chunked, facts), null, 'larger chunks did 2.5 s of CPU: 1.25 s over 2 cores could still win');
    const slowAgain = [look('serial', 2.4), { ...look('processes-2', 1.43), samples: [1.43, 1.6], cpu: 2.79 }, look('processes-4', 1.43)];
    assert.equal(ruledOut(slowAgain[2], slowAgain, facts), null, 'a slower second sample of processes ×2 leaves room');
  });

  it('never rules out serial', () => {
    assert.equal(ruledOut(looks[0], looks, twoCores), null);
  });

  it('four processes sampled twice, each slower than two processes at their slowest: a third sample cannot give 10%', () => {
    const sampled = (id: string, walls: number[]): FirstLook =>
      ({ ...look(id, walls.reduce((a, b) => a + b) / walls.length), samples: walls });
    const noisy = [look('serial', 2.0), sampled('processes-2', [1.30, 1.40]), sampled('processes-4', [1.32, 1.50])];
    assert.match(ruledOut(noisy[2], noisy, twoCores) ?? '', /cannot fall below 1\.320 s.*processes-2's cannot rise above 1\.400 s/);
    const close = [look('serial', 2.0), sampled('processes-2', [1.30, 1.55]), sampled('processes-4', [1.32, 1.50])];
    assert.equal(ruledOut(close[2], close, twoCores), null, 'processes ×2 may yet turn out slow enough');
    const once = [look('serial', 2.0), look('processes-2', 1.4), sampled('processes-4', [1.32, 1.50])];
    assert.equal(ruledOut(once[2], once, twoCores), null, 'one sample of processes ×2 bounds nothing');
  });
});

describe('how far the median can still move', () => {
  it('one sample of three bounds nothing; two bound the median of three by their min and max', () => {
    assert.deepEqual(medianReach([1.5], 3), [-Infinity, Infinity]);
    assert.deepEqual(medianReach([1.6, 1.2], 3), [1.2, 1.6]);
  });
  it('with every sample taken, the median is what it is; even counts average the middle two', () => {
    assert.deepEqual(medianReach([3, 1, 2], 3), [2, 2]);
    assert.deepEqual(medianReach([1, 2, 3], 4), [1.5, 2.5]);
    assert.deepEqual(medianReach([1, 2, 3, 4], 4), [2.5, 2.5]);
  });
});
