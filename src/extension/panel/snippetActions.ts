/**
 * The report's "Insert below function" never changes the user's file behind their back. It shows the planned change
 * (insertPlan.ts) as a diff, then asks in a modal whose default is "Open as New File" (the runnable program in an
 * untitled editor, the user's file untouched); "Insert" applies the change as one undoable edit and leaves the file
 * unsaved for the user to review. JavaScript and TypeScript snippets are files of their own (piscina loads the file in
 * each worker), so for them only "Open as New File" is offered.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Report } from '../../contracts/report';
import { pythonFreeNames, type FunctionInfo } from '../../engine';
import { applyPlan, planInsertion, type InsertAt, type InsertPlan } from './insertPlan';

/** URI scheme of the read-only "with the snippet" side of the preview diff. */
export const PREVIEW_SCHEME = 'parallelism-profiler-preview';
/** The modal's buttons; the first is the default (Enter). */
export const OPEN_AS_NEW_FILE = 'Open as New File';
/** The modal's button that applies the insertion (unsaved). */
export const INSERT = 'Insert';

const LANGUAGE_NAMES: Record<Report['target']['language'], string> = { python: 'Python', javascript: 'JavaScript', typescript: 'TypeScript' };

/** Finds a function in a document as it is now (the file may have changed since the profile). */
export type LocateFunction = (doc: vscode.TextDocument, name: string) => Promise<FunctionInfo | undefined>;

/** "Insert below function" and "Open as new file"; owns the preview documents' provider. */
export class SnippetActions implements vscode.Disposable {
  private readonly previews = new Map<string, string>();
  private readonly registration: vscode.Disposable;
  private count = 0;

  /** `locate` discovers the function afresh in the document. */
  constructor(private readonly locate: LocateFunction, private readonly log: vscode.LogOutputChannel) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, {
      provideTextDocumentContent: (uri) => this.previews.get(uri.toString()) ?? '',
    });
  }

  /** "Insert below function": preview, ask (default: open as a new file), then insert unsaved, or not at all. */
  async insertBelowFunction(report: Report): Promise<void> {
    const { target, recommendation } = report;
    const base = path.basename(target.file);
    if (target.language !== 'python' || !recommendation.snippetInModule) {
      const pick = await vscode.window.showInformationMessage(
        `Open the ${LANGUAGE_NAMES[target.language]} snippet as a new file?`,
        {
          modal: true,
          detail: `It runs as a file of its own beside ${base} (the worker pool loads that file in each worker), so it is not ` +
            `pasted into ${base}. Save it where its first lines say, then run it.`,
        },
        OPEN_AS_NEW_FILE,
      );
      if (pick === OPEN_AS_NEW_FILE) await this.openAsNewFile(report);
      return;
    }
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(target.file));
    const fn = await this.locate(doc, target.function);
    if (!fn) {
      const pick = await vscode.window.showWarningMessage(`${target.function} is no longer in ${base}; nothing was inserted.`, OPEN_AS_NEW_FILE);
      if (pick === OPEN_AS_NEW_FILE) await this.openAsNewFile(report);
      return;
    }
    const version = doc.version;
    const plan = planInsertion(
      { text: doc.getText(), fn: target.function, endLine: fn.endLine, argNames: pythonFreeNames(target.args ?? '') },
      recommendation.snippetInModule,
    );
    const pick = await this.confirmWithDiff(doc, plan, target.function);
    if (pick === OPEN_AS_NEW_FILE) return this.openAsNewFile(report);
    if (pick !== INSERT) return;
    if (doc.version !== version) {
      void vscode.window.showWarningMessage(`${base} changed while the preview was open; nothing was inserted. Try again.`);
      return;
    }
    await this.apply(doc, plan, target.function);
  }

  /** Opens the runnable program (`recommendation.snippet`) in an untitled editor of its language. */
  async openAsNewFile(report: Report): Promise<void> {
    const content = report.recommendation.snippet;
    const doc = await vscode.workspace.openTextDocument({ language: report.target.language, content });
    await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
  }

  /** Frees the preview provider. */
  dispose(): void {
    this.registration.dispose();
    this.previews.clear();
  }

  /** Shows the diff, asks, closes the diff; returns the button picked (undefined: cancelled). */
  private async confirmWithDiff(doc: vscode.TextDocument, plan: InsertPlan, fn: string): Promise<string | undefined> {
    const base = path.basename(doc.fileName);
    const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const preview = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: doc.uri.path, query: `preview=${++this.count}` });
    this.previews.set(preview.toString(), applyPlan(doc.getText(), plan).replace(/\n/g, eol));
    try {
      await vscode.commands.executeCommand('vscode.diff', doc.uri, preview, `${base} ↔ with the snippet (preview, not applied)`, {
        preview: true,
        viewColumn: vscode.ViewColumn.One,
      });
    } catch (err) {
      // The question still stands without the diff: the detail lists what would change.
      this.log.warn(`insert preview: the diff did not open: ${String(err)}`);
    }
    try {
      return await vscode.window.showInformationMessage(
        `Insert ${plan.lines} lines into ${base}, below ${fn}()?`,
        {
          modal: true,
          detail: [
            ...plan.notes,
            `Nothing is saved: after inserting, review the change, then save it or undo it.`,
            `${OPEN_AS_NEW_FILE} opens the complete runnable program in an untitled editor instead, and leaves ${base} as it is.`,
          ].join('\n'),
        },
        OPEN_AS_NEW_FILE,
        INSERT,
      );
    } finally {
      await this.closePreview(preview);
      this.previews.delete(preview.toString());
    }
  }

  private async closePreview(preview: vscode.Uri): Promise<void> {
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter(
      (t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === preview.toString(),
    );
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
  }

  /** Applies the plan as one edit (one undo step), unsaved, and shows the inserted definitions. */
  private async apply(doc: vscode.TextDocument, plan: InsertPlan, fn: string): Promise<void> {
    const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const position = (at: InsertAt) => (at.column === 'start' ? new vscode.Position(at.line, 0) : doc.lineAt(at.line).range.end);
    const edit = new vscode.WorkspaceEdit();
    for (const e of plan.edits) edit.insert(doc.uri, position(e.at), e.text.replace(/\n/g, eol));
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error('VS Code refused the edit; nothing was inserted');
    const editor = await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
    const first = new vscode.Position(Math.min(plan.definitionsLine, doc.lineCount - 1), 0);
    editor.selection = new vscode.Selection(first, first);
    editor.revealRange(new vscode.Range(first, first), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    void vscode.window.showInformationMessage(`Inserted ${plan.lines} lines below ${fn}(), not saved: review, then save or undo.`);
  }
}
