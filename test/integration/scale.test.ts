// Measurements that hold on real workloads (issue 11): any task count, one-worker pools, and verdicts that stop at
// the task count. Ratios and structure only: no timing assertions (bench/scale.ts has the figures).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import type { Report, Run } from '../../src/contracts/report';
import { CHUNK_SWEEP_STEPS, TASK_RECORDS_MAX, TASK_SAMPLE_SIZE } from '../../src/engine/analysis/thresholds';

const measured = (r: Report): Run[] => r.runs.filter((x) => x.status === 'ok' && x.repeats > 0);

function assertClean(res: Awaited<ReturnType<typeof runCli>>): Report {
  assert.equal(res.code, 0, `exit code 0 expected; stderr:\n${res.stderr.slice(-3000)}`);
  assert.deepEqual(res.leftovers, [], 'no profiler process may outlive the CLI');
  assert.ok(res.report, 'the --json report was written');
  return res.report!;
}

test('200,000 tiny tasks: the profile finishes with exact aggregates, complete worker lanes and a bounded report', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-scale-'));
  const html = path.join(dir, 'report.html');
  try {
    const res = await runCli([
      'profile', 'examples/tiny_tasks.py:add_one', '--args', '[(i,) for i in range(200000)]',
      '--strategies', 'serial,threads,processes', '--workers', '1,2', '--budget', '40', '--html', html,
    ], { timeoutMs: 300_000 });
    const r = assertClean(res);
    assert.equal(r.target.tasks, 200_000);
    const runs = measured(r);
    assert.ok(runs.some((x) => x.strategy === 'serial'), 'serial was measured');
    for (const x of runs) {
      assert.ok(x.taskStats, `${x.id} carries aggregates`);
      assert.equal(x.taskStats!.count, 200_000, `${x.id} counted every task`);
      assert.equal(x.taskStats!.workers.reduce((a, w) => a + w.count, 0), 200_000, `${x.id}: the workers' counts add up`);
      assert.equal(x.taskSegments!.reduce((a, g) => a + g.tasks, 0), 200_000, `${x.id}: every task is in a drawn segment`);
      assert.ok(x.tasks.length <= TASK_SAMPLE_SIZE && x.tasks.length === x.taskStats!.sampled, `${x.id} keeps a sample`);
      assert.ok(x.taskStats!.duration.p50 <= x.taskStats!.duration.p99, `${x.id}: quantiles in order`);
      // The lanes cover the run: the segments span from the first task to the last.
      const first = x.taskSegments!.reduce((a, g) => Math.min(a, g.start), Infinity);
      const last = x.taskSegments!.reduce((a, g) => Math.max(a, g.end), -Infinity);
      assert.ok(Math.abs(first - x.taskStats!.firstStart) < 1e-9 && Math.abs(last - x.taskStats!.lastEnd) < 1e-9);
    }
    const serial = runs.find((x) => x.strategy === 'serial')!;
    assert.ok(serial.user + serial.sys <= serial.wall.median * 1.3 + 0.02, 'a plain loop cannot use much more CPU than wall time');
    const json = JSON.stringify(r, null, 2).length;
    assert.ok(json < 20 * 2 ** 20, `the JSON report is ${(json / 2 ** 20).toFixed(1)} MB`);
    assert.ok(fs.statSync(html).size < 25 * 2 ** 20, 'the HTML report is bounded too');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a run at the record limit still keeps every task', async () => {
  const r = assertClean(await runCli([
    'profile', 'examples/tiny_tasks.py:add_one', '--args', `[(i,) for i in range(${TASK_RECORDS_MAX})]`,
    '--strategies', 'serial,threads', '--workers', '2', '--budget', '20',
  ]));
  for (const x of measured(r)) {
    assert.equal(x.tasks.length, TASK_RECORDS_MAX, `${x.id} keeps all ${TASK_RECORDS_MAX} tasks`);
    assert.equal(x.taskStats, undefined);
  }
});

test('20,000 medium tasks: process pools get other chunk sizes tried when dispatch is a large share, and the best measured wins', async () => {
  const r = assertClean(await runCli([
    'profile', 'examples/medium_tasks.py:checksum', '--args', '[(300,)] * 20000', '--strategies', 'serial,processes', '--budget', '60',
  ], { timeoutMs: 300_000 }));
  const procs = measured(r).filter((x) => x.strategy === 'processes');
  const variants = r.runs.filter((x) => x.strategy === 'processes' && x.variantOf);
  assert.ok(variants.length <= CHUNK_SWEEP_STEPS, `at most ${CHUNK_SWEEP_STEPS} chunk sizes tried: ${variants.map((x) => x.id)}`);
  for (const v of variants) {
    const base = r.runs.find((x) => x.id === v.variantOf)!;
    assert.ok(base && base.workers === v.workers && base.chunksize !== v.chunksize, `${v.id} varies the chunk size of ${v.variantOf}`);
    assert.equal(v.id, `processes-${v.workers}-c${v.chunksize}`);
  }
  const rec = r.recommendation;
  if (rec.strategy === 'processes') {
    const same = procs.filter((x) => x.workers === rec.workers);
    const best = same.reduce((a, b) => (b.wall.median < a.wall.median ? b : a));
    const chosen = r.runs.find((x) => x.id === rec.run)!;
    assert.equal(chosen.chunksize, rec.chunksize);
    assert.ok(chosen === best || chosen.wall.ci95[0] <= best.wall.ci95[1], `chunksize ${rec.chunksize} is the best measured (${best.chunksize}) or within noise`);
    if (same.length > 1) assert.ok(rec.reasons.some((x) => x.startsWith(`Chunk sizes measured for processes ×${rec.workers}:`)));
  }
});

test('eight waiting tasks: no sweep, projection or advice goes past eight workers', async () => {
  const r = assertClean(await runCli(['profile', 'examples/io_wait.py:fetch', '--tasks', '8', '--workers', '1,2,4,16', '--budget', '40']));
  assert.ok(r.runs.every((x) => x.workers <= 8), `worker counts ${r.runs.map((x) => x.workers)}`);
  assert.ok(r.warnings.some((w) => w.code === 'capped-by-tasks' && /16 not swept: a run of 8 tasks/.test(w.message)));
  assert.ok(r.model.projection.every((p) => p.cores <= 8), JSON.stringify(r.model.projection));
  if (r.recommendation.strategy !== 'serial') {
    assert.equal(r.model.strategy, r.recommendation.strategy, 'the model projects the recommended strategy only');
    assert.match(r.model.label ?? '', /the recommended strategy/);
  }
  const text = r.recommendation.reasons.join(' ');
  assert.doesNotMatch(text, /stops paying near (9|[1-9]\d+) workers/, 'no peak claimed past the task count');
  if (r.recommendation.workers >= 8) assert.doesNotMatch(text, /more concurrency may pay further/);
  assertHonestConfidence(r);
});

test('PyPy on sum_range: a one-worker pool is never the verdict; when one wins, a finding explains it', async (t) => {
  if (spawnSync('pypy3', ['--version']).status !== 0) return t.diagnostic('pypy3 is not installed (.ci/run installs it)');
  const r = assertClean(await runCli([
    'profile', 'examples/sum_range.py:sum_range', '--args', '[(i*1_000_000, (i+1)*1_000_000) for i in range(8)]',
    '--python', 'pypy3', '--budget', '40',
  ]));
  const rec = r.recommendation;
  assert.ok(rec.strategy === 'serial' || rec.workers >= 2, `verdict ${rec.headline}`);
  const serial = r.runs.find((x) => x.strategy === 'serial')!;
  const wins = measured(r).filter((x) => x.workers === 1 && x.strategy !== 'serial' && x.wall.ci95[1] < serial.wall.ci95[0]
    && serial.wall.median / x.wall.median >= 1.05);
  const finding = r.findings?.find((f) => f.code === 'one-worker-faster');
  assert.equal(!!finding, wins.length > 0, `a finding exactly when a one-worker pool beat serial beyond noise (${wins.map((x) => x.id)})`);
  if (finding) assert.match(finding.message, /Serial: user .* sys .*; .* ×1: user .* sys /);
  for (const x of measured(r)) if (x.strategy !== 'serial') assert.ok(x.faults, `${x.id} reports page faults`);
  assertHonestConfidence(r);
});

/** No "medium"/"high" while a warning says the leaders cannot be separated; no zero-width interval in the reasons. */
function assertHonestConfidence(r: Report): void {
  const chosen = r.runs.find((x) => x.id === r.recommendation.run);
  const inseparable = r.warnings.filter((w) => w.code === 'inseparable');
  if (chosen && inseparable.some((w) => w.message.includes(`${chosen.strategy}`))) {
    assert.equal(r.recommendation.confidence, 'low', `confidence vs ${inseparable.map((w) => w.message)}`);
  }
  for (const reason of r.recommendation.reasons) assert.doesNotMatch(reason, /\b(\d+(?:\.\d+)?)( s|×)?–\1( s|×)\b/, reason);
}
