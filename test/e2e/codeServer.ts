/**
 * Real-VS-Code harness for the end-to-end tests: starts code-server 4.100.3 (built offline by
 * scripts/setup-code-server.sh into a cache outside the checkout) and drives its workbench with
 * playwright-core on Debian's Chromium. See DESIGN.md §7.
 *
 * Every code-server runs in its own process group so that stopping it also stops the extension host,
 * the file watcher, the pty host and anything the extension spawned (python harness, workers).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/** Builds the bundles and packages the checkout `repo` with vsce into `outDir` (the `package` npm script's steps). */
export function packageExtension(repo: string, outDir: string): string {
  const out = join(outDir, 'pp.vsix');
  const run = (cmd: string, args: string[]): void => {
    try {
      execFileSync(cmd, args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 });
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string; message: string };
      throw new Error(`\`${cmd} ${args.join(' ')}\` failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
    }
  };
  run(process.execPath, ['esbuild.mjs', '--production']);
  // vsce asks y/N for a missing repository field; with no terminal that would abort, so answer it up front.
  run(join(repo, 'node_modules', '.bin', 'vsce'), ['package', '--allow-missing-repository', '--out', out]);
  return out;
}

/** Names of the files inside a .vsix (a zip), read with Python's zipfile so no unzip tool is needed. */
export function vsixFiles(file: string): string[] {
  const py = 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))';
  return execFileSync('python3', ['-c', py, file], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

/** One process as /proc shows it. */
export interface ProcInfo {
  pid: number;
  ppid: number;
  pgid: number;
  /** One-letter state from /proc/<pid>/stat: R, S, D, Z (zombie), ... */
  state: string;
  /** Command line, arguments joined by spaces. */
  cmdline: string;
}

/**
 * A snapshot of every process /proc lists (one that exits while it is read is left out). With `comm`, only processes
 * whose command name matches it get their command line read (the rest get ''), which keeps a tight polling loop cheap.
 */
export function processTable(comm?: RegExp): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      // The command name in parentheses may hold spaces: the fixed fields start after the last ')'.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const commName = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const cmdline =
        comm && !comm.test(commName) ? '' : readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
      out.push({ pid: Number(name), state: f[0], ppid: Number(f[1]), pgid: Number(f[2]), cmdline });
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

/** `root` and every process below it (by parent pid) in one snapshot of the process table. */
export function descendantsOf(root: number, table: ProcInfo[] = processTable()): ProcInfo[] {
  const children = new Map<number, ProcInfo[]>();
  for (const p of table) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const out: ProcInfo[] = [];
  const stack = table.filter((p) => p.pid === root);
  while (stack.length) {
    const p = stack.pop()!;
    out.push(p);
    stack.push(...(children.get(p.pid) ?? []));
  }
  return out;
}

/**
 * The profiler's Python processes (harness.py and its forked pool workers) that belong to one code-server: below it
 * in the process tree, or anywhere with its extensions folder in the command line, which still matches a worker
 * orphaned to init after its extension host died (the interpreter's command name must mention python or pypy; the
 * default table reads no other command line). Zombies are left out: they hold no CPU or memory, and init reaps them.
 */
export function harnessProcesses(cs: CodeServer, table: ProcInfo[] = processTable(/python|pypy/i)): ProcInfo[] {
  const below = new Set(descendantsOf(cs.pid, table).map((p) => p.pid));
  return table.filter(
    (p) =>
      p.state !== 'Z' &&
      /harness\.py/.test(p.cmdline) &&
      (below.has(p.pid) || p.cmdline.includes(cs.dirs.extensionsDir)),
  );
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
  /** The latest webview errors and failed requests, shown when a webview wait fails. */
  private readonly webviewTrouble: string[] = [];

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
    wb.watchWebviewTrouble();
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
    const input = await this.openQuickInput('Control+P');
    await input.fill(name);
    // Wait for the search result itself to be the focused row (the recently-opened list may still show another file
    // first), not just the widget, before accepting it.
    await this.page
      .locator('.quick-input-list .monaco-list-row.focused', { hasText: name })
      .first()
      .waitFor({ state: 'visible' });
    await this.page.keyboard.press('Enter');
    // The active tab, not just any tab: the file may already be open behind another editor.
    await this.page.locator(`.tabs-container .tab.active[aria-label*="${name}"]`).first().waitFor({ state: 'visible' });
    await this.page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible' });
  }

  /** Runs a command palette entry (F1) by its full title, e.g. "Developer: Reload Window". */
  async runCommand(title: string): Promise<void> {
    const input = await this.openQuickInput('F1');
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
    const lines = this.page.locator('.monaco-editor .view-line', { hasText: lineText });
    await lines.first().waitFor({ state: 'visible' });
    // Lenses render a moment after the text, and other editor groups may show lenses of their own: retry until one
    // sits directly above a matching line, in the same column of the screen.
    const deadline = Date.now() + timeoutMs;
    let n = 0;
    for (;;) {
      let best: { idx: number; gap: number; height: number } | undefined;
      n = await lenses.count();
      const lineBoxes = (await Promise.all((await lines.all()).map((l) => l.boundingBox()))).filter((b) => b !== null);
      for (let i = 0; i < n; i++) {
        const box = await lenses.nth(i).boundingBox();
        if (!box) continue;
        for (const lineBox of lineBoxes) {
          // A lens is rendered in a view zone just above its line: take the nearest one that ends above it.
          const gap = lineBox.y - (box.y + box.height);
          const sameColumn = box.x >= lineBox.x - 100 && box.x <= lineBox.x + lineBox.width;
          if (sameColumn && gap >= -2 && (best === undefined || gap < best.gap)) {
            best = { idx: i, gap, height: lineBox.height };
          }
        }
      }
      if (best && best.gap <= best.height * 2) {
        const title = await lenses.nth(best.idx).innerText();
        await lenses.nth(best.idx).click();
        return title;
      }
      if (Date.now() > deadline) throw new Error(`no code lens ${String(text)} directly above "${lineText}" (${n} lenses on screen)`);
      await sleep(250);
    }
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

  /** Waits for an input box, replaces its text with `value` and accepts it with Enter. */
  async fillInputBox(value: string, timeoutMs = 30_000): Promise<void> {
    const input = this.page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible', timeout: timeoutMs });
    await input.fill(value);
    await input.press('Enter');
  }

  /** The toast (notification) whose message matches `pattern`, e.g. a progress notification by its title. */
  notificationToast(pattern: RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-list-item').filter({
      has: this.page.locator('.notification-list-item-message', { hasText: pattern }),
    });
  }

  /** The button labelled `label` on the toast matching `pattern` (e.g. a progress notification's Cancel). */
  notificationButton(pattern: RegExp, label: string): Locator {
    return this.notificationToast(pattern)
      .locator('.notification-list-item-buttons-container .monaco-button')
      .filter({ hasText: new RegExp(`^${escapeRegExp(label)}$`) });
  }

  /** Clears the toast whose message matches `pattern` with its own clear button (other toasts, e.g. progress, stay). */
  async dismissNotification(pattern: RegExp): Promise<void> {
    const toast = this.notificationToast(pattern).first();
    await toast.hover();
    await toast.locator('.notification-list-item-toolbar-container .codicon-notifications-clear').first().click();
    await toast.waitFor({ state: 'detached', timeout: 10_000 });
  }

  /** Closes the editor tab whose label matches `label` (a file or a webview panel) with its close button. */
  async closeTab(label: string | RegExp): Promise<void> {
    const tab = this.page.locator('.tabs-container .tab').filter({ has: this.page.locator('.label-name', { hasText: label }) }).first();
    await tab.waitFor({ state: 'visible' });
    // The close button only shows on hover or for the active tab: activate the tab first, then click it.
    await tab.click();
    await tab.locator('.tab-actions .action-label.codicon-close, .tab-actions a[aria-label^="Close"]').first().click();
    await tab.waitFor({ state: 'detached', timeout: 10_000 });
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
    const trouble = this.webviewTrouble.length ? `; webview errors: ${JSON.stringify(this.webviewTrouble)}` : '';
    throw new Error(`no webview text matched ${pattern} within ${timeoutMs} ms; webviews showed: ${JSON.stringify(seen)}${trouble}`);
  }

  /** Keeps the last errors and failed requests of webview frames: why a page stayed on its placeholder. */
  private watchWebviewTrouble(): void {
    const keep = (line: string): void => {
      this.webviewTrouble.push(`${new Date().toISOString().slice(11, 23)} ${line.slice(0, 300)}`);
      if (this.webviewTrouble.length > 20) this.webviewTrouble.shift();
    };
    const inWebview = (url: string): boolean => /webview|vscode-resource|vscode-cdn/i.test(url);
    this.page.on('console', (m) => {
      if (m.type() === 'error' && inWebview(m.location().url ?? '')) keep(`console: ${m.text()}`);
    });
    this.page.on('requestfailed', (r) => {
      if (inWebview(r.url())) keep(`request failed: ${r.url()} (${r.failure()?.errorText ?? 'no reason'})`);
    });
    this.page.on('response', (r) => {
      if (r.status() >= 400 && inWebview(r.url())) keep(`HTTP ${r.status()}: ${r.url()}`);
    });
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
    // A report panel that was just shown holds the focus in its iframe, and a key pressed there may never reach the
    // workbench's keybindings (the webview forwards keys only once its content has loaded): give the focus back.
    await this.page.evaluate(() => {
      const active = document.activeElement;
      if (active instanceof HTMLElement && active.tagName === 'IFRAME') active.blur();
    });
  }

  /** Presses `key` (F1, Ctrl+P) until the quick input shows: a key can land while the focus is still moving. */
  private async openQuickInput(key: string): Promise<Locator> {
    const input = this.page.locator('.quick-input-widget input.input');
    for (let attempt = 1; ; attempt++) {
      await this.focusWorkbench();
      await this.page.keyboard.press(key);
      try {
        await input.waitFor({ state: 'visible', timeout: attempt < 3 ? 10_000 : 30_000 });
        return input;
      } catch (err) {
        if (attempt >= 3) throw err;
      }
    }
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
