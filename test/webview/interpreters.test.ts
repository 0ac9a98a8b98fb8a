/**
 * A report that compares interpreters, in real Chromium: the panel and the standalone page. The fixture was measured
 * on this machine: examples/sum_range.py with "[(i*4_000_000, (i+1)*4_000_000) for i in range(8)]" under
 * --python python3,pypy3 (CPython 3.11.7 and PyPy 3.9.16, a busy 2-core VM).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Report } from '../../src/contracts/report';
import { buildWebview, launchChromium, loadFixture, openPanel, openStandalone, postReport, RESULTS } from './harness';

let browser: Browser;
let context: BrowserContext;
const report: Report = loadFixture('sum_range_python3_pypy3.json');
const rec = report.recommendation;

before(async () => {
  mkdirSync(RESULTS, { recursive: true });
  await buildWebview();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
});
after(async () => {
  await browser?.close();
});

describe('a two-interpreter report in the panel', () => {
  let page: Page;
  let recorder: Awaited<ReturnType<typeof openPanel>>['rec'];

  before(async () => {
    ({ page, rec: recorder } = await openPanel(context));
    await postReport(page, report);
  });
  after(async () => page?.close());

  test('the interpreters card lists each one with its environment, import status, baseline and warm-up', async () => {
    const rows = await page.$$eval('.interpreters-table tbody tr', (trs) =>
      trs.map((t) => (t as HTMLElement).dataset.interpreter));
    assert.deepEqual(rows, ['python3', 'pypy3']);
    const pypy = (await page.textContent('tr[data-interpreter="pypy3"]'))!;
    assert.match(pypy, /PyPy 3\.9\.16/);
    assert.match(pypy, /GIL on · start method fork/);
    assert.match(pypy, /imports/);
    assert.match(pypy, /vs reference/);
    assert.match(pypy, /first task .*, warm /);
    assert.match((await page.textContent('tr[data-interpreter="python3"] th'))!, /reference/);
  });

  test('the table names runs with their interpreter, adds the speedup vs the reference, marks the winner', async () => {
    const names = await page.$$eval('.scaling-table tbody th', (ths) => ths.map((t) => t.firstChild!.textContent));
    assert.deepEqual(names, report.runs.map((r) => `${r.interpreter} · ${r.strategy} ×${r.workers}`));
    assert.ok(await page.$('.scaling-table thead th:text-is("Vs python3")'), 'the Vs-reference column');
    const winner = report.runs.find((r) =>
      r.interpreter === rec.interpreter && r.strategy === rec.strategy && r.workers === rec.workers)!;
    assert.equal(await page.locator('.scaling-table .badge').count(), 1);
    assert.ok((await page.textContent(`tr[data-run-id="${winner.id}"]`))!.includes('recommended'));
    assert.equal(await page.getAttribute('#timelines', 'data-run-id'), winner.id, 'the recommended run is shown first');
  });

  test('the chart draws one line per interpreter and strategy, against the reference serial run', async () => {
    const series = await page.$$eval('.scaling-chart .series', (gs) =>
      gs.map((g) => (g as SVGGElement).dataset.series));
    const ok = report.runs.filter((r) => r.status === 'ok');
    // Serial series last: they are drawn as rings on top of the ×1 points.
    const names = [...new Set(ok.map((r) => `${r.interpreter} · ${r.strategy}`))];
    const expected = [...names.filter((n) => !n.endsWith('serial')), ...names.filter((n) => n.endsWith('serial'))];
    assert.deepEqual(series, expected);
    const titles = await page.$$eval('.scaling-chart .axis-title', (ts) => ts.map((t) => t.textContent));
    assert.deepEqual(titles, ['workers (log scale)', 'speedup vs python3 serial']);
    const legend = await page.$$eval('.scaling-figure .legend-item', (items) => items.map((i) => i.textContent));
    for (const name of expected) assert.ok(legend.includes(name), `legend: ${name}`);
  });

  test('the timelines caption names the interpreter of the selected run', async () => {
    const run = report.runs.find((r) => r.interpreter === 'python3' && r.strategy === 'threads' && r.status === 'ok')!;
    await page.click(`tr[data-run-id="${run.id}"]`);
    assert.equal(await page.textContent('.run-caption .run-name'), `python3 · threads ×${run.workers}`);
    assert.deepEqual((await recorder.posted()).at(-1), { type: 'selectRun', runId: run.id });
    await page.screenshot({ path: join(RESULTS, 'interpreters-panel.png'), fullPage: true });
  });

  test('the answer line says to switch interpreter, against the reference interpreter\'s loop', async () => {
    const answer = (await page.textContent('[data-testid="answer"]'))!;
    const pypy = report.interpreters!.find((i) => i.id === rec.interpreter)!;
    assert.ok(!pypy.reference, 'the fixture\'s verdict is for PyPy');
    assert.ok(answer.startsWith(`Switch to ${pypy.id} (${pypy.label}) and keep the plain loop: `), answer);
    assert.match(answer, /faster than python3's loop, no parallelism needed/);
  });

  test('the verdict names the interpreter', async () => {
    assert.equal(await page.textContent('[data-testid="headline"]'), rec.headline);
    const expected = (await page.textContent('.recommendation .expected'))!;
    assert.match(expected, new RegExp(`expected with ${rec.interpreter} · ${rec.strategy} ×${rec.workers}`));
    assert.deepEqual(recorder.errors, []);
  });
});

describe('a two-interpreter report as a standalone page', () => {
  test('renders the interpreters card and the chart series with no CSP violations', async () => {
    const { page, rec: r } = await openStandalone(context, report, 'interpreters');
    try {
      assert.equal(await page.locator('.interpreters-table tbody tr').count(), 2);
      assert.ok(await page.locator('.scaling-chart .series[data-interpreter="pypy3"]').count() > 0);
      assert.deepEqual(await r.violations(), []);
      assert.deepEqual(r.errors, []);
    } finally {
      await page.close();
    }
  });
});
