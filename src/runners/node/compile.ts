/**
 * On-the-fly transpiling of TypeScript (and of ES-module syntax in a `.js` that Node 20 would run as CommonJS) with
 * esbuild, into CommonJS compiled under the file's own path. Why not a temp .mjs next to a temp dir: compiled under
 * its own path, the module's relative imports and node_modules lookups resolve exactly as in the user's project, and
 * stack frames name the .ts file; the inline source map (with process.setSourceMapsEnabled) gives the .ts line.
 * The runner compiles the user's file once and hands the code to workers, so they need not start esbuild.
 */
import Module from 'node:module';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';

/** Compiled code by absolute file name, shared by the runner with its workers. */
export type Precompiled = Record<string, string>;

const TS_EXTENSIONS = ['.ts', '.mts', '.cts'];
type Loader = (module: { _compile(code: string, file: string): void }, filename: string) => void;
const extensions = (Module as unknown as { _extensions: Record<string, Loader> })._extensions;
let installed = false;
const cache: Precompiled = {};

/** Whether a file must be transpiled before Node can run it. */
export function isTypeScript(file: string): boolean {
  return TS_EXTENSIONS.includes(path.extname(file).toLowerCase());
}

/** Transpile one file to CommonJS with an inline source map (esbuild's transform API); SyntaxError-like on failure. */
export function transpile(file: string, loader: 'ts' | 'js'): string {
  if (cache[file]) return cache[file];
  // Loaded only when needed: workers given precompiled code never start esbuild's service.
  let esbuild: typeof import('esbuild');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    esbuild = require('esbuild') as typeof import('esbuild');
  } catch (e) {
    throw new Error(`${path.basename(file)} must be transpiled with esbuild, which this installation cannot load (${(e as Error).message.split('\n')[0]})`);
  }
  const source = readFileSync(file, 'utf8');
  started = true;
  try {
    const out = esbuild.transformSync(source, {
      loader, format: 'cjs', target: `node${process.versions.node.split('.')[0]}`, platform: 'node',
      sourcemap: 'inline', sourcefile: file, sourcesContent: false, logLevel: 'silent',
    } as import('esbuild').TransformOptions);
    cache[file] = out.code;
    return out.code;
  } catch (e) {
    const first = (e as { errors?: { text: string; location?: { line: number; column: number } }[] }).errors?.[0];
    if (!first) throw e;
    const err = new SyntaxError(`${first.text} (${path.basename(file)}:${first.location?.line ?? '?'})`);
    err.stack = `SyntaxError: ${first.text}\n    at ${file}:${first.location?.line ?? 1}:${(first.location?.column ?? 0) + 1}`;
    throw err;
  }
}

/** Error messages of a `.js` with import/export syntax that Node loaded as CommonJS. */
const ESM_SYNTAX = /Cannot use import statement outside a module|Unexpected token 'export'|import\.meta.*outside a module/;

/**
 * Teach require() TypeScript files, and ES-module syntax in a CommonJS-scoped `.js` outside node_modules. Idempotent;
 * `precompiled` (from the runner) is used before transpiling anything.
 */
export function installCompileHook(precompiled: Precompiled = {}): void {
  Object.assign(cache, precompiled);
  if (installed) return;
  installed = true;
  process.setSourceMapsEnabled(true);
  const fromCache: Loader = (module, filename) => module._compile(transpile(filename, isTypeScript(filename) ? 'ts' : 'js'), filename);
  for (const ext of TS_EXTENSIONS) extensions[ext] = fromCache;
  const plainJs = extensions['.js'];
  extensions['.js'] = (module, filename) => {
    if (cache[filename]) return module._compile(cache[filename], filename);
    try {
      plainJs(module, filename);
    } catch (e) {
      // Node 20 does not detect ES-module syntax in a .js without "type": "module"; compile it instead of failing.
      if (!(e instanceof SyntaxError) || !ESM_SYNTAX.test(e.message) || /[\\/]node_modules[\\/]/.test(filename)) throw e;
      fromCache(module, filename);
    }
  };
}

let started = false;

/**
 * Stop esbuild's service (a child process and a helper thread that its sync API keeps alive), so that neither is
 * counted, sampled or left running during runs. A later transpile starts it again.
 */
export function stopTranspiler(): void {
  if (!started) return;
  started = false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  void (require('esbuild') as typeof import('esbuild')).stop();
}

/** The compiled code of every file transpiled so far (handed to workers so they skip esbuild). */
export function compiledSoFar(): Precompiled {
  return { ...cache };
}
