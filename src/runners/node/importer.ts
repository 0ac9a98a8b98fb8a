/**
 * Import the user's module by path and find the function: ESM (.mjs, or .js under "type": "module") through
 * dynamic import(), CommonJS (.cjs, .js) through require, TypeScript through require with the esbuild hook
 * (compile.ts). The same code runs in the runner, in each piscina worker and in each child process.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { installCompileHook, isTypeScript, type Precompiled } from './compile';

/** A module's exports as a plain lookup. */
export type Exports = Record<string, unknown>;

/** Load a file as a module; errors propagate as the user's module threw them. */
export async function importModule(file: string, precompiled: Precompiled = {}): Promise<Exports> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.mjs') return esm(file);
  installCompileHook(precompiled);
  if (isTypeScript(file) || ext === '.cjs') return createRequire(file)(file) as Exports;
  try {
    return createRequire(file)(file) as Exports;
  } catch (e) {
    // A .js inside a "type": "module" package is ESM: only import() loads it.
    if ((e as NodeJS.ErrnoException).code === 'ERR_REQUIRE_ESM') return esm(file);
    throw e;
  }
}

async function esm(file: string): Promise<Exports> {
  // esbuild keeps a non-literal import() as it is in the CommonJS bundle (target node20),
  // so this is Node's own ESM loader.
  return (await import(pathToFileURL(file).href)) as Exports;
}

/** A named export, also looked up on a CommonJS module's `default` (module.exports) when imported as ESM. */
export function exported(mod: Exports, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(mod, name)) return mod[name];
  const def = mod.default as Exports | undefined;
  if (def && (typeof def === 'object' || typeof def === 'function') && Object.prototype.hasOwnProperty.call(def, name)) return def[name];
  return undefined;
}

/** The exported function `name`; throws Error when it is missing or not a function (workers cannot recover). */
export async function loadFunction(
  file: string, name: string, precompiled?: Precompiled,
): Promise<(...a: unknown[]) => unknown> {
  const fn = exported(await importModule(file, precompiled), name);
  if (typeof fn !== 'function') throw new Error(`${name} is not an exported function of ${file} in this worker`);
  return fn as (...a: unknown[]) => unknown;
}
