// Crashes in C code: a segfault or an abort kills a pool worker or the harness itself. The run that crashed is
// reported with the signal; every other run is measured as usual; nothing is left running.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../support/cli';
import { HOSTILE, QUICK, measured, privateLockDir, runOf, tasks } from './support';
import { record } from './report';

privateLockDir();
const THREE = ['--strategies', 'serial,threads,processes'];

for (const [fn, signal, how] of [
  ['segfaults_in_worker', 'SIGSEGV', 'ctypes.string_at(0) in a pool worker'],
  ['aborts_in_worker', 'SIGABRT', 'os.abort() in a pool worker'],
] as const) {
  test(`${how}: processes reported as crashed by ${signal}, serial and threads unaffected`, async () => {
    const res = await runCli(['profile', `${HOSTILE}:${fn}`, ...tasks(4), ...QUICK, ...THREE]);
    const proc = runOf(res.report, 'processes');
    const handled = res.code === 0 && proc?.status === 'failed' && proc.error?.signal === signal &&
      proc.reason === `a worker process crashed (killed by ${signal})` && measured(res.report, 'serial') && measured(res.report, 'threads');
    record({ fault: 'segfaults or aborts', variant: how, handled, message: `processes: ${proc?.reason}: ${proc?.error?.message}`,
      leftovers: res.leftovers.length, test: 'crashes.test.ts' });
    assert.equal(res.code, 0, res.stderr);
    assert.equal(proc?.error?.type, 'WorkerCrash');
    assert.equal(proc?.error?.signal, signal);
    assert.match(proc?.reason ?? '', new RegExp(`crashed \\(killed by ${signal}\\)`));
    assert.ok(measured(res.report, 'serial') && measured(res.report, 'threads'), 'the other runs are unaffected');
    assert.deepEqual(res.leftovers, []);
  });
}

test('ctypes.string_at(0) on a pool thread kills the harness: threads reported as crashed by SIGSEGV, the harness restarts for processes', async () => {
  const res = await runCli(['profile', `${HOSTILE}:segfaults_on_threads`, ...tasks(4), ...QUICK, ...THREE]);
  const threads = runOf(res.report, 'threads');
  const handled = res.code === 0 && threads?.status === 'failed' && threads.error?.type === 'Crash' && threads.error.signal === 'SIGSEGV' &&
    /killed by SIGSEGV/.test(threads.reason ?? '') && measured(res.report, 'serial') && measured(res.report, 'processes');
  record({ fault: 'segfaults or aborts', variant: 'ctypes.string_at(0) on a thread of the harness', handled,
    message: `threads: ${threads?.reason}`, leftovers: res.leftovers.length, test: 'crashes.test.ts' });
  assert.equal(res.code, 0, res.stderr);
  assert.equal(threads?.error?.signal, 'SIGSEGV');
  assert.match(threads?.reason ?? '', /killed by SIGSEGV.*segmentation fault/);
  assert.ok(measured(res.report, 'serial') && measured(res.report, 'processes'), 'runs before and after the crash are measured');
  assert.deepEqual(res.leftovers, []);
});
