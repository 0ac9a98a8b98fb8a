/**
 * Comparing interpreters through the real CLI, with real interpreters: CPython (pyenv's python3 and Debian's
 * /usr/bin/python3, which alone has numpy), PyPy (pypy3) and a Python 2.7. Each bad input keeps the others running.
 * No timing assertions: speedups are not asserted, only that the figures exist and agree with each other.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Report } from '../../src/contracts/report';
import { fixture, runCli } from '../support/cli';

const FAST = ['--budget', '40', '--workers', '1,2', '--repeats', '2', '--strategies', 'serial,threads,processes'];
// pyenv's Python 2.7 and 3.13 on the development machines; a fresh CI machine (Debian has no Python 2) uses a stand-in
// for Python 2 and an older CPython's answer to PYTHON_GIL, each said where it is used.
const PYTHON2 = path.join(os.homedir(), '.pyenv/versions/2.7.18/bin/python2');
const PY313 = path.join(os.homedir(), '.pyenv/versions/3.13.0/bin/python3.13');

/** A real Python 2 when there is one; otherwise a script that answers like one (exit 1 with its banner). */
function python2(): string {
  if (fs.existsSync(PYTHON2)) return PYTHON2;
  const fake = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pp-py2-')), 'python2');
  fs.writeFileSync(fake, '#!/bin/sh\necho "Python 2.7.18" >&2\nexit 1\n', { mode: 0o755 });
  return fake;
}
const TASKS = '[(200_000,) for _ in range(8)]';

/** Profiles `fn` of the interpreters fixture under `python` and returns the report (exit 0 expected). */
async function compare(python: string, fn = 'add_up', file = fixture('interpreters.py')): Promise<Report> {
  const res = await runCli(['profile', `${file}:${fn}`, '--args', TASKS, '--python', python, ...FAST]);
  assert.equal(res.code, 0, `exit 0 expected, got ${res.code}; stderr:\n${res.stderr}\nstdout:\n${res.stdout}`);
  assert.deepEqual(res.leftovers, [], 'no process left behind');
  assert.ok(res.report, 'a JSON report was written');
  return res.report;
}

describe('--python python3,pypy3', () => {
  let report: Report;
  let stdout = '';

  test('profiles under both interpreters into one report, the first one the reference', async () => {
    const target = `${fixture('interpreters.py')}:add_up`;
    const res = await runCli(['profile', target, '--args', TASKS, '--python', 'python3,pypy3', ...FAST]);
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(res.leftovers, []);
    report = res.report!;
    stdout = res.stdout;
    const listed = report.interpreters!.map((i) => [i.id, i.status, i.reference]);
    assert.deepEqual(listed, [['python3', 'ok', true], ['pypy3', 'ok', false]]);
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.environment.implementation, 'CPython', 'the top-level environment is the reference\'s');
    assert.equal(report.interpreters![1].environment!.implementation, 'PyPy');
    assert.match(report.interpreters![1].environment!.version, /^PyPy 3\.9/);
  });

  test('each interpreter has its environment, its runs and its own serial baseline', () => {
    for (const i of report.interpreters!) {
      const env = i.environment!;
      assert.equal(env.gilEnabled, true);
      assert.ok(env.startMethod, `${i.id} start method`);
      assert.deepEqual(i.import, { ok: true });
      const runs = report.runs.filter((r) => r.interpreter === i.id);
      assert.ok(runs.length >= 4, `${i.id} has its runs`);
      for (const r of runs) assert.ok(r.id.startsWith(`${i.id}/`), r.id);
      const serial = runs.find((r) => r.strategy === 'serial')!;
      assert.equal(i.baseline!.run, serial.id);
      assert.equal(serial.speedup, 1, 'speedup against its own serial run');
      for (const r of runs.filter((x) => x.status === 'ok')) {
        const own = serial.wall.median / r.wall.median;
        assert.ok(Math.abs(r.speedup - own) < 1e-9, `${r.id} speedup is against its own serial`);
      }
    }
  });

  test('every measured run also has its speedup against the reference serial run', () => {
    const refSerial = report.runs.find((r) => r.id === 'python3/serial')!;
    for (const r of report.runs.filter((x) => x.status === 'ok')) {
      assert.ok(Math.abs(r.speedupVsReference! - refSerial.wall.median / r.wall.median) < 1e-9, r.id);
    }
    const pypy = report.interpreters!.find((i) => i.id === 'pypy3')!;
    assert.ok(Math.abs(pypy.baseline!.speedupVsReference - refSerial.wall.median / pypy.baseline!.wall.median) < 1e-9);
  });

  test('JIT warm-up is measured per interpreter: the first task against the same task once warm', () => {
    for (const i of report.interpreters!) {
      const w = i.warmUp!;
      assert.ok(w.firstTask > 0 && w.steadyTask > 0, `${i.id} warm-up figures`);
      assert.ok(Math.abs(w.ratio - w.firstTask / w.steadyTask) < 1e-9);
      assert.ok(w.firstRun! > 0 && w.steadyRun! > 0, 'first serial run and later ones (2 repeats)');
      const pool = report.runs.find((r) => r.id === w.workers?.run);
      const ofPool = pool && pool.strategy === 'processes' && pool.interpreter === i.id;
      assert.ok(ofPool, `${i.id}: pool workers' first vs later tasks`);
    }
  });

  test('the results are hashed on the warm-up and agree', () => {
    const [a, b] = report.interpreters!.map((i) => i.results!);
    assert.equal(a.hash, b.hash);
    assert.equal(a.preview, String((200_000 * 199_999) / 2));
    assert.ok(!report.warnings.some((w) => w.code === 'results-differ'));
  });

  test('the verdict is against the reference serial run and names its interpreter', () => {
    const rec = report.recommendation;
    const ids = report.interpreters!.map((i) => i.id);
    assert.ok(ids.includes(rec.interpreter!));
    const chosen = report.runs.find((r) =>
      r.interpreter === rec.interpreter && r.strategy === rec.strategy && r.workers === rec.workers)!;
    assert.ok(chosen, 'the recommended run exists');
    assert.ok(Math.abs(rec.expectedSpeedup - chosen.speedupVsReference!) / chosen.speedupVsReference! < 1e-9);
    assert.ok(rec.headline.startsWith(`${rec.interpreter}`), rec.headline);
    assert.ok(rec.reasons.some((r) => r.startsWith("Against python3's serial run")), 'a side-by-side sentence');
  });

  test('the CLI table leads with the interpreter and lists each interpreter', () => {
    assert.match(stdout, /^interpreter\s+strategy\s+workers/m);
    assert.match(stdout, /^pypy3\s+serial\s+1 /m);
    assert.match(stdout, /vs python3/);
    assert.match(stdout, /^Interpreters:$/m);
    assert.match(stdout, /^pypy3: PyPy 3\.9/m);
    assert.match(stdout, /warm-up: first task/);
  });
});

describe('bad input in the list', () => {
  test('a missing interpreter is reported with the reason and the others run', async () => {
    const report = await compare('python3,/no/such/python3');
    const missing = report.interpreters!.find((i) => i.requested === '/no/such/python3')!;
    assert.equal(missing.status, 'unavailable');
    assert.match(missing.reason!, /interpreter not found: \/no\/such\/python3/);
    assert.equal(report.interpreters![0].status, 'ok');
    const row = report.runs.find((r) => r.interpreter === missing.id)!;
    assert.equal(row.status, 'skipped');
    assert.match(row.reason!, /not found/);
    assert.ok(report.warnings.some((w) => w.code === 'interpreter-unavailable'));
  });

  test('a Python 2 in the list is refused as not Python 3, and the others run', async () => {
    const py2 = python2();
    const report = await compare(`pypy3,${py2}`);
    const two = report.interpreters!.find((i) => i.requested === py2)!;
    assert.equal(two.status, 'unavailable');
    assert.match(two.reason!, /Python 2\.7\.18; Python 3 is required|not a usable Python 3 interpreter/);
    assert.equal(report.interpreters![0].status, 'ok');
    assert.equal(report.environment.implementation, 'PyPy', 'the first interpreter is the reference');
  });

  test('a variant the build cannot run (PYTHON_GIL=0 on a GIL build of 3.13) is reported in its words', async () => {
    if (fs.existsSync(PY313)) {
      const report = await compare(`python3,PYTHON_GIL=0 ${PY313}`);
      const variant = report.interpreters!.find((i) => i.variables?.PYTHON_GIL === '0')!;
      assert.equal(variant.status, 'unavailable');
      assert.match(variant.reason!, /could not start: Fatal Python error: .*Disabling the GIL is not supported/);
      assert.equal(variant.id, 'python3.13[PYTHON_GIL=0]');
      return;
    }
    // No CPython 3.13 here: an older CPython ignores PYTHON_GIL, so the variant runs, with its variable on record.
    const report = await compare('pypy3,PYTHON_GIL=0 python3');
    const variant = report.interpreters!.find((i) => i.variables?.PYTHON_GIL === '0')!;
    const seen = [variant.id, variant.status, variant.environment!.gilEnabled];
    assert.deepEqual(seen, ['python3[PYTHON_GIL=0]', 'ok', true]);
  });

  test('a module that imports under one interpreter only: the other one is skipped with the import error', async () => {
    const report = await compare('/usr/bin/python3,pypy3', 'norm', fixture('needs_numpy.py'));
    const [cpython, pypy] = report.interpreters!;
    assert.deepEqual([cpython.status, pypy.status], ['ok', 'import-failed']);
    assert.equal(pypy.import!.ok, false);
    // Debian's numpy is on PyPy's path too (dist-packages), but its C extension is built for CPython only.
    assert.match(pypy.import!.error!.type, /^(ImportError|ModuleNotFoundError)$/);
    assert.match(pypy.import!.error!.message, /numpy/);
    assert.equal(pypy.environment!.implementation, 'PyPy', 'it started, so its environment is known');
    const row = report.runs.find((r) => r.interpreter === 'pypy3')!;
    assert.equal(row.status, 'skipped');
    assert.ok(report.errors.some((e) => e.run === row.id && e.type === pypy.import!.error!.type));
    const costs = report.recommendation.reasons.some((r) => /does not load under pypy3.*numpy/.test(r));
    assert.ok(costs, 'the verdict says what switching costs');
    assert.equal(report.recommendation.interpreter, '/usr/bin/python3'.split('/').pop());
  });

  test('a module that imports under no interpreter is the user\'s error (exit 2), as with one', async () => {
    const target = `${fixture('needs_missing_module.py')}:work`;
    const res = await runCli(['profile', target, '--python', 'python3,pypy3', ...FAST], { json: false });
    assert.equal(res.code, 2, res.stderr);
    // One error line (a "waiting for another profile" line may come first on a shared machine).
    const errors = res.stderr.split('\n').filter((l) => l.startsWith('error: '));
    assert.equal(errors.length, 1, res.stderr);
    assert.match(errors[0], /^error: ModuleNotFoundError: .*parprof_no_such_module/);
    assert.deepEqual(res.leftovers, []);
  });

  test('different return values are not an error, but the report says they differ', async () => {
    const report = await compare('python3,pypy3', 'which_implementation');
    const previews = report.interpreters!.map((i) => i.results!.preview);
    assert.deepEqual(previews, ["'CPython'", "'PyPy'"]);
    const w = report.warnings.find((x) => x.code === 'results-differ')!;
    assert.match(w.message, /python3 returned 'CPython'; pypy3 returned 'PyPy'/);
    assert.ok(report.recommendation.reasons.some((r) => /return values differ/.test(r)));
  });
});

describe('--python auto', () => {
  test('profiles every Python 3 on PATH once, a shadowed python3 too, and leaves out what does not run', async () => {
    // A PATH of our own, with real interpreters under several names: python3 twice (a link and its target's
    // versioned name), pypy3, a Python 2 and a shim that cannot run; later on PATH, another python3 it shadows
    // (pyenv's, when this machine has one). Auto must keep each interpreter once.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-auto-'));
    const bin = path.join(dir, 'bin');
    const shadowed = path.join(dir, 'later');
    fs.mkdirSync(bin);
    fs.mkdirSync(shadowed);
    const system = fs.realpathSync('/usr/bin/python3');
    const other = [path.join(os.homedir(), '.pyenv/versions/3.11.7/bin/python3.11')].find((p) => fs.existsSync(p));
    fs.symlinkSync('/usr/bin/pypy3', path.join(bin, 'pypy3'));
    fs.symlinkSync(system, path.join(bin, 'python3'));
    fs.symlinkSync(system, path.join(bin, path.basename(system)));
    if (fs.existsSync(PYTHON2)) fs.symlinkSync(PYTHON2, path.join(bin, 'python3.2'));
    const shim = '#!/bin/sh\necho "pyenv: python3.12: command not found" >&2\nexit 127\n';
    fs.writeFileSync(path.join(bin, 'python3.12'), shim, { mode: 0o755 });
    if (other) fs.symlinkSync(other, path.join(shadowed, 'python3'));
    const target = `${fixture('interpreters.py')}:add_up`;
    const res = await runCli(['profile', target, '--args', TASKS, '--python', 'auto', ...FAST], {
      // Only our folders: what this machine's own PATH holds must not change what the test expects.
      env: { PATH: `${bin}${path.delimiter}${shadowed}` },
    });
    try {
      assert.equal(res.code, 0, res.stderr);
      assert.deepEqual(res.leftovers, []);
      const list = res.report!.interpreters!;
      const executables = list.map((i) => fs.realpathSync(i.environment!.interpreter));
      const found = executables.join(', ');
      assert.equal(list[0].requested, path.join(bin, 'python3'), `python3 first, the reference: ${found}`);
      assert.equal(list[0].environment!.implementation, 'CPython');
      assert.ok(list.some((i) => i.environment?.implementation === 'PyPy'), 'pypy3');
      if (other) assert.ok(executables.includes(fs.realpathSync(other)), `the shadowed python3 on PATH: ${found}`);
      assert.equal(new Set(executables).size, executables.length, 'each interpreter once');
      assert.equal(list.length, other ? 3 : 2, `python3, pypy3${other ? ' and the shadowed python3' : ''}: ${found}`);
      assert.ok(list.every((i) => i.status === 'ok'));
      const leftOut = res.report!.warnings.find((w) => w.code === 'interpreters-left-out')!;
      if (fs.existsSync(PYTHON2)) assert.match(leftOut.message, /python3\.2 \(CPython 2\.7\.18 is not Python 3\)/);
      assert.match(leftOut.message, /python3\.12 \(it said "pyenv: python3\.12: command not found"\)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
