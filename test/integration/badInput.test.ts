// Bad input through the real CLI: one clear `error:` line and exit 2, or a per-run error in the report with exit 3,
// and never a process left behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixture, runCli } from '../support/cli';

const FAST = ['--budget', '20', '--workers', '1,2', '--repeats', '1'];
// A private profile lock: these tests time their signals from the start of the CLI, so they must not queue behind
// another profile running on the machine (src/engine/profileLock.ts).
process.env.PARPROF_LOCK_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-badinput-lock-'));

async function expectInputError(args: string[], message: RegExp) {
  const res = await runCli(args, { json: false });
  assert.equal(res.code, 2, `exit 2 expected, got ${res.code}; stderr:\n${res.stderr}`);
  const lines = res.stderr.trim().split('\n');
  assert.match(lines[0], /^error: /, 'the first stderr line starts with "error:"');
  assert.match(lines[0], message);
  assert.deepEqual(res.leftovers, []);
}

test('a missing file is named', () => expectInputError(['profile', 'no/such/file.py:f'], /file not found: no\/such\/file\.py/));

test('a missing function is named, with the functions that do exist', () =>
  expectInputError(['profile', 'examples/sum_range.py:nope'], /nope.*sum_range|FunctionNotFound/));

test('a syntax error in the module points at the line', () =>
  expectInputError(['profile', `${fixture('syntax_error.py')}:broken`], /SyntaxError.*syntax_error\.py.*1/));

test('--args that raises says what it raised', () =>
  expectInputError(['profile', 'examples/sum_range.py:sum_range', '--args', '[(0, 1/0)]'], /BadArgs.*ZeroDivisionError/));

test('--args that is not a list says what it was', () =>
  expectInputError(['profile', 'examples/sum_range.py:sum_range', '--args', '42'], /BadArgs.*int/));

test('a malformed command line is a usage error', () => expectInputError(['profile', 'examples/sum_range.py'], /<file>:<function>/));

test('a module that starts processes at import time is refused with the main-guard fix', () =>
  expectInputError(['profile', `${fixture('spawns_at_import.py')}:work`], /__name__ == .__main__./));

test('a missing interpreter is named', () =>
  expectInputError(['profile', 'examples/sum_range.py:sum_range', '--python', '/no/such/python3'], /interpreter not found: \/no\/such\/python3/));

test('a non-Python interpreter is refused', async () => {
  const fake = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-fake-')), 'python');
  fs.writeFileSync(fake, '#!/bin/sh\necho "Python 2.7.18"\nexit 1\n', { mode: 0o755 });
  // The fake answers every call with a Python 2 banner, so the driver's `--version` probe names that version.
  await expectInputError(['profile', 'examples/sum_range.py:sum_range', '--python', fake], /not a usable Python 3 interpreter|is Python 2\.7\.18; Python 3 is required/);
});

test('a function that raises keeps its traceback and task index, and every strategy is still tried', async () => {
  const res = await runCli(['profile', `${fixture('faults.py')}:fails_on_task_two`, '--args', '[(i,) for i in range(6)]', ...FAST]);
  assert.equal(res.code, 3, `exit 3 when the workload fails everywhere; stderr:\n${res.stderr}`);
  assert.deepEqual(res.leftovers, []);
  const r = res.report!;
  const failed = r.runs.filter((x) => x.status === 'failed');
  assert.ok(failed.some((x) => x.strategy === 'serial') && failed.some((x) => x.strategy === 'processes'));
  const err = r.errors[0];
  assert.equal(err.type, 'ZeroDivisionError');
  assert.equal(err.taskIndex, 2);
  assert.match(err.traceback ?? '', /fails_on_task_two/);
  assert.match(err.file ?? '', /faults\.py$/);
  assert.equal(err.line, 8);
  assert.match(res.stdout, /ZeroDivisionError/);
});

test('--timeout stops a hung run and reaps its process tree', async () => {
  const res = await runCli(['profile', `${fixture('faults.py')}:hangs_on_task_one`, '--args', '[(i,) for i in range(3)]',
    '--timeout', '2', '--strategies', 'serial,processes', ...FAST]);
  assert.equal(res.code, 3, res.stderr);
  assert.deepEqual(res.leftovers, [], 'the hung interpreter and its pool workers are gone');
  const r = res.report!;
  assert.ok(r.runs.filter((x) => x.repeats === 0 || x.status !== 'ok').every((x) => ['timeout', 'stopped', 'skipped'].includes(x.status)));
  assert.ok(r.runs.some((x) => x.status === 'timeout' && x.error?.type === 'Timeout'));
});

test('Ctrl-C cancels: exit 130, the report keeps what finished, nothing is left running', async () => {
  const res = await runCli(['profile', 'examples/sum_range.py:sum_range', '--args', '[(i*3_000_000, (i+1)*3_000_000) for i in range(8)]',
    '--budget', '60'], { signalAfterMs: 4000 });
  assert.equal(res.code, 130, res.stderr);
  assert.deepEqual(res.leftovers, []);
  assert.equal(res.report?.cancelled, true);
  assert.ok(res.report!.runs.some((x) => x.status === 'ok' && x.repeats > 0), 'runs that finished before the cancel are kept');
});

test('a configuration already 10x slower than the best so far is stopped early, and the rest still decide', async () => {
  const res = await runCli(['profile', `${fixture('faults.py')}:slow_in_workers`, '--args', '[(i,) for i in range(4)]',
    '--strategies', 'serial,threads,processes', '--workers', '1,2', '--timeout', '30', '--repeats', '1']);
  assert.equal(res.code, 0, res.stderr);
  assert.deepEqual(res.leftovers, [], 'the stopped pool is reaped');
  const r = res.report!;
  const processes = r.runs.filter((x) => x.strategy === 'processes');
  assert.ok(processes.length > 0 && processes.every((x) => x.status === 'stopped'), JSON.stringify(processes.map((x) => [x.id, x.status])));
  assert.match(processes[0].reason ?? '', /10× slower than the best so far/);
  assert.notEqual(r.recommendation.strategy, 'processes');
});

test('a CLI killed outright (SIGKILL, no chance to clean up) still leaves no harness or pool worker behind', async () => {
  // The harness watches its parent: when the driver dies it kills its own process group, a hung pool included.
  const res = await runCli(['profile', `${fixture('faults.py')}:hangs_on_task_one`, '--args', '[(i,) for i in range(3)]',
    '--strategies', 'processes', '--workers', '2', '--timeout', '600'], { signalAfterMs: 3000, signal: 'SIGKILL', json: false });
  assert.equal(res.code, null, 'the CLI was killed');
  assert.deepEqual(res.leftovers, []);
});
