/** The function picker's order: what the user most likely wants to profile comes first, private helpers last. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FunctionInfo } from '../../../../src/engine';
import { isHelperName, isPrivateName, rankFunctions } from '../../../../src/extension/profiling/functionOrder';

const fn = (name: string, line: number, params: string[] = [], endLine = line + 3): FunctionInfo =>
  ({ name, line, endLine, params, isAsync: false });

// A server module as the issue found it: the endless accept loop `_serve` came first.
const server = [
  fn('_serve', 1, ['sock']),
  fn('main', 10),
  fn('handle', 20, ['request']),
  fn('test_handle', 30),
  fn('checksum', 40, ['data']),
  fn('warm_cache', 50),
];

describe('function picker order', () => {
  test('private helpers and tests/entry points go last; public functions with parameters first, top of file first', () => {
    const order = rankFunctions(server).map((r) => `${r.fn.name}:${r.group}`);
    assert.deepEqual(order, ['handle:public', 'checksum:public', 'warm_cache:public', 'main:helper', 'test_handle:helper', '_serve:private']);
  });

  test('the function under the cursor comes first, whatever it is; the rest by distance from the cursor', () => {
    const order = rankFunctions(server, { cursorLine: 2 }).map((r) => r.fn.name);
    assert.deepEqual(order, ['_serve', 'handle', 'checksum', 'warm_cache', 'main', 'test_handle']);
    const near = rankFunctions(server, { cursorLine: 45 }).map((r) => r.fn.name);
    assert.deepEqual(near.slice(0, 3), ['checksum', 'handle', 'warm_cache'], 'among equals (both take parameters), the nearer comes first');
  });

  test('a documented example outranks parameters, which outrank none', () => {
    const order = rankFunctions(server, { documented: (n) => n === 'warm_cache' }).map((r) => r.fn.name);
    assert.deepEqual(order.slice(0, 3), ['warm_cache', 'handle', 'checksum']);
    assert.equal(rankFunctions(server, { documented: (n) => n === 'warm_cache' })[0]!.documented, true);
  });

  test('names: a leading underscore is private; test_x, testX, x_test, main and set-up hooks are helpers', () => {
    assert.deepEqual(['_serve', '__helper', 'serve'].map(isPrivateName), [true, true, false]);
    assert.deepEqual(['test_a', 'testParse', 'parse_test', 'main', 'setUp', 'tearDown_module'].map(isHelperName), [true, true, true, true, true, true]);
    assert.deepEqual(['testament', 'maintain', 'attest', 'setup_tasks', '_test'].map(isHelperName), [false, false, false, false, false]);
  });
});
