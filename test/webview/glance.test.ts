/**
 * Issue 12, the webview side: the panel answers at a glance. The answer line comes first, the scaling
 * chart's ideal is y = x on its log2 axis, colours mean one thing each, the timelines point out GIL
 * hand-offs and say chunksize once, and the snippet is a collapsed, highlighted code block.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Report } from '../../src/contracts/report';
import { HOSTILE, hostileReport } from './hostile';
import { buildWebview, launchChromium, loadFixture, openPanel, postReport, RESULTS } from './harness';

let browser: Browser;
let context: BrowserContext;
let page: Page;
const report: Report = loadFixture('sum_range.json');

before(async () => {
  mkdirSync(RESULTS, { recursive: true });
  await buildWebview();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  ({ page } = await openPanel(context));
  await postReport(page, report);
});
after(async () => {
  await browser?.close();
});

const text = async (sel: string) => ((await page.textContent(sel)) ?? '').replace(/\s+/g, ' ').trim();
const select = async (runId: string) => {
  await page.click(`tr[data-run-id="${runId}"]`);
  await page.waitForSelector(`#timelines[data-run-id="${runId}"]`);
};

describe('scaling chart', () => {
  test('the ideal line is y = x on the log2 worker axis: every vertex has speedup = workers, through 2× at 2 and 4× at 4', async () => {
    const chart = await page.$eval('.scaling-chart', (svg) => ({
      xTicks: [...svg.querySelectorAll('.tick-x')].map((t) => ({ w: Number(t.getAttribute('data-value')), x: Number(t.getAttribute('x')) })),
      yTicks: [...svg.querySelectorAll('.tick-y')].map((t) => ({ s: Number(t.getAttribute('data-value')), y: Number(t.getAttribute('y1')) })),
      ideal: svg.querySelector('.ideal')!.getAttribute('points')!,
    }));
    // The axes as drawn: x = a + b·log2(workers), y = c + d·speedup, read off the tick marks themselves.
    const [x1, x2] = [chart.xTicks[0], chart.xTicks.at(-1)!];
    const b = (x2.x - x1.x) / (Math.log2(x2.w) - Math.log2(x1.w));
    const a = x1.x - b * Math.log2(x1.w);
    const [y1, y2] = [chart.yTicks[0], chart.yTicks.at(-1)!];
    const d = (y2.y - y1.y) / (y2.s - y1.s);
    const c = y1.y - d * y1.s;
    const points = chart.ideal.trim().split(/\s+/).map((p) => p.split(',').map(Number) as [number, number]);
    assert.ok(points.length > 8, `a sampled curve, not a straight segment: ${points.length} vertices`);
    for (const [px, py] of points) {
      const workers = 2 ** ((px - a) / b);
      const speedup = (py - c) / d;
      assert.ok(Math.abs(speedup - workers) < 1e-6 * workers, `vertex (${px}, ${py}) is workers ${workers}, speedup ${speedup}`);
    }
    for (const w of [1, 2, 4]) {
      const at = points.find(([px]) => Math.abs(px - (a + b * Math.log2(w))) < 1e-6);
      assert.ok(at, `the ideal has a vertex at ${w} workers`);
      assert.ok(Math.abs(at[1] - (c + d * w)) < 1e-6, `and it is at ${w}× there`);
    }
    // The measured 2-process point (1.90×) sits just under ideal 2×, not far below a line reading ~3.2×.
    const proc2 = await page.$eval('.scaling-chart circle[data-run-id="processes-2"]', (el) => Number(el.getAttribute('cy')));
    const ideal2 = c + d * 2;
    assert.ok(proc2 > ideal2 && proc2 - ideal2 < Math.abs(d) * 0.2, `processes ×2 within 0.2× below ideal: cy ${proc2}, ideal ${ideal2}`);
  });

  test('the serial point is drawn last, as a ring, so the ×1 points of other strategies cannot hide it', async () => {
    const order = await page.$$eval('.scaling-chart .series', (gs) => gs.map((g) => g.getAttribute('data-strategy')));
    assert.equal(order.at(-1), 'serial');
    const fill = await page.$eval('.scaling-chart .series-serial circle', (c) => getComputedStyle(c).fill);
    assert.equal(fill, 'none');
  });
});

describe('answer line', () => {
  test('comes first and says what to use, its gain over the loop, and each other strategy at best', async () => {
    assert.equal(await text('[data-testid="answer"]'), 'Use ProcessPoolExecutor(max_workers=2): 1.90× faster than the loop; threads: at best 0.99× (1 worker)');
    const order = await page.$$eval('#app > *', (els) => els.filter((e) => !(e as HTMLElement).hidden).map((e) => e.id || e.tagName.toLowerCase()));
    assert.deepEqual(order, ['header', 'answer', 'timelines', 'scaling', 'verdict', 'problems'], 'answer, then timelines and scaling, then details');
    const sub = await text('.answer-sub');
    assert.match(sub, /high confidence/);
    assert.match(sub, /1 warning below/);
  });

  test('a medium or low confidence says why, from the warnings that name the recommended run', async () => {
    const r: Report = structuredClone(report);
    r.recommendation.confidence = 'medium';
    r.warnings.push({ code: 'inseparable', message: 'Too noisy to separate processes ×2 from processes ×4: their 95% intervals overlap.' });
    r.warnings.push({ code: 'noisy-run', message: 'threads ×4 varied by more than ±10% between repeats.' });
    const { page: p } = await openPanel(context);
    try {
      await postReport(p, r);
      const sub = ((await p.textContent('.answer-sub')) ?? '').replace(/\s+/g, ' ');
      assert.match(sub, /medium confidence: Too noisy to separate processes ×2 from processes ×4/);
      assert.doesNotMatch(sub, /threads ×4 varied/, 'a warning about another run is not the cause');
      assert.match((await p.textContent('#verdict .expected'))!, /medium confidence: Too noisy/);
    } finally {
      await p.close();
    }
  });
});

describe('colours', () => {
  test('speedup is red only when slower than serial beyond noise: 1.00× and a 0.99× inside the noise stay neutral', async () => {
    const cls = (id: string) => page.$eval(`tr[data-run-id="${id}"] td.speedup`, (td) => td.className);
    assert.match(await cls('serial'), /versus-same/);
    assert.match(await cls('threads-1'), /versus-same/, 'threads ×1 0.99×: its interval overlaps serial\u2019s');
    assert.match(await cls('threads-4'), /versus-slower/, 'threads ×4 0.79×: clearly slower');
    assert.match(await cls('processes-2'), /versus-faster/);
    const colour = (id: string) => page.$eval(`tr[data-run-id="${id}"] td.speedup`, (td) => getComputedStyle(td).color);
    const error = await page.evaluate(() => getComputedStyle(document.body).getPropertyValue('--vscode-errorForeground').trim());
    assert.equal(await colour('threads-4'), await page.evaluate((c) => {
      const probe = document.createElement('span');
      probe.style.color = c;
      document.body.append(probe);
      const out = getComputedStyle(probe).color;
      probe.remove();
      return out;
    }, error));
    assert.notEqual(await colour('serial'), await colour('threads-4'));
    assert.notEqual(await colour('threads-1'), await colour('threads-4'));
  });

  test('each strategy has one colour in the chart, the table and the timelines; worker lanes are its shades, not other strategies\u2019 colours', async () => {
    await select('threads-2');
    const bg = (sel: string) => page.$eval(sel, (e) => getComputedStyle(e).backgroundColor);
    const colours = {
      chartThreads: await bg('.scaling-figure .swatch.series-threads'),
      chartProcesses: await bg('.scaling-figure .swatch.series-processes'),
      tableThreads: await bg('tr[data-run-id="threads-2"] .swatch'),
      answer: await bg('.answer-line .swatch'),
      worker0: await bg('#timelines .swatch.worker-0'),
      worker1: await bg('#timelines .swatch.worker-1'),
      strokeThreads: await page.$eval('.scaling-chart .series-threads polyline', (e) => getComputedStyle(e).stroke),
    };
    assert.equal(colours.tableThreads, colours.chartThreads);
    assert.equal(colours.strokeThreads, colours.chartThreads);
    assert.equal(colours.worker0, colours.chartThreads, 'worker 0 of a threads run is the threads colour');
    assert.notEqual(colours.worker1, colours.worker0, 'workers differ by shade');
    assert.notEqual(colours.worker1, colours.chartProcesses, 'no worker looks like processes');
    assert.equal(colours.answer, colours.chartProcesses, 'the answer line carries the recommended strategy\u2019s colour');
    await select('processes-2');
    const worker0 = await page.$eval('#timelines .swatch.worker-0', (s) => getComputedStyle(s).backgroundColor);
    assert.equal(worker0, colours.chartProcesses, 'a processes run is shaded in the processes colour');
  });
});

describe('timelines', () => {
  test('GIL hand-offs between threads of one process are marked and counted in the caption', async () => {
    await select('threads-2');
    const count = Number(await page.getAttribute('[data-timeline="cores"]', 'data-handoffs'));
    assert.ok(count > 10, `the GIL-bound threads run hands off often: ${count}`);
    assert.equal(await text('[data-testid="handoffs"]'), `${count} GIL hand-offs between cores (marked)`);
    assert.match(await text('#timelines .legend'), /GIL hand-off/);
    await select('processes-2');
    assert.equal(await page.getAttribute('[data-timeline="cores"]', 'data-handoffs'), '0', 'separate processes hand nothing off');
    assert.equal(await page.$('[data-testid="handoffs"]'), null);
  });

  test('the caption says chunksize once, and only where it is a knob', async () => {
    await select('processes-2');
    const caption = await text('.run-caption');
    assert.equal(caption.match(/chunksize/g)?.length, 1, caption);
    await select('threads-2');
    assert.doesNotMatch(await text('.run-caption'), /chunksize/);
  });

  test('a skipped row gets no run caption, only the line saying it was not run and why', async () => {
    const skipped = report.runs.find((r) => r.status === 'skipped')!;
    await select(skipped.id);
    assert.equal(await page.isVisible('.run-caption'), false);
    assert.equal(await text('.timeline-empty'), `${skipped.strategy} ×${skipped.workers} was not run: ${skipped.reason}`);
  });

  test('the utilisation strip has a scale and a tooltip saying what was sampled', async () => {
    await select('threads-2');
    await page.locator('[data-timeline="cores"]').scrollIntoViewIfNeeded();
    const box = (await page.locator('[data-timeline="cores"] canvas').boundingBox())!;
    // Axis 18 + 4, lane 16, gap 1, strip 10: the middle of the first strip.
    await page.mouse.move(box.x + box.width * 0.5, box.y + 22 + 16 + 1 + 5);
    const tip = page.locator('[data-timeline="cores"] .timeline-tooltip');
    await tip.waitFor({ state: 'visible' });
    const t = (await tip.textContent())!;
    assert.match(t, /CPU \d: \d+% busy/);
    assert.match(t, /held .* until the next/);
    assert.match(t, /whole machine/);
    assert.match(await text('#timelines .hint'), /0–100%/);
  });
});

describe('snippet', () => {
  test('is collapsed by default and opens as one highlighted code block', async () => {
    assert.equal(await page.isVisible('#snippet-code'), false);
    assert.equal(await page.getAttribute('[data-action="toggle-snippet"]', 'aria-expanded'), 'false');
    assert.match(await text('[data-action="toggle-snippet"]'), /Snippet: Python, 9 lines/);
    await page.click('[data-action="toggle-snippet"]');
    assert.equal(await page.isVisible('#snippet-code'), true);
    assert.equal(await page.getAttribute('[data-action="toggle-snippet"]', 'aria-expanded'), 'true');
    assert.equal(await page.textContent('[data-testid="snippet"]'), report.recommendation.snippet);
    const tokens = await page.$$eval('[data-testid="snippet"] .tok', (spans) => spans.map((s) => [s.className, s.textContent]));
    assert.ok(tokens.some(([c, t]) => /tok-keyword/.test(c!) && t === 'from'), 'keywords are marked');
    assert.ok(tokens.some(([c]) => /tok-string/.test(c!)), 'strings are marked');
    const style = await page.$eval('[data-testid="snippet"]', (code) => {
      const kw = code.querySelector('.tok-keyword')!;
      const str = code.querySelector('.tok-string')!;
      const cs = getComputedStyle(code);
      return {
        kw: getComputedStyle(kw).color, str: getComputedStyle(str).color,
        plain: cs.color, display: cs.display, padding: cs.paddingLeft,
      };
    });
    assert.notEqual(style.kw, style.plain, 'keywords coloured');
    assert.notEqual(style.str, style.kw, 'strings in another colour');
    assert.equal(style.display, 'block', 'one block, not a box per line');
    assert.equal(style.padding, '0px');
    await page.click('[data-action="toggle-snippet"]');
    assert.equal(await page.isVisible('#snippet-code'), false);
  });

  test('a hostile snippet is highlighted as text: only spans, and the text unchanged', async () => {
    const hostile = hostileReport(report);
    const { page: p, rec } = await openPanel(context);
    try {
      await postReport(p, hostile);
      assert.equal(await p.textContent('[data-testid="snippet"]'), hostile.recommendation.snippet);
      const tags = await p.$$eval('[data-testid="snippet"] *', (els) => [...new Set(els.map((e) => e.tagName))]);
      assert.deepEqual(tags.filter((t) => t !== 'SPAN'), []);
      assert.ok(hostile.recommendation.snippet.includes(HOSTILE.closer));
      assert.equal(await p.evaluate(() => (window as unknown as { __pwned?: string }).__pwned), undefined);
      assert.deepEqual(await rec.violations(), []);
    } finally {
      await p.close();
    }
  });
});
