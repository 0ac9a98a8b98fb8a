/**
 * The report's simpler buttons in the editor: copy the snippet, open a traceback location. Inserting the snippet is
 * snippetActions.ts; exporting is reportExport.ts.
 */
import * as vscode from 'vscode';

/** Copies the snippet to the clipboard and says so. */
export async function copySnippet(snippet: string): Promise<void> {
  await vscode.env.clipboard.writeText(snippet);
  void vscode.window.showInformationMessage('Snippet copied to the clipboard.');
}

/** Opens `file` at 1-based `line` (a traceback link). */
export async function openLocation(file: string, line: number): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const pos = new vscode.Position(Math.max(0, Math.min(line, doc.lineCount) - 1), 0);
  const selection = new vscode.Range(pos, pos);
  await vscode.window.showTextDocument(doc, { selection, preview: true, viewColumn: vscode.ViewColumn.One });
}
