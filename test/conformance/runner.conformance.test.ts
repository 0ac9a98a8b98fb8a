/**
 * The runner protocol's conformance suite: one list of cases, run against the Python harness and the Node runner
 * through the engine's own driver (RunnerProcess), on twin fixtures with the same functions and semantics.
 * A case here is the shared contract of src/contracts/runner.ts; deeper runner-specific behaviour stays in
 * test/integration/harness.test.ts and test/integration/nodeRunner.test.ts. No timing assertions beyond one
 * structural bound: four overlapping 200 ms waits take well under the 800 ms they would take one after another.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { DoneEvent, ErrorEvent, HarnessError, LoadedEvent, RunCommand } from '../../src/contracts/runner';
import type { StrategyName } from '../../src/contracts/report';
import { RunnerProcess, type RunOutcome } from '../../src/engine/runners/driver';
import { InputError } from '../../src/engine/request';
import { ROOT, taggedProcesses } from '../support/cli';
import { assertDoneInvariants, firstEnd, isAlive, maxInFlight, monotonicNs, type Window } from './invariants';
import { ProtocolTap } from './protocolTap';
import { TWINS, definitionLine, fixtureLine, type TwinFunction } from './twins';

/** Seconds a load or a run may take on a busy two-core machine before the driver gives up. */
const LOAD_TIMEOUT_S = 30;
const RUN_TIMEOUT_S = 60;
/** The twin fixtures' module-level constant: six tasks, 1..6. */
const SIZES = 'SIZES';
const SIZES_COUNT = 6;

/** The strategies every runner has, with the worker counts the cases use. */
const POOLED: { strategy: StrategyName; workers: number; chunksize: number }[] = [
  { strategy: 'serial', workers: 1, chunksize: 1 },
  { strategy: 'threads', workers: 2, chunksize: 1 },
  { strategy: 'processes', workers: 2, chunksize: 2 },
];

for (const twin of TWINS) {
  describe(`${twin.language} runner conformance`, { timeout: 240_000 }, () => {
    const t = twin.language;
    const log: string[] = [];
    const workerEvents: number[][] = [];
    /** Every pid the runner told us about: itself and its pool workers. close() must end them all. */
    const seenPids = new Set<number>();
    const tag = randomUUID();
    let runner: RunnerProcess;
    let tap: ProtocolTap;
    let started: Window;
    let runs = 0;

    before(async () => {
      // Every process the runner starts inherits the tag, so a survivor can be found in /proc afterwards.
      process.env.PP_TEST_TAG = tag;
      const sent = monotonicNs();
      runner = await RunnerProcess.start(twin.spec(), {
        cwd: ROOT,
        log: (line) => log.push(line),
        onWorkers: (pids) => {
          workerEvents.push(pids);
          pids.forEach((p) => seenPids.add(p));
        },
      });
      started = { sent, answered: monotonicNs() };
      tap = new ProtocolTap(runner);
      seenPids.add(runner.pid);
    });
    after(async () => {
      await runner?.close();
    });

    const load = (role: TwinFunction, args: string | null, tasks = 1): Promise<LoadedEvent> =>
      runner.load({ file: twin.file, function: twin.fn[role], args, tasks }, LOAD_TIMEOUT_S);

    /** Run and return the outcome with the clock window the test saw around it. */
    async function run(cmd: Omit<RunCommand, 'cmd' | 'id'>): Promise<{ outcome: RunOutcome; window: Window; id: string }> {
      const id = `${cmd.strategy}-${++runs}`;
      const sent = monotonicNs();
      const outcome = await runner.run({ id, ...cmd }, RUN_TIMEOUT_S);
      if (outcome.kind === 'done') outcome.event.workerPids.forEach((p) => seenPids.add(p));
      return { outcome, window: { sent, answered: monotonicNs() }, id };
    }

    /** A run that must end with a done event for this command. */
    async function done(cmd: Omit<RunCommand, 'cmd' | 'id'>): Promise<{ event: DoneEvent; window: Window }> {
      const { outcome, window, id } = await run(cmd);
      assert.equal(outcome.kind, 'done', JSON.stringify(outcome).slice(0, 600));
      const { event } = outcome as { event: DoneEvent };
      assert.equal(event.id, id, 'done echoes the run id');
      return { event, window };
    }

    /** A run that must be refused with an error event: its error, and the kind the wire carried. */
    async function refused(cmd: Omit<RunCommand, 'cmd' | 'id'>): Promise<{ error: HarnessError; wire: ErrorEvent }> {
      const { outcome, id } = await run(cmd);
      assert.equal(outcome.kind, 'error', JSON.stringify(outcome).slice(0, 600));
      const wire = tap.last('error');
      assert.ok(wire && wire.id === id, 'the error event carries the run id');
      return { error: (outcome as { error: HarnessError }).error, wire };
    }

    /** A load that must fail as the user's mistake: the InputError, and the error event behind it. */
    async function badLoad(fn: string, args: string | null): Promise<{ e: InputError; wire: ErrorEvent }> {
      let thrown: unknown;
      const loading = runner.load({ file: twin.file, function: fn, args, tasks: 2 }, LOAD_TIMEOUT_S);
      await loading.catch((e: unknown) => (thrown = e));
      assert.ok(thrown instanceof InputError, `an InputError, got ${String(thrown)}`);
      const wire = tap.last('error');
      assert.ok(wire && wire.id === 'load', 'the error event answers the load');
      assert.equal(wire.kind, 'input', 'a load the user got wrong is an input error');
      return { e: thrown, wire };
    }

    test(`${t}: hello gives the runner's pid, typed interpreter facts and a reading of the shared monotonic clock`, () => {
      const { hello } = runner;
      assert.equal(hello.type, 'hello');
      assert.equal(hello.pid, runner.pid);
      assert.ok(typeof hello.executable === 'string' && hello.executable.length > 0, 'executable');
      assert.ok(typeof hello.implementation === 'string' && hello.implementation.length > 0, 'implementation');
      assert.match(hello.version, /^\d+\.\d+\.\d+/);
      assert.equal(typeof hello.gilEnabled, 'boolean');
      assert.equal(typeof hello.hasInterpreterPool, 'boolean');
      assert.ok(['fork', 'spawn', 'forkserver'].includes(hello.startMethod), hello.startMethod);
      assert.ok(Number.isInteger(hello.cpuCount) && hello.cpuCount >= 1, `cpuCount ${hello.cpuCount}`);
      assert.ok(Number.isInteger(hello.now), 'now is integer nanoseconds');
      assert.ok(started.sent <= hello.now && hello.now <= started.answered, 'now lies between spawn and hello (one clock)');
    });

    test(`${t}: load reports the function, its def line, the task count the args expression gave and picklability`, async () => {
      const loaded = await load('square', SIZES);
      assert.equal(loaded.type, 'loaded');
      assert.equal(loaded.function, twin.fn.square);
      assert.equal(loaded.line, definitionLine(twin, 'square'));
      assert.equal(loaded.tasks, SIZES_COUNT, 'the args expression read the module-level constant');
      assert.equal(loaded.isCoroutine, false);
      assert.deepEqual(loaded.picklable, { ok: true });
      assert.match(loaded.sourceHash ?? '', /^[0-9a-f]{64}$/);
      assert.ok(typeof loaded.sampleArgs === 'string' && loaded.sampleArgs.includes('1'), loaded.sampleArgs);
      const coroutine = await load('nap', '[1, 1]');
      assert.equal(coroutine.isCoroutine, true, 'an async function is a coroutine');
      assert.equal(coroutine.line, definitionLine(twin, 'nap'));
      assert.equal(coroutine.tasks, 2);
    });

    test(`${t}: an args expression that raises or is not a list is an InputError of type BadArgs`, async () => {
      for (const args of ['no_such_name + 1', '42']) {
        const { e, wire } = await badLoad(twin.fn.square, args);
        assert.equal(wire.error.type, 'BadArgs', args);
        assert.match(e.message, /^BadArgs: /, args);
      }
    });

    test(`${t}: a missing function is an InputError of type FunctionNotFound that lists the functions there`, async () => {
      const { e, wire } = await badLoad('no_such_function', null);
      assert.equal(wire.error.type, 'FunctionNotFound');
      assert.match(e.message, /no_such_function/);
      assert.match(e.message, new RegExp(`\\b${twin.fn.failsOnTwo}\\b`), 'the message lists what exists');
    });

    test(`${t}: a run after a failed load is refused with NotLoaded (the earlier function is not run)`, async () => {
      await load('square', SIZES);
      await badLoad(twin.fn.square, '42');
      const { error } = await refused({ strategy: 'serial', workers: 1, chunksize: 1 });
      assert.equal(error.type, 'NotLoaded');
    });

    for (const { strategy, workers, chunksize } of POOLED) {
      const how = `${strategy} ×${workers}${chunksize > 1 ? ` chunksize ${chunksize}` : ''}`;
      test(`${t}: ${how} answers one well-formed record per task, inside the run's clock window`, async () => {
        await load('square', SIZES);
        workerEvents.length = 0;
        const eventsBefore = tap.events.length;
        const { event, window } = await done({ strategy, workers, chunksize });
        assertDoneInvariants(event, SIZES_COUNT, window);
        assert.equal(event.error, undefined);
        assert.ok(event.tasks.every((task) => !task.failed), 'no task failed');
        const pids = event.tasks.map((task) => task.pid);
        if (strategy === 'serial') {
          assert.deepEqual(event.workerPids, [runner.pid]);
          assert.ok(event.tasks.every((task) => task.pid === runner.pid && task.tid === runner.pid), 'on the main thread');
          assert.ok(event.tasks.every((task) => task.queueWait === 0), 'serial tasks never queue');
          assert.ok(event.tasks.every((task, i) => i === 0 || task.start >= event.tasks[i - 1].end), 'one after another');
        } else if (strategy === 'threads') {
          assert.deepEqual(event.workerPids, [runner.pid]);
          assert.ok(pids.every((pid) => pid === runner.pid), 'threads live in the runner process');
          assert.ok(event.tasks.every((task) => task.tid !== runner.pid), 'pool threads, not the main thread');
          assert.ok(new Set(event.tasks.map((task) => task.tid)).size <= workers, `at most ${workers} threads`);
        } else {
          assert.equal(event.workerPids.length, workers);
          assert.ok(!event.workerPids.includes(runner.pid), 'workers are other processes');
          assert.ok(pids.every((pid) => event.workerPids.includes(pid)), 'every task ran in a worker');
          for (let i = 0; i < SIZES_COUNT; i += chunksize) {
            assert.equal(event.tasks[i].pid, event.tasks[i + 1].pid, `tasks ${i} and ${i + 1} form one chunk`);
          }
          assert.equal(workerEvents.length, 1, 'one workers event reached onWorkers');
          assert.deepEqual([...workerEvents[0]].sort(), [...event.workerPids].sort());
          const wire = tap.events.slice(eventsBefore).map((e) => e.type);
          assert.ok(wire.indexOf('workers') >= 0 && wire.indexOf('workers') < wire.indexOf('done'), 'workers before done');
        }
      });
    }

    test(`${t}: taskLimit runs only the first N tasks`, async () => {
      await load('square', SIZES);
      const { event, window } = await done({ strategy: 'serial', workers: 1, chunksize: 1, taskLimit: 2 });
      assertDoneInvariants(event, 2, window);
    });

    test(`${t}: measurePickle reports argument and result bytes and times, and the tasks they cover`, async () => {
      await load('square', SIZES);
      const { event } = await done({ strategy: 'serial', workers: 1, chunksize: 1, measurePickle: true, taskLimit: 3 });
      const { pickle } = event;
      assert.ok(pickle, 'pickle stats are present');
      assert.ok(pickle.argBytes > 0 && pickle.resultBytes > 0, `bytes ${pickle.argBytes} / ${pickle.resultBytes}`);
      assert.ok(pickle.argNs > 0 && pickle.resultNs > 0, `ns ${pickle.argNs} / ${pickle.resultNs}`);
      assert.equal(pickle.tasks, 3, 'the figures cover the tasks that ran');
      assert.equal(pickle.unpicklable, undefined, 'plain numbers all cross');
      const { event: plain } = await done({ strategy: 'serial', workers: 1, chunksize: 1 });
      assert.equal(plain.pickle, undefined, 'no stats unless asked');
    });

    test(`${t}: measurePickle counts results that cannot cross a process boundary as unpicklable`, async () => {
      await load('makeAdder', SIZES);
      const { event, window } = await done({ strategy: 'serial', workers: 1, chunksize: 1, measurePickle: true });
      assertDoneInvariants(event, SIZES_COUNT, window);
      assert.equal(event.error, undefined, 'serial needs no copy of the result');
      assert.equal(event.pickle?.unpicklable, SIZES_COUNT);
      assert.equal(event.pickle?.resultBytes, 0, 'results that fail are left out of the figures');
    });

    test(`${t}: processes: a result that cannot cross back ends the run with done.error naming a task`, async () => {
      await load('makeAdder', SIZES);
      const { event } = await done({ strategy: 'processes', workers: 2, chunksize: 2 });
      assert.ok(event.error, 'the run reports the failure');
      assert.ok(typeof event.error.type === 'string' && event.error.message.length > 0, JSON.stringify(event.error));
      assert.ok(Number.isInteger(event.error.taskIndex) && event.error.taskIndex! < SIZES_COUNT, 'a task index');
      assert.ok(event.tasks.every((task) => task.failed), 'no task is recorded as a success');
    });

    for (const { strategy, workers, chunksize } of POOLED) {
      test(`${t}: ${strategy}: a task that raises fails that task only, with its type, message, index and line`, async () => {
        await load('failsOnTwo', '[1, 2, 3]');
        const { event, window } = await done({ strategy, workers, chunksize });
        assertDoneInvariants(event, 3, window);
        assert.deepEqual(event.tasks.map((task) => !!task.failed), [false, true, false], 'only task 1 failed');
        const { error } = event;
        assert.ok(error, 'done carries the first failure');
        assert.equal(error.type, 'TypeError');
        assert.equal(error.message, 'two is not allowed (got 2)');
        assert.equal(error.taskIndex, 1);
        assert.equal(error.file, twin.file);
        assert.equal(error.line, fixtureLine(twin, /two is not allowed/), 'the line of the raise');
        assert.match(error.traceback ?? '', /two is not allowed \(got 2\)/);
      });
    }

    test(`${t}: async on a plain function is refused as NotApplicable, an error of kind run`, async () => {
      await load('square', SIZES);
      const { error, wire } = await refused({ strategy: 'async', workers: 2, chunksize: 1 });
      assert.equal(error.type, 'NotApplicable');
      assert.equal(wire.kind, 'run');
    });

    test(`${t}: processes refuse arguments that cannot cross a process boundary as NotPicklable; serial runs them`, async () => {
      const loaded = await load('kind', twin.uncrossableArgs);
      assert.equal(loaded.tasks, 2);
      assert.equal(loaded.picklable.ok, false);
      assert.match(loaded.picklable.reason ?? '', /task 1/, 'the reason names the task');
      const { error, wire } = await refused({ strategy: 'processes', workers: 2, chunksize: 1 });
      assert.equal(error.type, 'NotPicklable');
      assert.equal(wire.kind, 'run');
      const { event, window } = await done({ strategy: 'serial', workers: 1, chunksize: 1 });
      assertDoneInvariants(event, 2, window);
      assert.equal(event.error, undefined);
    });

    test(`${t}: async ×4 has four 200 ms waits in flight at once, well under the 800 ms of one after another`, async () => {
      await load('nap', '[200, 200, 200, 200]');
      const { event, window } = await done({ strategy: 'async', workers: 4, chunksize: 1 });
      assertDoneInvariants(event, 4, window);
      const ended = firstEnd(event.tasks);
      assert.ok(event.tasks.every((task) => task.start < ended), 'all four started before the first ended');
      assert.equal(maxInFlight(event.tasks), 4);
      const wallMs = (event.t1 - event.t0) / 1e6;
      assert.ok(wallMs < 600, `four overlapping 200 ms waits took ${wallMs.toFixed(0)} ms`);
      assert.ok(event.tasks.every((task) => task.cpu < task.end - task.start), 'waiting uses less CPU than wall time');
    });

    test(`${t}: user output never reaches the protocol: every stdout line parses, and the prints reach the log`, async () => {
      await load('noisy', '[1, 2]');
      for (const { strategy, workers, chunksize } of POOLED) {
        const { event, window } = await done({ strategy, workers, chunksize });
        assertDoneInvariants(event, 2, window);
      }
      assert.deepEqual(tap.stray, [], 'nothing but protocol events on stdout');
      assert.ok(!log.some((line) => line.includes('not protocol')), 'the driver saw no stray line');
      // Two tasks under three strategies: each print and each raw write shows up once per task run. Counted as
      // occurrences, not lines: concurrent writers may share a chunk. stderr may trail stdout, so wait for it a moment.
      const count = (text: string) => log.join('\n').split(text).length - 1;
      const deadline = Date.now() + 5000;
      while ((count('conformance print') < 6 || count('conformance raw write') < 6) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(count('conformance print'), 6, log.join('\n'));
      assert.equal(count('conformance raw write'), 6, log.join('\n'));
    });

    test(`${t}: close() ends the runner and every worker process it reported; none stays in /proc`, async () => {
      assert.ok(seenPids.size > 1, 'the runner reported pool workers');
      await runner.close();
      assert.ok(runner.dead, 'the runner exited');
      const deadline = Date.now() + 3000;
      while ([...seenPids].some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual([...seenPids].filter(isAlive), [], 'no pid the runner reported is alive');
      assert.deepEqual(await taggedProcesses(tag), [], 'no process started under this runner is left');
    });
  });
}
