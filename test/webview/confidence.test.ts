/**
 * Issue 12, point 4, in the panel: the confidence is shown with its cause (the engine's confidenceReason), and a
 * medium or low confidence offers "Re-run with more repeats", which posts one typed message to the extension. The
 * standalone HTML file has no extension to ask, so it has no such button. Screenshots:
 * test-results/webview/confidence-*.png.
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

before(async () => {
  mkdirSync(RESULTS, { recursive: true });
  await buildWebview();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 610, height: 900 }, colorScheme: 'dark' });
});
after(async () => {
  await browser?.close();
});

const squash = async (page: Page, sel: string) => ((await page.textContent(sel)) ?? '').replace(/\s+/g, ' ').trim();

/** The recorded report with the engine's confidence and reason set as a profile would write them. */
function withConfidence(level: Report['recommendation']['confidence'], reason: string): Report {
  const r = loadFixture('sum_range.json');
  r.recommendation.confidence = level;
  r.recommendation.confidenceReason = reason;
  return r;
}

const LOW = 'processes ×2 varied by ±17% between repeats';

describe('confidence with its cause', () => {
  test('the answer and the details show the level and the engine\'s reason next to it', async () => {
    const { page } = await openPanel(context);
    try {
      await postReport(page, withConfidence('low', LOW));
      assert.match(await squash(page, '.answer-sub'), /low confidence: processes ×2 varied by ±17% between repeats/);
      assert.match(await squash(page, '#verdict .expected'), /low confidence: processes ×2 varied by ±17% between repeats/);
      await page.screenshot({ path: join(RESULTS, 'confidence-low-610-dark.png'), fullPage: false });
    } finally {
      await page.close();
    }
  });

  test('a high confidence says why too', async () => {
    const { page } = await openPanel(context);
    try {
      await postReport(page, withConfidence('high', 'at least 3 repeats each, spread within ±2%, no other strategy within noise'));
      assert.match(await squash(page, '.answer-sub'), /high confidence: at least 3 repeats each, spread within ±2%/);
    } finally {
      await page.close();
    }
  });

  test('a report from before the field still explains a medium level from its warnings', async () => {
    const { page } = await openPanel(context);
    try {
      const r = loadFixture('sum_range.json');
      r.recommendation.confidence = 'medium';
      delete (r.recommendation as Partial<Report['recommendation']>).confidenceReason;
      r.warnings.push({ code: 'inseparable', message: 'Too noisy to separate processes ×2 from processes ×4: their 95% intervals overlap.' });
      await postReport(page, r);
      assert.match(await squash(page, '.answer-sub'), /medium confidence: Too noisy to separate processes ×2/);
    } finally {
      await page.close();
    }
  });
});

describe('"Re-run with more repeats"', () => {
  for (const level of ['low', 'medium'] as const) {
    test(`a ${level} confidence offers it beside the level; a click posts rerunMoreRepeats once`, async () => {
      const { page, rec } = await openPanel(context);
      try {
        await postReport(page, withConfidence(level, LOW));
        const button = page.locator('.answer-sub [data-action="rerun-more-repeats"]');
        assert.equal(await button.count(), 1);
        assert.equal((await button.textContent())?.trim(), 'Re-run with more repeats');
        await button.click();
        // Disabled after the first: a second click (dispatched, as a disabled button takes no pointer) posts nothing.
        await button.evaluate((b) => (b as HTMLElement).click());
        assert.equal(await button.getAttribute('disabled'), '');
        const posted = (await rec.posted()).filter((m) => m.type === 'rerunMoreRepeats');
        assert.deepEqual(posted, [{ type: 'rerunMoreRepeats' }]);
        assert.deepEqual(rec.errors, []);
      } finally {
        await page.close();
      }
    });
  }

  test('a high confidence does not offer it', async () => {
    const { page } = await openPanel(context);
    try {
      await postReport(page, withConfidence('high', 'at least 3 repeats each, spread within ±2%, no other strategy within noise'));
      assert.equal(await page.locator('[data-action="rerun-more-repeats"]').count(), 0);
    } finally {
      await page.close();
    }
  });

  test('the standalone HTML export has no editor actions, so no button, but keeps the reason', async () => {
    const { page, rec } = await openStandalone(context, withConfidence('low', LOW), 'confidence-standalone');
    try {
      await page.waitForSelector('.answer-sub');
      assert.equal(await page.locator('[data-action="rerun-more-repeats"]').count(), 0);
      assert.match(await squash(page, '.answer-sub'), /low confidence: processes ×2 varied by ±17%/);
      assert.deepEqual(rec.errors, []);
    } finally {
      await page.close();
    }
  });
});
