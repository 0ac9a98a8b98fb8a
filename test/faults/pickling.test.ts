// What process pools cannot take: a module-level lambda, a closure, an argument whose class is local. processes is
// skipped with the reason and the fix; the rest of the sweep runs. Also the import-time spawn refusal, whose own
// test lives in test/integration/badInput.test.ts, re-run here so FAULTS.md counts it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, runCli } from '../support/cli';
import { HOSTILE, QUICK, measured, privateLockDir, runOf, tasks } from './support';
import { record } from './report';

privateLockDir();
const TWO = ['--strategies', 'serial,processes'];

for (const [variant, fn, args, why, fix] of [
  ['f = lambda x: ... at module level', 'square_lambda', tasks(4), /<lambda> cannot be pickled/, /move it to module level and define it with def/],
  ['closure returned by a factory', 'closure_adder', tasks(4), /_make_adder\.<locals>\.add cannot be pickled/, /move it to module level/],
  ['argument is an instance of a local class', 'takes_anything', ['--args', '[(local_instance(),) for i in range(4)]'],
    /arguments of task 0 cannot be pickled.*local_instance\.<locals>\.Local/, /classes defined at module level/],
] as const) {
  test(`cannot be pickled (${variant}): processes skipped with the reason and the fix; serial measured`, async () => {
    const res = await runCli(['profile', `${HOSTILE}:${fn}`, ...args, ...QUICK, ...TWO]);
    const proc = runOf(res.report, 'processes');
    const handled = res.code === 0 && proc?.status === 'skipped' && why.test(proc.reason ?? '') && fix.test(proc.reason ?? '') &&
      measured(res.report, 'serial');
    record({ fault: 'cannot be pickled', variant, handled, message: `processes skipped: ${proc?.reason}`, leftovers: res.leftovers.length,
      test: 'pickling.test.ts' });
    assert.equal(res.code, 0, res.stderr);
    assert.equal(proc?.status, 'skipped');
    assert.match(proc?.reason ?? '', why);
    assert.match(proc?.reason ?? '', fix);
    assert.ok(measured(res.report, 'serial'));
    assert.deepEqual(res.leftovers, []);
  });
}

test('starts processes at import time without a main guard: refused at once with the guard as the fix (see badInput.test.ts)', async () => {
  const res = await runCli(['profile', `${fixture('spawns_at_import.py')}:work`], { json: false });
  const line = res.stderr.trim().split('\n')[0];
  const handled = res.code === 2 && /^error: .*__name__ == .__main__./.test(line);
  record({ fault: 'starts processes at import time', variant: 'multiprocessing.Pool at module level, no main guard', handled,
    message: line, leftovers: res.leftovers.length, test: 'pickling.test.ts (and integration/badInput.test.ts)' });
  assert.equal(res.code, 2);
  assert.match(line, /__name__ == .__main__./);
  assert.deepEqual(res.leftovers, []);
});
