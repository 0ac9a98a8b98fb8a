/** The interpreter list: how --python and the extraInterpreters setting become choices with ids. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  comparesInterpreters, parseEntry, parseInterpreterList, splitInterpreterList, withIds,
} from '../../../../src/engine/interpreterSet/choice';
import { InputError } from '../../../../src/engine/request';

describe('interpreter list', () => {
  test('one interpreter stays a plain string (the profile as before); a list or auto compares', () => {
    assert.equal(splitInterpreterList('python3'), 'python3');
    assert.equal(splitInterpreterList(' /usr/bin/python3 '), '/usr/bin/python3');
    assert.deepEqual(splitInterpreterList('python3, pypy3'), ['python3', 'pypy3']);
    assert.deepEqual(splitInterpreterList('auto'), ['auto']);
    assert.throws(() => splitInterpreterList(' , '), InputError);
    assert.equal(comparesInterpreters('python3'), false);
    assert.equal(comparesInterpreters(undefined), false);
    assert.equal(comparesInterpreters(['python3']), false);
    assert.equal(comparesInterpreters(['python3', 'python3']), false, 'the same entry twice is one interpreter');
    assert.equal(comparesInterpreters(['python3', 'pypy3']), true);
    assert.equal(comparesInterpreters(['auto']), true);
  });

  test('variables before the command make a variant; a path may hold spaces', () => {
    assert.deepEqual(parseEntry('PYTHON_GIL=0 python3.13t'), {
      requested: 'PYTHON_GIL=0 python3.13t', command: 'python3.13t', variables: { PYTHON_GIL: '0' },
    });
    assert.deepEqual(parseEntry('/opt/my python/bin/python3').command, '/opt/my python/bin/python3');
    assert.deepEqual(parseEntry('A=1 B= pypy3').variables, { A: '1', B: '' });
    assert.throws(() => parseEntry('PYTHON_GIL=0'), /names no interpreter/);
  });

  test('the same entry twice counts once; spacing does not make it another', () => {
    const entries = ['python3', 'pypy3', 'python3', ' PYTHON_GIL=1  python3.13t', 'PYTHON_GIL=1 python3.13t'];
    const list = parseInterpreterList(entries);
    assert.deepEqual(list.map((c) => c.requested), ['python3', 'pypy3', 'PYTHON_GIL=1 python3.13t']);
  });

  test('ids: the file name, then the whole command for a second one of that name, variables in brackets', () => {
    const entries = ['python3', '/usr/bin/python3', 'pypy3', 'PYTHON_GIL=0 python3.13t', 'PYTHON_GIL=1 /x/python3.13t'];
    const ids = withIds(parseInterpreterList(entries)).map((c) => c.id);
    assert.deepEqual(ids, ['python3', '/usr/bin/python3', 'pypy3', 'python3.13t[PYTHON_GIL=0]',
      'python3.13t[PYTHON_GIL=1]']);
    assert.deepEqual(withIds([
      { requested: 'a', command: '/x/python3', variables: {} },
      { requested: 'b', command: '/x/python3', variables: {} },
      { requested: 'c', command: '/x/python3', variables: {} },
    ]).map((c) => c.id), ['python3', '/x/python3', '/x/python3#2']);
  });
});
