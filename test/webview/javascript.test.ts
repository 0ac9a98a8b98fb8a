/**
 * A JavaScript report (recorded from examples/sum_range.js on piscina and forked children) in the panel:
 * the webview's own words are language-neutral, and it lists only the strategies JavaScript has.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Report } from '../../src/contracts/report';
import { buildWebview, launchChromium, loadFixture, openPanel, postReport } from './harness';

let browser: Browser;
let page: Page;
const report: Report = loadFixture('sum_range_js.json');

before(async () => {
  await buildWebview();
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  ({ page } = await openPanel(context));
  await postReport(page, report);
});
after(async () => {
  await browser?.close();
});

const text = async (sel: string) => ((await page.textContent(sel)) ?? '').replace(/\s+/g, ' ').trim();

describe('JavaScript report', () => {
  test('the fixture is what the issue describes: a Node report that lists interpreters as skipped', () => {
    assert.equal(report.target.language, 'javascript');
    assert.ok(report.runs.some((r) => r.strategy === 'interpreters'), 'the engine still lists interpreters');
    assert.equal(report.environment.gilEnabled, false);
  });

  test('shows no GIL wording of its own: not in the header, the badges, the timelines or the table', async () => {
    assert.doesNotMatch(await text('header'), /GIL|free-threaded/);
    assert.equal(await page.$('.kind-badge.gil'), null);
    assert.doesNotMatch(await text('#answer'), /GIL/);
    for (const id of ['threads-2', 'processes-2', 'serial']) {
      await page.click(`tr[data-run-id="${id}"]`);
      assert.doesNotMatch(await text('#timelines'), /GIL/, `timelines of ${id}`);
      assert.equal(await page.getAttribute('[data-timeline="cores"]', 'data-handoffs'), '0', 'no GIL hand-offs marked without a GIL');
    }
    assert.doesNotMatch(await text('#scaling'), /GIL/);
  });

  test('lists only JavaScript strategies: no interpreters row, series or reason', async () => {
    const ids = await page.$$eval('.scaling-table tbody tr', (rows) => rows.map((r) => (r as HTMLElement).dataset.runId));
    assert.deepEqual(ids, report.runs.filter((r) => r.strategy !== 'interpreters').map((r) => r.id));
    assert.equal(await page.$('.scaling-chart .series-interpreters'), null);
    assert.doesNotMatch(await text('#app'), /interpreters/);
  });

  test('has no Chunk column and says chunksize at most once in a caption', async () => {
    const headers = await page.$$eval('.scaling-table thead th', (ths) => ths.map((t) => t.textContent));
    assert.deepEqual(headers, ['Run', 'Speedup', 'Wall', 'Parallelism', 'Efficiency', 'Overhead', 'User', 'Sys']);
    for (const id of ['processes-2', 'threads-2']) {
      await page.click(`tr[data-run-id="${id}"]`);
      assert.ok(((await text('.run-caption')).match(/chunksize/g) ?? []).length <= 1, await text('.run-caption'));
    }
  });

  test('answers in JavaScript terms', async () => {
    assert.equal(await text('[data-testid="answer"]'), 'Use piscina with 2 worker threads: 1.74× faster than the loop; processes: at best 1.31× (2 workers)');
    // The recommendation is low, and says why: the leaders' intervals overlap.
    assert.match(await text('.answer-sub'), /low confidence: threads ×2 and processes ×2 cannot be told apart: their 95% intervals overlap/);
    // The engine's verdict for a Node report speaks of threads running side by side, never of a GIL.
    assert.doesNotMatch(await text('#verdict'), /GIL|bytecode/);
    assert.match(await text('#verdict'), /Threads ran side by side; 2 threads kept 1\.9 cores busy/);
  });

  test('highlights the snippet as JavaScript once it is opened', async () => {
    if (await page.getAttribute('[data-action="toggle-snippet"]', 'aria-expanded') !== 'true') await page.click('[data-action="toggle-snippet"]');
    const tokens = await page.$$eval('[data-testid="snippet"] .tok-keyword', (s) => s.map((x) => x.textContent));
    assert.ok(tokens.includes('import') && tokens.includes('const'), tokens.join(' '));
    assert.equal(await page.textContent('[data-testid="snippet"]'), report.recommendation.snippet);
    assert.match(await text('[data-action="toggle-snippet"]'), /Snippet: JavaScript, \d+ lines/);
  });
});
