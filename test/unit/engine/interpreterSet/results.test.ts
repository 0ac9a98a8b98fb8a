/** Comparing what interpreters returned: a warning when values differ, honesty when they cannot be compared. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compareResults } from '../../../../src/engine/interpreterSet/results';

const d = (id: string, hash: string, preview: string, tasks = 1, comparable = true) =>
  ({ id, digest: { hash, tasks, preview, comparable } });

describe('result comparison', () => {
  test('the same values: a sentence, no warning', () => {
    const r = compareResults([d('python3', 'h', '42'), d('pypy3', 'h', '42')]);
    assert.equal(r.warning, undefined);
    const expected = 'Every interpreter returned the same values on the first 1 task '
      + '(the first run in each interpreter).';
    assert.equal(r.sentence, expected);
  });

  test('different values: a results-differ warning naming who returned what', () => {
    const r = compareResults([
      d('python3', 'a', "'CPython'", 2), d('/usr/bin/python3', 'a', "'CPython'", 2), d('pypy3', 'b', "'PyPy'", 2),
    ]);
    assert.equal(r.warning!.code, 'results-differ');
    assert.match(r.warning!.message, /first 2 tasks.*python3, \/usr\/bin\/python3 returned 'CPython'; pypy3 returned/);
    assert.match(r.warning!.message, /not an error/);
  });

  test('results holding memory addresses are said to be incomparable, never called different', () => {
    const r = compareResults([
      d('python3', 'a', '<Foo object at 0x1>', 1, false), d('pypy3', 'b', '<Foo object at 0x2>', 1, false),
    ]);
    assert.equal(r.warning, undefined);
    assert.match(r.sentence!, /could not be compared.*memory addresses/);
  });

  test('one interpreter alone has nothing to compare', () => {
    assert.deepEqual(compareResults([d('python3', 'a', '1')]), {});
  });
});
