/**
 * Export a report: a save dialog that opens outside the workspace (exportLocation.ts), an atomic 0600 write, and a
 * notice with an "Open" action (the HTML report in the external browser, JSON and traces in the editor).
 */
import { statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Report } from '../../contracts/report';
import type { ExportFormat } from '../../contracts/webview';
import { writeFileAtomic } from '../../engine';
import { EXPORT_FILE_TYPES, exportFileName, renderExport } from './exportFormats';
import { defaultExportDir, LAST_EXPORT_DIR_KEY, openActionFor } from './exportLocation';

const OPEN = 'Open';
const COPY_PATH = 'Copy Path';

const isDirectory = (dir: string): boolean => {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
};

/** Saves reports where the user asks, remembering the folder for next time. */
export class ReportExporter {
  /** `state` is globalState (the last folder); `extensionUri` locates the webview bundle the HTML inlines. */
  constructor(private readonly extensionUri: vscode.Uri, private readonly state: vscode.Memento) {}

  /** Asks where to save, writes `report` as `format`, offers to open it; returns the path (undefined: cancelled). */
  async export(report: Report, format: ExportFormat): Promise<string | undefined> {
    const type = EXPORT_FILE_TYPES[format];
    const lastUsed = this.state.get<string>(LAST_EXPORT_DIR_KEY);
    const dir = defaultExportDir({ lastUsed, home: os.homedir(), isDirectory });
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.file(path.join(dir, exportFileName(report, format))),
      filters: { [type.label]: [type.extension.split('.').pop() ?? 'json'] },
      saveLabel: 'Export',
      title: `Export ${report.target.function} as ${type.label}`,
    });
    if (!target) return undefined;
    const text = renderExport(report, format, vscode.Uri.joinPath(this.extensionUri, 'dist').fsPath);
    // Local files: atomic and 0600 like every report we write; other schemes go through VS Code's file system.
    if (target.scheme === 'file') await writeFileAtomic(target.fsPath, text);
    else await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
    if (target.scheme === 'file') await this.state.update(LAST_EXPORT_DIR_KEY, path.dirname(target.fsPath));
    void this.announce(target, format);
    return target.fsPath;
  }

  private async announce(target: vscode.Uri, format: ExportFormat): Promise<void> {
    const pick = await vscode.window.showInformationMessage(`Exported ${EXPORT_FILE_TYPES[format].label} to ${target.fsPath}`, OPEN, COPY_PATH);
    if (pick === COPY_PATH) await vscode.env.clipboard.writeText(target.fsPath);
    if (pick !== OPEN) return;
    if (openActionFor(format) === 'browser') await vscode.env.openExternal(target);
    else await vscode.window.showTextDocument(target, { preview: true });
  }
}
