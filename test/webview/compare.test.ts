/**
 * The comparison panel ("Compare with previous run", issue 12 point 11) in real Chromium, under the panel's CSP with a
 * stub acquireVsCodeApi: the engine's Comparison of the recorded sum_range report with a variant (processes 19% slower,
 * 7 minutes later, with a commit) draws a summary line first, the two runs side by side with absolute times, every
 * configuration with its verdict, and the engine's notes; hostile strings stay text. Screenshots at 610 and 1600 px.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Comparison } from '../../src/contracts/comparison';
import type { Report } from '../../src/contracts/report';
import type { WebviewState } from '../../src/contracts/webview';
import { compareReports } from '../../src/engine';
import { onlyRuns, recommending, recorded, scaleWalls, singleSamples } from '../support/reportVariants';
import { applyVsCodeTheme, buildWebview, DARK_THEME, launchChromium, openPanel, RESULTS } from './harness';
import { HOSTILE, hostileReport } from './hostile';

const COMMIT = 'b4c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9';
const base = recorded();

/**
 * The later run: the processes runs 19% slower (so their speedups fall, and the recommendation expects less),
 * profiled 7 minutes later at a commit.
 */
function laterRun(from: Report = base): Report {
  const r = scaleWalls(from, 1.19, (x) => x.strategy === 'processes');
  const expected = r.runs.find((x) => x.id === 'processes-2')!.speedup;
  return {
    ...r,
    createdAt: new Date(Date.parse(from.createdAt) + 7 * 60_000).toISOString(),
    commit: COMMIT,
    recommendation: {
      ...r.recommendation, expectedSpeedup: expected, expectedSpeedupCi95: [expected * 0.99, expected * 1.01],
    },
  };
}

const comparison: Comparison = compareReports(base, laterRun());

let browser: Browser;
let context: BrowserContext;

before(async () => {
  mkdirSync(RESULTS, { recursive: true });
  await buildWebview();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'UTC' });
});
after(async () => {
  await browser?.close();
});

/** Posts a comparison the way the extension does, and waits until it is drawn. */
async function postComparison(page: Page, c: unknown): Promise<void> {
  await page.evaluate((m) => window.postMessage({ type: 'comparison', comparison: m }, '*'), c);
  await page.waitForSelector('#app[data-view="comparison"] [data-testid="compare-summary"]');
}

const text = async (page: Page, sel: string) => ((await page.textContent(sel)) ?? '').replace(/\s+/g, ' ').trim();
const cell = (field: string, side: 'baseline' | 'current') => `tr[data-field="${field}"] td[data-side="${side}"]`;

describe('comparison panel', () => {
  let page: Page;
  let rec: Awaited<ReturnType<typeof openPanel>>['rec'];

  before(async () => {
    ({ page, rec } = await openPanel(context));
    await postComparison(page, comparison);
  });
  after(async () => page?.close());

  test('the summary line comes first: the best speedup before and after, its change, both 95% intervals', async () => {
    assert.equal(
      await text(page, '[data-testid="compare-summary"]'),
      'processes ×2: 1.90× → 1.60× (−16%, beyond noise: intervals 1.89–1.91× vs 1.59–1.60×)',
    );
    const order = await page.$$eval('#app > *', (els) => els.map((e) => e.id || e.tagName.toLowerCase()));
    assert.deepEqual(order, ['header', 'compare-answer', 'compare-runs', 'compare-configs'], 'no notes: one machine');
    assert.match(await text(page, '[data-testid="compare-summary"] .noise'), /^beyond noise/);
    assert.equal(
      await text(page, '[data-testid="compare-wall"]'),
      `Fastest wall time: ${comparison.best.sentence}.`,
      'the gate\'s own sentence, as the CLI prints it',
    );
    assert.equal(
      await text(page, '[data-testid="compare-recommendation"]'),
      'Recommendation: processes ×2 (expected 1.90×) → processes ×2 (expected 1.60×) (unchanged).',
    );
    assert.match(await text(page, 'h1'), /^Compare sum_range$/);
  });

  test('the two runs side by side, each with its absolute time and commit, never a relative "ago"', async () => {
    const heads = await page.$$eval('.compare-runs-table thead th', (ths) => ths.map((t) => t.textContent));
    assert.deepEqual(heads, ['Before', 'After']);
    assert.equal(await page.getAttribute(`${cell('when', 'baseline')} time`, 'datetime'), base.createdAt);
    assert.equal(await page.getAttribute(`${cell('when', 'current')} time`, 'datetime'), comparison.current.createdAt);
    // en-GB in UTC, as the browser context says: the recorded report began 2 June 2025 at 09:14:07.
    assert.equal(await text(page, cell('when', 'baseline')), '2 Jun 2025, 09:14:07');
    assert.equal(await text(page, cell('when', 'current')), '2 Jun 2025, 09:21:07');
    assert.doesNotMatch(await text(page, '#compare-runs'), /\bago\b|just now/);
    assert.equal(await text(page, cell('commit', 'baseline')), 'not recorded');
    assert.equal(await text(page, cell('commit', 'current')), COMMIT.slice(0, 10));
    assert.equal(await text(page, cell('fastest', 'baseline')), 'processes ×2: 3.80 s (3.74–3.86 s), 1.90×');
    assert.equal(await text(page, cell('fastest', 'current')), 'processes ×2: 4.52 s (4.45–4.59 s), 1.60×');
    assert.equal(await text(page, cell('interpreter', 'current')), 'CPython 3.11.2 · GIL enabled · fork');
    const marked = await page.$$eval('.compare-runs-table tr.differs', (rows) => rows.length);
    assert.equal(marked, 0, 'nothing differs but the code');
  });

  test('every configuration in the engine\'s order, with before/after wall and speedup and the verdict', async () => {
    const rows = await page.$$eval('.compare-table tbody tr', (trs) =>
      trs.map((tr) => [...tr.children].map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim())));
    assert.deepEqual(rows.map((r) => r[0]), comparison.configurations.map((c) => c.config));
    const byConfig = new Map(rows.map((r) => [r[0], r.slice(1)]));
    assert.deepEqual(byConfig.get('processes ×2'),
      ['3.80 s3.74–3.86 s', '4.52 s4.45–4.59 s', '+19%', '1.90× → 1.60×', 'slower, beyond noise']);
    assert.deepEqual(byConfig.get('threads ×2'),
      ['8.80 s8.67–8.93 s', '8.80 s8.67–8.93 s', '±0%', '0.82× → 0.82×', 'within noise']);
    assert.deepEqual(byConfig.get('async ×1'),
      ['not measured in both (skipped → skipped): sum_range is not a coroutine function'],
      'a configuration measured on neither side: one line with the reason, once');
    const tone = await page.getAttribute('tr[data-config="processes ×2"] td.verdict', 'class');
    assert.equal(tone, 'verdict versus-slower', 'red only when slower beyond noise');
    assert.equal(await page.getAttribute('tr[data-config="threads ×2"] td.verdict', 'class'), 'verdict muted');
  });

  test('"Open report" asks the extension for that side\'s report; the comparison is saved for a reload', async () => {
    await page.click('vscode-button[data-open="baseline"]');
    await page.click('vscode-button[data-open="current"]');
    const posted = await rec.posted();
    assert.deepEqual(posted.slice(-2), [
      { type: 'openComparedReport', side: 'baseline' },
      { type: 'openComparedReport', side: 'current' },
    ]);
    const state = await rec.state();
    assert.equal(state?.version, 1);
    assert.deepEqual(state?.comparison?.best.speedup, comparison.best.speedup);
    assert.deepEqual(rec.errors, []);
    assert.deepEqual(await rec.violations(), []);
  });

  test('a malformed comparison message is ignored, and the page keeps what it shows', async () => {
    await page.evaluate(() => window.postMessage({ type: 'comparison', comparison: { baseline: 'x' } }, '*'));
    await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
    assert.match(await text(page, '[data-testid="compare-summary"]'), /^processes ×2: 1\.90× → 1\.60×/);
    assert.deepEqual(rec.errors, []);
  });
});

describe('comparison panel restored after a reload', () => {
  test('draws the saved comparison at once, with no message from the extension', async () => {
    const state: WebviewState = { version: 1, comparison };
    const { page, rec } = await openPanel(context, { state });
    try {
      await page.waitForSelector('[data-testid="compare-summary"]');
      assert.match(await text(page, '[data-testid="compare-summary"]'), /^processes ×2: 1\.90× → 1\.60× \(−16%/);
      assert.deepEqual(rec.errors, []);
    } finally {
      await page.close();
    }
  });
});

describe('comparison when the answer changed', () => {
  test('another fastest configuration: the summary names both; the recommendation line says what changed', async () => {
    const later = recommending(scaleWalls(laterRun(), 1.3, (r) => r.id === 'processes-2'), 'threads', 2);
    const c = compareReports(base, later);
    const { page } = await openPanel(context);
    try {
      await postComparison(page, c);
      assert.match(await text(page, '[data-testid="compare-summary"]'),
        /^Best: processes ×2 1\.90× → processes ×4 1\.54× \(−19%, beyond noise: intervals /);
      assert.match(await text(page, '[data-testid="compare-recommendation"]'),
        /→ threads ×2 \(expected [\d.]+×\) \(the strategy changed\)\.$/);
      assert.equal(await text(page, cell('fastest', 'current')), `processes ×4: 4.70 s (4.63–4.77 s), 1.54×`);
    } finally {
      await page.close();
    }
  });
});

describe('comparison when the serial loop is fastest in both runs', () => {
  test('the summary gives the loop\'s wall time, not a speedup of 1 by definition', async () => {
    const loopAndThreads = onlyRuns(base, (r) => r.strategy === 'serial' || r.strategy === 'threads');
    const c = compareReports(loopAndThreads, scaleWalls(loopAndThreads, 1.1));
    const { page } = await openPanel(context);
    try {
      await postComparison(page, c);
      assert.equal(await text(page, '[data-testid="compare-summary"]'),
        'serial ×1 is fastest in both runs: 7.22 s → 7.94 s (+10%, beyond noise: intervals 7.11–7.33 s vs 7.82–8.06 s)',
      );
      assert.match(await page.getAttribute('[data-testid="compare-summary"]', 'class') ?? '', /verdict-lower/);
    } finally {
      await page.close();
    }
  });
});

describe('comparison across machines and interpreters', () => {
  test('shows the engine\'s notes above the numbers and marks the rows that differ', async () => {
    const later = laterRun();
    const other: Report = {
      ...later,
      environment: {
        ...later.environment, logicalCores: 4, physicalCores: 4, version: 'CPython 3.12.1', cpuModel: 'AMD EPYC 7B13',
      },
    };
    const c = compareReports(base, other);
    const { page } = await openPanel(context);
    try {
      await postComparison(page, c);
      const notes = await page.$$eval('[data-testid="compare-note"]', (li) => li.map((x) => x.textContent));
      assert.deepEqual(notes, c.notes);
      assert.ok(notes.some((n) => /^Different machines/.test(n!)), JSON.stringify(notes));
      assert.ok(notes.some((n) => /^Different interpreters/.test(n!)), JSON.stringify(notes));
      const order = await page.$$eval('#app > *', (els) => els.map((e) => e.id || e.tagName.toLowerCase()));
      assert.deepEqual(order.slice(0, 3), ['header', 'compare-answer', 'compare-notes'], 'caveats before the details');
      const marked = await page.$$eval('.compare-runs-table tr.differs',
        (rows) => rows.map((r) => (r as HTMLElement).dataset.field));
      assert.deepEqual(marked, ['interpreter', 'machine']);
      assert.equal(await text(page, cell('machine', 'current')),
        '4 logical / 4 physical cores · AMD EPYC 7B13 · linux/x64');
    } finally {
      await page.close();
    }
  });

  test('two single-sample runs quote no interval: too few repeats to weigh the noise', async () => {
    const c = compareReports(singleSamples(base), singleSamples(laterRun()));
    const { page } = await openPanel(context);
    try {
      await postComparison(page, c);
      assert.equal(await text(page, '[data-testid="compare-summary"]'),
        'processes ×2: 1.90× → 1.60× (−16%, too few repeats to weigh the noise)');
      assert.equal(await page.getAttribute('tr[data-config="processes ×2"] td.verdict', 'class'), 'verdict muted');
      assert.equal(await text(page, 'tr[data-config="processes ×2"] td.verdict'), 'too few repeats to judge');
      const walls = await page.$$eval('tr[data-config="processes ×2"] td.wall .ci', (x) => x.map((e) => e.textContent));
      assert.deepEqual(walls, ['once', 'once'], 'one sample has no interval to show');
      assert.equal(await text(page, cell('fastest', 'current')), 'processes ×2: 4.52 s (once), 1.60×');
    } finally {
      await page.close();
    }
  });
});

describe('hostile strings in a comparison', () => {
  test('render as text: no markup, no script, no CSP violation, bidi overrides made visible', async () => {
    const hostile = hostileReport(base);
    const later: Report = { ...laterRun(hostile), environment: { ...hostile.environment, cpuModel: HOSTILE.closer } };
    const c = compareReports(hostile, later);
    const { page, rec } = await openPanel(context);
    try {
      await postComparison(page, c);
      const pwned = await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned);
      assert.equal(pwned, undefined, 'no injected script ran');
      assert.equal(await page.$$eval('#app script, #app img', (x) => x.length), 0, 'no element came from a string');
      assert.equal(await text(page, 'h1 .function-name'), HOSTILE.script);
      assert.equal(await text(page, `${cell('machine', 'current')} .user-text`), HOSTILE.closer);
      assert.equal(await text(page, `${cell('machine', 'baseline')} .user-text`), HOSTILE.img);
      assert.equal(await text(page, `${cell('work', 'baseline')}`), HOSTILE.script);
      const notes = await page.$$eval('[data-testid="compare-note"]', (li) => li.map((x) => x.textContent ?? ''));
      const note = notes.join('\n');
      assert.ok(note.includes(HOSTILE.img) && note.includes(HOSTILE.closer), `both CPU models quoted: ${note}`);
      const bidi = await page.$$eval('#app .bidi-control', (x) => x.length);
      assert.ok(bidi > 0, 'the RIGHT-TO-LEFT OVERRIDE is shown, not obeyed');
      const skipped = await text(page, 'tr[data-config="async ×1"] td.verdict');
      assert.ok(skipped.includes(HOSTILE.img), 'the skip reason, as text');
      await page.screenshot({ path: join(RESULTS, 'compare-hostile.png'), fullPage: true });
      assert.deepEqual(await rec.violations(), [], 'nothing tried to run and was blocked');
      assert.deepEqual(rec.errors, []);
    } finally {
      await page.close();
    }
  });
});

describe('comparison panel at the two widths', () => {
  for (const width of [610, 1600]) {
    test(`${width} px: no horizontal scrolling, every column in view; light and dark screenshots`, async () => {
      const ctx = await browser.newContext({ viewport: { width, height: 1000 }, locale: 'en-GB', timezoneId: 'UTC' });
      try {
        const { page, rec } = await openPanel(ctx);
        await postComparison(page, comparison);
        await applyVsCodeTheme(page, 'vscode-light', {});
        await page.screenshot({ path: join(RESULTS, `compare-${width}-light.png`), fullPage: true });
        const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
        assert.ok(fits, 'no horizontal scroll on the page');
        for (const sel of ['.compare-configs .compare-wrap', '.compare-runs .compare-wrap']) {
          const wrap = await page.$eval(sel, (w) => ({ scroll: w.scrollWidth, client: w.clientWidth }));
          assert.ok(wrap.scroll <= wrap.client, `${sel} needs no horizontal scroll: ${JSON.stringify(wrap)}`);
        }
        for (const column of [1, 2, 3, 4, 5, 6]) {
          assert.ok(await page.isVisible(`.compare-table thead th:nth-child(${column})`), `column ${column} shown`);
        }
        await applyVsCodeTheme(page, 'vscode-dark', DARK_THEME);
        await page.screenshot({ path: join(RESULTS, `compare-${width}-dark.png`), fullPage: true });
        assert.deepEqual(rec.errors, []);
        assert.deepEqual(await rec.violations(), []);
      } finally {
        await ctx.close();
      }
    });
  }
});
