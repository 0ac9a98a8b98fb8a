/**
 * Where an export is offered to go, and what "Open" does with it. Exports default to a folder outside the workspace
 * (a report is an artefact, not source: saved into the project it ends up in commits): the folder the user exported
 * to last, remembered across sessions, else their Downloads folder, else their home. Pure, no `vscode`.
 */
import * as path from 'node:path';
import type { ExportFormat } from '../../contracts/webview';

/** The globalState key holding the last folder an export was saved in. */
export const LAST_EXPORT_DIR_KEY = 'parallelismProfiler.lastExportDir';

/** What the choice of folder depends on. */
export interface ExportDirFacts {
  /** The folder the user saved an export in last time, if remembered. */
  lastUsed?: string;
  /** The user's home folder (os.homedir()). */
  home: string;
  /** Whether a folder exists (checked before it is offered). */
  isDirectory(dir: string): boolean;
}

/** The folder the save dialog opens in. */
export function defaultExportDir(facts: ExportDirFacts): string {
  if (facts.lastUsed && path.isAbsolute(facts.lastUsed) && facts.isDirectory(facts.lastUsed)) return facts.lastUsed;
  const downloads = path.join(facts.home, 'Downloads');
  return facts.isDirectory(downloads) ? downloads : facts.home;
}

/** What "Open" does after an export: an HTML report opens in the browser; JSON and traces open in the editor. */
export type OpenAction = 'browser' | 'editor';

/** The "Open" action for a format. */
export function openActionFor(format: ExportFormat): OpenAction {
  return format === 'html' ? 'browser' : 'editor';
}
