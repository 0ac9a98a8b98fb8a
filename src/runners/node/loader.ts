/** The `load` command: import the user's module, resolve the exported function, evaluate the task arguments. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LoadedEvent } from '../../contracts/runner';
import type { FunctionInfo } from '../../engine/languages/functionInfo';
import { scanJsFunctions, type JsScan } from '../../engine/languages/javascript/functions';
import { compiledSoFar, stopTranspiler, type Precompiled } from './compile';
import { describeError, fail } from './errors';
import { withExitGuard } from './exitGuard';
import { exported, importModule, type Exports } from './importer';
import { checkCloneable, evaluateTasks, short } from './taskArgs';
import { isThenable, type UserFn } from './worker';

/** A loaded function with its tasks: what every run executes. */
export interface Target {
  file: string;
  name: string;
  fn: UserFn;
  tasks: unknown[][];
  isCoroutine: boolean;
  line: number | null;
  sourceHash: string | null;
  picklable: { ok: boolean; reason?: string };
  /** Transpiled code of the TypeScript files loaded so far, for workers. */
  precompiled: Precompiled;
}

function scan(source: string): JsScan {
  try {
    return scanJsFunctions(source);
  } catch {
    return { exported: [], declared: [] }; // Node's own error on import says more than the scanner could
  }
}

async function importUser(file: string): Promise<Exports> {
  try {
    return await withExitGuard(() => importModule(file));
  } catch (e) {
    const err = describeError(e, file);
    if (err.type === 'SyntaxError') {
      throw fail('input', 'SyntaxError', `${err.message}${err.line ? ` (${path.basename(err.file ?? file)}, line ${err.line})` : ''}`, err);
    }
    throw fail('input', err.type, `importing ${file} raised ${err.type}: ${err.message}`, err);
  } finally {
    stopTranspiler(); // every file the module imports is compiled by now; workers get the code, not esbuild
  }
}

function resolve(mod: Exports, file: string, name: string, found: JsScan): UserFn {
  const fn = exported(mod, name);
  if (typeof fn === 'function') return fn as UserFn;
  if (fn !== undefined) throw fail('input', 'NotCallable', `'${name}' in ${file} is a ${typeof fn}, not a function`);
  const local = found.declared.find((f) => f.name === name);
  if (local) {
    const esm = /\.(mjs|ts|mts)$/.test(file) || /^\s*(import|export)\s/m.test(readFileSync(file, 'utf8'));
    throw fail('input', 'NotExported',
      `${name} is defined in ${path.basename(file)} (line ${local.line}) but not exported: worker threads and child processes ` +
      `import the module and can reach only its exports, so the profiler can only run exported functions. ` +
      (esm ? `Add \`export\` before its declaration.` : `Add \`module.exports.${name} = ${name};\`.`),
      { file, line: local.line });
  }
  const names = Object.keys(mod).filter((k) => typeof exported(mod, k) === 'function');
  const def = mod.default as Exports | undefined;
  if (def && typeof def === 'object') {
    for (const k of Object.keys(def)) if (typeof def[k] === 'function' && !names.includes(k)) names.push(k);
  }
  throw fail('input', 'FunctionNotFound', `no exported function '${name}' in ${file}; exported functions: ${names.join(', ') || 'none'}`);
}

/**
 * Whether runs await the function. Declared `async`: yes, without calling it. Otherwise a plain function may still
 * return a promise (`return new Promise(…)`); when its source mentions Promise or .then, one probe call with the
 * first task's arguments settles it. Functions that do not mention promises are never called at load, so a
 * CPU-heavy task is not run an extra time.
 */
async function returnsPromises(fn: UserFn, tasks: unknown[][]): Promise<boolean> {
  const kind = fn.constructor?.name;
  if (kind === 'AsyncFunction') return true;
  if (!/\bPromise\b|\.then\s*\(/.test(Function.prototype.toString.call(fn))) return false;
  return withExitGuard(async () => {
    try {
      const v = fn(...tasks[0]);
      if (!isThenable(v)) return false;
      await Promise.resolve(v).catch(() => undefined);
      return true;
    } catch {
      return false;
    }
  });
}

function sourceHash(source: string, info: FunctionInfo | undefined): string | null {
  if (!info) return null;
  // Hashed as the extension hashes a function's lines, so the two agree.
  const lines = source.split(/\r\n|\r|\n/).slice(info.line - 1, info.endLine).map((l) => l.trimEnd());
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** Import, resolve, evaluate the arguments and check they can be cloned; throws RunnerFailure. */
export async function loadTarget(file: string, name: string, args: string | null, count: number): Promise<Target> {
  const abs = path.resolve(file);
  if (!existsSync(abs)) throw fail('input', 'FileNotFound', `file not found: ${file}`);
  const source = readFileSync(abs, 'utf8');
  const found = scan(source);
  const mod = await importUser(abs);
  const fn = resolve(mod, abs, name, found);
  const tasks = evaluateTasks(args, mod, fn, name, count);
  const info = found.exported.find((f) => f.name === name) ?? found.declared.find((f) => f.name === name);
  return {
    file: abs,
    name,
    fn,
    tasks,
    isCoroutine: await returnsPromises(fn, tasks),
    line: info?.line ?? null,
    sourceHash: sourceHash(source, info),
    picklable: checkCloneable(tasks),
    precompiled: compiledSoFar(),
  };
}

/** The `loaded` event for a Target. */
export function loadedEvent(t: Target): LoadedEvent {
  const sample = short(t.tasks[0]);
  return {
    type: 'loaded', function: t.name, line: t.line, isCoroutine: t.isCoroutine, tasks: t.tasks.length,
    sourceHash: t.sourceHash, picklable: t.picklable, sampleArgs: sample.length <= 200 ? sample : sample.slice(0, 197) + '...',
  };
}
