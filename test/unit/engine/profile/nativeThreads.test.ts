import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DoneEvent } from '../../../../src/contracts/runner';
import { nativeLimits, nativeThreadVariants, parallelInside } from '../../../../src/engine/profile/nativeThreads';
import type { Config } from '../../../../src/engine/profile/plan';

const cfg = (strategy: Config['strategy'], workers: number, chunksize = 1): Config => ({
  id: strategy === 'serial' ? 'serial' : `${strategy}-${workers}`, strategy, workers, chunksize,
});
const done = (user: number, wallS: number): DoneEvent => ({
  type: 'done', id: 'serial#1', t0: 0, tLast: wallS * 1e9, t1: wallS * 1e9, user, sys: 0, workerPids: [], tasks: [], mechanism: '',
});

describe('native-thread variants of the sweep', () => {
  it('a serial run that kept 1.3 cores or more busy is parallel inside; on one core nothing is', () => {
    assert.equal(parallelInside(done(0.6, 0.307), 2), true);
    assert.equal(parallelInside(done(0.3, 0.307), 2), false);
    assert.equal(parallelInside(done(0.6, 0.307), 1), false);
  });

  it('limits without oversubscription: 1, and cores ÷ workers when that is more than 1', () => {
    assert.deepEqual(nativeLimits(2, 2), [1]);
    assert.deepEqual(nativeLimits(2, 8), [1, 4]);
    assert.deepEqual(nativeLimits(4, 8), [1, 2]);
    assert.deepEqual(nativeLimits(8, 8), [1]);
  });

  it('varies pools of 2 up to one worker per core, of strategies whose workers can be limited', () => {
    const measured = [cfg('serial', 1), cfg('threads', 1), cfg('threads', 2), cfg('processes', 2, 3), cfg('processes', 4), cfg('async', 2)];
    const v = nativeThreadVariants(measured, 2);
    assert.deepEqual(v.map((c) => [c.id, c.nativeThreads, c.variantOf, c.chunksize]), [
      ['threads-2-native1', 1, 'threads-2', 1],
      ['processes-2-native1', 1, 'processes-2', 3],
    ]);
    assert.deepEqual(nativeThreadVariants(measured, 8).map((c) => c.id), [
      'threads-2-native1', 'threads-2-native4', 'processes-2-native1', 'processes-2-native4', 'processes-4-native1', 'processes-4-native2',
    ]);
  });
});
