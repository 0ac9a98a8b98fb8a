import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chunkVariant, firstSteps, maxChunk, nextStep, worthSweeping } from '../../../../src/engine/profile/chunkSweep';

describe('chunk-size sweep for process pools', () => {
  it('sweeps when dispatch (overhead beyond pickling) is a quarter of a task or more', () => {
    // 40 µs tasks, 30 µs of overhead per task of which 2 µs pickling, 4 workers: worth it.
    assert.equal(worthSweeping({ taskSeconds: 40e-6, pickleSeconds: 2e-6, overheadSeconds: 30e-6, workers: 4 }), true);
    // The same tasks with 5 µs of overhead: the first chunk size already pays for itself.
    assert.equal(worthSweeping({ taskSeconds: 40e-6, pickleSeconds: 2e-6, overheadSeconds: 5e-6, workers: 4 }), false);
  });

  it('does not sweep when pickling alone costs more than running side by side can save (tiny tasks)', () => {
    // add_one: 0.3 µs of work, 1 µs of pickling per task; no chunk size can make two workers win.
    assert.equal(worthSweeping({ taskSeconds: 0.3e-6, pickleSeconds: 1e-6, overheadSeconds: 7e-6, workers: 2 }), false);
    assert.equal(worthSweeping({ taskSeconds: 40e-6, pickleSeconds: 0, overheadSeconds: 30e-6, workers: 1 }), false);
  });

  it('steps ×4 and ÷4 within 1 … one chunk per worker, and continues only while a step gains 10%', () => {
    assert.deepEqual(firstSteps(64, 20_000, 4), [256, 16]);
    assert.deepEqual(firstSteps(1, 8, 2), [4]);
    assert.equal(maxChunk(20_000, 4), 5000);
    assert.deepEqual(firstSteps(4000, 20_000, 4), [5000, 1000]);
    assert.equal(nextStep(64, 256, 1.0, 0.8, 20_000, 4), 1024);
    assert.equal(nextStep(64, 16, 1.0, 0.8, 20_000, 4), 4);
    assert.equal(nextStep(64, 256, 1.0, 0.95, 20_000, 4), null, 'a 5% gain is within noise: stop');
    assert.equal(nextStep(1024, 4096, 1.0, 0.5, 20_000, 4), 5000);
    assert.equal(nextStep(4096, 5000, 1.0, 0.5, 20_000, 4), null, 'nothing past one chunk per worker');
  });

  it('a variant keeps the configuration and names what it varies', () => {
    const v = chunkVariant({ id: 'processes-4', strategy: 'processes', workers: 4, chunksize: 64 }, 256);
    assert.deepEqual(v, { id: 'processes-4-c256', strategy: 'processes', workers: 4, chunksize: 256, variantOf: 'processes-4' });
    const n = chunkVariant({ id: 'processes-2-native1', strategy: 'processes', workers: 2, chunksize: 8, nativeThreads: 1, variantOf: 'processes-2' }, 2);
    assert.equal(n.id, 'processes-2-c2-native1');
    assert.equal(n.variantOf, 'processes-2');
  });
});
