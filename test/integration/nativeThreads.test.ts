// A real library with threads of its own: numpy's matrix multiply on Debian's OpenBLAS, under /usr/bin/python3.
// What must hold whatever the load: the sampler sees the BLAS thread beside the calling one, the classification
// follows the whole process's CPU, variants limit the library per worker, and the snippet carries the winning limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import { runCli } from '../support/cli';
import type { Report } from '../../src/contracts/report';
import { NATIVE_PARALLEL_MIN_CORES } from '../../src/engine/analysis/thresholds';

const PYTHON = '/usr/bin/python3';

test('numpy matmul: every thread\'s CPU counts, pools are tried with the BLAS limited per worker', async (t) => {
  const probe = spawnSync(PYTHON, ['-c', 'import numpy']);
  assert.equal(probe.status, 0, `${PYTHON} needs numpy (Debian python3-numpy; .ci/run installs it): ${probe.stderr}`);
  if (os.cpus().length < 2) return t.diagnostic('one core: a BLAS has no second core to use');
  const res = await runCli([
    'profile', 'examples/matmul.py:matmul', '--args', 'TASKS', '--python', PYTHON,
    '--strategies', 'serial,threads,processes', '--workers', '1,2', '--budget', '50',
  ], { timeoutMs: 300_000 });
  assert.equal(res.code, 0, res.stderr.slice(-3000));
  assert.deepEqual(res.leftovers, []);
  const r: Report = res.report!;
  const serial = r.runs.find((x) => x.strategy === 'serial' && x.status === 'ok')!;
  assert.ok(serial, 'serial was measured');

  if (process.platform === 'linux') {
    // Threads of the harness that ran during the serial run, busiest first: the BLAS worker is one of them.
    const threads = (serial.threadCpu ?? []).filter((x) => x.pid === serial.tasks[0].pid);
    assert.ok(threads.length >= 2, `the sampler saw ${threads.length} busy thread(s) in the serial run`);
    assert.ok(threads[1].cpu >= 0.2 * threads[0].cpu, `the library's thread did a share of the work: ${JSON.stringify(threads)}`);
  }

  // The decision follows the measurement: parallel inside exactly when the tree kept enough cores busy.
  const inside = serial.parallelism >= NATIVE_PARALLEL_MIN_CORES;
  assert.equal(!!r.classification.nativeThreads, inside, `serial kept ${serial.parallelism.toFixed(2)} cores busy`);
  if (!inside) return t.diagnostic(`the machine was too busy for the BLAS to run side by side (${serial.parallelism.toFixed(2)} cores)`);
  assert.ok(r.classification.evidence.some((e) => /^The serial run already used \d\.\d cores: the task's library runs/.test(e)));
  assert.ok(r.classification.cpuRatio >= NATIVE_PARALLEL_MIN_CORES, 'CPU ÷ wall counts every thread');
  const variants = r.runs.filter((x) => x.nativeThreads !== undefined);
  for (const id of ['threads-2-native1', 'processes-2-native1']) {
    const v = variants.find((x) => x.id === id);
    assert.ok(v, `${id} was measured`);
    if (v!.status === 'ok') assert.match(v!.mechanism, /native thread pools limited to 1 per worker/);
  }
  const rec = r.recommendation;
  if (rec.nativeThreads !== undefined) {
    assert.match(rec.snippet, /OMP_NUM_THREADS/);
    assert.ok(rec.snippet.indexOf('OMP_NUM_THREADS') < rec.snippet.indexOf('from matmul import'));
  } else {
    assert.doesNotMatch(rec.snippet, /OMP_NUM_THREADS/);
  }
  assert.ok(rec.strategy === 'serial' || rec.workers >= 2, 'never a one-worker pool');
});
