// End-to-end CLI runs on the JavaScript/TypeScript examples: the verdicts Node's model teaches (no GIL, one event loop
// per thread), from real piscina pools and forked processes. Ratios only: no absolute timings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as os from 'node:os';
import { runCli } from '../support/cli';
import { machineWasBusy, runTable } from '../support/busyMachine';
import type { Report, Run } from '../../src/contracts/report';

const cores = os.cpus().length;
const ok = (r: Report, strategy: string): Run[] => r.runs.filter((x) => x.strategy === strategy && x.status === 'ok' && x.repeats > 0);
const best = (r: Report, strategy: string) => Math.max(0, ...ok(r, strategy).map((x) => x.speedup));

function assertClean(res: Awaited<ReturnType<typeof runCli>>): Report {
  assert.equal(res.code, 0, `exit code 0 expected; stderr:\n${res.stderr}`);
  assert.deepEqual(res.leftovers, [], 'no runner, thread pool or child may outlive the CLI');
  assert.ok(res.report, 'the --json report was written');
  return res.report!;
}

test('CPU-bound JavaScript (fib.mjs): no GIL, so threads and processes both use several cores and beat serial', async (t) => {
  const r = assertClean(await runCli(['profile', 'examples/fib.mjs:fib', '--args', 'Array(8).fill([35])', '--workers', '1,2,4', '--budget', '40']));
  assert.equal(r.target.language, 'javascript');
  assert.equal(r.environment.implementation, 'Node.js');
  assert.equal(r.environment.gilEnabled, false);
  assert.equal(r.classification.kind, 'cpu-bound');
  assert.equal(r.classification.gilBound, false);
  assert.ok(r.runs.find((x) => x.strategy === 'interpreters')?.reason?.includes('not available for JavaScript'));
  for (const x of r.runs.filter((y) => y.status === 'ok' && y.repeats > 0)) assert.equal(x.tasks.length, 8, `${x.id} keeps all 8 tasks`);
  if (cores < 2) return t.diagnostic('one core: nothing can scale; checked only that it runs');
  const parallel = [...ok(r, 'threads'), ...ok(r, 'processes')].filter((x) => x.workers >= 2);
  // Worker threads are threads of the runner: the sampler lines them up with cores.
  if (process.platform === 'linux') assert.ok(r.cores.some((c) => c.segments.some((s) => s.run.startsWith('threads-'))), 'core segments for threads');
  if (machineWasBusy(t, r, [...ok(r, 'serial'), ...parallel])) return;
  assert.ok(Math.max(...parallel.map((x) => x.parallelism)) > 1.4, `two or more workers keep two cores busy\n${runTable(r)}`);
  assert.ok(Math.max(best(r, 'threads'), best(r, 'processes')) > 1.2, `best speedup ${best(r, 'threads')} / ${best(r, 'processes')}\n${runTable(r)}`);
  assert.ok(['threads', 'processes'].includes(r.recommendation.strategy), runTable(r));
  assert.ok(r.recommendation.workers >= 2, runTable(r));
  assert.match(r.recommendation.snippet, /new Piscina\(|fork\(/);
});

test('TypeScript (primes.ts) and CommonJS (sum_range.js) run under every strategy', async () => {
  const ts = assertClean(await runCli(['profile', 'examples/primes.ts:countPrimes', '--args', 'Array(4).fill([150_000])', '--workers', '2', '--budget', '20']));
  assert.equal(ts.target.language, 'typescript');
  assert.equal(ts.target.line, 15);
  const cjs = assertClean(await runCli(['profile', 'examples/sum_range.js:sum_range', '--args', 'Array.from({length: 4}, (_, i) => [i * 5e6, (i + 1) * 5e6])', '--workers', '2', '--budget', '20']));
  for (const r of [ts, cjs]) {
    // One plain configuration per strategy (a chunk-size or thread-limit variant of a pool may be measured beside it).
    for (const s of ['serial', 'threads', 'processes']) {
      assert.equal(ok(r, s).filter((x) => !x.variantOf).length, 1, `${r.target.function}: ${s} measured`);
    }
    assert.deepEqual(r.errors, []);
  }
});

test('I/O-bound async JavaScript (io_wait.mjs): one event loop overlaps the waits; async or threads win', async () => {
  const r = assertClean(await runCli(['profile', 'examples/io_wait.mjs:fetch', '--tasks', '32', '--budget', '40']));
  assert.equal(r.target.isAsync, true);
  assert.equal(r.classification.kind, 'io-bound');
  assert.ok(ok(r, 'async').length > 0, 'async strategy measured');
  assert.ok(best(r, 'async') > 3, `async speedup ${best(r, 'async')}`);
  assert.ok(['async', 'threads'].includes(r.recommendation.strategy), r.recommendation.headline);
  assert.ok(r.recommendation.expectedSpeedup > 3);
  if (r.recommendation.strategy === 'async') assert.match(r.recommendation.snippet, /const LIMIT = \d+/);
});

test('tiny JavaScript tasks: a worker round trip costs more than the work, so the answer is serial', async () => {
  const r = assertClean(await runCli(['profile', 'examples/tiny_tasks.mjs:add_one', '--args', 'Array.from({length: 2000}, (_, i) => i)', '--workers', '1,2', '--budget', '30']));
  assert.equal(r.recommendation.strategy, 'serial');
  assert.equal(r.classification.kind, 'overhead-bound');
  assert.ok(r.recommendation.reasons.join(' ').match(/\d/), 'the reason quotes numbers');
  for (const s of ['threads', 'processes']) assert.ok(ok(r, s).every((x) => x.speedup < 1), `${s} slower than serial on tiny tasks`);
});
