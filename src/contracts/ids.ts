/**
 * Every id the extension contributes, in one place (DESIGN.md §6). package.json's `contributes`
 * and the e2e tests use the same strings; test/unit/contributes.test.ts checks they agree.
 * No `vscode` import, so the CLI, tests and webview can read these too.
 */

/** Prefix of every command, view and setting id. */
export const EXTENSION_PREFIX = 'parallelismProfiler';

/** Command ids. Only `profile` and `showLog` appear in the palette; the rest are hidden with `when: false`. */
export const COMMANDS = {
  /** "Profile parallelism": pick a function and task arguments, run the engine, open the report. */
  profile: 'parallelismProfiler.profile',
  /** Show the log channel (harness stderr and decisions). */
  showLog: 'parallelismProfiler.showLog',
  /** Open a history entry's report (tree click). Internal. */
  openReport: 'parallelismProfiler.openReport',
  /** Compare a history entry with the previous run of the same function. Internal (tree context menu). */
  compareWithPrevious: 'parallelismProfiler.compareWithPrevious',
  /** Export a history entry's report. Internal (tree context menu). */
  exportReport: 'parallelismProfiler.exportReport',
  /** Delete a history entry. Internal (tree context menu). */
  deleteEntry: 'parallelismProfiler.deleteEntry',
  /** Re-read the history file (another window may have written to it). Internal (view title). */
  refreshHistory: 'parallelismProfiler.refreshHistory',
} as const;

/** Human titles of the commands; the lens and the palette show these. */
export const COMMAND_TITLES = {
  profile: 'Profile parallelism',
  showLog: 'Show log',
  openReport: 'Open report',
  compareWithPrevious: 'Compare with previous run',
  exportReport: 'Export report…',
  deleteEntry: 'Delete',
  refreshHistory: 'Refresh',
} as const satisfies Record<keyof typeof COMMANDS, string>;

/** The palette category every command carries. */
export const COMMAND_CATEGORY = 'Parallelism Profiler';

/** Activity-bar container and its title. */
export const VIEW_CONTAINER = 'parallelismProfiler';
/** Title of the activity-bar container. */
export const VIEW_CONTAINER_TITLE = 'Parallelism';

/** The Benchmark History tree. */
export const HISTORY_VIEW = 'parallelismProfiler.history';
/** Title of the Benchmark History tree. */
export const HISTORY_VIEW_TITLE = 'Benchmark History';

/** The report webview panel type (also the serializer's key). */
export const REPORT_PANEL = 'parallelismProfiler.report';

/** The comparison webview panel type ("Compare with previous run"; also its serializer's key). */
export const COMPARE_PANEL = 'parallelismProfiler.compare';

/** contextValue of tree items, used by the view/item/context menus. */
export const TREE_CONTEXT = {
  file: 'file',
  function: 'function',
  /** A run with an earlier run of the same function: "compare with previous" applies. */
  runComparable: 'run.comparable',
  run: 'run',
} as const;

/** Setting keys, without the section prefix (read through `workspace.getConfiguration(SETTINGS_SECTION)`). */
export const SETTINGS = {
  pythonPath: 'pythonPath',
  /** Interpreters profiled next to the selected one, in one comparing report. */
  extraInterpreters: 'extraInterpreters',
  strategies: 'strategies',
  workers: 'workers',
  tasks: 'tasks',
  repeats: 'repeats',
  budget: 'budgetSeconds',
  timeout: 'timeoutSeconds',
  samplerHz: 'samplerHz',
  memoryLimitMb: 'memoryLimitMb',
  /** An existing Dask cluster's scheduler address; empty: the dask strategy starts a LocalCluster. */
  daskScheduler: 'daskScheduler',
  /** Project the cluster strategy's speedup to a cluster of this many workers; 0: no projection. */
  projectWorkers: 'projectWorkers',
  codeLens: 'codeLens.enabled',
  codeLensIncludePrivate: 'codeLens.includePrivate',
} as const;

/** The configuration section all settings live under. */
export const SETTINGS_SECTION = 'parallelismProfiler';

/** Name of the log output channel. */
export const LOG_CHANNEL = 'Parallelism Profiler';

/** Languages the lens and the command work on (JavaScript and TypeScript run on the Node runner). */
export const PROFILED_LANGUAGES: readonly string[] = ['python', 'javascript', 'typescript'];
