/** JIT warm-up figures from a sweep's warm-up and serial samples, and pool workers' first against later tasks. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DoneEvent, HarnessTask } from '../../../../src/contracts/runner';
import type { Run, TaskRecord } from '../../../../src/contracts/report';
import type { ConfigState } from '../../../../src/engine/report/summarise';
import { warmUpFigures, workerWarmUp } from '../../../../src/engine/interpreterSet/warmUp';

const MS = 1e6;
const task = (index: number, startMs: number, ms: number): HarnessTask => ({
  index, start: startMs * MS, end: (startMs + ms) * MS, cpu: ms * MS, pid: 1, tid: 1, queueWait: 0,
});
const done = (tasks: HarnessTask[], id = 'warmup'): DoneEvent => ({
  type: 'done', id, t0: 0, tLast: 0, t1: 0, user: 0, sys: 0, workerPids: [1], tasks, mechanism: 'plain loop',
});
const serialState = (walls: number[], firstTaskMs: number[]): ConfigState => ({
  config: { id: 'serial', strategy: 'serial', workers: 1, chunksize: 1 }, mechanism: 'plain loop', status: 'ok',
  error: null,
  samples: walls.map((wall, i) => ({
    repeatId: `serial#${i + 1}`, wall, done: done([task(0, 0, firstTaskMs[i]), task(1, 50, 10)], `serial#${i + 1}`),
  })),
});

function poolRun(id: string, wall: number, perWorker: number[][]): Run {
  const tasks: TaskRecord[] = [];
  perWorker.forEach((durations, worker) => {
    let t = 0;
    for (const d of durations) {
      tasks.push({ index: tasks.length, start: t, end: t + d, cpu: d, worker, pid: 10 + worker, tid: 10 + worker });
      t += d;
    }
  });
  return {
    id, strategy: 'processes', workers: perWorker.length, chunksize: 1, status: 'ok', tasks,
    wall: { median: wall, ci95: [wall, wall], samples: [wall] },
  } as Run;
}

describe('JIT warm-up figures', () => {
  test('the first task ever run against the same task in the serial runs, and the first run against later ones', () => {
    // A JIT-like profile: the warm-up's task 0 took 80 ms, the same task 10 ms once warm.
    const states = [serialState([0.2, 0.1, 0.1], [12, 10, 10])];
    const w = warmUpFigures({ warmupDone: done([task(0, 0, 80)]), states }, [])!;
    assert.equal(w.taskIndex, 0);
    assert.ok(Math.abs(w.firstTask - 0.08) < 1e-12);
    assert.ok(Math.abs(w.steadyTask - 0.01) < 1e-12);
    assert.ok(Math.abs(w.ratio - 8) < 1e-9);
    assert.deepEqual([w.firstRun, w.steadyRun], [0.2, 0.1]);
    assert.equal(w.workers, undefined, 'no pool run');
  });

  test('a failed first task is not a warm-up figure; the next one is, against the same index', () => {
    const warm = done([{ ...task(0, 0, 5), failed: true }, task(1, 5, 30)]);
    const w = warmUpFigures({ warmupDone: warm, states: [serialState([0.1], [10])] }, [])!;
    assert.equal(w.taskIndex, 1);
    assert.ok(Math.abs(w.ratio - 3) < 1e-9);
    assert.equal(w.firstRun, undefined, 'one serial run: no first-against-later');
  });

  test('without a separate warm-up the first serial run is the cold one, the later runs the steady state', () => {
    const state = serialState([0.3, 0.1, 0.1], [50, 10, 12]);
    const w = warmUpFigures({ warmupDone: state.samples[0].done, states: [state] }, [])!;
    assert.ok(Math.abs(w.firstTask - 0.05) < 1e-12);
    assert.ok(Math.abs(w.steadyTask - 0.011) < 1e-12, 'the median of the two later runs, not of all three');
    assert.deepEqual([w.firstRun, w.steadyRun], [0.3, 0.1]);
  });

  test('no warm-up or no serial run: no figures (nothing is made up)', () => {
    assert.equal(warmUpFigures({ warmupDone: undefined, states: [serialState([0.1], [10])] }, []), undefined);
    assert.equal(warmUpFigures({ warmupDone: done([task(0, 0, 5)]), states: [] }, []), undefined);
  });

  test('pool workers: median first task against median later task, from the fastest pool run with repeat tasks', () => {
    const slow = poolRun('processes-1', 2, [[50, 10, 10, 10]]);
    const fast = poolRun('processes-2', 1, [[40, 10, 12], [60, 8]]);
    const single = poolRun('processes-4', 0.5, [[40], [40], [40], [40]]);
    const w = workerWarmUp([slow, fast, single])!;
    assert.equal(w.run, 'processes-2', 'the fastest run where a worker ran twice (processes-4 ran one task each)');
    assert.equal(w.firstTask, 50);
    assert.equal(w.laterTask, 10);
    assert.equal(w.ratio, 5);
  });
});
