/**
 * The report webview in real Chromium: the panel (stub acquireVsCodeApi, strict CSP) and the standalone
 * file the CLI writes (file://). Build first: the before() hook builds the webview bundle itself.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Report } from '../../src/contracts/report';
import { panelHtml } from '../../src/extension/panel/webviewHtml';
import { embedJson } from '../../src/exporters/standaloneHtml';
import { HOSTILE, hostileReport } from './hostile';
import { applyVsCodeTheme, buildWebview, DARK_THEME, launchChromium, loadFixture, openPanel, openStandalone, postReport, RESULTS } from './harness';

let browser: Browser;
let context: BrowserContext;
const report: Report = loadFixture('sum_range.json');

before(async () => {
  mkdirSync(RESULTS, { recursive: true });
  await buildWebview();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light', acceptDownloads: true });
});
after(async () => {
  await browser?.close();
});

const attr = (page: Page, sel: string, name: string) => page.locator(sel).first().getAttribute(name);
const canvasPixels = (page: Page, name: string) => page.$eval(`[data-timeline="${name}"] canvas`, (c) => (c as HTMLCanvasElement).toDataURL());
const visible = async (page: Page) => {
  const [s, e] = await Promise.all([attr(page, '[data-timeline="cores"]', 'data-visible-start'), attr(page, '[data-timeline="cores"]', 'data-visible-end')]);
  return { start: Number(s), end: Number(e) };
};
const nextFrame = (page: Page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

describe('panel', () => {
  let page: Page;
  let rec: Awaited<ReturnType<typeof openPanel>>['rec'];

  before(async () => {
    ({ page, rec } = await openPanel(context));
    await postReport(page, report);
  });
  after(async () => page?.close());

  test('posts ready and draws one lane per core, one per worker', async () => {
    assert.deepEqual((await rec.posted())[0], { type: 'ready' });
    assert.equal(Number(await attr(page, '[data-timeline="cores"]', 'data-lanes')), report.cores.length);
    const run = report.runs.find((r) => r.id === (report.recommendation.strategy + '-' + report.recommendation.workers))!;
    assert.equal(await attr(page, '#timelines', 'data-run-id'), run.id, 'the recommended run is shown first');
    assert.equal(Number(await attr(page, '[data-timeline="workers"]', 'data-lanes')), new Set(run.tasks.map((t) => t.worker)).size);
    assert.ok(Number(await attr(page, '[data-timeline="cores"]', 'data-drawn')) > 0, 'segments drawn');
  });

  test('shows the verdict, evidence and recommendation', async () => {
    assert.equal(await page.textContent('[data-testid="classification"]'), report.classification.summary);
    assert.equal(await page.textContent('[data-testid="headline"]'), report.recommendation.headline);
    const verdict = await page.textContent('#verdict');
    for (const e of report.classification.evidence) assert.ok(verdict!.includes(e), `evidence shown: ${e}`);
    assert.equal(await page.textContent('[data-testid="snippet"]'), report.recommendation.snippet);
  });

  test('lists every run in the table, with the reason of skipped ones', async () => {
    const ids = await page.$$eval('.scaling-table tbody tr', (rows) => rows.map((r) => (r as HTMLElement).dataset.runId));
    assert.deepEqual(ids, report.runs.map((r) => r.id));
    for (const r of report.runs.filter((x) => x.status === 'skipped')) {
      assert.ok((await page.textContent(`tr[data-run-id="${r.id}"]`))!.includes(r.reason!), `reason of ${r.id}`);
    }
  });

  test('selecting a table row changes the timelines and is posted and saved', async () => {
    const before = { pixels: await canvasPixels(page, 'cores'), drawn: await attr(page, '[data-timeline="cores"]', 'data-drawn') };
    await page.click('tr[data-run-id="threads-2"]');
    await nextFrame(page);
    assert.equal(await attr(page, '#timelines', 'data-run-id'), 'threads-2');
    assert.equal(await attr(page, 'tr[data-run-id="threads-2"]', 'aria-selected'), 'true');
    assert.notEqual(await canvasPixels(page, 'cores'), before.pixels, 'per-core pixels differ');
    assert.notEqual(await attr(page, '[data-timeline="cores"]', 'data-drawn'), before.drawn, 'segment count differs');
    assert.deepEqual((await rec.posted()).at(-1), { type: 'selectRun', runId: 'threads-2' });
    assert.equal((await rec.state())?.runId, 'threads-2');
    // Keyboard selection works too.
    await page.focus('tr[data-run-id="threads-2"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    assert.equal(await attr(page, '#timelines', 'data-run-id'), 'threads-4');
  });

  test('a skipped run shows its reason instead of a timeline', async () => {
    const skipped = report.runs.find((r) => r.status === 'skipped')!;
    await page.click(`tr[data-run-id="${skipped.id}"]`);
    assert.ok((await page.textContent('.timeline-empty'))!.includes(skipped.reason!));
    await page.click('tr[data-run-id="processes-4"]');
    assert.equal(await page.isVisible('.timeline-empty'), false);
  });

  test('wheel zooms and drag pans the shared visible range', async () => {
    await page.locator('[data-timeline="workers"]').scrollIntoViewIfNeeded();
    const box = (await page.locator('[data-timeline="cores"] canvas').boundingBox())!;
    const v0 = await visible(page);
    await page.mouse.move(box.x + box.width * 0.6, box.y + 40);
    await page.mouse.wheel(0, -400);
    await nextFrame(page);
    const v1 = await visible(page);
    assert.ok(v1.end - v1.start < (v0.end - v0.start) * 0.8, `zoomed in: ${JSON.stringify(v0)} -> ${JSON.stringify(v1)}`);
    assert.equal(await attr(page, '[data-timeline="workers"]', 'data-visible-start'), String(v1.start), 'both timelines share the range');
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, box.y + 40, { steps: 5 });
    await page.mouse.up();
    await nextFrame(page);
    const v2 = await visible(page);
    assert.ok(v2.start > v1.start, 'dragging left moves the range later');
    assert.ok(Math.abs(v2.end - v2.start - (v1.end - v1.start)) < 1e-9, 'panning keeps the span');
    await page.dblclick('[data-timeline="cores"] canvas');
    await nextFrame(page);
    const v3 = await visible(page);
    assert.ok(Math.abs(v3.end - v3.start - (v0.end - v0.start)) < 1e-9, 'double-click resets');
  });

  test('hover shows a tooltip with task, worker, duration and CPU share', async () => {
    await page.click('tr[data-run-id="processes-2"]');
    await page.locator('[data-timeline="workers"]').scrollIntoViewIfNeeded();
    const box = (await page.locator('[data-timeline="workers"] canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + 22 + 7);
    const tip = page.locator('[data-timeline="workers"] .timeline-tooltip');
    await tip.waitFor({ state: 'visible' });
    const text = (await tip.textContent())!;
    assert.match(text, /Task \d+ · worker 0/);
    assert.match(text, /duration .*CPU share \d+%/);
    const cores = (await page.locator('[data-timeline="cores"] canvas').boundingBox())!;
    await page.mouse.move(cores.x + cores.width * 0.5, cores.y + 22 + 8);
    const coreTip = (await page.locator('[data-timeline="cores"] .timeline-tooltip').textContent())!;
    assert.match(coreTip, /Task \d+ · worker \d/);
    assert.match(coreTip, /CPU share/);
  });

  test('Copy, Insert and Export post messages', async () => {
    await page.click('vscode-button[data-action="copy"]');
    await page.click('vscode-button[data-action="insert"]');
    await page.click('vscode-button[data-export="trace"]');
    const posted = (await rec.posted()).slice(-3);
    assert.deepEqual(posted, [
      { type: 'copySnippet', snippet: report.recommendation.snippet },
      { type: 'insertSnippet', snippet: report.recommendation.snippet },
      { type: 'export', format: 'trace' },
    ]);
  });

  test('canvases follow devicePixelRatio and resizes', async () => {
    const hidpi = await browser.newContext({ viewport: { width: 900, height: 800 }, deviceScaleFactor: 2 });
    try {
      const { page: p } = await openPanel(hidpi);
      await postReport(p, report);
      const size = () => p.$eval('[data-timeline="cores"] canvas', (c) => [(c as HTMLCanvasElement).width, c.clientWidth]);
      const [w, cssW] = await size();
      assert.equal(w, cssW * 2);
      await p.setViewportSize({ width: 700, height: 800 });
      await p.waitForFunction((old) => document.querySelector('[data-timeline="cores"] canvas')!.clientWidth !== old, cssW);
      const [w2, cssW2] = await size();
      assert.ok(cssW2 < cssW);
      assert.equal(w2, cssW2 * 2);
    } finally {
      await hidpi.close();
    }
  });

  test('a panel restored after a reload draws from saved state before any message', async () => {
    const { page: p } = await openPanel(context, { state: { version: 1, report, runId: 'threads-2' } });
    try {
      await p.waitForSelector('#timelines[data-run-id="threads-2"]');
      assert.equal(await p.textContent('[data-testid="headline"]'), report.recommendation.headline);
    } finally {
      await p.close();
    }
  });

  test('screenshots: light and dark themes', async () => {
    await page.click('tr[data-run-id="threads-2"]');
    await applyVsCodeTheme(page, 'vscode-light', {});
    await page.screenshot({ path: join(RESULTS, 'panel-light.png'), fullPage: true });
    const lightPixels = await canvasPixels(page, 'cores');
    await applyVsCodeTheme(page, 'vscode-dark', DARK_THEME);
    await page.screenshot({ path: join(RESULTS, 'panel-dark.png'), fullPage: true });
    assert.notEqual(await canvasPixels(page, 'cores'), lightPixels, 'canvas redrawn in the new theme colours');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(bg, 'rgb(31, 31, 31)');
    assert.deepEqual(await rec.violations(), [], 'no CSP violations (Lit styles work under the CSP)');
    assert.deepEqual(rec.errors, [], 'no console errors');
  });
});

describe('workload output and errors', () => {
  test('a run error shows once (not again from Report.errors) and the captured output is shown as text, marked truncated', async () => {
    const failing: Report = structuredClone(report);
    const run = failing.runs.find((r) => r.status === 'ok' && r.strategy === 'threads')!;
    run.error = { type: 'ValueError', message: 'bad task', taskIndex: 3, run: run.id };
    failing.errors = [run.error];
    failing.output = { text: 'started\n<b>not bold</b>\n...', truncated: true, bytes: 11_000_000 };
    const { page } = await openPanel(context);
    await postReport(page, failing);
    assert.equal(await page.locator('.error').count(), 1);
    assert.match((await page.textContent('details.output summary'))!, /Workload output \(10742 KB printed; the start and the end are kept\)/);
    assert.equal(await page.textContent('details.output pre'), failing.output.text);
    assert.equal(await page.locator('details.output b').count(), 0, 'printed markup stays text');
    await page.close();
  });
});

describe('standalone HTML (file://)', () => {
  test('renders the same verdict with no server, no editor-only actions and no CSP violations', async () => {
    const { page, rec } = await openStandalone(context, report, 'sum_range');
    try {
      assert.equal(await page.textContent('[data-testid="headline"]'), report.recommendation.headline);
      assert.equal(await page.textContent('[data-testid="classification"]'), report.classification.summary);
      assert.equal(Number(await attr(page, '[data-timeline="cores"]', 'data-lanes')), report.cores.length);
      assert.equal(await page.$('vscode-button[data-action="insert"]'), null, 'no Insert below function');
      assert.equal(await page.$('vscode-button[data-export="trace"]'), null, 'no trace export');
      assert.equal(await page.$('a.location'), null, 'no openLocation links');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('vscode-button[data-export="json"]')]);
      const saved = join(RESULTS, 'exported.json');
      await download.saveAs(saved);
      assert.deepEqual(JSON.parse(readFileSync(saved, 'utf8')), report);
      await page.screenshot({ path: join(RESULTS, 'standalone-light.png'), fullPage: true });
      await page.emulateMedia({ colorScheme: 'dark' });
      await nextFrame(page);
      await page.screenshot({ path: join(RESULTS, 'standalone-dark.png'), fullPage: true });
      assert.deepEqual(await rec.violations(), []);
      assert.deepEqual(rec.errors, []);
    } finally {
      await page.close();
    }
  });

  test('the exported HTML opens and renders again', async () => {
    const { page } = await openStandalone(context, report, 'sum_range-export-source');
    try {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('vscode-button[data-export="html"]')]);
      const saved = join(RESULTS, 'exported.html');
      await download.saveAs(saved);
      const again = await context.newPage();
      await again.goto(`file://${saved}`);
      await again.waitForSelector('[data-testid="headline"]');
      assert.equal(await again.textContent('[data-testid="headline"]'), report.recommendation.headline);
      await again.close();
    } finally {
      await page.close();
    }
  });
});

describe('hostile strings', () => {
  const hostile = hostileReport(report);

  async function assertInert(page: Page, rec: Awaited<ReturnType<typeof openPanel>>['rec'], mode: string): Promise<void> {
    assert.equal(await page.textContent('.function-name'), HOSTILE.script, `${mode}: function name as text`);
    assert.equal(await page.textContent('[data-testid="classification"]'), HOSTILE.script);
    assert.equal(await page.textContent('[data-testid="headline"]'), HOSTILE.closer);
    assert.ok((await page.textContent('#problems'))!.includes(HOSTILE.img), 'exception message as text');
    assert.ok((await page.textContent('#problems'))!.includes(`/tmp/${HOSTILE.closer}.py`), 'traceback path as text');
    assert.equal(await page.$$eval('img', (n) => n.length), 0, `${mode}: no <img> element was created`);
    assert.equal(await page.$$eval('script', (n) => n.length), mode === 'panel' ? 1 : 2, `${mode}: no extra <script> element`);
    assert.equal(await page.$$eval('b', (n) => n.length), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned), undefined, `${mode}: no injected script ran`);
    assert.ok((await page.textContent('#verdict'))!.includes('⟨U+202E⟩'), `${mode}: bidi override shown, not obeyed`);
    assert.deepEqual(rec.dialogs, [], `${mode}: no alert()`);
    assert.deepEqual(await rec.violations(), [], `${mode}: nothing tried to run and was blocked`);
    assert.deepEqual(rec.errors, [], `${mode}: no console errors`);
  }

  test('in the panel, every user string renders as text and no script runs', async () => {
    const { page, rec } = await openPanel(context);
    try {
      await postReport(page, hostile, 'threads-4');
      await assertInert(page, rec, 'panel');
      await page.click('.error[data-run="threads-4"] .traceback a.location');
      const last = (await rec.posted()).at(-1);
      assert.deepEqual(last, { type: 'openLocation', file: `/tmp/${HOSTILE.closer}.py`, line: 7 });
      await page.click('vscode-button[data-action="copy"]');
      assert.deepEqual((await rec.posted()).at(-1), { type: 'copySnippet', snippet: hostile.recommendation.snippet }, 'the snippet is copied as written');
      await page.screenshot({ path: join(RESULTS, 'panel-hostile.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  test('in the standalone file, the embedded JSON cannot close its tag', async () => {
    const { page, rec } = await openStandalone(context, hostile, 'hostile');
    try {
      await assertInert(page, rec, 'standalone');
    } finally {
      await page.close();
    }
  });
});

describe('HTML builders', () => {
  test('panelHtml: strict CSP, nonce on the script, no data and no unsafe-inline', () => {
    const html = panelHtml({ scriptUri: 'https://x/main.js', styleUri: 'https://x/main.css', cspSource: 'https://x', nonce: 'N0nce' });
    assert.match(html, /default-src 'none'/);
    assert.match(html, /script-src 'nonce-N0nce'/);
    assert.match(html, /<script nonce="N0nce" src="https:\/\/x\/main.js">/);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|report-data/);
  });

  test('embedJson escapes every character that could end the block, and round-trips', () => {
    const value = { s: `${HOSTILE.closer}${HOSTILE.comment}&amp;${HOSTILE.bidi}` };
    const out = embedJson(value);
    assert.doesNotMatch(out, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(out), value);
  });
});
