/**
 * "Insert below function" plans its change before touching the file: imports only at the top and only the missing
 * ones, no second `if __name__ == "__main__":` guard, no redefinition of the module's own names, definitions below
 * the names the tasks read. The planned module is then run by a real Python, so "runnable" is checked, not assumed.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Target } from '../../../../src/contracts/report';
import { pythonSnippet } from '../../../../src/engine/languages/python/snippet';
import { pythonFreeNames } from '../../../../src/engine/languages/python/freeNames';
import { applyPlan, planInsertion } from '../../../../src/extension/panel/insertPlan';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const SUM_RANGE = readFileSync(join(ROOT, 'examples', 'sum_range.py'), 'utf8');
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const GUARD = /^if __name__ == ["']__main__["']:/gm;
const target = (fn: string, args: string, file = '/w/mod.py'): Target =>
  ({ language: 'python', file, function: fn, args, tasks: 2, isAsync: false }) as Target;

/** The module text after planning `strategy`'s in-module snippet below `fn` (ending on line `endLine`). */
function inserted(text: string, fn: string, endLine: number, args: string, strategy: 'processes' | 'threads' | 'serial' = 'processes') {
  const snippet = pythonSnippet({ strategy, workers: 2, chunksize: 1 }, target(fn, args), 'inModule');
  const plan = planInsertion({ text, fn, endLine, argNames: pythonFreeNames(args) }, snippet);
  return { plan, text: applyPlan(text, plan) };
}

/** Runs `code` with the module saved as mod.py beside it; returns stdout. */
function runPython(module: string, code: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pp-insert-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'mod.py'), module);
  return execFileSync('python3', ['-c', code], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
}

/** 1-based line numbers of column-0 import statements. */
const importLines = (text: string) => text.split('\n').flatMap((l, i) => (/^(import|from) /.test(l) ? [i + 1] : []));
const firstDef = (text: string) => text.split('\n').findIndex((l) => /^def /.test(l)) + 1;

describe('insert below function: the plan', () => {
  test('a module with its own main guard gets no second one, and a comment to call main() from it', () => {
    const { plan, text } = inserted(SUM_RANGE, 'sum_range', 15, '[(0, 1000), (1000, 2000)]');
    assert.equal(text.match(GUARD)?.length, 1, text);
    assert.match(text, /# To run it, call main\(\) from this module's own `if __name__ == "__main__":` block below/);
    assert.ok(plan.notes.some((n) => /already has an if __name__ == "__main__": block \(line 18\)/.test(n)), plan.notes.join('\n'));
    assert.equal(plan.edits.filter((e) => e.part === 'guard').length, 0);
  });

  test('imports go to the top, after the module docstring, never mid-file', () => {
    const { text } = inserted(SUM_RANGE, 'sum_range', 15, '[(0, 1000), (1000, 2000)]');
    const imports = importLines(text);
    assert.deepEqual(imports.length, 1);
    assert.ok(imports[0]! < firstDef(text), `import on line ${imports[0]}, first def on line ${firstDef(text)}`);
    assert.match(text, /"""\n\nfrom concurrent\.futures import ProcessPoolExecutor\n/);
  });

  test('the definitions sit right below the function, which keeps its own text', () => {
    const { plan, text } = inserted(SUM_RANGE, 'sum_range', 15, '[(0, 1000), (1000, 2000)]');
    const lines = text.split('\n');
    assert.match(lines[plan.definitionsLine]!, /^# Processes, 2 workers/);
    assert.equal(lines[plan.definitionsLine - 3], '    return total');
    assert.ok(text.includes(SUM_RANGE.slice(SUM_RANGE.indexOf('def sum_range'), SUM_RANGE.indexOf('if __name__'))));
  });

  test('the planned module runs: importing it has no side effects, and main() maps the tasks on a process pool', () => {
    const { text } = inserted(SUM_RANGE, 'sum_range', 15, '[(0, 1000), (1000, 2000)]');
    const out = runPython(text, 'import mod\nprint(mod.main())');
    assert.equal(out.trim(), '[499500, 1499500]');
  });

  test('without a guard the module gets one at its end, below every later function, and running the file works', () => {
    const module = ['def work(n):', '    return helper(n) * 2', '', '', 'def helper(n):', '    return n + 1', ''].join('\n');
    const { plan, text } = inserted(module, 'work', 2, '[1, 2, 3]', 'threads');
    const lines = text.split('\n');
    const guardAt = lines.findIndex((l) => GUARD.test(l));
    GUARD.lastIndex = 0;
    assert.ok(guardAt > lines.indexOf('def helper(n):'), text);
    assert.equal(text.match(GUARD)?.length, 1);
    assert.ok(plan.notes.some((n) => /goes at the end of the module/.test(n)));
    const out = runPython(text, 'import runpy\nrunpy.run_path("mod.py", run_name="__main__")');
    assert.match(out, /^3 results; first: \[4\]/);
  });

  test('names the module already defines are not redefined: main becomes main_parallel, everywhere', () => {
    const module = ['import os', '', 'def main():', '    return "mine"', '', '', 'def square(x):', '    return x * x', ''].join('\n');
    const { plan, text } = inserted(module, 'square', 8, '[2, 3]', 'serial');
    assert.match(text, /^def main\(\):\n {4}return "mine"$/m);
    assert.match(text, /^def main_parallel\(\):/m);
    assert.match(text, /results = main_parallel\(\)/);
    assert.ok(plan.notes.some((n) => n.includes('main → main_parallel')));
    assert.equal(runPython(text, 'import mod\nprint(mod.main(), mod.main_parallel())').trim(), "mine [4, 9]");
  });

  test('an import the module already has is not added again; a missing name joins the top block', () => {
    const module = ['"""Doc."""', 'from concurrent.futures import ProcessPoolExecutor', 'import math', '', '',
      'def f(x):', '    return math.sqrt(x)', ''].join('\n');
    assert.deepEqual(importLines(inserted(module, 'f', 7, '[4.0]').text), [2, 3], 'nothing added');
    const { text } = inserted(module, 'f', 7, '[4.0]', 'threads');
    assert.deepEqual(importLines(text), [2, 3, 4]);
    assert.match(text, /^import math\nfrom concurrent\.futures import ThreadPoolExecutor$/m);
  });

  test('tasks that read a name defined further down put the definitions below it, still above the guard', () => {
    const module = ['def f(x):', '    return x', '', '', 'SIZES = [1, 2]', '', '', 'if __name__ == "__main__":',
      '    print(f(1))', ''].join('\n');
    const { plan, text } = inserted(module, 'f', 2, 'SIZES', 'serial');
    const lines = text.split('\n');
    assert.ok(lines.findIndex((l) => l.startsWith('TASKS')) > lines.indexOf('SIZES = [1, 2]'));
    assert.ok(lines.findIndex((l) => l.startsWith('TASKS')) < lines.findIndex((l) => l.startsWith('if __name__')));
    assert.ok(plan.notes.some((n) => /below SIZES/.test(n)));
    assert.equal(runPython(text, 'import mod\nprint(mod.main())').trim(), '[1, 2]');
  });

  test('a module with only a comment header gets its imports below that header', () => {
    const module = ['#!/usr/bin/env python3', '# -*- coding: utf-8 -*-', 'def f(x):', '    return x'].join('\n');
    const { text } = inserted(module, 'f', 4, '[1]', 'threads');
    const lines = text.split('\n');
    assert.deepEqual(lines.slice(0, 4), ['#!/usr/bin/env python3', '# -*- coding: utf-8 -*-', '', 'from concurrent.futures import ThreadPoolExecutor']);
    assert.match(runPython(text, 'import runpy\nrunpy.run_path("mod.py", run_name="__main__")'), /^1 results; first: \[1\]/);
  });

  test('counts the lines it adds', () => {
    const { plan, text } = inserted(SUM_RANGE, 'sum_range', 15, '[(0, 1)]');
    assert.equal(text.split('\n').length - SUM_RANGE.split('\n').length, plan.lines);
  });
});
