/**
 * Code lenses above every top-level function: "Profile parallelism" and the last verdict.
 * Only types come from `vscode`; the runtime classes are passed in, so the provider unit-tests with a tiny fake.
 * The wording lives in lensTitles.ts (pure).
 */
import type * as vscode from 'vscode';
import type { FunctionInfo } from '../../engine';
import { COMMANDS } from '../../contracts/ids';
import { lensTitles, type LastVerdict, type LensSpec } from './lensTitles';

/** The few vscode runtime pieces the provider needs. */
export type LensVscode = {
  CodeLens: typeof vscode.CodeLens;
  Range: typeof vscode.Range;
  EventEmitter: typeof vscode.EventEmitter;
};

/** Where the lenses get their facts. */
export interface LensDeps {
  functions(doc: vscode.TextDocument): Promise<FunctionInfo[]>;
  /** The newest run of each listed function (by name), with `stale` set when its source changed. */
  lastVerdicts(doc: vscode.TextDocument, functions: FunctionInfo[]): Promise<Map<string, LastVerdict>>;
  isTrusted(): boolean;
  enabled(): boolean;
  /** Setting codeLens.includePrivate: lenses above underscore functions too. */
  includePrivate?(): boolean;
  now?(): number;
}

/** Typing fires a lens request per keystroke; wait this long and let VS Code cancel the outdated ones. */
export const LENS_DEBOUNCE_MS = 250;

/** The command a lens runs. */
export function lensCommand(spec: LensSpec, uri: vscode.Uri): vscode.Command {
  const texts = { title: spec.title, tooltip: spec.tooltip };
  switch (spec.action.kind) {
    case 'profile':
      return { ...texts, command: COMMANDS.profile, arguments: [uri, spec.functionName] };
    case 'openReport':
      return { ...texts, command: COMMANDS.openReport, arguments: [spec.action.entryId] };
    case 'manageTrust':
      return { title: spec.title, tooltip: spec.tooltip, command: 'workbench.trust.manage' };
    default: {
      const never: never = spec.action;
      throw new Error(`unknown lens action ${JSON.stringify(never)}`);
    }
  }
}

/** The CodeLensProvider; `refresh()` redraws every lens (history, trust or settings changed). */
export class FunctionLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed: vscode.EventEmitter<void>;
  /** Fires when lenses must be asked for again. */
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(
    private readonly vs: LensVscode,
    private readonly deps: LensDeps,
    private readonly debounceMs = LENS_DEBOUNCE_MS,
  ) {
    this.changed = new vs.EventEmitter<void>();
    this.onDidChangeCodeLenses = this.changed.event;
  }

  /** Asks VS Code to request the lenses again. */
  refresh(): void {
    this.changed.fire();
  }

  /** Part of CodeLensProvider. */
  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!this.deps.enabled()) return [];
    if (this.debounceMs > 0 && !(await settle(this.debounceMs, token))) return [];
    const functions = await this.deps.functions(doc);
    if (token.isCancellationRequested || functions.length === 0) return [];
    const verdicts = await this.deps.lastVerdicts(doc, functions);
    const now = this.deps.now?.() ?? Date.now();
    const options = { includePrivate: this.deps.includePrivate?.() ?? false };
    return lensTitles(functions, verdicts, this.deps.isTrusted(), now, options).map((spec) => {
      const line = Math.max(0, spec.line - 1);
      return new this.vs.CodeLens(new this.vs.Range(line, 0, line, 0), lensCommand(spec, doc.uri));
    });
  }

  /** Frees the event emitter. */
  dispose(): void {
    this.changed.dispose();
  }
}

/** Resolves true after `ms`, or false as soon as the request is cancelled (a newer edit superseded it). */
function settle(ms: number, token: vscode.CancellationToken): Promise<boolean> {
  if (token.isCancellationRequested) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      sub.dispose();
      resolve(!token.isCancellationRequested);
    }, ms);
    const sub = token.onCancellationRequested(() => {
      clearTimeout(timer);
      sub.dispose();
      resolve(false);
    });
  });
}
