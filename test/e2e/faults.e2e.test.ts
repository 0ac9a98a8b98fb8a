/**
 * Issue 5 on the extension path, in a real VS Code (code-server 4.100.3, DESIGN.md §7): cancelling from the progress
 * notification, reloading the window, and closing the report panel while a profile runs leave no profiler process
 * behind, and a second "Profile parallelism" while one runs is refused and never starts a second harness.
 *
 * "No process behind" is checked from outside, in /proc: the harness (python/harness.py) runs in a process group of
 * its own and its pool workers are forks of it, so every process group a harness led while a profile ran is tracked
 * and must empty; the harness's path under this test's extensions folder also finds a worker orphaned to init.
 *
 * Run: node --import tsx --test test/e2e/faults.e2e.test.ts
 * Needs: bash scripts/setup-code-server.sh (once; the test fails naming it when code-server is missing).
 * Env: PP_E2E_VSIX=<file> tests a prebuilt .vsix instead of packaging the checkout.
 * Writes: screenshots and faults-e2e.json (the cancel-to-quiet figures) in test-results/e2e/.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  codeServerEntry,
  harnessProcesses,
  installExtension,
  packageExtension,
  processTable,
  sleep,
  startCodeServer,
  Workbench,
  type CodeServer,
  type CodeServerDirs,
  type ProcInfo,
} from './codeServer';

const REPO = resolve(__dirname, '..', '..');
const SHOTS = join(REPO, 'test-results', 'e2e');
/** The title of the engine's progress notification for a function (commands.ts). */
const progressOf = (fn: string): RegExp => new RegExp(`^Profiling ${fn}`);
/** The product's bound from issue 5: cancel stops all work and reaps every process within 1 s. */
const CANCEL_BOUND_MS = 1_000;
/**
 * After "Reload Window" the old extension host gets up to 5 s to deactivate before it exits (VS Code's terminate);
 * its children must be gone soon after. Without the engine's exit hook they would run for ever (see STUCK_PY).
 */
const RELOAD_BOUND_MS = 10_000;
/**
 * A workload that sits in its process pool: quick enough in the harness (warm-up and serial, ~1.5 s a task), endless in
 * a pool worker. A cancel or reload therefore always lands while pool workers run, and only the profiler can end them:
 * the run's timeout is enforced from the extension host, so a harness it leaves behind would never stop by itself.
 * The serial run is long enough (~3 s) that early stopping (10× the best) does not end the pool run under the test.
 */
const STUCK_PY = `"""Fault e2e fixture: finite in the harness, endless in a pool worker."""
import multiprocessing


def stuck(n):
    """Adds up 0..n-1, or for ever in a pool worker."""
    forever = multiprocessing.current_process().name != "MainProcess"
    total = 0
    i = 0
    while forever or i < n:
        total += i
        i += 1
    return total
`;
const STUCK_ARGS = '[(60_000_000,), (60_000_000,)]';
/** A profile of sum_range that finishes in a few seconds, to get a report panel on screen. */
const QUICK_ARGS = '[(0, 1_000_000)] * 4';
/** Long enough (~5 s) to close the panel while it runs, short enough to wait for its verdict. */
const MEDIUM_ARGS = '[(0, 20_000_000), (0, 60_000_000)]';
/** A verdict names the recommended strategy. */
const VERDICT = /processes|threads|serial/i;
/** sum_range's report panel with a verdict (panels of the other fixture may be open beside it). */
const SUM_RANGE_REPORT = /Parallelism of\s+sum_range[\s\S]*(processes|threads|serial)/i;
/**
 * Small sweeps keep the file within a few minutes: serial and a 2-worker process pool, one repeat each. The profile
 * lock goes to a private folder, so a profile elsewhere on the machine neither delays these nor is delayed by them.
 */
const SETTINGS = {
  'parallelismProfiler.strategies': ['serial', 'processes'],
  'parallelismProfiler.workers': [2],
  'parallelismProfiler.repeats': 1,
  'parallelismProfiler.budgetSeconds': 60,
  'parallelismProfiler.timeoutSeconds': 60,
};

let workRoot = '';
let cs: CodeServer | undefined;
let wb: Workbench | undefined;
let dirs: CodeServerDirs;
/** Measured figures, written to test-results/e2e/faults-e2e.json at the end. */
const figures: Record<string, unknown> = {};

/**
 * Watches the profiler's processes in the background (every 20 ms): every process group a harness led, and the most
 * harness groups alive at once. Pool workers are forked by the harness, so they share its group.
 */
class ProcessWatch {
  readonly groups = new Set<number>();
  maxConcurrentGroups = 0;
  sawWorkers = false;
  private running = true;
  private readonly loop: Promise<void>;

  constructor(private readonly server: CodeServer) {
    this.loop = (async () => {
      while (this.running) {
        this.sample();
        await sleep(20);
      }
    })();
  }

  /** Records one snapshot; returns the profiler's live processes in it. */
  sample(): ProcInfo[] {
    const procs = harnessProcesses(this.server);
    const pids = new Set(procs.map((p) => p.pid));
    const live = new Set(procs.map((p) => p.pgid));
    for (const g of live) this.groups.add(g);
    // A worker is a harness.py process whose parent is a harness.py process.
    if (procs.some((p) => pids.has(p.ppid))) this.sawWorkers = true;
    this.maxConcurrentGroups = Math.max(this.maxConcurrentGroups, live.size);
    return procs;
  }

  /** Live (non-zombie) processes, of any command line, in a harness process group seen so far. */
  liveInTrackedGroups(): ProcInfo[] {
    return processTable(/python|pypy/i).filter((p) => p.state !== 'Z' && this.groups.has(p.pgid));
  }

  /** Waits until `cond` holds for a snapshot; throws with what was seen after `timeoutMs`. */
  async waitFor(what: string, cond: (procs: ProcInfo[]) => boolean, timeoutMs: number): Promise<ProcInfo[]> {
    const deadline = Date.now() + timeoutMs;
    let procs: ProcInfo[] = [];
    while (Date.now() < deadline) {
      procs = this.sample();
      if (cond(procs)) return procs;
      await sleep(20);
    }
    throw new Error(`${what}: not within ${timeoutMs} ms; profiler processes: ${listProcs(procs)}`);
  }

  /**
   * Polls every 10 ms until no process of a tracked group is alive; returns the time that took from `since` (ms), or
   * throws listing the survivors after `timeoutMs`.
   */
  async quietSince(since: number, timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = this.liveInTrackedGroups();
      if (left.length === 0) return Date.now() - since;
      if (Date.now() > deadline) throw new Error(`profiler processes still alive after ${timeoutMs} ms: ${listProcs(left)}`);
      await sleep(10);
    }
  }

  /** Stops the background sampling. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}

/** One line per process, for failure messages. */
function listProcs(procs: ProcInfo[]): string {
  return JSON.stringify(procs.map((p) => `${p.pid}/pgid ${p.pgid}/${p.state} ${p.cmdline.slice(-80)}`));
}

/** The extension's history file in this code-server's global storage (historyStore.ts). */
function historyFile(): string {
  return join(dirs.userDataDir, 'User', 'globalStorage', 'parallelism-profiler.parallelism-profiler', 'history.jsonl');
}

/** The run entries in the history file, oldest first (tombstones and a partial last line left out). */
function historyEntries(): Array<{
  id: string; function: string; args: string | null; summary: { cancelled: boolean; headline: string };
}> {
  if (!existsSync(historyFile())) return [];
  return readFileSync(historyFile(), 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((l) => {
      try {
        return [JSON.parse(l)];
      } catch {
        return [];
      }
    })
    .filter((e) => e.kind === 'run');
}

/** Waits until the history holds more than `count` entries; returns the new ones. */
async function waitForNewEntries(count: number, timeoutMs: number): Promise<ReturnType<typeof historyEntries>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const all = historyEntries();
    if (all.length > count) return all.slice(count);
    await sleep(250);
  }
  throw new Error(`no new history entry within ${timeoutMs} ms (still ${count})`);
}

/** Clicks the lens above `fn` and answers the task-argument box with `args`: a profile starts. */
async function startProfile(w: Workbench, fn: string, args: string): Promise<void> {
  await w.clickCodeLensAbove(`def ${fn}(`, /Profile parallelism/, 60_000);
  await w.fillInputBox(args);
  await w.notificationToast(progressOf(fn)).first().waitFor({ state: 'visible', timeout: 30_000 });
}

/**
 * A fresh start: no toasts (so the ones a test waits for are its own) and `file` in front; with `closeEditors`, alone
 * in one editor group (report panels open beside the file, and each test would otherwise add a group).
 */
async function cleanSlate(w: Workbench, file: string, closeEditors = true): Promise<void> {
  await w.runCommand('Notifications: Clear All Notifications');
  if (closeEditors) {
    await w.runCommand('View: Close All Editor Groups');
    await w.page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 });
  }
  await w.openFile(file);
}

/**
 * The progress notification's text now, e.g.
 * "Profiling stuck: processes ×2, repeat 1 of 1 · run 3 of 4 · about 20 s left".
 */
function progressText(w: Workbench, fn: string): Promise<string> {
  return w.notificationToast(progressOf(fn)).first().locator('.notification-list-item-message').innerText();
}

/** Fails with a screenshot named after the test when `fn` throws. */
async function withShots(name: string, fn: (w: Workbench, server: CodeServer) => Promise<void>): Promise<void> {
  assert.ok(wb && cs, 'code-server did not start (see the before hook)');
  try {
    await fn(wb, cs);
    await wb.screenshot(`faults-${name}-end`);
  } catch (err) {
    await wb.screenshot(`faults-${name}-failure`);
    const log = cs.log().split('\n').slice(-30).join('\n');
    throw new Error(`${(err as Error).message}\n--- code-server log (tail) ---\n${log}`, { cause: err });
  }
}

describe('extension faults in a real VS Code (code-server): cancel, reload, panel close, second profile', { timeout: 600_000 }, () => {
  before(async () => {
    // Fails (never skips) with a message naming scripts/setup-code-server.sh when code-server is not built.
    codeServerEntry();
    mkdirSync(SHOTS, { recursive: true });
    workRoot = mkdtempSync(join(tmpdir(), 'pp-e2e-faults-'));
    const vsix = process.env.PP_E2E_VSIX ?? packageExtension(REPO, workRoot);
    const folder = join(workRoot, 'examples');
    mkdirSync(folder);
    cpSync(join(REPO, 'examples', 'sum_range.py'), join(folder, 'sum_range.py'));
    writeFileSync(join(folder, 'stuck.py'), STUCK_PY);
    dirs = { userDataDir: join(workRoot, 'user-data'), extensionsDir: join(workRoot, 'extensions') };
    const lockDir = join(workRoot, 'lock');
    mkdirSync(lockDir);
    installExtension(vsix, dirs);
    cs = await startCodeServer({ ...dirs, folder, settings: SETTINGS, env: { PARPROF_LOCK_DIR: lockDir } });
    wb = await Workbench.open(cs.url, SHOTS);
    assert.ok(await wb.answerTrustPrompt(true), 'the Workspace Trust prompt did not show');
    assert.equal(await wb.isRestricted(false), false, 'still in Restricted Mode after trusting the folder');
    await wb.openFile('sum_range.py');
  });

  after(async () => {
    try {
      await wb?.close();
      if (cs) {
        await cs.stop();
        writeFileSync(join(SHOTS, 'faults-e2e.json'), JSON.stringify(figures, null, 2) + '\n');
        // Nothing the extension started may outlive code-server (DESIGN.md §6: leave no orphans).
        assert.deepEqual(harnessProcesses(cs).map((p) => `${p.pid} ${p.cmdline}`), [], 'profiler processes left after code-server stopped');
      }
    } finally {
      if (workRoot && !process.env.PP_E2E_KEEP) rmSync(workRoot, { recursive: true, force: true });
    }
  });

  test('Cancel on the progress notification reaps the harness and its pool workers within 1 s; the extension keeps working', { timeout: 180_000 }, () =>
    withShots('cancel', async (w, server) => {
      await cleanSlate(w, 'stuck.py');
      const before = historyEntries().length;
      const watch = new ProcessWatch(server);
      try {
        await startProfile(w, 'stuck', STUCK_ARGS);
        // Cancel while the process pool runs: the harness and its forked workers all have to go.
        await watch.waitFor('pool workers of the harness', () => watch.sawWorkers, 90_000);
        await w.screenshot('faults-cancel-1-running');
        const cancel = w.notificationButton(progressOf('stuck'), 'Cancel').first();
        await cancel.waitFor({ state: 'visible' });
        const during = await progressText(w, 'stuck');
        // Timed from before the click: Playwright's click returns a while after the event lands, so this is the
        // honest upper bound (it includes Playwright's own click latency), not the time after click() returned.
        const clickStart = Date.now();
        await cancel.click();
        const clickReturned = Date.now();
        const fromClickStart = await watch.quietSince(clickStart, 10_000);
        const afterClickReturned = fromClickStart - (clickReturned - clickStart);
        figures.cancelToQuietMs = { fromClickStart, afterClickReturned, during, bound: CANCEL_BOUND_MS };
        assert.ok(
          fromClickStart <= CANCEL_BOUND_MS,
          `cancel took ${fromClickStart} ms from the click to reap every profiler process; the bound is ${CANCEL_BOUND_MS} ms`,
        );
        await w.waitForNotification(/Profiling stuck was cancelled/, 20_000);
        await w.screenshot('faults-cancel-2-cancelled');
        // A partial entry (what finished: serial) or none; never a complete-looking one.
        const added = historyEntries().slice(before);
        assert.ok(added.length <= 1, `a cancel added ${added.length} history entries`);
        for (const e of added) assert.equal(e.summary.cancelled, true, `the cancelled run is in the history as complete: ${JSON.stringify(e.summary)}`);
        figures.cancelHistory = added.length ? 'partial entry' : 'nothing';

        // The extension still works: a second profile starts (a fresh harness), and it cancels the same way.
        await w.runCommand('Notifications: Clear All Notifications');
        // Snapshot before starting: the background watch may record the new harness while startProfile waits.
        const groupsBefore = new Set(watch.groups);
        await startProfile(w, 'stuck', STUCK_ARGS);
        await watch.waitFor('a fresh harness for the second profile', (procs) => procs.some((p) => !groupsBefore.has(p.pgid)), 60_000);
        const again = w.notificationButton(progressOf('stuck'), 'Cancel').first();
        const secondDuring = await progressText(w, 'stuck');
        const t0 = Date.now();
        await again.click();
        const second = await watch.quietSince(t0, 10_000);
        figures.secondCancelToQuietMs = { fromClickStart: second, during: secondDuring };
        assert.ok(second <= CANCEL_BOUND_MS, `the second cancel took ${second} ms to reap every profiler process`);
        await w.waitForNotification(/Profiling stuck was cancelled/, 20_000);
      } finally {
        await watch.stop();
      }
      assert.ok(watch.maxConcurrentGroups <= 1, `${watch.maxConcurrentGroups} harness process groups ran at once`);
    }));

  test('a second "Profile parallelism" while one runs is refused with a message and starts no second harness', { timeout: 180_000 }, () =>
    withShots('second', async (w, server) => {
      await cleanSlate(w, 'stuck.py');
      const watch = new ProcessWatch(server);
      try {
        await startProfile(w, 'stuck', STUCK_ARGS);
        await watch.waitFor('the harness', (procs) => procs.length > 0, 60_000);
        const running = new Set(watch.sample().map((p) => p.pgid));
        // From the lens (the usual way) and from the palette: both must refuse, before asking for anything.
        await w.clickCodeLensAbove('def stuck(', /Profile parallelism/, 30_000);
        const fromLens = await w.waitForNotification(/Already profiling stuck/, 15_000);
        assert.equal(await w.quickInput().isVisible(), false, 'the second profile asked for task arguments instead of refusing');
        await w.screenshot('faults-second-1-refused');
        // VS Code folds an identical toast into the one on screen: clear it, so the palette's refusal is seen anew.
        await w.dismissNotification(/Already profiling/);
        await w.runCommand('Parallelism Profiler: Profile parallelism');
        await w.waitForNotification(/Already profiling stuck/, 15_000);
        assert.equal(await w.quickInput().isVisible(), false, 'the palette command asked for input instead of refusing');
        // The first profile is unaffected: its harness group still runs.
        assert.ok(watch.sample().some((p) => running.has(p.pgid)), 'the running profile stopped when a second was requested');
        figures.secondProfile = { refusedWith: fromLens.message, harnessGroupsAtOnce: watch.maxConcurrentGroups };
        await w.notificationButton(progressOf('stuck'), 'Cancel').first().click();
        await watch.quietSince(Date.now(), 10_000);
      } finally {
        await watch.stop();
      }
      assert.equal(watch.maxConcurrentGroups, 1, `${watch.maxConcurrentGroups} harness process groups ran at once`);
    }));

  test('closing the report panel during a run leaves no orphans and the run still completes', { timeout: 240_000 }, () =>
    withShots('panel', async (w, server) => {
      await cleanSlate(w, 'sum_range.py');
      // First a finished profile, so sum_range has a report panel open.
      let count = historyEntries().length;
      await startProfile(w, 'sum_range', QUICK_ARGS);
      const first = await waitForNewEntries(count, 120_000);
      assert.equal(first[0].summary.cancelled, false);
      await w.waitForWebviewText(SUM_RANGE_REPORT, 30_000);
      count = historyEntries().length;
      await w.screenshot('faults-panel-1-report');

      const watch = new ProcessWatch(server);
      try {
        await cleanSlate(w, 'sum_range.py', false); // keep the panel open: closing it mid-run is the point
        await startProfile(w, 'sum_range', MEDIUM_ARGS);
        await watch.waitFor('the harness', (procs) => procs.length > 0, 60_000);
        await w.closeTab(/^Parallelism: sum_range/);
        await w.screenshot('faults-panel-2-closed');
        // Otherwise this proves nothing: the panel must close while the profile still runs.
        assert.equal(historyEntries().length, count, 'the run finished before the panel was closed (lengthen MEDIUM_ARGS)');
        const added = await waitForNewEntries(count, 120_000);
        assert.equal(added.length, 1);
        assert.equal(added[0].summary.cancelled, false, 'closing the panel cancelled the run');
        assert.match(added[0].summary.headline, VERDICT);
        // The finished run shows its report again, in a new panel, and its processes are gone.
        await w.waitForWebviewText(SUM_RANGE_REPORT, 30_000);
        await watch.quietSince(Date.now(), 10_000);
      } finally {
        await watch.stop();
      }
      assert.ok(watch.maxConcurrentGroups <= 1, `${watch.maxConcurrentGroups} harness process groups ran at once`);
    }));

  test('"Developer: Reload Window" during a run leaves no harness or pool worker behind', { timeout: 180_000 }, () =>
    withShots('reload', async (w, server) => {
      await cleanSlate(w, 'stuck.py');
      const watch = new ProcessWatch(server);
      try {
        await startProfile(w, 'stuck', STUCK_ARGS);
        await watch.waitFor('pool workers of the harness', () => watch.sawWorkers, 90_000);
        await w.screenshot('faults-reload-1-running');
        const t0 = Date.now();
        await w.reloadWindow();
        // The old extension host goes away with the page; its children must go with it (they would never end alone).
        const quiet = await watch.quietSince(t0, RELOAD_BOUND_MS);
        figures.reloadToQuietMs = { fromCommand: quiet, bound: RELOAD_BOUND_MS };
        // The new extension host runs the extension: the lens is back above the function.
        await w.openFile('stuck.py');
        await w.codeLenses(/Profile parallelism/).first().waitFor({ state: 'visible', timeout: 60_000 });
        await w.screenshot('faults-reload-2-reloaded');
      } finally {
        await watch.stop();
      }
      // Nor anything new left running: the reloaded window may only run short function discoveries.
      const deadline = Date.now() + 15_000;
      let left = harnessProcesses(server);
      while (left.length && Date.now() < deadline) {
        await sleep(250);
        left = harnessProcesses(server);
      }
      assert.deepEqual(left.map((p) => `${p.pid} ${p.cmdline}`), [], 'profiler processes running after the reload');
    }));
});
