/**
 * A run of a million tasks in the real panel (Chromium): the engine's aggregation turns its records into merged
 * segments, and the worker lanes draw those, complete, with the tooltip saying how many tasks a bar holds.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { DoneEvent, HarnessTask } from '../../src/contracts/runner';
import type { Report } from '../../src/contracts/report';
import { boundedDone, summarise } from '../../src/engine/report/summarise';
import { buildWebview, launchChromium, loadFixture, openPanel, postReport } from './harness';

let browser: Browser;
before(async () => {
  await buildWebview();
  browser = await launchChromium();
});
after(async () => browser?.close());

/** The fixture's processes ×2 run replaced by one of a million 2 µs tasks on two workers, as the engine reports it. */
function millionTaskReport(): Report {
  const report = loadFixture('sum_range.json');
  const old = report.runs.find((r) => r.id === 'processes-2')!;
  const origin = 0n;
  const t0 = Math.round(old.window.start * 1e9);
  const n = 1_000_000;
  const tasks: HarnessTask[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const w = i % 2;
    const start = t0 + Math.floor(i / 2) * 3_000;
    tasks[i] = { index: i, start, end: start + 2_000, cpu: 2_000, pid: 5000 + w, tid: 5000 + w, queueWait: 100 };
  }
  const done: DoneEvent = {
    type: 'done', id: 'processes-2#1', t0, tLast: tasks[n - 1].end, t1: tasks[n - 1].end + 1e6, user: 3, sys: 0.1,
    workerPids: [5000, 5001], tasks, mechanism: old.mechanism,
  };
  const bounded = boundedDone(done);
  const run = summarise({
    config: { id: 'processes-2', strategy: 'processes', workers: 2, chunksize: 1 }, mechanism: old.mechanism, status: 'ok', error: null,
    samples: [{ repeatId: 'processes-2#1', done: bounded, wall: (done.t1 - done.t0) / 1e9 }],
  }, origin, undefined, n);
  return { ...report, runs: report.runs.map((r) => (r.id === 'processes-2' ? { ...run, speedup: old.speedup, efficiency: old.efficiency } : r)) };
}

test('a million-task run draws its merged segments in every worker lane, and the tooltip counts the tasks of a bar', async () => {
  const report = millionTaskReport();
  const run = report.runs.find((r) => r.id === 'processes-2')!;
  assert.ok(run.taskSegments && run.taskStats && run.tasks.length < 1000, 'the run carries segments and a sample');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, rec } = await openPanel(context);
  try {
    await postReport(page, report, 'processes-2');
    const lanes = page.locator('[data-timeline="workers"]');
    assert.equal(Number(await lanes.getAttribute('data-lanes')), 2, 'one lane per worker');
    assert.ok(Number(await lanes.getAttribute('data-drawn')) > 0, 'segments drawn');
    await lanes.scrollIntoViewIfNeeded();
    const box = (await page.locator('[data-timeline="workers"] canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + 22 + 7);
    const tip = page.locator('[data-timeline="workers"] .timeline-tooltip');
    await tip.waitFor({ state: 'visible' });
    assert.match((await tip.textContent())!, /\d+ tasks from task \d+ · worker 0/);
    assert.deepEqual(rec.errors, [], 'no page errors');
  } finally {
    await context.close();
  }
});
