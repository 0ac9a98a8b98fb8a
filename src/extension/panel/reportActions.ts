/** What the report's buttons do in the editor: copy, insert below the function, open a traceback location, export. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Report } from '../../contracts/report';
import type { ExportFormat } from '../../contracts/webview';
import { EXPORT_FILE_TYPES, exportFileName, renderExport } from './exportFormats';
import type { FunctionInfo } from '../../engine';
import { writeFileAtomic } from '../../engine';

/** Copies the snippet to the clipboard and says so. */
export async function copySnippet(snippet: string): Promise<void> {
  await vscode.env.clipboard.writeText(snippet);
  void vscode.window.showInformationMessage('Snippet copied to the clipboard.');
}

/**
 * Inserts the snippet after the function's last line, with a blank line around it. `locate` returns the function's
 * current extent (discovered afresh, since the file may have changed since the profile).
 */
export async function insertSnippet(
  report: Report,
  snippet: string,
  locate: (doc: vscode.TextDocument) => Promise<FunctionInfo | undefined>,
): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(report.target.file));
  const fn = await locate(doc);
  if (!fn) {
    void vscode.window.showWarningMessage(`${report.target.function} is no longer in ${path.basename(report.target.file)}; copy the snippet instead.`);
    return;
  }
  const editor = await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
  const endLine = Math.min(fn.endLine, doc.lineCount) - 1;
  const at = doc.lineAt(endLine).range.end;
  const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const text = `${eol}${eol}${eol}${snippet.replace(/\r?\n/g, eol).trimEnd()}${eol}`;
  const ok = await editor.edit((b) => b.insert(at, text));
  if (!ok) throw new Error('the editor refused the edit');
  const first = new vscode.Position(endLine + 3, 0);
  editor.selection = new vscode.Selection(first, first);
  editor.revealRange(new vscode.Range(first, first), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Opens `file` at 1-based `line` (a traceback link). */
export async function openLocation(file: string, line: number): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const pos = new vscode.Position(Math.max(0, Math.min(line, doc.lineCount) - 1), 0);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos), preview: true, viewColumn: vscode.ViewColumn.One });
}

/** Asks where to save and writes the report in `format`; returns the saved path, or undefined when the user cancelled. */
export async function exportReport(report: Report, format: ExportFormat, extensionUri: vscode.Uri): Promise<string | undefined> {
  const type = EXPORT_FILE_TYPES[format];
  const dir = path.dirname(report.target.file);
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.file(path.join(dir, exportFileName(report, format))),
    filters: { [type.label]: [type.extension.split('.').pop() ?? 'json'] },
    saveLabel: 'Export',
    title: `Export ${report.target.function} as ${type.label}`,
  });
  if (!target) return undefined;
  const text = renderExport(report, format, vscode.Uri.joinPath(extensionUri, 'dist').fsPath);
  // Local files: atomic and 0600 like every report we write; other schemes go through VS Code's file system.
  if (target.scheme === 'file') await writeFileAtomic(target.fsPath, text);
  else await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
  return target.fsPath;
}
