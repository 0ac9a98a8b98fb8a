/**
 * The report webview panels: one per profiled function, reused when that function is profiled again,
 * restored after a window reload from the state the webview saved (WebviewState holds the report).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { packReport } from '../../contracts/packedReport';
import type { Report } from '../../contracts/report';
import { REPORT_PANEL } from '../../contracts/ids';
import {
  assertNever,
  isFromWebviewMessage,
  type FromWebviewMessage,
  type ToWebviewMessage,
  type WebviewState,
} from '../../contracts/webview';
import { copySnippet, openLocation } from './reportActions';
import type { ReportExporter } from './reportExport';
import type { SnippetActions } from './snippetActions';
import { PageLoader, panelOptions } from './panelPage';

/** What the panels need from the rest of the extension. */
export interface PanelDeps {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  /** "Insert below function" (previewed, confirmed, never saved) and "Open as new file". */
  snippets: SnippetActions;
  /** Export with a save dialog outside the workspace and an "Open" action. */
  exporter: ReportExporter;
  /**
   * "Re-run with more repeats": profiles the report's function again through the profile command (its settings, its
   * progress).
   */
  rerun: (report: Report) => Promise<void>;
}

/** Panel key: one panel per file and function. */
const panelKey = (report: Report): string => `${report.target.file}\u0000${report.target.function}`;

/** Owns every open report panel and the serializer that brings them back after a reload. */
export class ReportPanels implements vscode.Disposable, vscode.WebviewPanelSerializer<WebviewState> {
  private readonly panels = new Map<string, ReportPanel>();

  /** `deps` gives the panels their environment; nothing starts until a report is shown. */
  constructor(private readonly deps: PanelDeps) {}

  /**
   * Shows `report` in its function's panel, creating the panel when there is none. With `preserveFocus` (a profile
   * that just finished) the keyboard stays where the user is typing: a panel that arrives late must not close an open
   * quick input or take the cursor out of the editor.
   */
  show(report: Report, runId?: string, preserveFocus = false): void {
    const key = panelKey(report);
    const existing = this.panels.get(key);
    if (existing) {
      existing.update(report, runId);
      existing.reveal(preserveFocus);
      return;
    }
    const options = panelOptions(this.deps.extensionUri);
    const column = { viewColumn: vscode.ViewColumn.Beside, preserveFocus };
    const panel = vscode.window.createWebviewPanel(REPORT_PANEL, panelTitle(report), column, options);
    this.adopt(key, panel, report, runId);
  }

  /** Serializer hook: VS Code hands back a panel after a reload, with the state the webview saved. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: WebviewState | undefined): Promise<void> {
    const report = state?.report;
    if (!report || typeof report !== 'object' || !report.target) {
      // Nothing to draw (e.g. the window closed before the first report arrived): a blank panel helps no one.
      this.deps.log.info('report panel restored without a report; closing it');
      panel.dispose();
      return;
    }
    panel.webview.options = panelOptions(this.deps.extensionUri);
    const key = panelKey(report);
    // Two restored panels for one function (possible with older state): keep the first, close the other.
    if (this.panels.has(key)) {
      panel.dispose();
      return;
    }
    this.adopt(key, panel, report, state?.runId);
  }

  /** Closes every panel. */
  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    this.panels.clear();
  }

  private adopt(key: string, panel: vscode.WebviewPanel, report: Report, runId: string | undefined): void {
    const rp = new ReportPanel(panel, report, runId, this.deps, () => this.panels.delete(key));
    this.panels.set(key, rp);
  }
}

function panelTitle(report: Report): string {
  return `Parallelism: ${report.target.function}${report.cancelled ? ' (partial)' : ''}`;
}

/** One panel showing one function's latest report. */
class ReportPanel {
  private readonly disposables: vscode.Disposable[] = [];
  private report: Report;
  private runId: string | undefined;
  private disposed = false;
  private readonly page: PageLoader;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    report: Report,
    runId: string | undefined,
    private readonly deps: PanelDeps,
    private readonly onDisposed: () => void,
  ) {
    this.report = report;
    this.runId = runId;
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'parallelism.svg');
    this.page = new PageLoader(panel, deps.extensionUri, deps.log, 'report panel');
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Draws a newer report of the same function. */
  update(report: Report, runId?: string): void {
    this.report = report;
    this.runId = runId;
    this.panel.title = panelTitle(report);
    this.post({ type: 'report', report: packReport(report), runId });
  }

  /** Brings the panel to the front without moving it; with `preserveFocus` the keyboard focus stays where it is. */
  reveal(preserveFocus = false): void {
    this.panel.reveal(undefined, preserveFocus);
  }

  /** Frees the listeners; called when the user closes the panel or the extension deactivates. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.onDisposed();
    this.page.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  private post(message: ToWebviewMessage): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  private async onMessage(raw: unknown): Promise<void> {
    if (!isFromWebviewMessage(raw)) {
      this.deps.log.warn(`report panel: ignored an unexpected message ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    try {
      await this.handle(raw);
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      this.deps.log.error(`report panel: ${raw.type} failed: ${text}`);
      this.post({ type: 'notice', level: 'error', text });
    }
  }

  private async handle(m: FromWebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        // Sent on first load and whenever VS Code rebuilt the hidden webview: (re)send the data.
        this.post({ type: 'report', report: packReport(this.report), runId: this.runId });
        return;
      case 'selectRun':
        // Remembered so a rebuilt webview shows the same run.
        this.runId = m.runId;
        return;
      case 'copySnippet':
        await copySnippet(m.snippet);
        return;
      case 'insertSnippet':
        // The report's own in-module snippet, not the message's text: what is previewed is what was measured.
        await this.deps.snippets.insertBelowFunction(this.report);
        return;
      case 'openLocation': {
        // Relative traceback paths are relative to the profiled file's folder.
        const file = path.isAbsolute(m.file) ? m.file : path.resolve(path.dirname(this.report.target.file), m.file);
        await openLocation(file, m.line);
        return;
      }
      case 'export': {
        const saved = await this.deps.exporter.export(this.report, m.format);
        if (saved) this.post({ type: 'notice', level: 'info', text: `Exported to ${saved}` });
        return;
      }
      case 'rerunMoreRepeats': {
        // The panel's own report, not anything from the page: the same function and arguments, more repeats.
        const asked = this.report;
        try {
          await this.deps.rerun(asked);
        } finally {
          // The page disabled its button on the click. No new report came (refused while another profile ran,
          // cancelled before a configuration finished, failed): draw this one again so the button works again.
          if (this.report === asked) this.post({ type: 'report', report: packReport(asked), runId: this.runId });
        }
        return;
      }
      case 'openComparedReport':
        // Only the comparison panel sends it; a report panel has no other side to open.
        this.deps.log.warn('report panel: ignored openComparedReport (not a comparison panel)');
        return;
      default:
        assertNever(m);
    }
  }
}
