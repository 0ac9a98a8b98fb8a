/**
 * The report's editor actions in a real VS Code (code-server 4.100.3; issue 12): "Insert below function" changes
 * nothing until the user confirms (file on disk and dirty state unchanged while the diff preview and the question
 * are up, and after cancelling), "Open as New File" is the default and opens the runnable program in an untitled
 * Python editor, "Insert" leaves the file unsaved with one main guard and its imports at the top, and the saved module
 * imports and runs under a real Python. Also: Benchmark History shows one line per run with the details in the
 * tooltip, and Export opens its save dialog outside the workspace.
 *
 * Run: node esbuild.mjs && node --import tsx --test --test-concurrency=1 test/e2e/editorActions.e2e.test.ts
 * Needs: bash scripts/setup-code-server.sh (once). Env: PP_E2E_VSIX, PP_E2E_EXAMPLES, PP_E2E_KEEP as in
 * extension.e2e.test.ts. Screenshots (1600×1000): test-results/e2e/editor-*.png.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Frame } from 'playwright-core';
import {
  codeServerEntry,
  harnessProcesses,
  installExtension,
  packageExtension,
  sleep,
  startCodeServer,
  Workbench,
  type CodeServer,
} from './codeServer';

const REPO = resolve(__dirname, '..', '..');
const SHOTS = join(REPO, 'test-results', 'e2e');
const EXAMPLES = process.env.PP_E2E_EXAMPLES ?? join(REPO, 'examples');
/** Profiling takes ~10–60 s on a busy 2-core machine (and may queue behind another engineer's profile). */
const PROFILE_TIMEOUT_MS = 300_000;
const VERDICT = /processes|threads|serial/i;
/** Small tasks, few configurations, one repeat: this test is about the editor, not the verdict. */
const ARGS = '[(0, 300_000)] * 4';
const SETTINGS = {
  'parallelismProfiler.strategies': ['serial', 'threads', 'processes'],
  'parallelismProfiler.workers': [2],
  'parallelismProfiler.repeats': 1,
  'files.autoSave': 'off',
};
const GUARD = /^if __name__ == ["']__main__["']:/gm;

let workRoot = '';
let vsix = '';

/** The webview frame showing the report, found by its verdict. */
async function reportFrame(wb: Workbench): Promise<Frame> {
  return (await wb.waitForWebviewText(VERDICT, 60_000)).frame;
}

/** Clicks the report's "Insert below function" button. */
async function clickInsert(wb: Workbench): Promise<void> {
  const frame = await reportFrame(wb);
  const button = frame.locator('[data-action="insert"]').first();
  await button.waitFor({ state: 'visible', timeout: 30_000 });
  await button.click();
}

/** The modal dialog, once it shows: its message, its buttons (in screen order, which varies by OS) and the primary. */
async function waitForDialog(wb: Workbench, pattern: RegExp): Promise<{ buttons: string[]; primary: string[] }> {
  const dialog = wb.page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: 30_000 });
  const message = await dialog.locator('.dialog-message-text').innerText();
  assert.match(message, pattern);
  const buttons = await dialog.locator('.dialog-buttons .monaco-button').allInnerTexts();
  // The primary (default, Enter) button is the one not styled secondary.
  const primary = await dialog.locator('.dialog-buttons .monaco-button:not(.secondary)').allInnerTexts();
  return { buttons: buttons.map((b) => b.trim()), primary: primary.map((b) => b.trim()) };
}

/** Whether the editor tab of `name` shows unsaved changes. */
async function isDirty(wb: Workbench, name: string): Promise<boolean> {
  return (await wb.page.locator(`.tabs-container .tab.dirty[aria-label*="${name}"]`).count()) > 0;
}

/** The text of the active editor's visible lines (Monaco renders spaces as no-break spaces). */
async function activeEditorText(wb: Workbench): Promise<string> {
  const lines = wb.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  return (await lines.innerText()).replace(/\u00a0/g, ' ');
}

describe('report editor actions in a real VS Code (code-server)', { timeout: 900_000 }, () => {
  before(() => {
    codeServerEntry();
    mkdirSync(SHOTS, { recursive: true });
    workRoot = mkdtempSync(join(tmpdir(), 'pp-e2e-editor-'));
    vsix = process.env.PP_E2E_VSIX ?? packageExtension(REPO, workRoot);
  });

  after(() => {
    if (workRoot && !process.env.PP_E2E_KEEP) rmSync(workRoot, { recursive: true, force: true });
  });

  test('Insert asks first and saves nothing; Open as New File is the default; history and export read well', { timeout: 700_000 }, async () => {
    assert.ok(existsSync(join(EXAMPLES, 'sum_range.py')), `${EXAMPLES}/sum_range.py is missing`);
    const folder = join(workRoot, 'ws', 'examples');
    cpSync(EXAMPLES, folder, { recursive: true, filter: (src) => !/__pycache__|\.pyc$/.test(src) });
    const file = join(folder, 'sum_range.py');
    const original = readFileSync(file, 'utf8');
    const dirs = { userDataDir: join(workRoot, 'user-data'), extensionsDir: join(workRoot, 'extensions') };
    installExtension(vsix, dirs);
    const cs: CodeServer = await startCodeServer({ ...dirs, folder, settings: SETTINGS });
    let wb: Workbench | undefined;
    try {
      wb = await Workbench.open(cs.url, SHOTS);
      assert.ok(await wb.answerTrustPrompt(true), 'the Workspace Trust prompt did not show');
      await wb.openFile('sum_range.py');
      await wb.clickCodeLensAbove('def sum_range', /Profile parallelism/, 90_000);
      await wb.fillInputBox(ARGS, 30_000);
      await wb.openViewContainer('Parallelism');
      const rows = await wb.waitForTreeItem('Benchmark History', /ago · (serial|threads|processes)/, PROFILE_TIMEOUT_MS);
      await reportFrame(wb);

      // History: one line per run (when · verdict · speedup); arguments and machine in the tooltip.
      const run = rows.find((l) => /ago · /.test(l))!;
      assert.match(run, /^(just now|\d+ s ago|\d+ min ago) · (serial is fastest|(threads|processes) ×\d+ · \d+(\.\d)?×)/, run);
      assert.equal(rows.filter((l) => VERDICT.test(l)).length, 1, `the verdict shows once, on the run row: ${JSON.stringify(rows)}`);
      const runRow = wb.viewPane('Benchmark History').locator('.monaco-list-row', { hasText: / ago · / }).first();
      await runRow.hover();
      const hover = wb.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: /Arguments:/ }).first();
      await hover.waitFor({ state: 'visible', timeout: 15_000 });
      const tip = await hover.innerText();
      assert.match(tip, /Arguments: \[\(0, 300_000\)\] \* 4/);
      assert.match(tip, /Machine: linux/);
      await wb.screenshot('editor-history');
      await wb.page.mouse.move(800, 500);

      // 1. Insert, then cancel: the diff and the question show; the file stays as it was, on disk and in the editor.
      assert.equal(await isDirty(wb, 'sum_range.py'), false, 'sum_range.py was dirty before the test began');
      await clickInsert(wb);
      const ask = await waitForDialog(wb, /^Insert \d+ lines into sum_range\.py, below sum_range\(\)\?$/);
      assert.deepEqual(ask.primary, ['Open as New File'], `the default button; all: ${JSON.stringify(ask.buttons)}`);
      assert.ok(ask.buttons.includes('Insert') && ask.buttons.includes('Cancel'), JSON.stringify(ask.buttons));
      assert.ok((await wb.tabLabels()).some((t) => /preview, not applied/.test(t)), `no diff preview: ${await wb.tabLabels()}`);
      const detail = await wb.page.locator('.monaco-dialog-box .dialog-message-detail').innerText();
      assert.match(detail, /no second one is added/);
      await wb.screenshot('editor-insert-1-confirm');
      assert.equal(readFileSync(file, 'utf8'), original, 'the file changed on disk before any answer');
      assert.equal(await isDirty(wb, 'sum_range.py'), false, 'the editor changed before any answer');
      await wb.page.keyboard.press('Escape');
      await wb.page.locator('.monaco-dialog-box').waitFor({ state: 'hidden' });
      await sleep(500);
      assert.equal(readFileSync(file, 'utf8'), original, 'cancelling changed the file on disk');
      assert.equal(await isDirty(wb, 'sum_range.py'), false, 'cancelling changed the editor');
      assert.ok(!(await wb.tabLabels()).some((t) => /preview, not applied/.test(t)), 'the diff preview stayed open');

      // 2. Enter takes the default: the runnable program in an untitled Python editor; the file is untouched.
      await clickInsert(wb);
      await waitForDialog(wb, /^Insert \d+ lines/);
      await wb.page.keyboard.press('Enter');
      await wb.page.locator('.tabs-container .tab.active[aria-label*="Untitled"]').first().waitFor({ state: 'visible', timeout: 20_000 });
      const program = await activeEditorText(wb);
      assert.match(program, /from sum_range import sum_range/);
      assert.match(program, /if __name__ == "__main__":/);
      assert.equal((await wb.page.locator('.statusbar-item[id="status.editor.mode"]').innerText()).trim(), 'Python');
      await wb.screenshot('editor-insert-2-new-file');
      assert.equal(readFileSync(file, 'utf8'), original, 'Open as New File changed sum_range.py');
      assert.equal(await isDirty(wb, 'sum_range.py'), false);

      // 3. Insert confirmed: the editor holds the change, unsaved; the disk does not, until the user saves.
      await clickInsert(wb);
      await waitForDialog(wb, /^Insert \d+ lines/);
      await wb.page.locator('.monaco-dialog-box .dialog-buttons .monaco-button', { hasText: /^Insert$/ }).click();
      await wb.page.locator('.monaco-dialog-box').waitFor({ state: 'hidden' });
      await wb.page.locator('.tabs-container .tab.active.dirty[aria-label*="sum_range.py"]').waitFor({ state: 'visible', timeout: 20_000 });
      await wb.screenshot('editor-insert-3-inserted');
      assert.equal(readFileSync(file, 'utf8'), original, 'Insert saved the file');
      await wb.runCommand('File: Save');
      await wb.page.locator('.tabs-container .tab.active.dirty[aria-label*="sum_range.py"]').waitFor({ state: 'detached', timeout: 20_000 });
      const saved = readFileSync(file, 'utf8');
      assert.equal(saved.match(GUARD)?.length, 1, 'a second main guard was inserted');
      const lines = saved.split('\n');
      const firstDef = lines.findIndex((l) => l.startsWith('def '));
      const imports = lines.flatMap((l, i) => (/^(import|from) /.test(l) ? [i] : []));
      // (A serial verdict needs no import at all; a pool's import must sit at the top.)
      assert.ok(imports.every((i) => i < firstDef), `an import below the first def: lines ${imports}`);
      // The saved module imports cleanly and its main() runs the profiled tasks the recommended way.
      const out = execFileSync('python3', ['-c', 'import sum_range; print(len(sum_range.main()))'], { cwd: folder, encoding: 'utf8', timeout: 120_000 });
      assert.equal(out.trim(), '4');

      // 4. Export HTML: the save dialog opens outside the workspace.
      const frame = await reportFrame(wb);
      await frame.locator('[data-export="html"]').first().click();
      const pathBox = wb.page.locator('.quick-input-widget input.input');
      await pathBox.waitFor({ state: 'visible', timeout: 20_000 });
      await sleep(500);
      const offered = await pathBox.inputValue();
      await wb.screenshot('editor-export-dialog');
      assert.ok(!offered.includes(folder), `the export dialog offered the workspace: ${offered}`);
      assert.ok(offered.startsWith(homedir()) || offered.startsWith('~'), `not in the home folder: ${offered}`);
      await wb.page.keyboard.press('Escape');
      await wb.screenshot('editor-end');
    } catch (err) {
      if (wb) await wb.screenshot('editor-failure');
      const log = cs.log().split('\n').slice(-40).join('\n');
      throw new Error(`${(err as Error).message}\n--- code-server log (tail) ---\n${log}`, { cause: err });
    } finally {
      await wb?.close();
      await cs.stop();
      assert.deepEqual(harnessProcesses(cs).map((p) => `${p.pid} ${p.cmdline}`), [], 'profiler processes left after stop');
    }
  });
});
