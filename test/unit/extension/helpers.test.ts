/** The extension's pure helpers: the argument box, settings, the text scan and the discovery cache. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import type { FunctionInfo } from '../../../src/engine/languages/discover';
import { argsPrompt, documentedArgs, quickCheckArgs } from '../../../src/extension/profiling/argsInput';
import { settingsFromValues } from '../../../src/extension/profiling/profileSettings';
import { FunctionIndex } from '../../../src/extension/lenses/functionIndex';
import { scanTopLevelFunctions } from '../../../src/extension/lenses/textFunctions';
import { formatSpeedup, relativeTime, verdictText } from '../../../src/extension/history/verdictText';
import { interpretersToProfile } from '../../../src/extension/profiling/profileSettings';

const ROOT = resolve(__dirname, '..', '..', '..');

describe('task-argument input', () => {
  const sumRange = { name: 'sum_range', params: ['start', 'stop'] };
  const idle = { name: 'idle_task', params: [] };

  test('prefers the last run, then the expression the file documents, then empty', () => {
    assert.equal(argsPrompt(sumRange, '[(0, 1)]', 8, '[(2, 3)]').value, '[(0, 1)]');
    assert.equal(argsPrompt(sumRange, undefined, 8, '[(2, 3)]').value, '[(2, 3)]');
    assert.equal(argsPrompt(idle, null, 8, 'X').value, '', 'a last run with no arguments stays empty');
    assert.equal(argsPrompt(sumRange, undefined, 8).value, '');
  });

  test('builds the placeholder from the parameter names; zero-argument functions say empty = N calls', () => {
    assert.equal(argsPrompt(sumRange, undefined, 8).placeHolder, 'e.g. [(start, stop), …]');
    assert.match(argsPrompt(sumRange, undefined, 8).prompt, /sum_range\(start, stop\).*\(start, stop\) tuple per task/);
    assert.equal(argsPrompt({ name: 'busy_wait', params: ['n'] }, undefined, 8).placeHolder, 'e.g. [n_1, n_2, …]');
    assert.equal(argsPrompt(idle, undefined, 12).placeHolder, 'empty: idle_task() × 12');
    assert.match(argsPrompt(idle, undefined, 12).prompt, /leave empty to call it 12 times/);
  });

  test('finds the expressions the examples document (read, never run)', () => {
    const read = (f: string) => readFileSync(resolve(ROOT, 'examples', f), 'utf8');
    assert.equal(documentedArgs(read('sum_range.py'), 'sum_range'), '[(i*12_500_000, (i+1)*12_500_000) for i in range(8)]');
    assert.equal(documentedArgs(read('busy_wait.py'), 'busy_wait'), 'TASKS');
    assert.equal(documentedArgs(read('hash_blocks.py'), 'digest'), 'TASKS');
    assert.equal(documentedArgs(read('tiny_tasks.py'), 'add_one'), '[(i,) for i in range(2000)]');
    assert.equal(documentedArgs(read('sum_range.py'), 'sum'), undefined, 'a prefix of another name does not match');
    assert.equal(documentedArgs('x = 1', 'f'), undefined);
  });

  test('the quick check catches only what is surely wrong', () => {
    assert.match(quickCheckArgs('', sumRange)!, /sum_range takes \(start, stop\)/);
    assert.equal(quickCheckArgs('', idle), undefined);
    assert.equal(quickCheckArgs('[(i, i+1) for i in range(8)]', sumRange), undefined);
    assert.equal(quickCheckArgs('TASKS', sumRange), undefined);
    assert.equal(quickCheckArgs('[("a)", \'[\')]', sumRange), undefined, 'brackets inside strings do not count');
    assert.match(quickCheckArgs('[(1, 2]', sumRange)!, /Unbalanced/);
    assert.match(quickCheckArgs('[(1, 2)', sumRange)!, /Missing closing/);
    assert.match(quickCheckArgs('["abc]', sumRange)!, /Unterminated/);
  });
});

describe('settings', () => {
  test('empty lists and zeros mean "engine default"; junk is dropped', () => {
    const empty = { strategies: [], workers: [], tasks: 0, repeats: 0, budget: 60, timeout: 30, samplerHz: 0 };
    assert.deepEqual(settingsFromValues(empty), {
      strategies: undefined, workers: undefined, tasks: undefined, repeats: undefined,
      budget: 60, timeout: 30, samplerHz: 0,
    });
    const s = settingsFromValues({ strategies: ['threads', 'nonsense', 'serial'], workers: [4, 1, 4, -2, 2.5], tasks: 16, repeats: 3, budget: -1, timeout: 'x', samplerHz: -5 });
    assert.deepEqual(s.strategies, ['threads', 'serial']);
    assert.deepEqual(s.workers, [1, 4]);
    assert.equal(s.tasks, 16);
    assert.equal(s.repeats, 3);
    assert.equal(s.budget, undefined);
    assert.equal(s.timeout, undefined);
    assert.equal(s.samplerHz, undefined);
  });
});

describe('verdict texts', () => {
  test('relative times and speedups', () => {
    const now = Date.UTC(2025, 0, 1);
    assert.equal(relativeTime(new Date(now - 5_000), now), 'just now');
    assert.equal(relativeTime(new Date(now - 42_000), now), '42 s ago');
    assert.equal(relativeTime(new Date(now - 3 * 60_000), now), '3 min ago');
    assert.equal(relativeTime(new Date(now - 5 * 3600_000).toISOString(), now), '5 h ago');
    assert.equal(relativeTime(new Date(now - 3 * 86400_000), now), '3 d ago');
    assert.equal(formatSpeedup(1.94), '1.9×');
    assert.equal(verdictText({ strategy: 'processes', workers: 2, expectedSpeedup: 1.9 }), 'processes ×2 → 1.9× faster');
    assert.equal(verdictText({ strategy: 'threads', workers: 4, expectedSpeedup: 1.01 }), 'threads ×4 → no faster');
  });

  test('a comparison of interpreters names the one the verdict is for', () => {
    type Strategy = 'serial' | 'processes';
    const text = (strategy: Strategy, workers: number, expectedSpeedup: number, recommendedInterpreter: string) =>
      verdictText({ strategy, workers, expectedSpeedup, recommendedInterpreter });
    assert.equal(text('serial', 1, 12.6, 'pypy3'), 'pypy3 serial → 13× faster');
    assert.equal(text('processes', 2, 1.9, 'python3'), 'python3 processes ×2 → 1.9× faster');
    assert.equal(text('serial', 1, 1, 'python3'), 'python3: serial is fastest');
  });
});

describe('interpreters to profile', () => {
  test('the selected interpreter alone, or first (the reference) followed by the extras, each once', () => {
    assert.equal(interpretersToProfile('/venv/bin/python', []), '/venv/bin/python');
    assert.equal(interpretersToProfile('/venv/bin/python', [' ', '/venv/bin/python']), '/venv/bin/python');
    const list = interpretersToProfile('/venv/bin/python', ['pypy3', ' pypy3 ', 'auto']);
    assert.deepEqual(list, ['/venv/bin/python', 'pypy3', 'auto']);
  });
});

describe('restricted-mode text scan', () => {
  test('finds top-level defs (async too), skips docstrings and nested defs, ends before the next top-level code', () => {
    const text = [
      '"""Module.',
      'def not_a_function(): a docstring line',
      '"""',
      'import os',
      '',
      '@decorator',
      'def first(a, b: int = 2, *args, **kw):',
      '    def inner():',
      '        pass',
      '    return a',
      '',
      '',
      'async def second():',
      '    await x',
      '# trailing comment',
      'if __name__ == "__main__":',
      '    first(1)',
    ].join('\n');
    assert.deepEqual(scanTopLevelFunctions(text), [
      { name: 'first', line: 7, endLine: 10, params: ['a', 'b', '*args', '**kw'], isAsync: false },
      { name: 'second', line: 13, endLine: 14, params: [], isAsync: true },
    ]);
  });

  test('agrees with the examples\' function names', () => {
    const names = scanTopLevelFunctions(readFileSync(resolve(ROOT, 'examples/sum_range.py'), 'utf8')).map((f) => [f.name, f.line]);
    assert.deepEqual(names, [['sum_range', 10]]);
  });
});

describe('FunctionIndex', () => {
  const info = (name: string): FunctionInfo => ({ name, line: 1, endLine: 2, params: [], isAsync: false });

  test('caches per stamp and shares in-flight requests', async () => {
    let calls = 0;
    const index = new FunctionIndex(async () => {
      calls++;
      return [info('a')];
    });
    const [x, y] = await Promise.all([index.get('/f.py', 'v1', 'python3'), index.get('/f.py', 'v1', 'python3')]);
    assert.deepEqual(x, y);
    assert.equal(calls, 1);
    await index.get('/f.py', 'v2', 'python3');
    assert.equal(calls, 2);
  });

  test('keeps the last good answer while the file does not parse', async () => {
    let broken = false;
    const logged: string[] = [];
    const index = new FunctionIndex(async () => {
      if (broken) throw new Error('SyntaxError in /f.py:3');
      return [info('a')];
    }, (l) => logged.push(l));
    assert.deepEqual((await index.get('/f.py', 'v1', 'p')).map((f) => f.name), ['a']);
    broken = true;
    assert.deepEqual((await index.get('/f.py', 'v2', 'p')).map((f) => f.name), ['a']);
    assert.match(logged[0]!, /SyntaxError/);
    broken = false;
    assert.deepEqual((await index.get('/f.py', 'v2', 'p')).map((f) => f.name), ['a'], 'a failed stamp is retried, not cached');
  });

  test('parses unsaved text from a private temp copy, removed afterwards', async () => {
    const seen: string[] = [];
    const index = new FunctionIndex(async (file) => {
      seen.push(readFileSync(file, 'utf8'));
      return [info('dirty')];
    });
    assert.deepEqual((await index.get('/w/f.py', 'v9', 'p', 'def dirty(): pass\n')).map((f) => f.name), ['dirty']);
    assert.deepEqual(seen, ['def dirty(): pass\n']);
    await index.dispose();
  });
});
