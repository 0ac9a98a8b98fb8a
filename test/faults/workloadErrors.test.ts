// Faults raised by the user's function: an exception in one task, sys.exit and os._exit. Each through the real CLI,
// each recorded in FAULTS.md, each followed by a walk of the process table for survivors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../support/cli';
import { HOSTILE, QUICK, measured, privateLockDir, runOf, tasks } from './support';
import { record } from './report';

privateLockDir();
const THREE = ['--strategies', 'serial,threads,processes'];

test('raises in task k: that run reports type, message, traceback, file:line and task; the others still run and are compared', async () => {
  const res = await runCli(['profile', `${HOSTILE}:raises_in_worker`, ...tasks(4), ...QUICK, ...THREE]);
  const proc = runOf(res.report, 'processes');
  const e = proc?.error;
  const handled = res.code === 0 && proc?.status === 'failed' && e?.type === 'ValueError' && e.taskIndex === 1 &&
    /hostile\.py$/.test(e.file ?? '') && e.line !== undefined && /raises_in_worker/.test(e.traceback ?? '') &&
    measured(res.report, 'serial') && measured(res.report, 'threads') && runOf(res.report, 'threads')!.speedup > 0;
  record({ fault: 'raises in task k', variant: 'ValueError in task 1, only inside a pool process', handled: !!handled,
    message: `processes: ${proc?.reason}; ${e?.type}: ${e?.message} at ${e?.file?.split('/').pop()}:${e?.line}; serial and threads measured and compared`,
    leftovers: res.leftovers.length, test: 'workloadErrors.test.ts' });
  assert.equal(res.code, 0, res.stderr);
  assert.equal(proc?.status, 'failed');
  assert.equal(e?.type, 'ValueError');
  assert.equal(e?.taskIndex, 1);
  assert.match(e?.file ?? '', /hostile\.py$/);
  assert.ok(e?.line, 'a line for the clickable file:line');
  assert.match(e?.traceback ?? '', /raises_in_worker/);
  assert.ok(measured(res.report, 'serial') && measured(res.report, 'threads'), 'the other strategies ran');
  assert.ok(res.report!.recommendation.strategy !== 'processes', 'the failed strategy is not recommended');
  assert.match(res.stdout, /error in processes-2: ValueError: task 1 refuses/);
  assert.deepEqual(res.leftovers, []);
});

test('sys.exit(3) in a task is an exception in that task (SystemExit), the worker lives on, and the report says so', async () => {
  // Decision: SystemExit raised by a task is caught like any exception (call wrappers catch BaseException), so the
  // pool survives and every task index is accounted for; the reason names sys.exit so the user knows why.
  const res = await runCli(['profile', `${HOSTILE}:sys_exit_in_task`, ...tasks(4), ...QUICK, ...THREE]);
  const runs = res.report?.runs.filter((r) => r.status !== 'skipped') ?? [];
  const handled = res.code === 3 && runs.length === 3 && runs.every((r) => r.status === 'failed' && r.error?.type === 'SystemExit' &&
    r.error.taskIndex === 1 && /sys\.exit\(3\)/.test(r.reason ?? ''));
  record({ fault: 'os._exit / sys.exit in a task', variant: 'sys.exit(3) in task 1, every strategy', handled,
    message: `${runs[0]?.reason} (exit 3: failed under every strategy)`, leftovers: res.leftovers.length, test: 'workloadErrors.test.ts' });
  assert.equal(res.code, 3, res.stderr);
  for (const r of runs) {
    assert.equal(r.status, 'failed', r.id);
    assert.equal(r.error?.type, 'SystemExit');
    assert.equal(r.error?.taskIndex, 1);
    assert.match(r.reason ?? '', /called sys\.exit\(3\)/);
  }
  assert.deepEqual(res.leftovers, []);
});

test('os._exit(3) in a pool worker: the processes run reports the worker exiting with code 3; the others are unaffected', async () => {
  const res = await runCli(['profile', `${HOSTILE}:os_exit_in_worker`, ...tasks(4), ...QUICK, ...THREE]);
  const proc = runOf(res.report, 'processes');
  const handled = res.code === 0 && proc?.status === 'failed' && proc.error?.type === 'WorkerCrash' && proc.error.exitCode === 3 &&
    /exited with code 3/.test(proc.reason ?? '') && measured(res.report, 'serial') && measured(res.report, 'threads');
  record({ fault: 'os._exit / sys.exit in a task', variant: 'os._exit(3) in a pool worker', handled: !!handled,
    message: `processes: ${proc?.reason}: ${proc?.error?.message}`, leftovers: res.leftovers.length, test: 'workloadErrors.test.ts' });
  assert.equal(res.code, 0, res.stderr);
  assert.equal(proc?.error?.type, 'WorkerCrash');
  assert.equal(proc?.error?.exitCode, 3);
  assert.match(proc?.reason ?? '', /a worker process exited with code 3/);
  assert.ok(measured(res.report, 'serial') && measured(res.report, 'threads'));
  assert.deepEqual(res.leftovers, []);
});

test('os._exit(3) in the harness itself (serial, threads): reported as the Python process exiting with code 3; processes still measured', async () => {
  const res = await runCli(['profile', `${HOSTILE}:os_exit_serially`, ...tasks(4), ...QUICK, ...THREE]);
  const serial = runOf(res.report, 'serial');
  const handled = serial?.status === 'failed' && serial.error?.type === 'Crash' && serial.error.exitCode === 3 &&
    /exit code 3/.test(serial.reason ?? '') && measured(res.report, 'processes');
  record({ fault: 'os._exit / sys.exit in a task', variant: 'os._exit(3) in the harness (serial and threads runs)', handled: !!handled,
    message: `serial: ${serial?.reason}; the harness is restarted and processes is still measured`, leftovers: res.leftovers.length,
    test: 'workloadErrors.test.ts' });
  assert.equal(serial?.error?.exitCode, 3);
  assert.match(serial?.reason ?? '', /exit code 3/);
  assert.equal(runOf(res.report, 'threads')?.error?.exitCode, 3);
  assert.ok(measured(res.report, 'processes'), 'a fresh harness ran the processes strategy');
  assert.deepEqual(res.leftovers, []);
});
