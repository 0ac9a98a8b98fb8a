/**
 * Real-VS-Code harness for the end-to-end tests: starts code-server 4.100.3 (built offline by
 * scripts/setup-code-server.sh into a cache outside the checkout) and drives its workbench with
 * playwright-core on Debian's Chromium. See DESIGN.md §7.
 *
 * Every code-server runs in its own process group so that stopping it also stops the extension host,
 * the file watcher, the pty host and anything the extension spawned (python harness, workers).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Frame, type Locator, type Page } from 'playwright-core';

/** The code-server release the tests are pinned to (VS Code 1.100.3; DESIGN.md §7). */
export const CODE_SERVER_VERSION = '4.100.3';

/** Where scripts/setup-code-server.sh builds code-server; PP_CODE_SERVER_CACHE overrides it. */
export function codeServerCache(): string {
  return (
    process.env.PP_CODE_SERVER_CACHE ??
    join(homedir(), '.cache', 'parallelism-profiler', `code-server-${CODE_SERVER_VERSION}`)
  );
}

/** Path of code-server's entry.js; throws a message naming the setup script when the build is missing. */
export function codeServerEntry(): string {
  const cache = codeServerCache();
  const entry = join(cache, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  // The stamp is written last by the setup script, so a half-finished build does not count as built.
  if (!existsSync(join(cache, '.complete')) || !existsSync(entry)) {
    throw new Error(
      `code-server ${CODE_SERVER_VERSION} is not built in ${cache}. ` +
        'Run `bash scripts/setup-code-server.sh` first (it builds offline once, in well under 2 min).',
    );
  }
  return entry;
}

/** Asks the OS for a free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Folders one code-server instance keeps its state in; reuse them to keep state across restarts. */
export interface CodeServerDirs {
  userDataDir: string;
  extensionsDir: string;
}

/** Installs a packaged .vsix into the extensions folder (a plain folder is not picked up; DESIGN.md §7). */
export function installExtension(vsix: string, dirs: CodeServerDirs): string {
  const out = execFileSync(
    process.execPath,
    [
      codeServerEntry(),
      '--user-data-dir', dirs.userDataDir,
      '--extensions-dir', dirs.extensionsDir,
      '--config', ensureConfig(dirs.userDataDir),
      '--install-extension', vsix,
      '--force',
    ],
    { encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (!/successfully installed|already installed/i.test(out)) {
    throw new Error(`installing ${vsix} into code-server did not report success:\n${out}`);
  }
  return out;
}

/** User settings that keep the workbench quiet and predictable; Workspace Trust stays ON on purpose. */
export const DEFAULT_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'editor.codeLens': true,
  // The trust prompt is answered by the test itself (see Workbench.answerTrustPrompt).
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'always',
};

/** A running code-server; `stop()` kills its whole process group. */
export interface CodeServer {
  url: string;
  port: number;
  pid: number;
  dirs: CodeServerDirs;
  /** Everything code-server wrote to stdout and stderr so far. */
  log(): string;
  stop(): Promise<void>;
}

/** Options for startCodeServer. */
export interface StartOptions extends CodeServerDirs {
  folder: string;
  settings?: Record<string, unknown>;
  extraArgs?: string[];
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

// Safety net: if the test process dies between start and stop, do not leave servers behind.
const liveGroups = new Set<number>();
process.once('exit', () => {
  for (const pgid of liveGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

/** Starts code-server on a free loopback port in its own process group and waits until it serves. */
export async function startCodeServer(opts: StartOptions): Promise<CodeServer> {
  const entry = codeServerEntry();
  const userDir = join(opts.userDataDir, 'User');
  mkdirSync(userDir, { recursive: true });
  mkdirSync(opts.extensionsDir, { recursive: true });
  // Settings are only written when absent, so a restart keeps whatever the test changed.
  const settingsFile = join(userDir, 'settings.json');
  if (!existsSync(settingsFile)) {
    writeFileSync(settingsFile, JSON.stringify({ ...DEFAULT_SETTINGS, ...opts.settings }, null, 2));
  }
  const port = await freePort();
  const args = [
    entry,
    '--user-data-dir', opts.userDataDir,
    '--extensions-dir', opts.extensionsDir,
    '--config', ensureConfig(opts.userDataDir),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(opts.extraArgs ?? []),
    opts.folder,
  ];
  const child = spawn(process.execPath, args, {
    detached: true, // own process group: stop() signals -pid and reaches every descendant
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...opts.env },
  });
  if (child.pid === undefined) throw new Error('code-server did not start');
  const pid = child.pid;
  liveGroups.add(pid);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}/`;
  const server: CodeServer = {
    url,
    port,
    pid,
    dirs: { userDataDir: opts.userDataDir, extensionsDir: opts.extensionsDir },
    log: () => output,
    stop: async () => {
      await killProcessGroup(pid, child);
      liveGroups.delete(pid);
    },
  };
  try {
    await waitForHttp(`${url}healthz`, child, opts.timeoutMs ?? 60_000, () => output);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

/** SIGTERM to the whole process group, then SIGKILL after a grace period; resolves once the group is gone. */
export async function killProcessGroup(pgid: number, child?: ChildProcess, graceMs = 5_000): Promise<void> {
  const signal = (sig: NodeJS.Signals): boolean => {
    try {
      process.kill(-pgid, sig);
      return true;
    } catch {
      return false; // ESRCH: nobody left in the group
    }
  };
  if (!signal('SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!signal(0 as unknown as NodeJS.Signals)) return;
    await sleep(100);
  }
  signal('SIGKILL');
  // Reap: wait for the leader so it does not linger as a zombie of this test process.
  if (child && child.exitCode === null && child.signalCode === null) {
    await new Promise<void>((r) => {
      child.once('exit', () => r());
      setTimeout(r, 2_000).unref();
    });
  }
}

function ensureConfig(userDataDir: string): string {
  // An explicit empty config keeps code-server from writing ~/.config/code-server/config.yaml.
  mkdirSync(userDataDir, { recursive: true });
  const file = join(userDataDir, 'code-server-config.yaml');
  if (!existsSync(file)) writeFileSync(file, '');
  return file;
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before serving:\n${log()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  throw new Error(`code-server did not serve ${url} within ${timeoutMs} ms:\n${log()}`);
}

/** Sleeps for ms milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Chromium flags from DESIGN.md §7: headless, no sandbox (root in CI), nothing that phones home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Drives one code-server workbench page: quick open, palette, code lenses, webviews, tree views. */
export class Workbench {
  private constructor(
    readonly browser: Browser,
    readonly page: Page,
    readonly screenshotDir: string,
  ) {}

  /** Launches Chromium, opens the workbench at `url` and waits until it is interactive. */
  static async open(url: string, screenshotDir: string): Promise<Workbench> {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    mkdirSync(screenshotDir, { recursive: true });
    const wb = new Workbench(browser, page, screenshotDir);
    await page.goto(url);
    await wb.waitForWorkbench();
    return wb;
  }

  /** Waits for the workbench shell and the explorer to be on screen. */
  async waitForWorkbench(timeoutMs = 90_000): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
    await this.page.locator('.part.activitybar, .part.statusbar').first().waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /**
   * Answers the Workspace Trust prompt if it shows within `timeoutMs`; returns whether it showed.
   * `trust` true clicks "Yes, I trust the authors", false clicks "No, I don't trust the authors".
   */
  async answerTrustPrompt(trust: boolean, timeoutMs = 20_000): Promise<boolean> {
    const dialog = this.page.locator('.monaco-dialog-box');
    try {
      await dialog.waitFor({ state: 'visible', timeout: timeoutMs });
    } catch {
      return false;
    }
    const label = trust ? /Yes, I trust/i : /No, I don.t trust/i;
    await dialog.getByRole('button', { name: label }).click();
    await dialog.waitFor({ state: 'hidden' });
    return true;
  }

  /**
   * Whether the window is in Restricted Mode (the status bar shows the indicator). The indicator updates a moment
   * after the trust dialog closes, so when `expected` is given this waits up to `timeoutMs` for it to settle there.
   */
  async isRestricted(expected?: boolean, timeoutMs = 15_000): Promise<boolean> {
    const indicator = this.page.locator('.statusbar-item:has-text("Restricted Mode")');
    const deadline = Date.now() + (expected === undefined ? 0 : timeoutMs);
    for (;;) {
      const restricted = (await indicator.count()) > 0;
      if (expected === undefined || restricted === expected || Date.now() > deadline) return restricted;
      await this.page.waitForTimeout(200);
    }
  }

  /** Opens a file through Quick Open (Ctrl+P) and waits for its editor tab. */
  async openFile(name: string): Promise<void> {
    await this.focusWorkbench();
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill(name);
    // Wait for the search result itself, not just the widget, before accepting it.
    await this.page
      .locator('.quick-input-list .monaco-list-row', { hasText: name })
      .first()
      .waitFor({ state: 'visible' });
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tabs-container .tab[aria-label*="${name}"]`).first().waitFor({ state: 'visible' });
    await this.page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible' });
  }

  /** Runs a command palette entry (F1) by its full title, e.g. "Developer: Reload Window". */
  async runCommand(title: string): Promise<void> {
    await this.focusWorkbench();
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    // Pick the row whose label is exactly the title, so a longer command with the same prefix is never run.
    const row = this.page.locator('.quick-input-list .monaco-list-row').filter({
      has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }),
    });
    await row.first().waitFor({ state: 'visible' });
    await row.first().click();
  }

  /** Code lens links currently rendered in the active editor, optionally filtered by text. */
  codeLenses(text?: string | RegExp): Locator {
    const all = this.page.locator('.monaco-editor .codelens-decoration a');
    return text === undefined ? all : all.filter({ hasText: text });
  }

  /** Clicks the code lens matching `text` that sits directly above the line matching `lineText`; returns its title. */
  async clickCodeLensAbove(lineText: string, text: string | RegExp, timeoutMs = 60_000): Promise<string> {
    const lenses = this.codeLenses(text);
    await lenses.first().waitFor({ state: 'visible', timeout: timeoutMs });
    const line = this.page.locator('.monaco-editor .view-line', { hasText: lineText }).first();
    await line.waitFor({ state: 'visible' });
    const lineBox = await line.boundingBox();
    if (!lineBox) throw new Error(`line "${lineText}" is not on screen`);
    // A lens is rendered in a view zone just above its line: take the nearest one that ends above it.
    let best: { idx: number; gap: number } | undefined;
    const n = await lenses.count();
    for (let i = 0; i < n; i++) {
      const box = await lenses.nth(i).boundingBox();
      if (!box) continue;
      const gap = lineBox.y - (box.y + box.height);
      if (gap >= -2 && (best === undefined || gap < best.gap)) best = { idx: i, gap };
    }
    if (!best || best.gap > lineBox.height * 2) {
      throw new Error(`no code lens ${String(text)} directly above "${lineText}" (${n} lenses on screen)`);
    }
    const title = await lenses.nth(best.idx).innerText();
    await lenses.nth(best.idx).click();
    return title;
  }

  /** The visible quick input (input box or quick pick), for prompts the extension shows. */
  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Waits for an input box, optionally checks it is prefilled, and accepts it with Enter; returns its value. */
  async acceptInputBox(timeoutMs = 30_000): Promise<string> {
    const input = this.page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible', timeout: timeoutMs });
    const value = await input.inputValue();
    await input.press('Enter');
    return value;
  }

  /**
   * The frames holding webview content. A webview is an `iframe.webview` whose document hosts an inner
   * `#active-frame` iframe with the extension's HTML; this returns those inner frames.
   */
  webviewFrames(): Frame[] {
    return this.page.frames().filter((f) => {
      const parent = f.parentFrame();
      return parent !== null && parent !== this.page.mainFrame() && /webview/i.test(parent.url());
    });
  }

  /** Waits until some webview's body text matches `pattern`; returns that frame and its text. */
  async waitForWebviewText(pattern: RegExp, timeoutMs = 120_000): Promise<{ frame: Frame; text: string }> {
    const deadline = Date.now() + timeoutMs;
    let seen: string[] = [];
    while (Date.now() < deadline) {
      seen = [];
      for (const frame of this.webviewFrames()) {
        const text = await frame
          .evaluate(() => document.body?.innerText ?? '')
          .catch(() => ''); // the frame may be navigating or gone
        seen.push(text.slice(0, 200));
        if (pattern.test(text)) return { frame, text };
      }
      await sleep(500);
    }
    throw new Error(`no webview text matched ${pattern} within ${timeoutMs} ms; webviews showed: ${JSON.stringify(seen)}`);
  }

  /** Labels of the editor tabs in every group. */
  async tabLabels(): Promise<string[]> {
    return this.page.locator('.tabs-container .tab .label-name').allInnerTexts();
  }

  /** Opens a view container from the activity bar by its title, e.g. "Parallelism". */
  async openViewContainer(title: string): Promise<void> {
    const item = this.page.locator(`.part.activitybar .action-item a[aria-label^="${title}"]`).first();
    await item.waitFor({ state: 'visible' });
    // Clicking an already-open container would close the side bar; only click when it is not checked.
    const checked = await item.locator('xpath=..').getAttribute('aria-selected').catch(() => null);
    const expanded = await item.getAttribute('aria-expanded');
    if (checked !== 'true' && expanded !== 'true') await item.click();
  }

  /** The pane of a view in the side bar, found by its title (e.g. "Benchmark History"). */
  viewPane(title: string): Locator {
    return this.page.locator('.part.sidebar .pane').filter({
      has: this.page.locator('.pane-header', { hasText: title }),
    });
  }

  /** Visible item labels of a tree view, top to bottom; expands collapsed items first when `expandAll`. */
  async treeItems(viewTitle: string, expandAll = true): Promise<string[]> {
    const pane = this.viewPane(viewTitle);
    await pane.first().waitFor({ state: 'visible' });
    const header = pane.locator('.pane-header').first();
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    const rows = pane.locator('.monaco-list-row');
    if (expandAll) {
      // Expanding one row reveals more, so repeat until nothing is collapsed (bounded).
      for (let round = 0; round < 5; round++) {
        const collapsed = pane.locator('.monaco-list-row[aria-expanded="false"]');
        const n = await collapsed.count();
        if (n === 0) break;
        for (let i = 0; i < n; i++) {
          await collapsed.first().locator('.monaco-tl-twistie').click().catch(() => undefined);
          await sleep(150);
        }
      }
    }
    const labels: string[] = [];
    const n = await rows.count();
    for (let i = 0; i < n; i++) {
      const row = rows.nth(i);
      labels.push((await row.getAttribute('aria-label')) ?? (await row.innerText()));
    }
    return labels;
  }

  /** Waits until a tree view lists an item matching `pattern`; returns all labels. */
  async waitForTreeItem(viewTitle: string, pattern: RegExp, timeoutMs = 30_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    let labels: string[] = [];
    while (Date.now() < deadline) {
      labels = await this.treeItems(viewTitle).catch(() => []);
      if (labels.some((l) => pattern.test(l))) return labels;
      await sleep(500);
    }
    throw new Error(`view "${viewTitle}" never listed ${pattern}; it showed ${JSON.stringify(labels)}`);
  }

  /** Texts of the notification toasts on screen (and in the notification center when open). */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notification-list-item-message').allInnerTexts();
  }

  /** Waits for a notification toast whose message matches `pattern`; returns its message and button labels. */
  async waitForNotification(pattern: RegExp, timeoutMs = 30_000): Promise<{ message: string; buttons: string[] }> {
    const deadline = Date.now() + timeoutMs;
    let seen: string[] = [];
    while (Date.now() < deadline) {
      const items = this.page.locator('.notifications-toasts .notification-list-item');
      const n = await items.count();
      seen = [];
      for (let i = 0; i < n; i++) {
        const message = await items.nth(i).locator('.notification-list-item-message').innerText().catch(() => '');
        seen.push(message);
        if (pattern.test(message)) {
          const buttons = await items.nth(i).locator('.notification-list-item-buttons-container .monaco-button').allInnerTexts();
          return { message, buttons };
        }
      }
      await sleep(250);
    }
    throw new Error(`no notification matched ${pattern} within ${timeoutMs} ms; toasts: ${JSON.stringify(seen)}`);
  }

  /** Reloads the window through the palette and waits for the workbench to come back. */
  async reloadWindow(): Promise<void> {
    const nav = this.page.waitForEvent('load', { timeout: 60_000 });
    await this.runCommand('Developer: Reload Window');
    await nav;
    await this.waitForWorkbench();
  }

  /** Saves a full-page screenshot as <screenshotDir>/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    const file = join(this.screenshotDir, `${name}.png`);
    await this.page.screenshot({ path: file }).catch(() => undefined);
    return file;
  }

  /** Closes the browser. */
  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
  }

  private async focusWorkbench(): Promise<void> {
    // Key presses go to the focused element; dismiss any open quick input first so F1/Ctrl+P open fresh.
    if (await this.quickInput().isVisible().catch(() => false)) await this.page.keyboard.press('Escape');
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
