/**
 * `--python auto`'s PATH scan on folders of our own (real files, real links): which names count, in what order, and
 * that one file under several names is probed once. The probing itself runs real interpreters in
 * test/integration/interpreters.test.ts.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { candidatesOnPath, discoverInterpreters, variantsOf } from '../../../../src/engine/interpreterSet/autoDiscover';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-auto-unit-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string | { link: string }>): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, body] of Object.entries(files)) {
    const target = path.join(dir, file);
    if (typeof body === 'string') fs.writeFileSync(target, body, { mode: 0o755 });
    else fs.symlinkSync(body.link, target);
  }
  return dir;
}

const SCRIPT = '#!/bin/sh\nexit 1\n';

describe('auto discovery on PATH', () => {
  test('python3 first, then PyPy, free-threaded builds and versioned names; shadowed files after their shadows', () => {
    const names = (list: string[]) => Object.fromEntries(list.map((n) => [n, SCRIPT]));
    const a = folder('a', names(['python3.12', 'pypy3.9', 'python3.13t', 'pypy3', 'python3', 'python3.14t']));
    const b = folder('b', { ...names(['python3', 'python3.10', 'python2', 'python3-config']), 'notes.txt': 'x' });
    const found = candidatesOnPath(`${a}${path.delimiter}${b}`).map((f) => path.relative(root, f));
    assert.deepEqual(found, [
      'a/python3', 'b/python3', 'a/pypy3', 'a/pypy3.9',
      'a/python3.14t', 'a/python3.13t', 'a/python3.12', 'b/python3.10',
    ]);
  });

  test('one file under several names (a link, a folder listed twice) is a candidate once', () => {
    const real = folder('real', { 'python3.11': SCRIPT });
    const links = folder('links', { python3: { link: path.join(real, 'python3.11') } });
    const found = candidatesOnPath([links, real, links].join(path.delimiter)).map((f) => path.relative(root, f));
    assert.deepEqual(found, ['links/python3']);
  });

  test('files that are not executable, folders and missing PATH entries are skipped', () => {
    const odd = folder('odd', {});
    fs.writeFileSync(path.join(odd, 'python3'), SCRIPT, { mode: 0o644 });
    fs.mkdirSync(path.join(odd, 'python3.12'));
    assert.deepEqual(candidatesOnPath([odd, path.join(root, 'absent'), ''].join(path.delimiter)), []);
  });

  test('a free-threaded build is profiled twice: PYTHON_GIL=0 and PYTHON_GIL=1', () => {
    const probe = {
      executable: '/x/python3.13t', implementation: 'CPython', version: '3.13.1', major: 3, freeThreaded: true,
    };
    assert.deepEqual(variantsOf('/x/python3.13t', probe), [
      { requested: 'PYTHON_GIL=0 /x/python3.13t', command: '/x/python3.13t', variables: { PYTHON_GIL: '0' } },
      { requested: 'PYTHON_GIL=1 /x/python3.13t', command: '/x/python3.13t', variables: { PYTHON_GIL: '1' } },
    ]);
    assert.deepEqual(variantsOf('/x/python3', { ...probe, freeThreaded: false }), [
      { requested: '/x/python3', command: '/x/python3', variables: {} },
    ]);
  });

  test('a candidate that does not run is left out with what it said; nothing found is an empty list', async () => {
    const broken = folder('broken', { python3: '#!/bin/sh\necho "pyenv: python3: command not found" >&2\nexit 127\n' });
    const d = await discoverInterpreters({ PATH: broken });
    assert.deepEqual(d.choices, []);
    const reason = 'it said "pyenv: python3: command not found"';
    assert.deepEqual(d.leftOut, [{ command: path.join(broken, 'python3'), reason }]);
    assert.deepEqual(await discoverInterpreters({ PATH: path.join(root, 'absent') }), { choices: [], leftOut: [] });
  });
});
