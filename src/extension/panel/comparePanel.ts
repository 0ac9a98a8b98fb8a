/**
 * The comparison panels ("Compare with previous run"): one per profiled function, reused when that function is
 * compared again, restored after a window reload from the state the webview saved (WebviewState holds the
 * Comparison). Same page, CSP and bundle as the report panel (panelPage.ts); the webview draws webview/compare/.
 */
import * as vscode from 'vscode';
import type { Comparison } from '../../contracts/comparison';
import type { Report } from '../../contracts/report';
import { COMPARE_PANEL } from '../../contracts/ids';
import {
  assertNever,
  isComparisonLike,
  isFromWebviewMessage,
  type FromWebviewMessage,
  type ToWebviewMessage,
  type WebviewState,
} from '../../contracts/webview';
import { compareTitle } from '../history/compare';
import { PageLoader, panelOptions } from './panelPage';

/** What the comparison panels need from the rest of the extension. */
export interface ComparePanelDeps {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  /** Opens one side of the comparison in its function's report panel. */
  openReport(report: Report): void;
}

/** Panel key: one comparison panel per file and function. */
const comparisonKey = (c: Comparison): string => `${c.current.target.file}\u0000${c.current.target.function}`;

/** Owns every open comparison panel and the serializer that brings them back after a reload. */
export class ComparePanels implements vscode.Disposable, vscode.WebviewPanelSerializer<WebviewState> {
  private readonly panels = new Map<string, ComparePanel>();

  /** `deps` gives the panels their environment; nothing starts until a comparison is shown. */
  constructor(private readonly deps: ComparePanelDeps) {}

  /** Shows `comparison` in its function's comparison panel, creating the panel when there is none. */
  show(comparison: Comparison): void {
    const key = comparisonKey(comparison);
    const existing = this.panels.get(key);
    if (existing) {
      existing.update(comparison);
      existing.reveal();
      return;
    }
    const options = panelOptions(this.deps.extensionUri);
    const title = compareTitle(comparison);
    // In the active group, as VS Code opens a diff: beside it would squeeze a third column next to the report.
    const panel = vscode.window.createWebviewPanel(COMPARE_PANEL, title, vscode.ViewColumn.Active, options);
    this.adopt(key, panel, comparison);
  }

  /** Serializer hook: VS Code hands back a panel after a reload, with the state the webview saved. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: WebviewState | undefined): Promise<void> {
    const comparison = state?.comparison;
    if (!isComparisonLike(comparison)) {
      this.deps.log.info('comparison panel restored without a comparison; closing it');
      panel.dispose();
      return;
    }
    panel.webview.options = panelOptions(this.deps.extensionUri);
    const key = comparisonKey(comparison);
    if (this.panels.has(key)) {
      panel.dispose();
      return;
    }
    this.adopt(key, panel, comparison);
  }

  /** Closes every panel. */
  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    this.panels.clear();
  }

  private adopt(key: string, panel: vscode.WebviewPanel, comparison: Comparison): void {
    this.panels.set(key, new ComparePanel(panel, comparison, this.deps, () => this.panels.delete(key)));
  }
}

/** One panel showing one function's latest comparison. */
class ComparePanel {
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  private readonly page: PageLoader;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private comparison: Comparison,
    private readonly deps: ComparePanelDeps,
    private readonly onDisposed: () => void,
  ) {
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'parallelism.svg');
    panel.title = compareTitle(comparison);
    this.page = new PageLoader(panel, deps.extensionUri, deps.log, 'comparison panel');
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Draws another comparison of the same function. */
  update(comparison: Comparison): void {
    this.comparison = comparison;
    this.panel.title = compareTitle(comparison);
    this.post({ type: 'comparison', comparison });
  }

  /** Brings the panel to the front without moving it. */
  reveal(): void {
    this.panel.reveal(undefined, false);
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

  private onMessage(raw: unknown): void {
    if (!isFromWebviewMessage(raw)) {
      this.deps.log.warn(`comparison panel: ignored an unexpected message ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    this.handle(raw);
  }

  private handle(m: FromWebviewMessage): void {
    switch (m.type) {
      case 'ready':
        // First load, or VS Code rebuilt the hidden webview: (re)send the comparison.
        this.post({ type: 'comparison', comparison: this.comparison });
        return;
      case 'openComparedReport':
        this.deps.openReport(m.side === 'baseline' ? this.comparison.baseline : this.comparison.current);
        return;
      case 'selectRun':
      case 'copySnippet':
      case 'insertSnippet':
      case 'openLocation':
      case 'export':
      case 'rerunMoreRepeats':
        // The report panel's actions: the comparison page offers none of them.
        this.deps.log.warn(`comparison panel: ignored ${m.type} (a report panel action)`);
        return;
      default:
        assertNever(m);
    }
  }
}
