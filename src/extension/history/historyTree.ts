/**
 * The Benchmark History tree: file → function → runs, newest first; one line per run (when · verdict · speedup, see
 * runItemText.ts), details in its tooltip; stale runs (function source changed) are marked.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS, HISTORY_VIEW, TREE_CONTEXT } from '../../contracts/ids';
import type { HistoryEntry, HistoryStore } from './historyStore';
import { runDescription, runLabel, runTooltip } from './runItemText';

/** A node of the tree. */
export type HistoryNode =
  | { kind: 'file'; file: string; newest: HistoryEntry }
  | { kind: 'function'; file: string; fn: string; runs: HistoryEntry[] }
  | { kind: 'run'; entry: HistoryEntry; previous?: HistoryEntry };

/** Current sha256 of a function's source, or undefined when the file or function is gone or cannot be read. */
export type CurrentHash = (file: string, fn: string) => Promise<string | undefined>;

/** Feeds the tree view from the history store and owns the view. */
export class HistoryTree implements vscode.TreeDataProvider<HistoryNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<HistoryNode | undefined>();
  /** Fires when the tree must be redrawn. */
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly view: vscode.TreeView<HistoryNode>;
  private clock: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: HistoryStore,
    private readonly currentHash: CurrentHash,
    private readonly workspaceRoot: () => string | undefined,
  ) {
    this.view = vscode.window.createTreeView(HISTORY_VIEW, { treeDataProvider: this, showCollapseAll: true });
    const unsubscribe = store.onDidChange(() => this.refresh());
    this.disposables.push(
      this.view,
      new vscode.Disposable(unsubscribe),
      // "3 min ago" goes stale: redraw once a minute, but only while someone can see it.
      this.view.onDidChangeVisibility((e) => this.tick(e.visible)),
      new vscode.Disposable(() => this.tick(false)),
    );
    this.tick(this.view.visible);
  }

  /** Re-reads the store and redraws. */
  refresh(): void {
    this.changed.fire(undefined);
  }

  /** Part of TreeDataProvider. */
  async getChildren(node?: HistoryNode): Promise<HistoryNode[]> {
    const entries = await this.store.list();
    if (!node) {
      const newest = new Map<string, HistoryEntry>();
      for (const e of entries) if (!newest.has(e.file)) newest.set(e.file, e);
      return [...newest.values()].map((e) => ({ kind: 'file', file: e.file, newest: e }));
    }
    if (node.kind === 'file') {
      const byFn = new Map<string, HistoryEntry[]>();
      for (const e of entries) if (e.file === node.file) byFn.set(e.function, [...(byFn.get(e.function) ?? []), e]);
      return [...byFn].map(([fn, runs]) => ({ kind: 'function', file: node.file, fn, runs }));
    }
    if (node.kind === 'function') {
      const runs = entries.filter((e) => e.file === node.file && e.function === node.fn);
      return runs.map((entry, i) => ({ kind: 'run', entry, previous: runs[i + 1] }));
    }
    return [];
  }

  /** Part of TreeDataProvider. */
  async getTreeItem(node: HistoryNode): Promise<vscode.TreeItem> {
    switch (node.kind) {
      case 'file': {
        const item = new vscode.TreeItem(path.basename(node.file), vscode.TreeItemCollapsibleState.Expanded);
        item.id = `file:${node.file}`;
        item.resourceUri = vscode.Uri.file(node.file);
        item.description = this.relativeDir(node.file);
        item.iconPath = vscode.ThemeIcon.File;
        item.tooltip = node.file;
        item.contextValue = TREE_CONTEXT.file;
        return item;
      }
      case 'function': {
        const item = new vscode.TreeItem(node.fn, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `fn:${node.file}\u0000${node.fn}`;
        item.iconPath = new vscode.ThemeIcon('symbol-function');
        // The verdicts are on the run rows below; repeating the newest here was noise (and got cut off).
        item.description = `${node.runs.length} run${node.runs.length === 1 ? '' : 's'}`;
        item.contextValue = TREE_CONTEXT.function;
        return item;
      }
      case 'run':
        return this.runItem(node);
      default: {
        const never: never = node;
        throw new Error(`unknown node ${JSON.stringify(never)}`);
      }
    }
  }

  /** Dispose the view, the timer and the listeners. */
  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private async runItem(node: Extract<HistoryNode, { kind: 'run' }>): Promise<vscode.TreeItem> {
    const { entry } = node;
    const s = entry.summary;
    const current = await this.currentHash(entry.file, entry.function).catch(() => undefined);
    const stale = !!entry.sourceHash && current !== undefined && current !== entry.sourceHash;
    const item = new vscode.TreeItem(runLabel(entry), vscode.TreeItemCollapsibleState.None);
    item.id = `run:${entry.id}`;
    item.description = runDescription(entry, stale) || undefined;
    item.iconPath = new vscode.ThemeIcon(stale ? 'warning' : s.cancelled ? 'circle-slash' : 'pulse');
    item.tooltip = new vscode.MarkdownString(runTooltip(entry, stale), true);
    item.contextValue = node.previous ? TREE_CONTEXT.runComparable : TREE_CONTEXT.run;
    item.command = { command: COMMANDS.openReport, title: 'Open report', arguments: [entry.id] };
    return item;
  }

  private relativeDir(file: string): string | undefined {
    const root = this.workspaceRoot();
    const dir = path.dirname(file);
    if (root && (dir === root || dir.startsWith(root + path.sep))) return path.relative(root, dir) || undefined;
    return dir;
  }

  private tick(visible: boolean): void {
    if (visible && !this.clock) this.clock = setInterval(() => this.refresh(), 60_000);
    if (!visible && this.clock) {
      clearInterval(this.clock);
      this.clock = undefined;
    }
  }
}
