// The JavaScript/TypeScript snippets: they parse for every strategy, and the piscina and fork ones really run.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { transformSync } from 'esbuild';
import type { StrategyName, Target } from '../../../../../src/contracts/report';
import { importSpecifier, jsFreeNames, jsSnippet } from '../../../../../src/engine/languages/javascript/snippet';
import { snippetFor } from '../../../../../src/engine/languages/snippet';

const ROOT = resolve(__dirname, '..', '..', '..', '..', '..');
const target = (over: Partial<Target> = {}): Target => ({
  language: 'javascript', file: '/home/me/project/examples/fib.mjs', function: 'fib', args: '[[20], [21], [22], [23]]',
  tasks: 4, isAsync: false, ...over,
});
const STRATEGIES: StrategyName[] = ['serial', 'threads', 'processes', 'async'];

describe('jsSnippet', () => {
  it('parses as an ES module for every strategy, in JavaScript and TypeScript', () => {
    for (const strategy of STRATEGIES) {
      for (const t of [target(), target({ language: 'typescript', file: '/p/primes.ts', function: 'countPrimes', isAsync: true }), target({ args: null })]) {
        const code = jsSnippet({ strategy, workers: 3, chunksize: 2 }, t);
        assert.doesNotThrow(() => transformSync(code, { loader: t.language === 'typescript' ? 'ts' : 'js', format: 'esm' }), `${strategy}:\n${code}`);
      }
    }
  });

  it('threads: a piscina pool with minThreads = maxThreads = the recommended count; the file is its own worker', () => {
    const code = snippetFor({ strategy: 'threads', workers: 4, chunksize: 1 }, target());
    assert.match(code, /^\/\/ Threads, 4 workers for fib \(fib\.mjs\)/);
    assert.match(code, /new Piscina\(\{ filename: import\.meta\.url, minThreads: 4, maxThreads: 4/);
    assert.match(code, /export default function runTask\(args\)/);
    assert.match(code, /^import \{ fib \} from '\.\/fib\.mjs';$/m);
  });

  it('processes: child_process.fork with the chunk size; async: a bounded Promise.all; serial: a loop', () => {
    assert.match(jsSnippet({ strategy: 'processes', workers: 2, chunksize: 5 }, target()), /const CHUNKSIZE = 5;[\s\S]*fork\(/);
    assert.match(jsSnippet({ strategy: 'async', workers: 64, chunksize: 1 }, target({ isAsync: true })), /const LIMIT = 64;[\s\S]*await fib\(\.\.\.TASKS\[i\]\)/);
    assert.match(jsSnippet({ strategy: 'serial', workers: 1, chunksize: 1 }, target()), /for \(const args of TASKS\) results\.push\(fib\(\.\.\.args\)\)/);
  });

  it('imports TypeScript by its emitted name and reads module names the --args expression uses', () => {
    assert.equal(importSpecifier('/a/primes.ts'), './primes.js');
    assert.equal(importSpecifier('C:\\a\\x.mts'), './x.mjs');
    assert.deepEqual(jsFreeNames('Array.from({length: N}, (_, i) => [i * SIZE, Math.max(i, 1)])'), ['N', 'SIZE']);
    const code = jsSnippet({ strategy: 'serial', workers: 1, chunksize: 1 }, target({ args: 'Array(4).fill([N])' }));
    assert.match(code, /const \{ fib, N \} = mod;/);
  });

  it('runs: the threads and processes snippets compute the same results as the function', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-snippet-'));
    try {
      copyFileSync(join(ROOT, 'examples', 'fib.mjs'), join(dir, 'fib.mjs'));
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
      for (const strategy of ['threads', 'processes'] as const) {
        const file = join(dir, `parallel-${strategy}.mjs`);
        writeFileSync(file, jsSnippet({ strategy, workers: 2, chunksize: 2 }, target({ file: join(dir, 'fib.mjs') })));
        const out = execFileSync(process.execPath, [file], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
        assert.match(out, /^4 results; first: 6765$/m, `${strategy} printed: ${out}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
