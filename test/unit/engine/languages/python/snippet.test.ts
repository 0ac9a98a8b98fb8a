import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StrategyName, Target } from '../../../../../src/contracts/report';
import { pythonFreeNames } from '../../../../../src/engine/languages/python/freeNames';
import { moduleName, pythonSnippet } from '../../../../../src/engine/languages/python/snippet';
import { SNIPPET_WRITERS, snippetFor } from '../../../../../src/engine/languages/snippet';

const PYTHON = process.env.PYTHON ?? 'python3';

/** Parse with the real interpreter; throws with Python's message when the snippet is not valid Python. */
function assertParses(code: string): void {
  execFileSync(PYTHON, ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: code, stdio: ['pipe', 'pipe', 'pipe'] });
}

const target = (over: Partial<Target> = {}): Target => ({
  language: 'python', file: '/home/me/project/examples/sum_range.py', function: 'sum_range',
  args: '[(i*12_500_000, (i+1)*12_500_000) for i in range(8)]', tasks: 8, isAsync: false, ...over,
});

describe('moduleName', () => {
  it('is the file stem, for either path separator', () => {
    assert.equal(moduleName('/a/b/sum_range.py'), 'sum_range');
    assert.equal(moduleName('C:\\work\\busy_wait.py'), 'busy_wait');
  });
});

describe('pythonSnippet: paste-ready code for the chosen strategy', () => {
  it('processes: imports the function, ProcessPoolExecutor with max_workers and chunksize, and the main guard', () => {
    const code = pythonSnippet({ strategy: 'processes', workers: 2, chunksize: 3 }, target());
    assert.match(code, /^from sum_range import sum_range$/m);
    assert.match(code, /^TASKS = \[\(i\*12_500_000, \(i\+1\)\*12_500_000\) for i in range\(8\)\]$/m);
    assert.match(code, /with ProcessPoolExecutor\(max_workers=2\) as pool:/);
    assert.match(code, /pool\.map\(run_task, CALLS, chunksize=3\)/);
    assert.match(code, /^if __name__ == "__main__":$/m);
    assert.match(code, /The guard is required/);
  });

  it('threads: ThreadPoolExecutor with max_workers', () => {
    const code = pythonSnippet({ strategy: 'threads', workers: 4, chunksize: 1 }, target());
    assert.match(code, /with ThreadPoolExecutor\(max_workers=4\) as pool:/);
    assert.doesNotMatch(code, /The guard is required/);
  });

  it('async: asyncio.gather bounded by a Semaphore, awaiting the coroutine function', () => {
    const code = pythonSnippet({ strategy: 'async', workers: 64, chunksize: 1 }, target({ function: 'fetch', isAsync: true }));
    assert.match(code, /limit = asyncio\.Semaphore\(64\)/);
    assert.match(code, /return await fetch\(\*args\)/);
    assert.match(code, /asyncio\.gather\(\*\(bounded\(args\) for args in CALLS\)\)/);
    assert.match(code, /results = asyncio\.run\(main\(\)\)/);
  });

  it('serial: a plain loop', () => {
    assert.match(pythonSnippet({ strategy: 'serial', workers: 1, chunksize: 1 }, target()), /return \[run_task\(args\) for args in CALLS\]/);
  });

  it('zero-argument functions: N empty calls, as profiled', () => {
    const code = pythonSnippet({ strategy: 'threads', workers: 2, chunksize: 1 }, target({ args: null, tasks: 5 }));
    assert.match(code, /^CALLS = \[\(\)\] \* 5$/m);
  });

  it('imports every module-level name the args expression reads (it was evaluated in the module namespace)', () => {
    const code = pythonSnippet({ strategy: 'serial', workers: 1, chunksize: 1 }, target({ args: '[(i, SIZE) for i in range(_COUNT)]' }));
    assert.match(code, /^from sum_range import sum_range, SIZE, _COUNT$/m);
  });

  it('loads a module whose stem is not an identifier through importlib', () => {
    const code = pythonSnippet({ strategy: 'serial', workers: 1, chunksize: 1 }, target({ file: 'my-tasks.py' }));
    assert.match(code, /_module = importlib\.import_module\("my-tasks"\)\nsum_range = _module\.sum_range/);
  });

  it('is valid Python for every strategy, with and without args, sync and async', () => {
    const strategies: StrategyName[] = ['serial', 'threads', 'processes', 'async', 'interpreters', 'dask'];
    for (const strategy of strategies) {
      for (const t of [target(), target({ args: null }), target({ isAsync: true }), target({ file: 'x/my-tasks.py', args: 'range(4)' })]) {
        const code = pythonSnippet({ strategy, workers: 4, chunksize: 2 }, t);
        assert.doesNotThrow(() => assertParses(code), `${strategy}: ${code}`);
        if (['processes', 'interpreters', 'dask'].includes(strategy)) assert.match(code, /^if __name__ == "__main__":$/m, strategy);
      }
    }
  });
});

describe('pythonSnippet runs for real', () => {
  function runIn(files: Record<string, string>, snippet: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'pp-snippet-'));
    try {
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      writeFileSync(join(dir, 'run_it.py'), snippet);
      return execFileSync(PYTHON, ['run_it.py'], { cwd: dir, encoding: 'utf8', timeout: 60_000 }).trim();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('processes snippet: imports the module, spreads tuples, reads module constants (underscore ones too)', () => {
    const module = 'SIZE = 1000\n_COUNT = 4\n\ndef total(start, n):\n    return sum(range(start, start + n))\n';
    const t = target({ file: 'work_mod.py', function: 'total', args: '[(i * SIZE, SIZE) for i in range(_COUNT)]', tasks: 4 });
    const out = runIn({ 'work_mod.py': module }, pythonSnippet({ strategy: 'processes', workers: 2, chunksize: 2 }, t));
    assert.equal(out, '4 results; first: [499500]');
  });

  it('async snippet: single values become the one argument of a coroutine function', () => {
    const module = 'import asyncio\n\nasync def fetch(x):\n    await asyncio.sleep(0.001)\n    return x * 2\n';
    const t = target({ file: 'net.py', function: 'fetch', args: 'list(range(5))', tasks: 5, isAsync: true });
    assert.equal(runIn({ 'net.py': module }, pythonSnippet({ strategy: 'async', workers: 3, chunksize: 1 }, t)), '5 results; first: [0]');
  });

  it('in-module placement: pasted below the function (the "Insert below function" action), it runs without importing itself', () => {
    const module = 'SIZE = 1000\n\ndef total(start, n):\n    return sum(range(start, start + n))\n';
    const t = target({ file: 'run_it.py', function: 'total', args: '[(i * SIZE, SIZE) for i in range(4)]', tasks: 4 });
    const snippet = pythonSnippet({ strategy: 'processes', workers: 2, chunksize: 1 }, t, 'inModule');
    assert.doesNotMatch(snippet, /^from run_it import/m);
    assert.equal(runIn({}, `${module}\n\n${snippet}`), '4 results; first: [499500]');
  });

  it('serial snippet from a file whose name is not an identifier, zero-argument calls', () => {
    const t = target({ file: 'my-tasks.py', function: 'answer', args: null, tasks: 3 });
    assert.equal(runIn({ 'my-tasks.py': 'def answer():\n    return 42\n' }, pythonSnippet({ strategy: 'serial', workers: 1, chunksize: 1 }, t)), '3 results; first: [42]');
  });
});

describe('pythonFreeNames agrees with Python\'s own symbol table', () => {
  const expressions = [
    '[(i*12_500_000, (i+1)*12_500_000) for i in range(8)]',
    '[(i, SIZE) for i in range(N)]',
    '[(x, y) for x in XS for y in YS if x != y]',
    'list(map(lambda v, w=SCALE: (v * w,), DATA))',
    "[(p.name, 'not a NAME', f'{PREFIX}-{i:>3}') for i, p in enumerate(PATHS)]",
    '[dict(key=k, value=TABLE[k]) for k in sorted(TABLE)]',
    '[(n := BASE + 1, n * 2)]',
    '[(math.sqrt(i),) for i in range(4)]',
    '[(i,) for i in range(3)] + EXTRA',
    "[b'bytes', r'raw\\d', \"\"\"triple 'q' UNUSED\"\"\", 0x1F, 1e-3, 2j, ...]",
    "[{'a': A, **OPTS}]",
    '[x[1:LIMIT] for x in ROWS]',
  ];
  const oracle = `
import builtins, json, symtable, sys
out = []
for expr in json.load(sys.stdin):
    names = set()
    def walk(t, top):
        for s in t.get_symbols():
            if (top and s.is_referenced() and not s.is_assigned()) or (not top and s.is_global()):
                names.add(s.get_name())
        for c in t.get_children():
            walk(c, False)
    walk(symtable.symtable(expr, "<args>", "eval"), True)
    out.append(sorted(n for n in names if not hasattr(builtins, n)))
print(json.dumps(out))`;
  it('on task-argument expressions with comprehensions, lambdas, strings, f-strings, walrus and keywords', () => {
    const expected = JSON.parse(execFileSync(PYTHON, ['-c', oracle], { input: JSON.stringify(expressions), encoding: 'utf8' })) as string[][];
    expressions.forEach((e, i) => assert.deepEqual([...pythonFreeNames(e)].sort(), expected[i], e));
  });
});

describe('snippets for other languages', () => {
  it('have a writer per language, so issue 4 can plug piscina in', () => {
    assert.deepEqual(Object.keys(SNIPPET_WRITERS).sort(), ['javascript', 'python', 'typescript']);
    const js = snippetFor({ strategy: 'threads', workers: 4, chunksize: 1 }, target({ language: 'javascript', file: 'work.js', function: 'work' }));
    assert.match(js, /^\/\/ Threads, 4 workers for work \(work\.js\)/);
  });
  it('dispatch Python targets to pythonSnippet', () => {
    const choice = { strategy: 'processes' as const, workers: 2, chunksize: 1 };
    assert.equal(snippetFor(choice, target()), pythonSnippet(choice, target()));
  });
});
