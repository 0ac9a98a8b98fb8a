/**
 * Entry point. `activate` only wires things up (DESIGN.md §6): no Python process, worker pool or history read
 * happens until the user opens a Python file, the history view, or runs the command.
 */
import * as vscode from 'vscode';
import { discoverFunctions, type Report } from '../engine';
import {
  COMMANDS, COMPARE_PANEL, LOG_CHANNEL, PROFILED_LANGUAGES, REPORT_PANEL, SETTINGS, SETTINGS_SECTION,
} from '../contracts/ids';
import { ProfileCommand } from './profiling/profileCommand';
import { DocumentFunctions } from './lenses/documentFunctions';
import { FunctionIndex } from './lenses/functionIndex';
import { FunctionLensProvider } from './lenses/functionLens';
import { registerHistoryCommands } from './history/historyCommands';
import { HistoryStore } from './history/historyStore';
import { HistoryTree } from './history/historyTree';
import { resolveInterpreter } from './profiling/interpreter';
import { lastVerdictsFor } from './lenses/lensTitles';
import { ComparePanels } from './panel/comparePanel';
import { ReportPanels } from './panel/reportPanel';
import { ReportExporter } from './panel/reportExport';
import { SnippetActions } from './panel/snippetActions';

/**
 * Registers the command, the lenses, the history view and the panel serializer; everything goes to
 * context.subscriptions.
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel(LOG_CHANNEL, { log: true });
  const store = new HistoryStore(context.globalStorageUri.fsPath, (message) => log.warn(message));
  const index = new FunctionIndex(discoverFunctions, (line) => log.info(line));
  const functions = new DocumentFunctions(index, async (uri) => (await resolveInterpreter(uri, log)).path);
  const snippets = new SnippetActions((doc, name) => functions.locate(doc, name), log);
  const exporter = new ReportExporter(context.extensionUri, context.globalState);
  // The panels' "Re-run with more repeats" goes through the profile command, created below (it shows reports in them).
  const rerun = (report: Report): Promise<void> => profileCommand.rerun(report);
  const panels = new ReportPanels({ extensionUri: context.extensionUri, log, snippets, exporter, rerun });
  const comparisons = new ComparePanels({
    extensionUri: context.extensionUri, log, openReport: (report) => panels.show(report),
  });
  const lens = new FunctionLensProvider(vscode, {
    functions: (doc) => functions.ofDocument(doc),
    // Untrusted: the scanned extents are approximate, so no "source changed" claims (text undefined).
    lastVerdicts: async (doc, fns) =>
      lastVerdictsFor(
        await store.latestByFunction(doc.uri.fsPath), fns, vscode.workspace.isTrusted ? doc.getText() : undefined,
      ),
    isTrusted: () => vscode.workspace.isTrusted,
    enabled: () => setting(SETTINGS.codeLens, true),
    includePrivate: () => setting(SETTINGS.codeLensIncludePrivate, false),
  });
  const tree = new HistoryTree(
    store,
    (file, fn) => functions.currentHash(file, fn),
    () => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
  );
  const profileCommand = new ProfileCommand({ store, panels, functions, log });
  // "3 min ago" on the lenses ages; the refresh is cheap because discovery is cached per document version.
  const clock = setInterval(() => lens.refresh(), 60_000);

  context.subscriptions.push(
    log,
    snippets,
    panels,
    comparisons,
    lens,
    tree,
    { dispose: () => clearInterval(clock) },
    { dispose: () => void index.dispose() },
    { dispose: store.onDidChange(() => lens.refresh()) },
    vscode.languages.registerCodeLensProvider(
      PROFILED_LANGUAGES.map((language) => ({ language, scheme: 'file' })),
      lens,
    ),
    vscode.window.registerWebviewPanelSerializer(REPORT_PANEL, panels),
    vscode.window.registerWebviewPanelSerializer(COMPARE_PANEL, comparisons),
    vscode.commands.registerCommand(COMMANDS.profile, (uri?: unknown, fn?: unknown) => profileCommand.run(uri, fn)),
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      lens.refresh();
      tree.refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SETTINGS_SECTION)) lens.refresh();
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => index.forget(doc.uri.fsPath)),
  );
  // Pushed one by one: the argument-spread check (test/unit/argumentSpreads.test.ts) allows no spread into push.
  const history = registerHistoryCommands(store, { reports: panels, comparisons }, log, exporter, () => tree.refresh());
  for (const d of history) context.subscriptions.push(d);
}

/** A boolean setting of this extension. */
function setting(key: string, fallback: boolean): boolean {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<boolean>(key, fallback);
}

/** Nothing to do: every resource is in context.subscriptions. */
export function deactivate(): void {}
