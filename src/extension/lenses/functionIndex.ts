/**
 * Top-level functions per file, found by the engine (Python's ast through the harness, no language server),
 * cached per document version or file modification stamp, with requests for the same stamp shared.
 * No `vscode` here: the callers pass the stamp and, for unsaved documents, the text.
 */
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FunctionInfo } from '../../engine';

/** The engine's discovery call, injected so tests can stub it. */
export type DiscoverFn = (file: string, python: string) => Promise<FunctionInfo[]>;

interface Cached {
  stamp: string;
  functions: Promise<FunctionInfo[]>;
}

/** Caches `discoverFunctions` results; keeps the last good answer while a file does not parse (mid-typing). */
export class FunctionIndex {
  private readonly cache = new Map<string, Cached>();
  private readonly lastGood = new Map<string, FunctionInfo[]>();
  private tmpDir: Promise<string> | undefined;

  /** `discover` is the engine's discoverFunctions; `log` receives parse failures. */
  constructor(private readonly discover: DiscoverFn, private readonly log: (line: string) => void = () => undefined) {}

  /**
   * Functions of `file` at `stamp` (e.g. "v12" for document version 12, or "m<mtime>:<size>" on disk).
   * Pass `text` for an unsaved document: it is parsed from a private temp copy, since the harness reads files.
   */
  async get(file: string, stamp: string, python: string, text?: string): Promise<FunctionInfo[]> {
    const hit = this.cache.get(file);
    if (hit && hit.stamp === stamp) return hit.functions;
    const functions = this.load(file, python, text).then(
      (fns) => {
        this.lastGood.set(file, fns);
        return fns;
      },
      (err: unknown) => {
        this.log(`discover ${file}: ${err instanceof Error ? err.message : String(err)}`);
        // Mid-edit syntax errors must not make every lens vanish and reappear;
        // show the last parse until it parses again.
        this.cache.delete(file);
        return this.lastGood.get(file) ?? [];
      },
    );
    this.cache.set(file, { stamp, functions });
    return functions;
  }

  /** Forgets a file (closed document, deleted file). */
  forget(file: string): void {
    this.cache.delete(file);
    this.lastGood.delete(file);
  }

  /** Removes the temp directory used for unsaved documents. */
  async dispose(): Promise<void> {
    const dir = await this.tmpDir?.catch(() => undefined);
    if (dir) await fsp.rm(dir, { recursive: true, force: true });
  }

  private async load(file: string, python: string, text: string | undefined): Promise<FunctionInfo[]> {
    if (text === undefined) return this.discover(file, python);
    this.tmpDir ??= fsp.mkdtemp(path.join(os.tmpdir(), 'parallelism-profiler-'));
    const copy = path.join(await this.tmpDir, `${process.hrtime.bigint()}-${path.basename(file)}`);
    await fsp.writeFile(copy, text, { mode: 0o600 });
    try {
      return await this.discover(copy, python);
    } finally {
      await fsp.rm(copy, { force: true });
    }
  }
}
