// A machine that is not idle: other programs take the cores a pool would use. The profiler must see that in its own
// measurements and say so, not report the squeezed speedups as the code's. The busy loops are real processes, two per
// logical core, so on any core count each profiled process gets well under a core of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as os from 'node:os';
import { runCli } from '../support/cli';
import { runTable } from '../support/busyMachine';
import { squeezed } from '../../src/engine/analysis/otherLoad';

const PYTHON = 'python3';

// Each loop in a session of its own (detached), as a program started from another terminal is: Linux shares the
// CPU between sessions before it shares it between their processes (autogroup), and the profiler's harness runs in a
// session of its own too. A loop ends by itself once this test process is gone.
const LOOP = 'import os\nparent = os.getppid()\nwhile os.getppid() == parent:\n    for _ in range(100000): pass\n';

function busyLoops(n: number): ChildProcess[] {
  return Array.from({ length: n }, () => spawn(PYTHON, ['-c', LOOP], { stdio: 'ignore', detached: true }));
}

test('other programs on every core: each run records the cores they took; the warning and the confidence say so', async () => {
  const cores = os.cpus().length;
  const loops = busyLoops(2 * cores);
  let res;
  try {
    res = await runCli(['profile', 'examples/sum_range.py:sum_range', '--args', '[(i*1_000_000, (i+1)*1_000_000) for i in range(8)]',
      '--strategies', 'serial,processes', '--workers', '2', '--repeats', '2', '--budget', '30']);
  } finally {
    for (const l of loops) l.kill('SIGKILL');
  }
  assert.equal(res.code, 0, res.stderr);
  assert.deepEqual(res.leftovers, []);
  const r = res.report!;
  const serial = r.runs.find((x) => x.id === 'serial')!;
  const pool = r.runs.find((x) => x.id === 'processes-2')!;
  for (const run of [serial, pool]) {
    assert.ok(run.otherLoad !== undefined, `${run.id} has otherLoad`);
    // 2 loops per core share the machine with the run: they hold more than half of it.
    assert.ok(run.otherLoad > cores / 2, `${run.id}: other programs kept ${run.otherLoad.toFixed(2)} of ${cores} cores busy`);
    assert.ok(run.otherLoad <= cores + 0.05, `${run.id}: no more than the machine (${run.otherLoad.toFixed(2)})`);
    assert.equal(squeezed(run, r.environment), true, `${run.id} counts as squeezed\n${runTable(r)}`);
  }
  const warning = r.warnings.find((w) => w.code === 'busy-machine');
  assert.ok(warning, 'a busy-machine warning');
  assert.match(warning.message, new RegExp(`other programs kept up to \\d+\\.\\d of the ${cores} cores busy while serial, processes ×2[, ]`));
  assert.equal(r.recommendation.confidence, 'low');
  assert.match(r.recommendation.confidenceReason, /^other programs kept \d+\.\d of the \d+ cores busy while .+ ran/);
  assert.match(res.stdout + res.stderr, /the machine was busy/, 'the CLI prints the warning');
});
