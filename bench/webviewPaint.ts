/**
 * Webview paint benchmark (issue 3): a Report with 100,000 task segments drawn in Chromium; first paint
 * and time per zoom and pan frame. Run alone with `node --import tsx bench/webviewPaint.ts`.
 */
import type { Page } from 'playwright-core';
import { buildWebview, launchChromium, openPanel, postReport } from '../test/webview/harness';
import { syntheticReport } from './syntheticReport';
import type { Report } from '../src/contracts/report';

/** Paint figures in milliseconds; frame figures are medians, with the worst frame alongside. */
export interface WebviewPaint {
  /** From the report message arriving (before deserialising it) to the first frame painted with both timelines. */
  firstPaintMs: number;
  /** The first paint in a fresh browser (cold JIT, caches and heap): the median over COLD_BROWSERS browsers. */
  firstPaintColdMs: number;
  /** Each fresh browser's first paint, in the order measured. */
  firstPaintColdSamples: number[];
  /** Main-thread time to redraw both timelines for one wheel-zoom step (median over the steps). */
  zoomFrameMs: number;
  zoomFrameMsMax: number;
  /** The same for one drag-pan step. */
  panFrameMs: number;
  panFrameMsMax: number;
  /** Task bars in the report (each also has a core segment). */
  segments: number;
}

const SEGMENTS = 100_000;
/** Fresh browsers for the cold figure: one cold paint varies by ±20% with what the browser is still starting. */
const COLD_BROWSERS = 5;

/**
 * First paint of each given Report in the panel (warm page): each is posted three times and the best of the 2nd and
 * 3rd is kept, as measureWebviewPaint does for its synthetic report; also whether both timelines drew bars.
 */
export async function measureReportPaint(
  reports: readonly Report[],
): Promise<{ firstPaintMs: number; drawn: boolean }[]> {
  await buildWebview();
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page } = await openPanel(context);
    const out: { firstPaintMs: number; drawn: boolean }[] = [];
    for (const report of reports) {
      const paints: number[] = [];
      for (let i = 0; i < 3; i++) {
        await postReport(page, report);
        paints.push(Number(await page.evaluate(() => document.body.dataset.firstPaintMs)));
      }
      const drawn = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-timeline]')]
        .every((e) => Number(e.dataset.drawn ?? 0) > 0));
      out.push({ firstPaintMs: Math.min(paints[1], paints[2]), drawn });
    }
    return out;
  } finally {
    await browser.close();
  }
}

/** First paint of `report` in the panel of a fresh browser: nothing compiled, cached or allocated before it. */
async function coldPaint(report: Report): Promise<number> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page } = await openPanel(context);
    await postReport(page, report);
    return Number(await page.evaluate(() => document.body.dataset.firstPaintMs));
  } finally {
    await browser.close();
  }
}

/** Builds the webview, opens the panel in Chromium, posts the generated report and measures. */
export async function measureWebviewPaint(): Promise<WebviewPaint> {
  await buildWebview();
  const cold: number[] = [];
  for (let i = 0; i < COLD_BROWSERS; i++) cold.push(await coldPaint(syntheticReport(SEGMENTS)));
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page } = await openPanel(context);
    const report = syntheticReport(SEGMENTS);
    const paints: number[] = [];
    // First paint three times (a fresh report each time re-lays-out everything); the first also warms the JIT.
    for (let i = 0; i < 3; i++) {
      await postReport(page, report);
      paints.push(Number(await page.evaluate(() => document.body.dataset.firstPaintMs)));
    }
    await page.locator('[data-timeline="workers"]').scrollIntoViewIfNeeded();
    const box = (await page.locator('[data-timeline="cores"] canvas').boundingBox())!;
    const zoom: number[] = [];
    await page.mouse.move(box.x + box.width * 0.5, box.y + 40);
    for (const dy of [...Array(12).fill(-240), ...Array(12).fill(240)]) {
      await page.mouse.wheel(0, dy);
      zoom.push(await frameCost(page));
    }
    // Pan at 4x zoom, where about a quarter of the bars are in view.
    for (let i = 0; i < 3; i++) {
      await page.mouse.wheel(0, -240);
      await frameCost(page);
    }
    const pan: number[] = [];
    await page.mouse.down();
    for (let i = 1; i <= 24; i++) {
      await page.mouse.move(box.x + box.width * 0.5 + (i % 12 < 6 ? -1 : 1) * 20 * (i % 6), box.y + 40);
      pan.push(await frameCost(page));
    }
    await page.mouse.up();
    return {
      firstPaintMs: paints.slice(1).reduce((m, x) => Math.min(m, x), Infinity),
      firstPaintColdMs: median(cold),
      firstPaintColdSamples: cold,
      zoomFrameMs: median(zoom),
      zoomFrameMsMax: zoom.reduce((m, x) => Math.max(m, x), -Infinity),
      panFrameMs: median(pan),
      panFrameMsMax: pan.reduce((m, x) => Math.max(m, x), -Infinity),
      segments: SEGMENTS,
    };
  } finally {
    await browser.close();
  }
}

// After the next frame, the draw time both canvases recorded (they redraw in the same frame).
async function frameCost(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        requestAnimationFrame(() =>
          resolve(
            [...document.querySelectorAll<HTMLElement>('[data-timeline]')].reduce((sum, e) => sum + Number(e.dataset.frameMs ?? 0), 0),
          ),
        ),
      ),
  );
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
}

if (require.main === module) {
  measureWebviewPaint().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
