// The Node runner (dist/nodeRunner.js) through the engine's own driver: the protocol, every strategy on real pools,
// TypeScript with source-mapped errors, and failures that must leave no thread or process behind.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RunnerProcess } from '../../src/engine/runners/driver';
import { nodeRunner } from '../../src/engine/runners/node';
import type { DoneEvent } from '../../src/contracts/runner';
import { discoverFunctions } from '../../src/engine/languages/discover';
import { ROOT, taggedProcesses } from '../support/cli';

const fx = (name: string) => path.join(ROOT, 'test', 'fixtures', 'node', name);
const example = (name: string) => path.join(ROOT, 'examples', name);
const TAG = randomUUID();
// Every runner, thread and child below inherits the tag, so survivors can be found in /proc afterwards.
process.env.PP_TEST_TAG = TAG;

/** Threads of a live process (Linux), or -1 elsewhere. */
function threadCount(pid: number): number {
  try {
    return Number(/^Threads:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
  } catch {
    return -1;
  }
}

/** Wait until the runner's thread count drops to at most `limit` (piscina's threads end asynchronously). */
async function threadsSettle(pid: number, limit: number): Promise<number> {
  const deadline = Date.now() + 3000;
  let n = threadCount(pid);
  while (n > limit && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    n = threadCount(pid);
  }
  return n;
}

async function start(log: string[] = [], workers: number[][] = []): Promise<RunnerProcess> {
  return RunnerProcess.start(nodeRunner(), { cwd: ROOT, log: (l) => log.push(l), onWorkers: (p) => workers.push(p) });
}

async function done(h: RunnerProcess, strategy: 'serial' | 'threads' | 'processes' | 'async', workers = 2, chunksize = 1, extra = {}): Promise<DoneEvent> {
  const out = await h.run({ id: `${strategy}-${workers}`, strategy, workers, chunksize, ...extra }, 60);
  assert.equal(out.kind, 'done', JSON.stringify(out).slice(0, 500));
  return (out as { event: DoneEvent }).event;
}

describe('Node runner', () => {
  let h: RunnerProcess;
  const log: string[] = [];
  const workerEvents: number[][] = [];
  before(async () => { h = await start(log, workerEvents); });
  after(async () => { await h.close(); });

  test('hello describes Node: no GIL, no interpreter pool, fork', () => {
    assert.equal(h.hello.implementation, 'Node.js');
    assert.equal(h.hello.version, process.versions.node);
    assert.equal(h.hello.gilEnabled, false);
    assert.equal(h.hello.hasInterpreterPool, false);
    assert.equal(h.hello.startMethod, 'fork');
    assert.ok(h.hello.cpuCount >= 1);
    assert.equal(h.hello.pid, h.pid);
  });

  test('an .mjs loads; serial runs each task in order on the main thread, with clone stats', async () => {
    const loaded = await h.load({ file: fx('work.mjs'), function: 'spin', args: '[[200000], [200000], [200000], [200000]]', tasks: 8 }, 30);
    assert.deepEqual([loaded.function, loaded.line, loaded.tasks, loaded.isCoroutine, loaded.picklable.ok], ['spin', 5, 4, false, true]);
    assert.match(loaded.sourceHash ?? '', /^[0-9a-f]{64}$/);
    const e = await done(h, 'serial', 1, 1, { measurePickle: true });
    assert.deepEqual(e.tasks.map((t) => t.index), [0, 1, 2, 3]);
    for (let i = 1; i < 4; i++) assert.ok(e.tasks[i].start >= e.tasks[i - 1].end, 'one after another');
    assert.ok(e.tasks.every((t) => t.pid === h.pid && t.tid === h.pid && t.cpu > 0 && t.queueWait === 0));
    assert.ok(e.t0 <= e.tasks[0].start && e.tasks[3].end <= e.t1);
    assert.equal(e.mechanism, 'plain loop on the main thread');
    assert.ok(e.pickle && e.pickle.argBytes > 0 && e.pickle.resultBytes > 0 && e.pickle.tasks === 4);
  });

  test('threads: a piscina pool of exactly N threads of the runner, timed inside the workers; threads go away after', async () => {
    const before = threadCount(h.pid);
    const e = await done(h, 'threads', 2);
    const tids = new Set(e.tasks.map((t) => t.tid));
    assert.ok(tids.size >= 1 && tids.size <= 2, `tasks ran on ${tids.size} threads`);
    assert.ok(!tids.has(h.pid), 'not on the main thread');
    assert.ok(e.tasks.every((t) => t.pid === h.pid && t.queueWait >= 0 && t.end >= t.start));
    assert.ok(e.tasks.every((t) => typeof (t as { elu?: number }).elu === 'number'), 'event-loop utilisation per task');
    assert.match(e.mechanism, /piscina.*minThreads = maxThreads = 2/);
    assert.deepEqual(e.workerPids, [h.pid]);
    if (before > 0) assert.ok((await threadsSettle(h.pid, before)) <= before, `threads back to ${before}`);
  });

  test('processes: N forked children announced before done, chunks kept together, their CPU counted', async () => {
    workerEvents.length = 0;
    const e = await done(h, 'processes', 2, 2);
    assert.equal(workerEvents.length, 1);
    assert.deepEqual([...workerEvents[0]].sort(), [...e.workerPids].sort());
    assert.equal(e.workerPids.length, 2);
    assert.ok(!e.workerPids.includes(h.pid));
    assert.equal(e.tasks[0].pid, e.tasks[1].pid, 'tasks 0 and 1 form one chunk');
    assert.equal(e.tasks[2].pid, e.tasks[3].pid, 'tasks 2 and 3 form one chunk');
    const taskCpu = e.tasks.reduce((a, t) => a + t.cpu, 0) / 1e9;
    assert.ok(e.user + e.sys >= taskCpu * 0.9, `children's CPU is counted (${e.user + e.sys} s vs tasks ${taskCpu} s)`);
    assert.match(e.mechanism, /child_process\.fork ×2.*chunksize 2/);
  });

  test('user output goes to the log, never into the protocol', async () => {
    await h.load({ file: fx('work.mjs'), function: 'noisy', args: '[1, 2]', tasks: 1 }, 30);
    for (const s of ['serial', 'threads', 'processes'] as const) await done(h, s);
    assert.ok(!log.some((l) => l.includes('not protocol')), log.filter((l) => l.includes('not protocol')).join('\n'));
  });

  test('a .cjs loads; a function returning promises is async and overlaps on one event loop', async () => {
    const loaded = await h.load({ file: fx('work.cjs'), function: 'promiseLike', args: '[[150], [150], [150]]', tasks: 1 }, 30);
    assert.equal(loaded.isCoroutine, true, 'returns a promise (found by one probe call)');
    const e = await done(h, 'async', 3);
    assert.ok(e.tasks[1].start < e.tasks[0].end && e.tasks[2].start < e.tasks[0].end, 'all three in flight together');
    assert.ok((e.t1 - e.t0) / 1e9 < 0.4, `three 150 ms waits overlapped (${(e.t1 - e.t0) / 1e9} s)`);
    const plain = await h.load({ file: fx('work.cjs'), function: 'square', args: '[2, 3]', tasks: 1 }, 30);
    assert.equal(plain.isCoroutine, false);
    const out = await h.run({ id: 'a', strategy: 'async', workers: 2, chunksize: 1 }, 30);
    assert.ok(out.kind === 'error' && out.error.type === 'NotApplicable');
  });

  test('a .ts loads through esbuild and runs on threads and processes; discover lists its exports', async () => {
    await h.load({ file: example('primes.ts'), function: 'countPrimes', args: '[[20000], [20000]]', tasks: 1 }, 30);
    for (const s of ['serial', 'threads', 'processes'] as const) {
      const e = await done(h, s);
      assert.ok(!e.error, `${s}: ${JSON.stringify(e.error)}`);
    }
    assert.deepEqual((await discoverFunctions(example('primes.ts'))).map((f) => f.name), ['countPrimes']);
  });

  for (const strategy of ['serial', 'threads', 'processes'] as const) {
    test(`a task that throws in TypeScript keeps type, message, stack and the .ts line (${strategy})`, async () => {
      await h.load({ file: fx('faults.ts'), function: 'throwsOnTwo', args: '[1, 2, 3]', tasks: 1 }, 30);
      const e = await done(h, strategy);
      assert.deepEqual(e.tasks.map((t) => !!t.failed), [false, true, false]);
      assert.equal(e.error?.type, 'RangeError');
      assert.equal(e.error?.message, 'two is not allowed (got 2)');
      assert.equal(e.error?.taskIndex, 1);
      assert.equal(e.error?.file, fx('faults.ts'));
      assert.equal(e.error?.line, 6, 'source-mapped to the .ts line');
      assert.match(e.error?.traceback ?? '', /faults\.ts:6:/);
      assert.doesNotMatch(e.error?.traceback ?? '', /nodeRunner|nodeTask|nodeChild|piscina/, 'no profiler frames');
    });
  }

  test('arguments that cannot be structured-cloned: threads and processes refuse, naming the argument', async () => {
    const loaded = await h.load({ file: fx('faults.ts'), function: 'takesAnything', args: '[[1], [2, () => 1]]', tasks: 1 }, 30);
    assert.equal(loaded.picklable.ok, false);
    assert.match(loaded.picklable.reason ?? '', /argument 1 of task 1 .*cannot be structured-cloned/);
    for (const s of ['threads', 'processes'] as const) {
      const out = await h.run({ id: s, strategy: s, workers: 2, chunksize: 1 }, 30);
      assert.ok(out.kind === 'error' && out.error.type === 'NotPicklable', JSON.stringify(out));
    }
    await done(h, 'serial'); // the main thread needs no copy
  });

  test('input errors: not exported, not found, bad --args, missing file', async () => {
    const tries: [string, string, string | null, RegExp][] = [
      [fx('faults.ts'), 'notExported', null, /NotExported: notExported is defined in faults\.ts \(line 35\) but not exported/],
      [fx('faults.ts'), 'nope', null, /FunctionNotFound: .*exported functions: .*throwsOnTwo/],
      [fx('faults.ts'), 'throwsOnTwo', '42', /BadArgs: --args must yield an array of argument lists, got number/],
      [fx('faults.ts'), 'throwsOnTwo', 'undefinedName + 1', /BadArgs: --args raised ReferenceError/],
      [fx('faults.ts'), 'throwsOnTwo', null, /BadArgs: task 0: throwsOnTwo declares 1 required parameter .*pass --args/],
      [fx('missing.mjs'), 'f', null, /FileNotFound/],
    ];
    for (const [file, fn, args, re] of tries) {
      await assert.rejects(h.load({ file, function: fn, args, tasks: 2 }, 30), (e: Error) => re.test(e.message), `${fn} ${args}`);
    }
  });
});

describe('Node runner failures leave nothing behind', () => {
  test('process.exit in a worker thread or child is a WorkerCrash; the pool is torn down', async () => {
    const h = await start();
    try {
      await h.load({ file: fx('faults.ts'), function: 'exits', args: '[[3], [4]]', tasks: 1 }, 30);
      const base = threadCount(h.pid); // after the load: loading may start libuv's own thread pool
      for (const s of ['threads', 'processes'] as const) {
        const e = await done(h, s);
        assert.equal(e.error?.type, 'WorkerCrash', `${s}: ${JSON.stringify(e.error)}`);
      }
      const serial = await done(h, 'serial');
      assert.equal(serial.error?.type, 'ProcessExit', 'the main thread survives process.exit and reports it');
      if (base > 0) assert.ok((await threadsSettle(h.pid, base)) <= base, 'piscina threads ended');
      const kids = (await taggedProcesses(TAG, 2000)).filter((p) => !p.startsWith(`${h.pid}:`));
      assert.deepEqual(kids, [], 'no child process left');
    } finally {
      await h.close();
    }
  });

  for (const strategy of ['threads', 'processes'] as const) {
    test(`a hanging task times out and the group kill leaves no thread or process (${strategy})`, async () => {
      const h = await start();
      await h.load({ file: fx('faults.ts'), function: 'hangs', args: null, tasks: 2 }, 30);
      const out = await h.run({ id: 'hang', strategy, workers: 2, chunksize: 1 }, 2);
      assert.equal(out.kind, 'timeout');
      assert.ok(h.dead || (await new Promise((r) => setTimeout(r, 200)), h.dead), 'the runner is gone');
      assert.deepEqual(await taggedProcesses(TAG), [], 'nothing left in /proc');
    });
  }

  test('the runner exits when its stdin closes', async () => {
    const h = await start();
    (h as unknown as { child: { stdin: { end(): void } } }).child.stdin.end();
    const deadline = Date.now() + 3000;
    while (!h.dead && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(h.dead);
    assert.deepEqual(await taggedProcesses(TAG), []);
  });
});
