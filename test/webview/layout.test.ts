/**
 * The panel at the two widths a user meets (issue 12): side by side with the editor (~610 px) and
 * maximised (1600 px), in light and dark themes, with screenshots of each into test-results/webview.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Report } from '../../src/contracts/report';
import { applyVsCodeTheme, buildWebview, DARK_THEME, launchChromium, loadFixture, openPanel, postReport, RESULTS } from './harness';

let browser: Browser;
const python: Report = loadFixture('sum_range.json');
const javascript: Report = loadFixture('sum_range_js.json');

before(async () => {
  mkdirSync(RESULTS, { recursive: true });
  await buildWebview();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

async function panelAt(width: number, report: Report, theme: 'light' | 'dark'): Promise<{ page: Page; close: () => Promise<void>; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 1000 }, colorScheme: 'light' });
  const { page, rec } = await openPanel(context);
  await postReport(page, report);
  if (theme === 'dark') await applyVsCodeTheme(page, 'vscode-dark', DARK_THEME);
  else await applyVsCodeTheme(page, 'vscode-light', {});
  return { page, close: () => context.close(), errors: rec.errors };
}

const box = async (page: Page, sel: string) => (await page.locator(sel).first().boundingBox())!;

describe('side by side (610 px)', () => {
  test('the table keeps Run, Speedup and Wall in view with no horizontal scrolling; "All columns" brings the rest back', async () => {
    const { page, close } = await panelAt(610, python, 'light');
    try {
      const wrap = await page.$eval('.table-wrap', (w) => ({ scroll: w.scrollWidth, client: w.clientWidth }));
      assert.ok(wrap.scroll <= wrap.client, `no horizontal scroll in the table: ${JSON.stringify(wrap)}`);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scroll on the page');
      const area = await box(page, '.table-wrap');
      for (const name of ['Speedup', 'Wall']) {
        assert.ok(await page.isVisible(`.scaling-table th[data-column="${name}"]`), `${name} shown`);
        const b = await box(page, `.scaling-table th[data-column="${name}"]`);
        assert.ok(b.x >= area.x && b.x + b.width <= area.x + area.width + 0.5, `${name} inside the visible table: ${JSON.stringify(b)} in ${JSON.stringify(area)}`);
      }
      assert.ok(await page.isVisible('tr[data-run-id="processes-2"] td.speedup'), 'the speedup cells too');
      assert.equal(await page.isVisible('.scaling-table th[data-column="Chunk"]'), false, 'low-priority columns fold away');
      assert.equal(await page.isVisible('.columns-toggle'), true);
      await page.click('.columns-toggle');
      assert.equal(await page.isVisible('.scaling-table th[data-column="Chunk"]'), true, 'All columns shows them');
      await page.click('.columns-toggle');
      assert.equal(await page.isVisible('.scaling-table th[data-column="Chunk"]'), false);
    } finally {
      await close();
    }
  });

  test('the answer and the start of the per-core timeline are on the first screen', async () => {
    const { page, close } = await panelAt(610, python, 'light');
    try {
      assert.ok((await box(page, '#answer')).y < 300, 'the answer near the top');
      assert.ok((await box(page, '[data-timeline="cores"]')).y < 1000, 'the per-core timeline starts on the first screen');
    } finally {
      await close();
    }
  });
});

describe('maximised (1600 px)', () => {
  test('every column shows, and the timelines come right after the answer', async () => {
    const { page, close } = await panelAt(1600, python, 'light');
    try {
      for (const name of ['Speedup', 'Wall', 'Parallelism', 'Efficiency', 'Overhead', 'Chunk', 'User', 'Sys']) {
        assert.ok(await page.isVisible(`.scaling-table th[data-column="${name}"]`), `${name} shown`);
      }
      assert.equal(await page.isVisible('.columns-toggle'), false, 'nothing folded, so no toggle');
      assert.ok((await box(page, '[data-timeline="cores"]')).y < 500, 'the per-core timeline is within the first half screen');
      assert.ok((await box(page, '#scaling')).y < 1000, 'the scaling chart starts on the first screen');
    } finally {
      await close();
    }
  });
});

describe('screenshots', () => {
  for (const width of [610, 1600]) {
    for (const theme of ['light', 'dark'] as const) {
      test(`panel at ${width} px, ${theme}: Python and JavaScript reports, and the snippet opened`, async () => {
        for (const [name, report] of [['panel', python], ['js', javascript]] as const) {
          const { page, close, errors } = await panelAt(width, report, theme);
          try {
            await page.click(`tr[data-run-id="${name === 'panel' ? 'threads-2' : 'processes-2'}"]`);
            await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
            await page.screenshot({ path: join(RESULTS, `${name}-${width}-${theme}.png`), fullPage: true });
            await page.click('[data-action="toggle-snippet"]');
            await page.locator('#verdict').screenshot({ path: join(RESULTS, `${name}-${width}-${theme}-details.png`) });
            assert.deepEqual(errors, []);
          } finally {
            await close();
          }
        }
      });
    }
  }
});
