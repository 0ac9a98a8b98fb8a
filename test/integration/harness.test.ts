/**
 * Integration tests of python/harness.py: the real harness, spoken to over the real protocol
 * (src/engine/harnessProtocol.ts). Workloads are small real fixtures under test/fixtures/python.
 * No absolute timing assertions: only orderings and relations that hold on a loaded machine.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DoneEvent, HarnessTask, HelloEvent } from '../../src/contracts/runner';
import { HarnessClient, childPids, fixture, isAlive } from './harnessClient';

const WORK = fixture('work.py');
const SUMS = '[(i*2000, (i+1)*2000) for i in range(6)]';

/** Checks shared by every successful run: all indices once, sane intervals inside [t0, t1]. */
function assertWellFormed(done: DoneEvent, count: number): void {
  assert.deepEqual(
    done.tasks.map((t) => t.index),
    [...Array(count).keys()],
  );
  assert.ok(done.t0 <= done.tLast && done.tLast <= done.t1, 't0 <= tLast <= t1');
  for (const task of done.tasks) {
    assert.ok(task.start < task.end, `task ${task.index}: start < end`);
    assert.ok(task.start >= done.t0 && task.end <= done.tLast, `task ${task.index} lies inside the run`);
    assert.ok(task.cpu >= 0 && task.queueWait >= 0);
    assert.equal(task.failed, undefined);
  }
  assert.equal(done.error, undefined);
  assert.ok(done.user >= 0 && done.sys >= 0);
}

/** Largest number of tasks running at the same instant. */
function maxOverlap(tasks: HarnessTask[]): number {
  const edges = tasks.flatMap((t) => [
    [t.start, 1],
    [t.end, -1],
  ]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, step] of edges) most = Math.max(most, (now += step));
  return most;
}

describe('harness on a working module', { timeout: 120_000 }, () => {
  let client: HarnessClient;
  let hello: HelloEvent;
  before(async () => ({ client, hello } = await HarnessClient.start()));
  after(async () => {
    assert.equal(await client.close(), 0, 'exit command leaves with status 0');
  });

  test('hello describes the interpreter', () => {
    assert.equal(hello.pid, client.pid);
    assert.match(hello.version, /^3\.\d+\.\d+/);
    assert.equal(typeof hello.executable, 'string');
    assert.equal(typeof hello.implementation, 'string');
    assert.equal(typeof hello.gilEnabled, 'boolean');
    assert.equal(typeof hello.hasInterpreterPool, 'boolean');
    assert.ok(['fork', 'spawn', 'forkserver'].includes(hello.startMethod));
    assert.ok(hello.cpuCount >= 1);
    assert.ok(Number.isInteger(hello.now) && hello.now > 0);
  });

  test('load reports the function, its tasks and a stable source hash', async () => {
    const loaded = await client.ask({ cmd: 'load', file: WORK, function: 'sum_squares', args: SUMS, tasks: 8 }, 'loaded');
    assert.equal(loaded.function, 'sum_squares');
    assert.equal(loaded.line, 8);
    assert.equal(loaded.isCoroutine, false);
    assert.equal(loaded.tasks, 6);
    assert.match(loaded.sourceHash ?? '', /^[0-9a-f]{64}$/);
    assert.deepEqual(loaded.picklable, { ok: true });
    assert.equal(loaded.sampleArgs, '(0, 2000)');
    const again = await client.ask({ cmd: 'load', file: WORK, function: 'sum_squares', args: SUMS, tasks: 8 }, 'loaded');
    assert.equal(again.sourceHash, loaded.sourceHash);
  });

  test('serial runs every task in order on the harness thread, with pickle stats', async () => {
    const done = await client.ask({ cmd: 'run', id: 's1', strategy: 'serial', workers: 1, chunksize: 1, measurePickle: true }, 'done');
    assert.equal(done.id, 's1');
    assertWellFormed(done, 6);
    assert.equal(done.mechanism, 'plain loop');
    assert.deepEqual(done.workerPids, [client.pid]);
    for (const [i, task] of done.tasks.entries()) {
      assert.equal(task.pid, client.pid);
      assert.equal(task.queueWait, 0);
      assert.ok(task.cpu > 0);
      if (i > 0) assert.ok(task.start >= done.tasks[i - 1].end, 'serial tasks do not overlap');
    }
    assert.ok(done.pickle && done.pickle.argBytes > 0 && done.pickle.resultBytes > 0);
    assert.ok(done.pickle.argNs > 0 && done.pickle.resultNs > 0);
  });

  test('taskLimit runs only the first tasks, and pickle stats say how many they cover', async () => {
    const done = await client.ask(
      { cmd: 'run', id: 'w1', strategy: 'serial', workers: 1, chunksize: 1, measurePickle: true, taskLimit: 2 },
      'done',
    );
    assertWellFormed(done, 2);
    assert.equal(done.pickle?.tasks, 2);
  });

  test('taskCpu false times tasks without the per-task CPU clock, and still counts run CPU and run-queue delay', async () => {
    const done = await client.ask({ cmd: 'run', id: 'u1', strategy: 'serial', workers: 1, chunksize: 1, taskCpu: false }, 'done');
    assertWellFormed(done, 6);
    assert.ok(done.tasks.every((t) => t.cpu === 0));
    assert.ok(done.user + done.sys > 0);
    if (process.platform === 'linux') assert.equal(typeof done.runDelay, 'number');
  });

  test('user prints go to stderr, never to the protocol stream', async () => {
    assert.deepEqual(client.strayLines, []);
    await client.waitForStderr(/working on 0 2000/);
    await client.waitForStderr(/raw fd-1 write/);
  });

  test('threads spread overlapping tasks over several threads', async () => {
    await client.ask({ cmd: 'load', file: WORK, function: 'pause', args: '[0.05] * 4', tasks: 8 }, 'loaded');
    const done = await client.ask({ cmd: 'run', id: 't1', strategy: 'threads', workers: 4, chunksize: 1 }, 'done');
    assertWellFormed(done, 4);
    assert.match(done.mechanism, /ThreadPoolExecutor\(max_workers=4\)/);
    assert.ok(new Set(done.tasks.map((t) => t.tid)).size > 1, 'several tids');
    assert.ok(done.tasks.every((t) => t.pid === client.pid));
    assert.ok(maxOverlap(done.tasks) > 1, 'tasks ran at the same time');
    // A sleeping task uses far less CPU than its wall time: thread time is per task, not per process.
    assert.ok(done.tasks.every((t) => t.cpu < t.end - t.start));
  });

  test('processes run chunks in worker processes announced before done', async () => {
    await client.ask({ cmd: 'load', file: WORK, function: 'pause', args: '[0.1] * 4', tasks: 8 }, 'loaded');
    const events = await client.request({ cmd: 'run', id: 'p1', strategy: 'processes', workers: 2, chunksize: 2 });
    const workers = events.find((e) => e.type === 'workers');
    const done = events[events.length - 1];
    assert.ok(workers && workers.type === 'workers' && workers.id === 'p1', 'a workers event for this run');
    assert.equal(done.type, 'done');
    if (done.type !== 'done') return;
    assert.ok(events.indexOf(workers) < events.indexOf(done));
    assertWellFormed(done, 4);
    assert.match(done.mechanism, /^concurrent\.futures\.ProcessPoolExecutor \((fork|spawn|forkserver)\), chunksize 2$/);
    assert.deepEqual([...done.workerPids].sort(), [...workers.pids].sort());
    const pids = done.tasks.map((t) => t.pid);
    assert.ok(pids.every((pid) => pid !== client.pid && done.workerPids.includes(pid)));
    assert.equal(new Set(pids).size, 2, 'both workers did work');
    // Tasks of one chunk run back to back in one process.
    assert.equal(done.tasks[0].pid, done.tasks[1].pid);
    assert.ok(done.tasks[1].start >= done.tasks[0].end);
    assert.ok(done.tasks[1].queueWait >= done.tasks[0].queueWait, 'queue wait counts from the chunk submit');
    assert.ok(done.workerPids.every((pid) => !isAlive(pid)), 'workers are reaped after the run');
    // A worker process's print lands on stderr too (words may interleave between workers' writes).
    await client.waitForStderr(/pausing[\s\S]*0\.1/);
    assert.deepEqual(client.strayLines, []);
  });

  test('a zero-argument function runs --tasks times', async () => {
    const loaded = await client.ask({ cmd: 'load', file: WORK, function: 'tick', args: null, tasks: 5 }, 'loaded');
    assert.equal(loaded.tasks, 5);
    assert.equal(loaded.sampleArgs, '()');
    const done = await client.ask({ cmd: 'run', id: 'z1', strategy: 'threads', workers: 2, chunksize: 1 }, 'done');
    assertWellFormed(done, 5);
  });

  test('async gathers coroutines, at most `workers` at a time', async () => {
    const loaded = await client.ask({ cmd: 'load', file: WORK, function: 'nap', args: '[0.05] * 4', tasks: 8 }, 'loaded');
    assert.equal(loaded.isCoroutine, true);
    const done = await client.ask({ cmd: 'run', id: 'a1', strategy: 'async', workers: 2, chunksize: 1 }, 'done');
    assertWellFormed(done, 4);
    assert.equal(maxOverlap(done.tasks), 2);
    assert.match(done.mechanism, /asyncio\.gather.*Semaphore\(2\)/);
    assert.ok(done.tasks.every((t) => t.tid === client.pid && t.cpu < t.end - t.start));
    assert.ok(done.tasks[3].queueWait > done.tasks[0].queueWait, 'later tasks waited for the semaphore');
  });

  test('a coroutine function also runs serially (one await at a time) and on threads', async () => {
    const serial = await client.ask({ cmd: 'run', id: 'a2', strategy: 'serial', workers: 1, chunksize: 1 }, 'done');
    assertWellFormed(serial, 4);
    assert.equal(maxOverlap(serial.tasks), 1);
    const threads = await client.ask({ cmd: 'run', id: 'a3', strategy: 'threads', workers: 4, chunksize: 1 }, 'done');
    assertWellFormed(threads, 4);
  });

  test('async on a plain function and interpreters without the pool are not applicable', async () => {
    await client.ask({ cmd: 'load', file: WORK, function: 'tick', args: null, tasks: 2 }, 'loaded');
    const err = await client.ask({ cmd: 'run', id: 'n1', strategy: 'async', workers: 2, chunksize: 1 }, 'error');
    assert.equal(err.id, 'n1');
    assert.equal(err.kind, 'run');
    assert.equal(err.error.type, 'NotApplicable');
    if (!hello.hasInterpreterPool) {
      const none = await client.ask({ cmd: 'run', id: 'n2', strategy: 'interpreters', workers: 2, chunksize: 1 }, 'error');
      assert.equal(none.error.type, 'NotApplicable');
    } else {
      assertWellFormed(await client.ask({ cmd: 'run', id: 'n2', strategy: 'interpreters', workers: 2, chunksize: 1 }, 'done'), 2);
    }
  });

  test('discover lists top-level functions without running the file', async () => {
    const found = await client.ask({ cmd: 'discover', file: WORK }, 'functions');
    assert.equal(found.error, undefined);
    assert.deepEqual(
      found.functions.map((f) => [f.name, f.line, f.params, f.isAsync]),
      [
        ['sum_squares', 8, ['start', 'stop'], false],
        ['pause', 18, ['seconds'], false],
        ['tick', 25, [], false],
        ['nap', 30, ['seconds'], true],
      ],
    );
    assert.ok(found.functions.every((f) => f.endLine > f.line));
    // Discovering a module that spawns at import must not spawn: it is never executed.
    const spawner = await client.ask({ cmd: 'discover', file: fixture('import_spawn.py') }, 'functions');
    assert.deepEqual(spawner.functions.map((f) => f.name), ['work']);
  });
});

describe('harness on failing workloads', { timeout: 120_000 }, () => {
  let client: HarnessClient;
  before(async () => ({ client } = await HarnessClient.start()));
  after(async () => {
    assert.equal(await client.close(), 0);
  });

  for (const strategy of ['serial', 'threads', 'processes'] as const) {
    test(`a raising task keeps its traceback, index and line (${strategy})`, async () => {
      await client.ask({ cmd: 'load', file: fixture('raises.py'), function: 'check', args: 'list(range(6))', tasks: 8 }, 'loaded');
      const done = await client.ask({ cmd: 'run', id: `r-${strategy}`, strategy, workers: 2, chunksize: 2 }, 'done');
      assert.equal(done.tasks.length, 6, 'the other tasks still ran');
      assert.deepEqual(
        done.tasks.filter((t) => t.failed).map((t) => t.index),
        [3],
      );
      const error = done.error!;
      assert.equal(error.type, 'ValueError');
      assert.equal(error.message, 'value 3 is not allowed');
      assert.equal(error.taskIndex, 3);
      assert.equal(error.line, 7);
      assert.ok(error.file?.endsWith('raises.py'));
      assert.match(error.traceback ?? '', /raise ValueError/);
      assert.match(error.traceback ?? '', /ValueError: value 3 is not allowed/);
      assert.doesNotMatch(error.traceback ?? '', /parprof_harness/, 'the harness wrapper is not in the traceback');
    });
  }

  test('a lambda or a closure is flagged not picklable, and processes refuse it', async () => {
    for (const name of ['square', 'add_one']) {
      const loaded = await client.ask({ cmd: 'load', file: fixture('unpicklable.py'), function: name, args: '[1, 2]', tasks: 8 }, 'loaded');
      assert.equal(loaded.picklable.ok, false);
      assert.match(loaded.picklable.reason ?? '', /module level/);
      const err = await client.ask({ cmd: 'run', id: `u-${name}`, strategy: 'processes', workers: 2, chunksize: 1 }, 'error');
      assert.equal(err.kind, 'run');
      assert.equal(err.error.type, 'NotPicklable');
      const done = await client.ask({ cmd: 'run', id: `us-${name}`, strategy: 'serial', workers: 1, chunksize: 1 }, 'done');
      assertWellFormed(done, 2);
    }
  });

  test('a worker that exits kills the run with WorkerCrash, keeping finished tasks', async () => {
    await client.ask({ cmd: 'load', file: fixture('crash.py'), function: 'maybe_die', args: 'list(range(4))', tasks: 8 }, 'loaded');
    const done = await client.ask({ cmd: 'run', id: 'c1', strategy: 'processes', workers: 2, chunksize: 1 }, 'done');
    assert.equal(done.error?.type, 'WorkerCrash');
    assert.match(done.error?.message ?? '', /exit code 3/);
    assert.ok(done.tasks.length < 4 && done.tasks.every((t) => t.index !== 2 && !t.failed));
    assert.ok(done.workerPids.every((pid) => !isAlive(pid)), 'no worker left behind');
    // The harness keeps serving after a broken pool.
    await client.ask({ cmd: 'load', file: WORK, function: 'tick', args: null, tasks: 2 }, 'loaded');
    assertWellFormed(await client.ask({ cmd: 'run', id: 'c2', strategy: 'processes', workers: 2, chunksize: 1 }, 'done'), 2);
  });

  test('a module that starts a process at import is refused, with no process left', async () => {
    const err = await client.ask({ cmd: 'load', file: fixture('import_spawn.py'), function: 'work', args: '[1]', tasks: 8 }, 'error');
    assert.equal(err.id, 'load');
    assert.equal(err.kind, 'input');
    assert.equal(err.error.type, 'ImportTimeSpawn');
    assert.match(err.error.message, /import_spawn\.py:12/);
    assert.match(err.error.message, /if __name__ == "__main__":/);
    assert.equal(err.error.line, 12);
    const children = childPids(client.pid);
    if (children) assert.deepEqual(children, [], 'no process was started');
    const run = await client.ask({ cmd: 'run', id: 'after-failed-load', strategy: 'serial', workers: 1, chunksize: 1 }, 'error');
    assert.equal(run.error.type, 'NotLoaded', 'a failed load leaves nothing to run');
  });

  test('a syntax error names the file and line, for load and for discover', async () => {
    const err = await client.ask({ cmd: 'load', file: fixture('syntax_error.py'), function: 'broken', args: '[1]', tasks: 8 }, 'error');
    assert.equal(err.kind, 'input');
    assert.equal(err.error.type, 'SyntaxError');
    assert.equal(err.error.line, 5);
    assert.ok(err.error.file?.endsWith('syntax_error.py'));
    const found = await client.ask({ cmd: 'discover', file: fixture('syntax_error.py') }, 'functions');
    assert.equal(found.error?.type, 'SyntaxError');
    assert.equal(found.error?.line, 5);
  });

  test('an exception at import reports its class, traceback and line', async () => {
    const err = await client.ask({ cmd: 'load', file: fixture('import_error.py'), function: 'work', args: '[1]', tasks: 8 }, 'error');
    assert.equal(err.kind, 'input');
    assert.equal(err.error.type, 'RuntimeError');
    assert.match(err.error.message, /configuration missing/);
    assert.match(err.error.traceback ?? '', /RuntimeError: configuration missing/);
    assert.equal(err.error.line, 11);
  });

  test('a missing file or function is an input error that lists what exists', async () => {
    const missingFile = await client.ask({ cmd: 'load', file: fixture('nope.py'), function: 'f', args: null, tasks: 1 }, 'error');
    assert.equal(missingFile.error.type, 'FileNotFound');
    const missing = await client.ask({ cmd: 'load', file: WORK, function: 'nope', args: null, tasks: 1 }, 'error');
    assert.equal(missing.kind, 'input');
    assert.equal(missing.error.type, 'FunctionNotFound');
    assert.match(missing.error.message, /nap, pause, sum_squares, tick/);
  });

  test('bad --args: an expression that raises, a non-list, a wrong arity', async () => {
    const cases: [string, RegExp][] = [
      ['1/0', /ZeroDivisionError/],
      ['42', /must yield a list of argument tuples, got int/],
      ['"abc"', /got str/],
      ['[]', /empty/],
      ['[(1, 2, 3)]', /task 0/],
    ];
    for (const [args, message] of cases) {
      const err = await client.ask({ cmd: 'load', file: WORK, function: 'pause', args, tasks: 8 }, 'error');
      assert.equal(err.kind, 'input', args);
      assert.equal(err.error.type, 'BadArgs', args);
      assert.match(err.error.message, message);
    }
    const noArgs = await client.ask({ cmd: 'load', file: WORK, function: 'pause', args: null, tasks: 8 }, 'error');
    assert.equal(noArgs.error.type, 'BadArgs', 'a function with parameters needs --args');
  });

  test('an unreadable command is reported and the harness keeps serving', async () => {
    client.child.stdin.write('not json\n');
    const err = await client.next();
    assert.equal(err.type, 'error');
    if (err.type === 'error') assert.equal(err.kind, 'internal');
    await client.ask({ cmd: 'discover', file: WORK }, 'functions');
  });
});

describe('harness lifetime', { timeout: 60_000 }, () => {
  test('end of input exits with status 0', async () => {
    const { client } = await HarnessClient.start();
    client.child.stdin.end();
    assert.equal(await client.waitExit(), 0);
  });

  test('SIGTERM ends it promptly', async () => {
    const { client } = await HarnessClient.start();
    client.child.kill('SIGTERM');
    await client.waitExit();
    assert.equal(client.child.signalCode, 'SIGTERM');
  });
});
