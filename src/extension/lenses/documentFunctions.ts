/** Functions and source hashes of open documents and files on disk, through the cached FunctionIndex. */
import { promises as fsp } from 'node:fs';
import * as vscode from 'vscode';
import type { FunctionInfo } from '../../engine';
import type { FunctionIndex } from './functionIndex';
import { functionSourceHash } from './sourceHash';
import { scanTopLevelFunctions } from './textFunctions';
import { scanJsFunctions } from '../../engine';

/** Finds functions in whatever the user sees: the open document's text when it is open, the file otherwise. */
export class DocumentFunctions {
  /** `python` picks the interpreter used for parsing (any Python 3 will do: only `ast` runs). */
  constructor(
    private readonly index: FunctionIndex,
    private readonly python: (uri: vscode.Uri) => Promise<string>,
    private readonly trusted: () => boolean = () => vscode.workspace.isTrusted,
  ) {}

  /**
   * Top-level functions of an open document, at its current version (unsaved edits included).
   * In a restricted workspace no process may start, so a text scan places the lenses that ask for trust.
   */
  async ofDocument(doc: vscode.TextDocument): Promise<FunctionInfo[]> {
    if (!this.trusted()) return doc.languageId === 'python' ? scanTopLevelFunctions(doc.getText()) : scanJsText(doc.getText());
    const python = await this.python(doc.uri);
    return this.index.get(doc.uri.fsPath, `v${doc.version}:${doc.isDirty}`, python, doc.isDirty ? doc.getText() : undefined);
  }

  /** Top-level functions of a file, open or not; [] when it cannot be read. */
  async ofFile(file: string): Promise<{ functions: FunctionInfo[]; text: string } | undefined> {
    if (!this.trusted()) return undefined;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
    if (open) return { functions: await this.ofDocument(open), text: open.getText() };
    try {
      const [stat, text] = await Promise.all([fsp.stat(file), fsp.readFile(file, 'utf8')]);
      const python = await this.python(vscode.Uri.file(file));
      return { functions: await this.index.get(file, `m${stat.mtimeMs}:${stat.size}`, python), text };
    } catch {
      return undefined;
    }
  }

  /** The current source hash of `fn` in `file`, or undefined when the file or the function is gone, or unknown. */
  async currentHash(file: string, fn: string): Promise<string | undefined> {
    // The text scan's function extents are approximate: hashing them would flag unchanged functions.
    if (!this.trusted()) return undefined;
    const found = await this.ofFile(file);
    const info = found?.functions.find((f) => f.name === fn);
    return found && info ? functionSourceHash(found.text, info.line, info.endLine) : undefined;
  }

  /** One function of an open document, discovered afresh. */
  async locate(doc: vscode.TextDocument, name: string): Promise<FunctionInfo | undefined> {
    return (await this.ofDocument(doc)).find((f) => f.name === name);
  }
}

/** Exported JS/TS functions from the text (a token scan that runs nothing, so it is fine in a restricted workspace). */
function scanJsText(text: string): FunctionInfo[] {
  try {
    return scanJsFunctions(text).exported;
  } catch {
    return []; // mid-edit, unbalanced: no lenses until it parses
  }
}
