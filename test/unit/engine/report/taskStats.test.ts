import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { DoneEvent, HarnessTask } from '../../../../src/contracts/runner';
import { aggregate, distribution, longest, sample, segments, byWorker, summariseTasks } from '../../../../src/engine/report/taskStats';
import { boundedDone, summarise, workerNumbers, type ConfigState } from '../../../../src/engine/report/summarise';
import { TASK_RECORDS_MAX, TASK_SAMPLE_SIZE } from '../../../../src/engine/analysis/thresholds';
import { quantile } from '../../../../src/engine/analysis/stats';

const ROOT = path.resolve(__dirname, '..', '../../..');
const task = (index: number, start: number, end: number, o: Partial<HarnessTask> = {}): HarnessTask => ({
  index, start, end, cpu: end - start, pid: 10, tid: 1, queueWait: 0, ...o,
});

/** n tasks of `each` ns back to back on `workers` threads (round robin), with every 97th failing. */
function records(n: number, workers: number, each = 100): HarnessTask[] {
  const out: HarnessTask[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const w = i % workers;
    const start = Math.floor(i / workers) * (each + 10);
    out[i] = task(
      i, start, start + each + (i % 7), { tid: 100 + w, queueWait: i % 5, ...(i % 97 === 0 ? { failed: true } : {}) },
    );
  }
  return out;
}

describe('exact aggregates of a run\'s tasks', () => {
  it('sum, min, max and the type-7 quantiles the statistics module uses', () => {
    const xs = [5, 1, 9, 3, 7, 2, 8];
    const d = distribution(Float64Array.from(xs));
    assert.deepEqual(d, {
      sum: 35, min: 1, p50: quantile(xs, 0.5), p90: quantile(xs, 0.9), p99: quantile(xs, 0.99), max: 9,
    });
    assert.deepEqual(distribution(new Float64Array(0)), { sum: 0, min: 0, p50: 0, p90: 0, p99: 0, max: 0 });
  });

  it('counts failures and spans the earliest start to the latest end', () => {
    const a = aggregate([task(0, 10, 20), task(1, 5, 8, { failed: true }), task(2, 30, 31, { queueWait: 4 })]);
    assert.equal(a.count, 3);
    assert.equal(a.failed, 1);
    assert.equal(a.firstStart, 5);
    assert.equal(a.lastEnd, 31);
    assert.equal(a.duration.sum, 10 + 3 + 1);
    assert.equal(a.queueWait.max, 4);
  });

  it('groups workers by (pid, tid) in order of their first start', () => {
    const g = byWorker([task(0, 50, 60, { tid: 2 }), task(1, 0, 10, { tid: 1 }), task(2, 20, 30, { tid: 2 })]);
    assert.deepEqual(g.map((x) => x.map((t) => t.index)), [[1], [2, 0]]);
  });
});

describe('merged segments keep the worker lanes complete', () => {
  it('joins a worker\'s tasks across gaps below window × workers ÷ budget and splits at longer ones', () => {
    const tasks = [task(0, 0, 10), task(1, 11, 20), task(2, 50, 60, { failed: true }), task(3, 61, 70)];
    // window 100 ns, 1 worker, budget 20: gaps over 5 ns split.
    const s = segments(byWorker(tasks), 100, 20);
    assert.deepEqual(
      s.map((x) => [x.start, x.end, x.tasks, x.busy, x.failed, x.first]),
      [[0, 20, 2, 19, 0, 0], [50, 70, 2, 19, 1, 2]],
    );
  });

  it('overlapping tasks of one worker (coroutines on one loop) merge into one stretch', () => {
    const s = segments(byWorker([task(0, 0, 50), task(1, 10, 20), task(2, 15, 80)]), 100, 10);
    assert.equal(s.length, 1);
    assert.equal(s[0].end, 80);
    assert.equal(s[0].tasks, 3);
  });
});

describe('a sample that shows failures and stragglers', () => {
  const tasks = records(10_000, 4);
  const s = sample(tasks, 400, 50);
  it('keeps at most the sample size, in index order', () => {
    assert.equal(s.length, 400);
    for (let i = 1; i < s.length; i++) assert.ok(s[i].index > s[i - 1].index);
  });
  it('puts failed tasks first, up to half the sample', () => {
    const failed = tasks.filter((t) => t.failed).length;
    assert.equal(s.filter((t) => t.failed).length, Math.max(failed, s.filter((t) => t.failed).length));
    assert.ok(s.filter((t) => t.failed).length <= 200 + 50);
  });
  it('keeps the slowest tasks, longest first with ties to the lower index', () => {
    const top = longest(tasks, 50);
    const length = (i: number) => tasks[i].end - tasks[i].start;
    const byLength = tasks.map((t) => t.index).sort((a, b) => length(b) - length(a) || a - b);
    assert.deepEqual(top, byLength.slice(0, 50));
    const kept = new Set(s.map((t) => t.index));
    for (const i of top) assert.ok(kept.has(i), `slow task ${i} kept`);
  });
});

describe('a million tasks', () => {
  const n = 1_000_000;
  const tasks = records(n, 2);
  it('summarise without an argument spread: exact totals, bounded sample and segments', () => {
    const s = summariseTasks(tasks, 0, tasks[n - 1].end, { size: TASK_SAMPLE_SIZE, slowest: 50, segments: 16_000 });
    assert.equal(s.taskStats.all.count, n);
    let duration = 0;
    for (const t of tasks) duration += t.end - t.start;
    assert.equal(s.taskStats.all.duration.sum, duration);
    assert.equal(s.taskStats.workers.length, 2);
    assert.equal(s.taskStats.workers.reduce((a, w) => a + w.count, 0), n);
    assert.equal(s.taskSegments.reduce((a, g) => a + g.tasks, 0), n, 'every task is in a segment');
    assert.ok(s.taskSegments.length <= 16_000 + 2);
    assert.equal(s.tasks.length, TASK_SAMPLE_SIZE);
  });

  it('the engine bounds a run whose runner sent every record, and summarises it into a Run', () => {
    const done: DoneEvent = {
      type: 'done', id: 'threads-2#1', t0: 0, tLast: tasks[n - 1].end, t1: tasks[n - 1].end + 5, user: 1, sys: 0,
      workerPids: [10], tasks, mechanism: 'test',
    };
    const bounded = boundedDone(done);
    assert.ok(bounded.tasks.length <= TASK_RECORDS_MAX);
    assert.equal(bounded.taskStats?.all.count, n);
    assert.equal(workerNumbers(bounded).size, 2);
    const state: ConfigState = {
      config: { id: 'threads-2', strategy: 'threads', workers: 2, chunksize: 1 }, mechanism: 'test', status: 'ok', error: null,
      samples: [{ repeatId: 'threads-2#1', done: bounded, wall: (bounded.t1 - bounded.t0) / 1e9 }],
    };
    const run = summarise(state, 0n, undefined, n);
    assert.equal(run.taskStats?.count, n);
    assert.equal(run.taskStats?.sampled, run.tasks.length);
    assert.ok(run.tasks.length <= TASK_SAMPLE_SIZE);
    assert.equal(run.taskSegments?.reduce((a, g) => a + g.tasks, 0), n);
    assert.ok(run.overhead.total >= 0 && Number.isFinite(run.overhead.queueWait));
    assert.ok(JSON.stringify(run).length < 4 * 2 ** 20, 'one run of a million tasks stays a few MB of JSON');
  });

  it('a run below the limit keeps every record and no aggregates', () => {
    const small = records(TASK_RECORDS_MAX, 2);
    const done: DoneEvent = { type: 'done', id: 'x', t0: 0, tLast: 1, t1: 1, user: 0, sys: 0, workerPids: [], tasks: small, mechanism: '' };
    assert.equal(boundedDone(done), done);
  });
});

describe('the Python harness aggregates exactly as the engine does', () => {
  it('taskstats.summarise and summariseTasks agree on the same records', () => {
    const tasks = records(5_000, 3, 1_000);
    const settings = { size: 120, slowest: 20, segments: 300 };
    const script = [
      'import json, sys',
      'from parprof_harness import taskstats',
      'd = json.load(sys.stdin)',
      'recs = [(t["index"], t["start"], t["end"], t["cpu"], t["pid"], t["tid"], t["queueWait"], not t.get("failed"), None) for t in d["tasks"]]',
      's = d["settings"]',
      'chosen, stats, segs = taskstats.summarise(recs, d["t0"], d["t1"], s["size"], s["slowest"], s["segments"])',
      'print(json.dumps({"sample": [r[0] for r in chosen], "stats": stats, "segments": segs}))',
    ].join('\n');
    const t1 = tasks[tasks.length - 1].end;
    const py = spawnSync(process.env.PP_PYTHON ?? 'python3', ['-c', script], {
      cwd: path.join(ROOT, 'python'), input: JSON.stringify({ tasks, t0: 0, t1, settings }), encoding: 'utf8', maxBuffer: 64 << 20,
    });
    assert.equal(py.status, 0, py.stderr);
    const fromPython = JSON.parse(py.stdout) as { sample: number[]; stats: unknown; segments: unknown };
    const ts = summariseTasks(tasks, 0, t1, settings);
    assert.deepEqual(fromPython.sample, ts.tasks.map((t) => t.index));
    assert.deepEqual(fromPython.stats, ts.taskStats);
    assert.deepEqual(fromPython.segments, ts.taskSegments);
  });
});
