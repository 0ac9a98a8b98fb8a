/**
 * "Profile parallelism": pick the function, then the task arguments, then run the engine with a cancellable
 * progress notification, store the report in the history and show it. One profile at a time: a second request while
 * one runs is refused, because two profiles would measure each other.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InputError, ProfileRequest, Report } from '../../engine';
import { profilingEngine } from './profilingEngine';
import type { FunctionInfo } from '../../engine';
import { COMMAND_TITLES, PROFILED_LANGUAGES } from '../../contracts/ids';
import { argsPrompt, documentedArgs, type ArgsExample } from './argsInput';
import { askArgs } from './argsBox';
import { exampleArgs, jsParams, shapeExample } from './exampleArgs';
import { readProfileSettings } from './config';
import { buildRequest, interpretersToProfile, type ProfileSettings } from './profileSettings';
import type { DocumentFunctions } from '../lenses/documentFunctions';
import { gitCommit } from './git';
import type { HistoryStore } from '../history/historyStore';
import { readExtraInterpreters, resolveInterpreter } from './interpreter';
import type { ReportPanels } from '../panel/reportPanel';
import { functionSourceHash } from '../lenses/sourceHash';
import { SETTING_OPTIONS } from './optionNames';
import { NotificationProgress } from './notificationProgress';
import { rankFunctions } from './functionOrder';

/** What the profile command works with. */
export interface ProfileDeps {
  store: HistoryStore;
  panels: ReportPanels;
  functions: DocumentFunctions;
  log: vscode.LogOutputChannel;
}

const SHOW_LOG = 'Show log';
const MANAGE_TRUST = 'Manage Workspace Trust';
const EDIT_ARGS = 'Edit arguments';
/** The engine's default for zero-argument functions (ProfileRequest.tasks), shown in the prompt. */
const DEFAULT_TASKS = 8;

/** Runs profiles, one at a time. */
export class ProfileCommand {
  private running: { fn: string } | undefined;

  constructor(private readonly deps: ProfileDeps) {}

  /** The command handler: `uri` and `fnName` come from a code lens; from the palette both are absent. */
  async run(uri?: unknown, fnName?: unknown): Promise<void> {
    const { log } = this.deps;
    if (!(await this.trusted())) return;
    if (this.refuseIfBusy()) return;
    const doc = await this.targetDocument(uri);
    if (!doc) return;
    // The harness imports the file from disk: profile what the user sees.
    if (doc.isDirty && !(await doc.save())) {
      void vscode.window.showWarningMessage(`Save ${path.basename(doc.fileName)} to profile it.`);
      return;
    }
    const file = doc.uri.fsPath;
    let functions: FunctionInfo[];
    try {
      functions = await this.deps.functions.ofDocument(doc);
    } catch (err) {
      return this.fail(`Could not read the functions of ${path.basename(file)}`, err);
    }
    const fn = await this.pickFunction(doc, functions, typeof fnName === 'string' ? fnName : undefined);
    if (!fn) return;
    const sourceHash = functionSourceHash(doc.getText(), fn.line, fn.endLine);

    const settings = readProfileSettings(doc.uri);
    const last = (await this.deps.store.forFunction(file, fn.name).catch(() => []))[0];
    let args: string | null | undefined = last?.args;
    let error: { text: string; message: string } | undefined;
    for (;;) {
      const input = await this.askArgs(doc.getText(), fn, args, settings.tasks ?? DEFAULT_TASKS, error, doc.languageId);
      if (input === undefined) return;
      args = input.trim() === '' ? null : input.trim();
      const outcome = await this.profileFunction(doc, fn.name, args, settings);
      if (!outcome) return;
      if ('inputError' in outcome) {
        const err = outcome.inputError;
        const pick = await vscode.window.showErrorMessage(`${fn.name}: ${err.message}`, EDIT_ARGS, SHOW_LOG);
        if (pick === SHOW_LOG) log.show(true);
        if (pick !== EDIT_ARGS) return;
        error = { text: args ?? '', message: err.message };
        continue;
      }
      return this.finish(outcome.report, sourceHash, doc.uri);
    }
  }

  /**
   * "Re-run with more repeats" from a report panel: the report's function with its arguments, under today's settings
   * but with the repeats and budget the engine asks for (moreRepeats). No prompt: the user already chose both.
   */
  async rerun(report: Report): Promise<void> {
    const { log } = this.deps;
    if (!(await this.trusted())) return;
    if (this.refuseIfBusy()) return;
    const { file, function: name, args } = report.target;
    let doc: vscode.TextDocument;
    let functions: FunctionInfo[];
    try {
      doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      functions = await this.deps.functions.ofDocument(doc);
    } catch (err) {
      return this.fail(`Could not read the functions of ${path.basename(file)}`, err);
    }
    if (doc.isDirty && !(await doc.save())) {
      void vscode.window.showWarningMessage(`Save ${path.basename(doc.fileName)} to profile it.`);
      return;
    }
    const fn = functions.find((f) => f.name === name);
    if (!fn) {
      void vscode.window.showWarningMessage(`${name} is no longer a top-level function of ${path.basename(file)}.`);
      return;
    }
    const more = profilingEngine().moreRepeats(report);
    log.info(`re-run of ${name} with more repeats: ${more.repeats} per configuration, budget ${more.budget} s`);
    const outcome = await this.profileFunction(doc, name, args, { ...readProfileSettings(doc.uri), ...more });
    if (!outcome) return;
    if ('inputError' in outcome) {
      const pick = await vscode.window.showErrorMessage(`${name}: ${outcome.inputError.message}`, SHOW_LOG);
      if (pick === SHOW_LOG) log.show(true);
      return;
    }
    return this.finish(outcome.report, functionSourceHash(doc.getText(), fn.line, fn.endLine), doc.uri);
  }

  /** Profiling runs the workspace's code: only in a trusted workspace (offers to manage trust otherwise). */
  private async trusted(): Promise<boolean> {
    if (vscode.workspace.isTrusted) return true;
    const pick = await vscode.window.showWarningMessage(
      'Profiling runs the code of this workspace, so it needs a trusted workspace.',
      MANAGE_TRUST,
    );
    if (pick === MANAGE_TRUST) await vscode.commands.executeCommand('workbench.trust.manage');
    return false;
  }

  /**
   * One profile of `fnName` with `args` under `settings`, with the selected interpreter (and extras): the report, or
   * the input error for the caller to offer a fix for, or undefined when it ended otherwise (the user was told).
   */
  private async profileFunction(
    doc: vscode.TextDocument, fnName: string, args: string | null, settings: ProfileSettings,
  ): Promise<{ report: Report } | { inputError: InputError } | undefined> {
    const { log } = this.deps;
    const file = doc.uri.fsPath;
    const interpreter = await resolveInterpreter(doc.uri, log);
    log.info(`interpreter: ${interpreter.path} (from the ${interpreter.source})`);
    // Extra interpreters compare a Python function across interpreters; JavaScript has one runner.
    const extras = doc.languageId === 'python' ? readExtraInterpreters(doc.uri) : [];
    if (extras.length) log.info(`extra interpreters (setting): ${extras.join(', ')}`);
    const request = buildRequest(file, fnName, args, interpretersToProfile(interpreter.path, extras), settings);
    log.info(`profile request: ${JSON.stringify(request)}`);
    // Checked again: another profile may have started while an input box was open.
    if (this.refuseIfBusy()) return undefined;
    try {
      this.running = { fn: fnName };
      try {
        return { report: await this.profileWithProgress(fnName, request) };
      } finally {
        this.running = undefined;
      }
    } catch (err) {
      const { CancelledError, InputError, LockWaitCancelled } = profilingEngine();
      // Cancelled while queued behind another profile (the engine's machine-wide lock): nothing ran, nothing to show.
      if (err instanceof LockWaitCancelled) {
        void vscode.window.showInformationMessage(`Profiling ${fnName}: ${err.message}.`);
        return undefined;
      }
      // Cancelled while the module or the arguments were still loading: no run started, so there is no report.
      if (err instanceof CancelledError) {
        void vscode.window.showInformationMessage(`Profiling ${fnName} was cancelled before any configuration finished.`);
        return undefined;
      }
      if (!(err instanceof InputError)) {
        await this.fail(`Profiling ${fnName} failed`, err);
        return undefined;
      }
      // The engine loads the module and evaluates the arguments before any configuration runs: a mistake lands here.
      log.warn(`input error: ${err.message}${err.detail ? `\n${err.detail}` : ''}`);
      return { inputError: err };
    }
  }

  /** Refuses a second profile while one runs; true when refused. */
  private refuseIfBusy(): boolean {
    if (!this.running) return false;
    void vscode.window.showInformationMessage(
      `Already profiling ${this.running.fn}. Wait for it, or cancel it from its notification: two profiles at once would measure each other.`,
    );
    return true;
  }

  private async targetDocument(uri: unknown): Promise<vscode.TextDocument | undefined> {
    const doc = uri instanceof vscode.Uri
      ? await vscode.workspace.openTextDocument(uri)
      : vscode.window.activeTextEditor?.document;
    if (!doc || !PROFILED_LANGUAGES.includes(doc.languageId) || doc.uri.scheme !== 'file') {
      void vscode.window.showInformationMessage(`${COMMAND_TITLES.profile}: open a Python, JavaScript or TypeScript file (saved on disk) and run it again.`);
      return undefined;
    }
    return doc;
  }

  /**
   * Quick pick of the file's functions, most likely workload first (functionOrder.ts): the one under the cursor, public
   * ones, then test/entry helpers and private ones under a separator. Skipped when the lens named one.
   */
  private async pickFunction(
    doc: vscode.TextDocument,
    functions: FunctionInfo[],
    named: string | undefined,
  ): Promise<FunctionInfo | undefined> {
    if (functions.length === 0) {
      void vscode.window.showInformationMessage(`${path.basename(doc.fileName)} has no top-level functions to profile.`);
      return undefined;
    }
    if (named) {
      const found = functions.find((f) => f.name === named);
      if (!found) void vscode.window.showWarningMessage(`${named} is no longer a top-level function of ${path.basename(doc.fileName)}.`);
      return found;
    }
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    const text = doc.getText();
    const ranked = rankFunctions(functions, {
      cursorLine: editor ? editor.selection.active.line + 1 : undefined,
      documented: (name) => documentedArgs(text, name) !== undefined,
    });
    type Item = vscode.QuickPickItem & { fn?: FunctionInfo };
    const items: Item[] = [];
    ranked.forEach((r, i) => {
      const lessLikely = r.group === 'helper' || r.group === 'private';
      if (lessLikely && (i === 0 || ranked[i - 1].group !== r.group)) {
        items.push({ label: r.group === 'private' ? 'private helpers' : 'tests and entry points', kind: vscode.QuickPickItemKind.Separator });
      }
      const notes = [`line ${r.fn.line}`, r.group === 'cursor' ? 'under the cursor' : '', r.documented ? 'example in the file' : ''];
      items.push({
        label: r.fn.name,
        description: `${r.fn.isAsync ? 'async ' : ''}(${r.fn.params.join(', ')})`,
        detail: notes.filter(Boolean).join(' · '),
        fn: r.fn,
      });
    });
    const pick = await vscode.window.showQuickPick(items, { title: COMMAND_TITLES.profile, placeHolder: 'Function to profile' });
    return pick?.fn;
  }

  private askArgs(
    documentText: string,
    fn: FunctionInfo,
    last: string | null | undefined,
    tasks: number,
    error: { text: string; message: string } | undefined,
    language: string,
  ): Promise<string | undefined> {
    const example = argsExample(documentText, fn, language, tasks);
    const documented = documentedArgs(documentText, fn.name);
    const p = argsPrompt(fn, error ? error.text : last, tasks, documented, language, example);
    return askArgs({
      title: `${COMMAND_TITLES.profile}: ${fn.name}`,
      prompt: p,
      fn,
      language,
      example,
      error,
      // A guessed example is selected, so typing replaces it; a remembered or documented expression is not.
      selectValue: !error && last === undefined && documented === undefined,
    });
  }

  private profileWithProgress(fn: string, request: ProfileRequest): Thenable<Report> {
    const { log } = this.deps;
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Profiling ${fn}`, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => {
          log.info('cancel requested: stopping every process');
          abort.abort();
        });
        progress.report({ message: 'loading the module and the task arguments…' });
        const shown = new NotificationProgress((value) => progress.report(value));
        try {
          return await profilingEngine().profile(request, {
            options: SETTING_OPTIONS,
            signal: abort.signal,
            log: (line) => log.info(line),
            onProgress: (e) => shown.update(e),
          });
        } finally {
          shown.dispose();
          sub.dispose();
        }
      },
    );
  }

  /** Records and shows a finished (or cancelled) report. */
  private async finish(report: Report, sourceHash: string, uri: vscode.Uri): Promise<void> {
    const { log, store, panels } = this.deps;
    const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(report.target.file);
    const commit = await gitCommit(folder);
    if (commit) report.commit = commit;
    const measured = report.runs.some((r) => r.status === 'ok' && r.repeats > 0);
    if (report.cancelled && !measured) {
      void vscode.window.showInformationMessage(`Profiling ${report.target.function} was cancelled before any configuration finished.`);
      return;
    }
    if (measured) {
      try {
        const entry = await store.add(report, { commit, sourceHash });
        log.info(`history: saved ${entry.id} for ${entry.function}: ${report.recommendation.headline}`);
      } catch (err) {
        // Losing the history entry must not lose the report the user is waiting for.
        log.error(`history: could not save the report: ${String(err)}`);
        void vscode.window.showWarningMessage(`The report could not be saved in the history: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    panels.show(report, undefined, true);
    if (report.cancelled) {
      void vscode.window.showInformationMessage(`Profiling ${report.target.function} was cancelled; the report shows what finished.`);
    } else if (!measured) {
      const first = report.errors[0];
      const pick = await vscode.window.showErrorMessage(
        `${report.target.function} failed under every strategy${first ? `: ${first.type}: ${first.message}` : ''}`,
        SHOW_LOG,
      );
      if (pick === SHOW_LOG) log.show(true);
    }
  }

  private async fail(what: string, err: unknown): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    this.deps.log.error(`${what}: ${err instanceof Error && err.stack ? err.stack : message}`);
    const pick = await vscode.window.showErrorMessage(`${what}: ${message}`, SHOW_LOG);
    if (pick === SHOW_LOG) this.deps.log.show(true);
  }
}

/** A runnable example for `fn` from its signature (JavaScript/TypeScript: defaults and types as written). */
function argsExample(text: string, fn: FunctionInfo, languageId: string, tasks: number): ArgsExample | undefined {
  if (fn.params.length === 0) return undefined;
  const language = languageId === 'javascript' || languageId === 'typescript' ? 'javascript' : 'python';
  const params = language === 'javascript' ? jsParams(text, fn) : fn.params.map((name) => ({ name }));
  const value = exampleArgs(params, language, tasks);
  return value ? { value, shape: shapeExample(params, language) } : undefined;
}
