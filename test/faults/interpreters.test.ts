// Interpreters that are not Python 3: a Python 2 (faked: none is installed), a directory, a program that is not
// Python at all. One `error:` line naming the path and what was found, exit 2, nothing left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { privateLockDir } from './support';
import { record } from './report';

privateLockDir();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-interp-'));

/** A script that answers like CPython 2.7: the version on stderr, and no -X option. */
const PYTHON2 = `#!/bin/sh
if [ "$1" = "--version" ] || [ "$1" = "-V" ]; then echo "Python 2.7.18" >&2; exit 0; fi
echo "Unknown option: -X" >&2
echo "usage: python2 [option] ... [-c cmd | -m mod | file | -] [arg] ..." >&2
exit 2
`;
/** A program that is not Python: ignores its arguments and prints something else. */
const NOT_PYTHON = '#!/bin/sh\necho "hello from a shell script"\n';

function script(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text, { mode: 0o755 });
  return p;
}

for (const [variant, python, expected] of [
  ['a Python 2 interpreter', () => script('python2', PYTHON2), /python2 is Python 2\.7\.18; Python 3 is required/],
  ['a directory', () => dir, /is a directory, not a Python interpreter: pass the executable/],
  ['a program that is not Python', () => script('notpython', NOT_PYTHON), /notpython is not a usable Python 3 interpreter: it said "hello from a shell script"/],
  ['a path that does not exist', () => path.join(dir, 'missing', 'python3'), /Python interpreter not found: .*missing\/python3/],
] as const) {
  test(`${variant} as --python: one clear error naming it, exit 2`, async () => {
    const p = python();
    const res = await runCli(['profile', 'examples/sum_range.py:sum_range', '--python', p], { json: false });
    const line = res.stderr.trim().split('\n')[0];
    const handled = res.code === 2 && line.startsWith('error: ') && expected.test(line) && line.includes(p);
    record({ fault: 'Python 2 or non-Python interpreter', variant, handled, message: line.replace(dir, '<tmp>'), leftovers: res.leftovers.length,
      test: 'interpreters.test.ts' });
    assert.equal(res.code, 2, res.stderr);
    assert.match(line, /^error: /);
    assert.match(line, expected);
    assert.ok(line.includes(p), 'the message names the interpreter');
    assert.deepEqual(res.leftovers, []);
  });
}
