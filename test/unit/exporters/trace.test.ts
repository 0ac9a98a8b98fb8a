import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CORES_PID, runLabel, toChromeTrace, type TraceEvent } from '../../../src/exporters/trace';
import type { Report, Run, TaskRecord } from '../../../src/contracts/report';

function run(id: string, strategy: Run['strategy'], workers: number, tasks: TaskRecord[], extra: Partial<Run> = {}): Run {
  const start = tasks.length ? Math.min(...tasks.map((t) => t.start)) : 0;
  const end = tasks.length ? Math.max(...tasks.map((t) => t.end)) : 0;
  return {
    id,
    strategy,
    workers,
    chunksize: 1,
    mechanism: strategy,
    status: 'ok',
    wall: { median: end - start, ci95: [end - start, end - start], samples: [end - start] },
    user: 1,
    sys: 0,
    speedup: 1,
    efficiency: 1,
    parallelism: 1,
    overhead: { startup: 0, shutdown: 0, queueWait: 0, argBytes: 0, resultBytes: 0, serialization: 0, total: 0 },
    tasks,
    window: { start, end },
    repeats: 3,
    error: null,
    ...extra,
  };
}

const task = (
  index: number, start: number, end: number, worker: number, pid: number, tid: number, failed?: boolean,
): TaskRecord => ({
  index,
  start,
  end,
  cpu: (end - start) * 0.9,
  worker,
  pid,
  tid,
  ...(failed ? { failed } : {}),
});

function fixture(): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'parallelism-profiler', version: '0.1.0' },
    createdAt: '2025-01-01T00:00:00.000Z',
    duration: 3,
    target: { language: 'python', file: 'examples/sum_range.py', function: 'sum_range', args: null, tasks: 4, isAsync: false },
    environment: {
      platform: 'linux', arch: 'x64', logicalCores: 2, physicalCores: 2, cpuModel: 'x', interpreter: 'python3',
      version: 'CPython 3.11', implementation: 'CPython', gilEnabled: true,
    },
    settings: { strategies: ['serial', 'processes', 'async'], workers: [1, 2], repeats: 'adaptive', budget: 60, timeout: 60, samplerHz: 100 },
    runs: [
      run('serial-1', 'serial', 1, [task(0, 0.1, 0.2, 0, 10, 10), task(1, 0.2, 0.3, 0, 10, 10)]),
      run('processes-2', 'processes', 2, [task(0, 1.0, 1.25, 0, 20, 20), task(1, 1.0, 1.2, 1, 21, 21, true), task(2, 1.25, 1.5, 0, 20, 20)], { chunksize: 4 }),
      // async: overlapping tasks on one worker must land on separate lanes.
      run('async-2', 'async', 2, [task(0, 2.0, 2.5, 0, 10, 10), task(1, 2.1, 2.4, 0, 10, 10), task(2, 2.5, 2.6, 0, 10, 10)]),
      run('threads-8', 'threads', 8, [], { status: 'skipped', reason: 'not requested' }),
    ],
    cores: [
      { core: 0, segments: [{ start: 1.0, end: 1.25, run: 'processes-2', pid: 20, tid: 20, worker: 0 }], utilisation: [{ t: 1.1, busy: 0.97 }] },
      { core: 1, segments: [{ start: 1.0, end: 1.2, run: 'processes-2', pid: 21, tid: 21 }], utilisation: [{ t: 1.1, busy: 0.5 }] },
    ],
    classification: { kind: 'cpu-bound', cpuRatio: 1, gilBound: true, evidence: [], summary: '' },
    model: { strategy: 'processes', serialFraction: 0, usl: { sigma: 0, kappa: 0 }, projection: [], peakWorkers: null, points: [] },
    recommendation: {
      strategy: 'processes', workers: 2, chunksize: 1, expectedSpeedup: 2, expectedSpeedupCi95: [1.9, 2.1],
      confidence: 'high', confidenceReason: '', headline: '', reasons: [], snippet: '',
    },
    warnings: [],
    errors: [],
  };
}

const names = (evs: TraceEvent[], pid: number, kind: string): Map<number, string> =>
  new Map(evs.filter((e) => e.ph === 'M' && e.pid === pid && e.name === kind).map((e) => [e.tid, String(e.args?.name)]));

test('trace is valid Chrome Trace Event JSON that survives a JSON round trip', () => {
  const trace = toChromeTrace(fixture());
  const back = JSON.parse(JSON.stringify(trace));
  assert.ok(Array.isArray(back.traceEvents));
  assert.equal(back.displayTimeUnit, 'ms');
  for (const e of back.traceEvents as TraceEvent[]) {
    assert.ok(['X', 'C', 'M'].includes(e.ph), `phase ${e.ph}`);
    assert.equal(typeof e.name, 'string');
    assert.ok(Number.isInteger(e.pid) && Number.isInteger(e.tid), 'integer pid/tid');
    assert.ok(Number.isFinite(e.ts) && e.ts >= 0, `ts ${e.ts}`);
    if (e.ph === 'X') assert.ok(Number.isFinite(e.dur) && e.dur! >= 0, `dur ${e.dur}`);
    if (e.ph === 'C') for (const v of Object.values(e.args ?? {})) assert.equal(typeof v, 'number', 'counter values are numbers');
  }
});

test('every task appears once, in µs, with its index, cpu ms, pid, tid and failed flag', () => {
  const report = fixture();
  const trace = toChromeTrace(report);
  const tasks = trace.traceEvents.filter((e) => e.cat === 'task');
  assert.equal(tasks.length, report.runs.reduce((a, r) => a + r.tasks.length, 0));
  const failed = tasks.find((e) => e.name === 'task 1' && e.args?.pid === 21)!;
  assert.equal(failed.ts, 1_000_000);
  assert.equal(failed.dur, 200_000);
  assert.deepEqual(failed.args, { index: 1, cpuMs: 180, pid: 21, tid: 21, failed: true });
});

test('one process per run, named by strategy and workers, sorted after the cores', () => {
  const report = fixture();
  const trace = toChromeTrace(report);
  const procNames = trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'process_name').map((e) => e.args?.name);
  assert.deepEqual(procNames, ['CPU cores', 'serial ×1', 'processes ×2, chunksize 4', 'async ×2', 'threads ×8 (skipped: not requested)']);
  assert.equal(runLabel(report.runs[1]), 'processes ×2, chunksize 4');
  const sort = trace.traceEvents.filter((e) => e.name === 'process_sort_index').map((e) => e.args?.sort_index);
  assert.deepEqual(sort, [0, 1, 2, 3, 4]);
});

test('one track per worker; overlapping tasks on one worker get separate slots that never overlap', () => {
  const trace = toChromeTrace(fixture());
  const procPid = (label: string): number => trace.traceEvents.find((e) => e.name === 'process_name' && e.args?.name === label)!.pid;
  const pp = names(trace.traceEvents, procPid('processes ×2, chunksize 4'), 'thread_name');
  assert.deepEqual([...pp.values()], ['run', 'worker 0 (pid 20, tid 20)', 'worker 1 (pid 21, tid 21)']);
  const asyncPid = procPid('async ×2');
  const lanes = names(trace.traceEvents, asyncPid, 'thread_name');
  assert.equal(lanes.size, 3); // run + two slots
  for (const tid of lanes.keys()) {
    const evs = trace.traceEvents.filter((e) => e.pid === asyncPid && e.tid === tid && e.cat === 'task').sort((a, b) => a.ts - b.ts);
    for (let i = 1; i < evs.length; i++) assert.ok(evs[i].ts >= evs[i - 1].ts + evs[i - 1].dur!);
  }
});

test('CPU cores: one thread per core with its segments named by run, and utilisation counters', () => {
  const trace = toChromeTrace(fixture());
  const cores = names(trace.traceEvents, CORES_PID, 'thread_name');
  assert.deepEqual([...cores.values()], ['core 0', 'core 1']);
  const segs = trace.traceEvents.filter((e) => e.cat === 'core');
  assert.equal(segs.length, 2);
  assert.deepEqual(
    { name: segs[0].name, ts: segs[0].ts, dur: segs[0].dur, args: segs[0].args },
    { name: 'processes-2', ts: 1_000_000, dur: 250_000, args: { pid: 20, tid: 20, worker: 0 } },
  );
  const counters = trace.traceEvents.filter((e) => e.ph === 'C');
  assert.deepEqual(counters.map((c) => [c.name, c.ts, c.args?.busy]), [
    ['core 0 busy %', 1_100_000, 97],
    ['core 1 busy %', 1_100_000, 50],
  ]);
});
