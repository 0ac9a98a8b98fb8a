/**
 * Work that is parallel inside (a BLAS with threads of its own): classified by every thread's CPU, and its fix pasted.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Run } from '../../../../src/contracts/report';
import { classify } from '../../../../src/engine/analysis/classify';
import { recommend } from '../../../../src/engine/analysis/recommend';
import { fitScaling } from '../../../../src/engine/analysis/scalingModel';
import { articleMachine, articleTarget, fromPublished } from '../../../fixtures/runs/build';

const env = articleMachine(2, 2, 'CPython 3.11');
const target = articleTarget('matmul', 'matmul.py', 'TASKS', 16);

/** As measured in issue 11: serial keeps 1.95 cores busy; the calling thread's clock sees only its own share. */
function parallelInside(variantWall = 0.2): Run[] {
  const runs = fromPublished([
    { strategy: 'serial', workers: 1, wall: 0.307, user: 0.55, sys: 0.05 },
    { strategy: 'threads', workers: 2, wall: 0.31, user: 0.6, sys: 0.02 },
    { strategy: 'processes', workers: 2, wall: 0.34, user: 0.62, sys: 0.06 },
    { strategy: 'processes', workers: 2, wall: variantWall, user: 0.38, sys: 0.02 },
  ], 16);
  return runs.map((r, i) => {
    if (r.strategy === 'serial') {
      // Per-task CPU is the calling thread's: 297 ms of 307 (1.00), blind to the library's second thread.
      const tasks = r.tasks.map((t) => ({ ...t, cpu: 0.297 / 16 }));
      return {
        ...r, tasks,
        threadCpu: [
          { pid: 1, tid: 1, worker: 0, cpu: 0.297 },
          { pid: 1, tid: 2, worker: -1, cpu: 0.28 },
          { pid: 1, tid: 3, worker: -1, cpu: 0.001 },
        ],
      };
    }
    return i === 3 ? { ...r, id: 'processes-2-native1', nativeThreads: 1, variantOf: 'processes-2' } : r;
  });
}

describe('a library that runs its own threads', () => {
  const runs = parallelInside();
  const c = classify(runs, env, target);

  it('counts the CPU of every thread: 1.95 cores busy in the serial run, one library thread beside the caller', () => {
    assert.ok(c.nativeThreads, 'nativeThreads is set');
    assert.ok(Math.abs(c.nativeThreads!.cores - 0.6 / 0.307) < 1e-9);
    assert.equal(c.nativeThreads!.threads, 1, 'the thread with 1 ms of CPU is not the library\'s');
    assert.ok(c.cpuRatio > 1.9, `CPU ÷ wall over the whole process, ${c.cpuRatio}`);
  });

  it('names what it saw, instead of "CPU ÷ wall 1.00"', () => {
    assert.match(c.evidence[0], /^The serial run's 16 tasks kept 2\.0 cores busy: the process used 600 ms of CPU \(user \+ sys, every thread\)/);
    assert.ok(c.evidence.some((e) => /^The serial run already used 2\.0 cores: the task's library runs 1 thread of its own/.test(e)));
    assert.ok(c.evidence.some((e) => /the sweep also tried pools with each worker's native threads limited \(OMP_NUM_THREADS/.test(e)));
    assert.ok(!c.evidence.some((e) => /CPU ÷ wall 1\.00/.test(e)));
  });

  it('keeps the kind (cpu-bound) and says "parallel inside" in the summary', () => {
    assert.equal(c.kind, 'cpu-bound');
    assert.match(c.summary, /parallel inside: the serial run kept 2\.0 cores busy$/);
  });

  it('when the limited variant wins, the recommendation carries the limit and the snippet sets the variables first', () => {
    const r = recommend(runs, c, fitScaling(runs, env), env, target);
    assert.equal(r.strategy, 'processes');
    assert.equal(r.nativeThreads, 1);
    assert.equal(r.run, 'processes-2-native1');
    assert.match(r.headline, /^processes, 2 workers, chunksize 1, 1 native thread each, expected 1\.5×/);
    const env_ = r.snippet.indexOf('os.environ.update({name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")})');
    const imp = r.snippet.indexOf('from matmul import');
    assert.ok(env_ > 0 && env_ < imp, `the variables are set before the module (and numpy) is imported:\n${r.snippet}`);
  });

  it('when the unlimited pool is as fast, no variables are set', () => {
    const slowVariant = parallelInside(0.36);
    const r = recommend(slowVariant, classify(slowVariant, env, target), fitScaling(slowVariant, env), env, target);
    assert.equal(r.nativeThreads, undefined);
    assert.doesNotMatch(r.snippet, /OMP_NUM_THREADS/);
  });

  it('a serial run on one core is not called parallel inside', () => {
    const one = classify(runs.map((r) => (r.strategy === 'serial' ? { ...r, parallelism: 0.98 } : r)), env, target);
    assert.equal(one.nativeThreads, undefined);
  });
});
