/**
 * Shared set-up for the webview tests and the paint benchmark: build the webview bundle, launch Debian's
 * Chromium through playwright-core, and load the panel (with a stub acquireVsCodeApi) or the standalone file.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { packReport } from '../../src/contracts/packedReport';
import type { Report } from '../../src/contracts/report';
import { panelHtml } from '../../src/extension/panel/webviewHtml';
import { readWebviewAssets, standaloneHtml } from '../../src/exporters/standaloneHtml';
import type { FromWebviewMessage, WebviewState } from '../../src/contracts/webview';

/** Repository root. */
export const ROOT = resolve(__dirname, '../..');
/** Where screenshots and other artefacts go. */
export const RESULTS = join(ROOT, 'test-results', 'webview');
const CHROMIUM = '/usr/bin/chromium';
const ORIGIN = 'https://webview.test';

/** Builds only the webview entry (the other bundles may be mid-work) with the same options as esbuild.mjs. */
export async function buildWebview(): Promise<void> {
  await esbuild.build({
    entryPoints: [join(ROOT, 'webview/main.ts')],
    outfile: join(ROOT, 'dist/webview/main.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: true,
    logLevel: 'warning',
  });
}

/** Launches Chromium with the flags DESIGN.md §7 lists; fails loudly (never skips) when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Missing prerequisite: ${CHROMIUM} not found. Install it with \`apt-get install -y chromium\` (DESIGN.md §7).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Reads a Report fixture. */
export function loadFixture(name: string): Report {
  return JSON.parse(readFileSync(join(ROOT, 'test/fixtures/reports', name), 'utf8')) as Report;
}

/** What a page recorded: messages the webview posted, its saved state, CSP violations, dialogs, errors. */
export interface Recorder {
  posted(): Promise<FromWebviewMessage[]>;
  state(): Promise<WebviewState | undefined>;
  violations(): Promise<string[]>;
  dialogs: string[];
  errors: string[];
}

function record(page: Page): Recorder {
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return {
    posted: () => page.evaluate(() => (window as unknown as { __posted: FromWebviewMessage[] }).__posted ?? []),
    // The panel saves its state when the page is idle (webview/host.ts): read it after that.
    state: () => page.evaluate(() => new Promise<WebviewState | undefined>((resolve) => requestIdleCallback(() =>
      resolve((window as unknown as { __state?: WebviewState }).__state), { timeout: 3000 }))),
    violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations ?? []),
    dialogs,
    errors,
  };
}

// Runs before any page script: records CSP violations, and (for the panel) stands in for VS Code's API.
// A string, not a function: tsx's transform would add helpers (__name) that do not exist in the page.
function initScript(arg: { stub: boolean; state?: WebviewState }): string {
  return `(() => {
  const w = window;
  w.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    w.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sample);
  });
  if (!${arg.stub}) return;
  w.__posted = [];
  w.__state = ${JSON.stringify(arg.state ?? null)} ?? undefined;
  w.acquireVsCodeApi = () => ({
    postMessage: (m) => w.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => w.__state,
    setState: (s) => { w.__state = JSON.parse(JSON.stringify(s)); },
  });
})();`;
}

/** Opens the panel page as VS Code would serve it (strict CSP, nonce), with a stub VS Code API. */
export async function openPanel(
  context: BrowserContext, opts: { state?: WebviewState } = {},
): Promise<{ page: Page; rec: Recorder }> {
  const page = await context.newPage();
  const rec = record(page);
  const nonce = 'TestNonce0123456789abcdef';
  await page.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/index.html') {
      const html = panelHtml({ scriptUri: `${ORIGIN}/dist/webview/main.js`, styleUri: `${ORIGIN}/dist/webview/main.css`, cspSource: ORIGIN, nonce });
      return route.fulfill({ contentType: 'text/html', body: html });
    }
    const file = join(ROOT, url.pathname);
    if (!url.pathname.startsWith('/dist/webview/') || !existsSync(file)) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({ contentType: file.endsWith('.css') ? 'text/css' : 'text/javascript', body: readFileSync(file) });
  });
  await page.addInitScript({ content: initScript({ stub: true, state: opts.state }) });
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForFunction(() => ((window as unknown as { __posted?: { type: string }[] }).__posted ?? []).some((m) => m.type === 'ready'));
  return { page, rec };
}

/** Posts a report to the panel the way the extension does, and waits until it is painted. */
export async function postReport(page: Page, report: Report, runId?: string): Promise<void> {
  await page.evaluate(() => delete document.body.dataset.firstPaintMs);
  // Packed as the extension posts it; playwright carries the typed arrays into the page.
  await page.evaluate(
    ([r, id]) => window.postMessage({ type: 'report', report: r, runId: id ?? undefined }, '*'),
    [packReport(report), runId ?? null] as const,
  );
  await page.waitForFunction(() => document.body.dataset.firstPaintMs !== undefined);
}

/** Writes the standalone HTML for `report` into test-results and opens it from disk (file://). */
export async function openStandalone(
  context: BrowserContext, report: Report, name: string,
): Promise<{ page: Page; rec: Recorder; file: string }> {
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, `${name}.html`);
  writeFileSync(file, standaloneHtml(report, readWebviewAssets(join(ROOT, 'dist'))));
  const page = await context.newPage();
  const rec = record(page);
  await page.addInitScript({ content: initScript({ stub: false }) });
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => document.body.dataset.firstPaintMs !== undefined);
  return { page, rec, file };
}

/** VS Code's Dark Modern colours for the variables the report uses, set as VS Code sets them (inline on <html>). */
export const DARK_THEME: Record<string, string> = {
  '--vscode-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-editorWidget-background': '#202020',
  '--vscode-panel-border': '#2b2b2b',
  '--vscode-textLink-foreground': '#4daafc',
  '--vscode-errorForeground': '#f85149',
  '--vscode-editorWarning-foreground': '#cca700',
  '--vscode-textCodeBlock-background': '#2b2b2b',
  '--vscode-list-activeSelectionBackground': '#04395e',
  '--vscode-list-activeSelectionForeground': '#ffffff',
  '--vscode-list-hoverBackground': '#2a2d2e',
  '--vscode-badge-background': '#616161',
  '--vscode-badge-foreground': '#f8f8f8',
  '--vscode-button-background': '#0078d4',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-button-secondaryBackground': '#313131',
  '--vscode-button-secondaryForeground': '#cccccc',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-purple': '#b180d7',
  '--vscode-charts-red': '#f14c4c',
  '--vscode-charts-yellow': '#cca700',
  '--vscode-charts-lines': '#6e7681',
  '--vscode-editorHoverWidget-background': '#202020',
  '--vscode-editorHoverWidget-border': '#454545',
  '--vscode-debugTokenExpression-name': '#c586c0',
  '--vscode-debugTokenExpression-string': '#ce9178',
  '--vscode-debugTokenExpression-number': '#b5cea8',
  '--vscode-debugTokenExpression-boolean': '#4e94ce',
  '--vscode-symbolIcon-functionForeground': '#b180d7',
  '--vscode-symbolIcon-classForeground': '#ee9d28',
  '--vscode-symbolIcon-variableForeground': '#75beff',
};

/** Switches the panel to a VS Code theme: body class plus inline variables, as VS Code does. */
export async function applyVsCodeTheme(page: Page, kind: 'vscode-light' | 'vscode-dark', vars: Record<string, string>): Promise<void> {
  await page.evaluate(([k, v]) => {
    for (const [name, value] of Object.entries(v)) document.documentElement.style.setProperty(name, value);
    document.body.className = k;
  }, [kind, vars] as const);
  // The MutationObserver schedules the canvas redraw for the next frame.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}
