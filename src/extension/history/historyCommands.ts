/** The history's commands: open a run's report, compare it with the previous run, export it, delete it. */
import * as vscode from 'vscode';
import type { Report } from '../../contracts/report';
import { COMMANDS } from '../../contracts/ids';
import { EXPORT_FORMATS, type ExportFormat } from '../../contracts/webview';
import { compareMarkdown } from './compare';
import { EXPORT_FILE_TYPES } from '../panel/exportFormats';
import type { HistoryEntry, HistoryStore } from './historyStore';
import type { HistoryNode } from './historyTree';
import type { ReportExporter } from '../panel/reportExport';
import type { ReportPanels } from '../panel/reportPanel';
import { relativeTime, shortCommit } from './verdictText';

/** Read-only documents for comparisons, so closing one never asks to save it. */
const COMPARE_SCHEME = 'parallelism-profiler-compare';

/** Registers the history commands and the comparison document provider; returns their disposables. */
export function registerHistoryCommands(
  store: HistoryStore,
  panels: ReportPanels,
  log: vscode.LogOutputChannel,
  exporter: ReportExporter,
  refresh: () => void,
): vscode.Disposable[] {
  const comparisons = new Map<string, string>();
  const provider: vscode.TextDocumentContentProvider = {
    provideTextDocumentContent: (uri) => comparisons.get(uri.path),
  };

  /** The entry a command was invoked on: a tree node (context menu) or an id (tree click, lens). */
  const entryOf = async (arg: unknown): Promise<HistoryEntry | undefined> => {
    const id = typeof arg === 'string' ? arg : (arg as HistoryNode | undefined)?.kind === 'run' ? (arg as { entry: HistoryEntry }).entry.id : undefined;
    const entry = id ? await store.get(id) : undefined;
    if (!entry) void vscode.window.showWarningMessage('That history entry no longer exists.');
    return entry;
  };

  /** Loads a report, explaining a missing or damaged file instead of failing silently. */
  const load = async (entry: HistoryEntry): Promise<Report | undefined> => {
    try {
      return await store.loadReport(entry);
    } catch (err) {
      log.error(`history: cannot read the report of ${entry.id}: ${String(err)}`);
      void vscode.window.showErrorMessage(`The report of this run cannot be read (${err instanceof Error ? err.message : String(err)}).`);
      return undefined;
    }
  };

  const label = (e: HistoryEntry): string => `${relativeTime(e.createdAt)}${e.commit ? ` (${shortCommit(e.commit)})` : ''}`;

  return [
    vscode.workspace.registerTextDocumentContentProvider(COMPARE_SCHEME, provider),
    vscode.commands.registerCommand(COMMANDS.openReport, async (arg: unknown) => {
      const entry = await entryOf(arg);
      const report = entry && (await load(entry));
      if (report) panels.show(report);
    }),
    vscode.commands.registerCommand(COMMANDS.compareWithPrevious, async (arg: unknown) => {
      const entry = await entryOf(arg);
      if (!entry) return;
      const previous = await store.previous(entry);
      if (!previous) {
        void vscode.window.showInformationMessage(`This is the first recorded run of ${entry.function}; there is nothing to compare with.`);
        return;
      }
      const [before, after] = await Promise.all([load(previous), load(entry)]);
      if (!before || !after) return;
      const text = compareMarkdown(before, after, { before: label(previous), after: label(entry) });
      const uri = vscode.Uri.from({ scheme: COMPARE_SCHEME, path: `/${entry.function}-${previous.id}-vs-${entry.id}.md` });
      comparisons.set(uri.path, text);
      try {
        await vscode.commands.executeCommand('markdown.showPreview', uri);
      } catch {
        // Markdown preview disabled: the raw table is still readable.
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
      }
    }),
    vscode.commands.registerCommand(COMMANDS.exportReport, async (arg: unknown) => {
      const entry = await entryOf(arg);
      const report = entry && (await load(entry));
      if (!report) return;
      const pick = await vscode.window.showQuickPick(
        EXPORT_FORMATS.map((format) => ({ label: EXPORT_FILE_TYPES[format].label, format })),
        { title: `Export ${report.target.function}`, placeHolder: 'Format' },
      );
      if (!pick) return;
      // The exporter's own notice says where it went and offers to open it.
      await exporter.export(report, pick.format as ExportFormat);
    }),
    vscode.commands.registerCommand(COMMANDS.deleteEntry, async (arg: unknown) => {
      const entry = await entryOf(arg);
      if (!entry) return;
      const answer = await vscode.window.showWarningMessage(
        `Delete the run of ${entry.function} from ${relativeTime(entry.createdAt)}?`,
        { modal: true, detail: 'Its report is removed too.' },
        'Delete',
      );
      if (answer !== 'Delete') return;
      await store.delete(entry.id);
      log.info(`history: deleted ${entry.id} (${entry.function})`);
    }),
    vscode.commands.registerCommand(COMMANDS.refreshHistory, refresh),
  ];
}
