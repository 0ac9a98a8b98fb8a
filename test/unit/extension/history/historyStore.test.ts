/**
 * The history store on a real file system: append, read, corrupt and partial lines, crashes mid-write, delete, re-open.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Report } from '../../../../src/contracts/report';
import { HistoryStore, summarise } from '../../../../src/extension/history/historyStore';
import { writeFileAtomic } from '../../../../src/engine/platform/atomicWrite';

const FIXTURE = resolve(__dirname, '..', '..', '..', 'fixtures', 'reports', 'sum_range.json');
const base = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Report;
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'pp-history-'));
  dirs.push(d);
  return join(d, 'store'); // not created yet: the store creates it on first write
}

/** A report of `fn` profiled `minutesAgo` minutes ago. */
function report(fn = 'sum_range', minutesAgo = 0, file = '/w/examples/sum_range.py'): Report {
  return {
    ...base,
    createdAt: new Date(Date.UTC(2025, 0, 1, 12, 0) - minutesAgo * 60_000).toISOString(),
    target: { ...base.target, function: fn, file },
  };
}

function collect(): { store: (dir: string) => HistoryStore; warnings: string[] } {
  const warnings: string[] = [];
  return { store: (dir) => new HistoryStore(dir, (w) => warnings.push(w)), warnings };
}

describe('summaries of a comparison of interpreters', () => {
  // Measured on this machine: examples/sum_range.py under python3 (CPython 3.11.7) and pypy3 (PyPy 3.9.16).
  const compared = JSON.parse(readFileSync(resolve(FIXTURE, '..', 'sum_range_python3_pypy3.json'), 'utf8')) as Report;

  test('name every interpreter and the one the verdict is for', () => {
    const s = summarise(compared);
    assert.equal(s.interpreter, 'python3: CPython 3.11.7, pypy3: PyPy 3.9.16');
    assert.equal(s.recommendedInterpreter, compared.recommendation.interpreter);
    const reference = compared.runs.find((r) => r.id === 'python3/serial')!;
    assert.equal(s.serialWall, reference.wall.median, 'the reference serial run');
  });

  test('a single-interpreter summary is unchanged: no recommendedInterpreter', () => {
    assert.equal('recommendedInterpreter' in summarise(base), false);
  });
});

describe('HistoryStore', () => {
  test('an empty store lists nothing and creates no files', async () => {
    const dir = tempDir();
    assert.deepEqual(await new HistoryStore(dir).list(), []);
    assert.throws(() => statSync(dir));
  });

  test('add then list: newest first, with summary, commit and a readable full report (mode 0600)', async () => {
    const dir = tempDir();
    const store = new HistoryStore(dir);
    const older = await store.add(report('sum_range', 10), { commit: 'a'.repeat(40), sourceHash: 'h1' });
    const newer = await store.add(report('sum_range', 1), { sourceHash: 'h2' });
    const list = await store.list();
    assert.deepEqual(list.map((e) => e.id), [newer.id, older.id]);
    assert.equal(list[1]!.commit, 'a'.repeat(40));
    assert.equal(list[1]!.sourceHash, 'h1');
    assert.equal(list[0]!.args, base.target.args);
    assert.deepEqual(list[0]!.summary, summarise(base));
    assert.equal(list[0]!.summary.strategy, 'processes');
    const full = await store.loadReport(list[1]!);
    assert.equal(full.commit, 'a'.repeat(40), 'the commit is written into the stored report too');
    assert.equal(full.runs.length, base.runs.length);
    if (process.platform !== 'win32') {
      assert.equal(statSync(join(dir, list[0]!.reportPath)).mode & 0o777, 0o600);
      assert.equal(statSync(join(dir, 'history.jsonl')).mode & 0o777, 0o600);
    }
    assert.deepEqual(readdirSync(join(dir, 'reports')).filter((f) => f.includes('.tmp-')), [], 'no temp files left');
  });

  test('previous, forFunction and latestByFunction follow file and function', async () => {
    const store = new HistoryStore(tempDir());
    const a1 = await store.add(report('a', 30));
    const b1 = await store.add(report('b', 20));
    const a2 = await store.add(report('a', 10));
    await store.add(report('a', 5, '/w/other.py'));
    assert.deepEqual((await store.forFunction('/w/examples/sum_range.py', 'a')).map((e) => e.id), [a2.id, a1.id]);
    assert.equal((await store.previous(a2))?.id, a1.id);
    assert.equal(await store.previous(a1), undefined);
    const latest = await store.latestByFunction('/w/examples/sum_range.py');
    assert.deepEqual([...latest].map(([fn, e]) => [fn, e.id]), [['a', a2.id], ['b', b1.id]]);
  });

  test('survives re-opening: a new store object on the same directory sees everything', async () => {
    const dir = tempDir();
    const first = new HistoryStore(dir);
    const e = await first.add(report());
    const again = new HistoryStore(dir);
    assert.deepEqual((await again.list()).map((x) => x.id), [e.id]);
    assert.equal((await again.loadReport(e)).target.function, 'sum_range');
  });

  test('a corrupt line is skipped with a warning; every other entry stays', async () => {
    const dir = tempDir();
    const { store, warnings } = collect();
    const s = store(dir);
    const e1 = await s.add(report('one', 3));
    appendFileSync(join(dir, 'history.jsonl'), '{"kind":"run","id":"broken", this is not json\n');
    appendFileSync(join(dir, 'history.jsonl'), '{"kind":"something-else"}\n');
    const e2 = await s.add(report('two', 1));
    const list = await store(dir).list();
    assert.deepEqual(list.map((e) => e.id), [e2.id, e1.id]);
    assert.equal(warnings.length, 2, warnings.join('\n'));
    assert.match(warnings[0]!, /line 2/);
  });

  test('a write cut off mid-line (crash) loses only that line, and the next append starts on a fresh line', async () => {
    const dir = tempDir();
    const { store, warnings } = collect();
    const s = store(dir);
    const kept = await s.add(report('kept', 5));
    const cut = await s.add(report('cut', 4));
    const file = join(dir, 'history.jsonl');
    const size = statSync(file).size;
    truncateSync(file, size - 40); // the last line loses its end and its newline
    assert.deepEqual((await store(dir).list()).map((e) => e.id), [kept.id]);
    const next = await store(dir).add(report('next', 1));
    const list = await store(dir).list();
    assert.deepEqual(list.map((e) => e.id), [next.id, kept.id], 'the new entry was glued onto the partial line');
    assert.ok(warnings.length >= 1);
    assert.ok(!list.some((e) => e.id === cut.id));
  });

  test('a history file that is entirely garbage yields no entries, not an exception', async () => {
    const dir = tempDir();
    const { store, warnings } = collect();
    await store(dir).add(report());
    writeFileSync(join(dir, 'history.jsonl'), '\u0000\u0000garbage\n{{{\n');
    assert.deepEqual(await store(dir).list(), []);
    assert.equal(warnings.length, 2);
  });

  test('delete appends a tombstone, removes the report file, and holds after re-opening', async () => {
    const dir = tempDir();
    const s = new HistoryStore(dir);
    const keep = await s.add(report('keep', 2));
    const gone = await s.add(report('gone', 1));
    let changes = 0;
    const off = s.onDidChange(() => changes++);
    await s.delete(gone.id);
    off();
    assert.equal(changes, 1);
    assert.deepEqual((await new HistoryStore(dir).list()).map((e) => e.id), [keep.id]);
    assert.throws(() => statSync(join(dir, gone.reportPath)));
    const lines = readFileSync(join(dir, 'history.jsonl'), 'utf8').trim().split('\n');
    assert.equal(lines.length, 3, 'delete appends; nothing is rewritten in place');
    assert.equal(JSON.parse(lines[2]!).kind, 'delete');
  });

  test('a report path outside the store is refused', async () => {
    const dir = tempDir();
    const s = new HistoryStore(dir);
    const e = await s.add(report());
    await assert.rejects(s.loadReport({ ...e, reportPath: '../../etc/passwd' }), /outside/);
  });

  test('concurrent adds from one store never interleave', async () => {
    const dir = tempDir();
    const s = new HistoryStore(dir);
    await Promise.all(Array.from({ length: 25 }, (_, i) => s.add(report(`f${i}`, i))));
    const { store, warnings } = collect();
    assert.equal((await store(dir).list()).length, 25);
    assert.deepEqual(warnings, []);
  });

  test('writeFileAtomic replaces whole files and leaves no temp file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-atomic-'));
    dirs.push(dir);
    const f = join(dir, 'x.json');
    await writeFileAtomic(f, 'one');
    await writeFileAtomic(f, 'two');
    assert.equal(readFileSync(f, 'utf8'), 'two');
    assert.deepEqual(readdirSync(dir), ['x.json']);
  });

  test('a writer killed mid-write, again and again, never costs an earlier entry', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const writer = resolve(__dirname, 'support', 'historyWriter.ts');
    let listedBefore = 0;
    for (let round = 0; round < 8; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', writer, dir, FIXTURE], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((res, rej) => {
        child.stdout.once('data', () => res());
        child.once('exit', (code) => rej(new Error(`writer exited early with ${code}`)));
      });
      // Let it write for a while, then kill it without warning at an arbitrary moment.
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 250));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const { store, warnings } = collect();
      const list = await store(dir).list();
      assert.ok(list.length >= listedBefore, `round ${round}: entries were lost (${list.length} < ${listedBefore})`);
      // Every listed entry's report is complete: reports are written before their line, atomically.
      for (const e of list) assert.equal((await store(dir).loadReport(e)).target.function, 'sum_range');
      assert.ok(warnings.length <= round + 1, `round ${round}: more than one partial line per crash: ${warnings.join('; ')}`);
      listedBefore = list.length;
    }
    assert.ok(listedBefore > 8, `the writer wrote too little to test anything (${listedBefore})`);
    // The crashes left tmp files; a new session sweeps the old ones (backdated here) and leaves finished reports alone.
    const reports = join(dir, 'reports');
    const tmps = readdirSync(reports).filter((f) => f.includes('.tmp-'));
    const old = new Date(Date.now() - 2 * 3_600_000);
    for (const t of tmps) utimesSync(join(reports, t), old, old);
    // The store still takes new entries after all that.
    const last = await new HistoryStore(dir).add({ ...report('sum_range'), createdAt: new Date(Date.now() + 86_400_000).toISOString() });
    assert.equal((await new HistoryStore(dir).list())[0]!.id, last.id);
    await new Promise((r) => setTimeout(r, 100)); // the sweep runs beside the add
    assert.deepEqual(readdirSync(reports).filter((f) => f.includes('.tmp-')), [], `tmp files left: ${tmps.length} before`);
    for (const e of await new HistoryStore(dir).list()) assert.ok(readdirSync(reports).includes(e.reportPath.replace('reports/', '')));
  });
});
