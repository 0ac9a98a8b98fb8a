/** The history's commands: open a run's report, compare it with the previous run, export it, delete it. */
import * as vscode from 'vscode';
import type { Report } from '../../contracts/report';
import { COMMANDS } from '../../contracts/ids';
import { EXPORT_FORMATS, type ExportFormat } from '../../contracts/webview';
import { compareHistoryRuns } from './compare';
import type { ComparePanels } from '../panel/comparePanel';
import { EXPORT_FILE_TYPES } from '../panel/exportFormats';
import type { HistoryEntry, HistoryStore } from './historyStore';
import type { HistoryNode } from './historyTree';
import type { ReportExporter } from '../panel/reportExport';
import type { ReportPanels } from '../panel/reportPanel';
import { relativeTime } from './verdictText';

/** The panels the history opens: a run's report, or two runs compared. */
export interface HistoryPanels {
  reports: ReportPanels;
  comparisons: ComparePanels;
}

/** Registers the history commands; returns their disposables. */
export function registerHistoryCommands(
  store: HistoryStore,
  { reports: panels, comparisons }: HistoryPanels,
  log: vscode.LogOutputChannel,
  exporter: ReportExporter,
  refresh: () => void,
): vscode.Disposable[] {
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

  return [
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
      const outcome = compareHistoryRuns(before, after);
      if ('comparison' in outcome) {
        comparisons.show(outcome.comparison);
        return;
      }
      // Two runs the engine cannot compare (e.g. other strategies or worker counts): say why, offer each report.
      log.warn(`history: cannot compare ${previous.id} with ${entry.id}: ${outcome.problem}`);
      const [later, earlier] = ['Open this run', 'Open previous run'];
      const pick = await vscode.window.showWarningMessage(
        `These runs of ${entry.function} cannot be compared: ${outcome.problem}.`, later, earlier,
      );
      if (pick === later) panels.show(after);
      else if (pick === earlier) panels.show(before);
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
