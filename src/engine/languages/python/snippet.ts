/**
 * Paste-ready code for the recommended configuration, in the function's own language.
 *
 * Python: the snippet imports the function from the user's module (module name = file stem) and writes the
 * `--args` expression out literally. The profiler evaluated that expression in the module's namespace, so any
 * module-level name it reads (found by pythonFreeNames) is imported explicitly next to the function. That keeps the
 * snippet free of `eval` and of `from module import *` (which would miss underscore names and anything outside
 * `__all__`). Tasks that are tuples are spread into positional arguments and other values passed as the one
 * argument, as the harness does. Process-based snippets define their helpers at top level (so they pickle) and
 * carry the `if __name__ == "__main__":` guard, without which spawn start-up re-runs the pool in every worker.

 * The strategy's own module writes `main` (strategies/*.ts, snippets.python); this file writes the frame around it.
 */
import type { Target } from '../../../contracts/report';
import { pythonFreeNames } from './freeNames';
import { BASELINE, isBaseline, strategy, traitsOf } from '../../strategies/catalogue';

import type { SnippetChoice, SnippetPlacement } from '../snippetTypes';

/** The file name without folders, for either path separator. */
function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/** Module name Python imports the user's file as: the file stem. */
export function moduleName(file: string): string {
  return baseName(file).replace(/\.[^.]*$/, '');
}

const PY_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PY_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '),
);

/** Lines that import the function and the names the args expression reads. */
function importLines(mod: string, names: string[]): string[] {
  if (PY_IDENTIFIER.test(mod) && !PY_KEYWORDS.has(mod)) return [`from ${mod} import ${names.join(', ')}`];
  // A stem like "my-tasks" cannot appear in an import statement, but importlib loads it all the same.
  return ['import importlib', '', `_module = importlib.import_module(${JSON.stringify(mod)})`, ...names.map((n) => `${n} = _module.${n}`)];
}

/** The TASKS/CALLS block: the profiled task arguments, normalised to positional-argument tuples. */
function taskLines(target: Target): string[] {
  if (target.args === null || target.args.trim() === '') {
    return [`# ${target.function} takes no arguments: ${target.tasks} calls, as profiled.`, `CALLS = [()] * ${target.tasks}`];
  }
  const expr = target.args.trim();
  const literalList = expr.startsWith('[') && expr.endsWith(']');
  return [
    `# The task arguments, as profiled (the expression was evaluated in ${moduleName(target.file)}'s namespace).`,
    `TASKS = ${literalList ? expr : `list(${expr})`}`,
    '# A tuple is one call\'s positional arguments; any other value is its single argument.',
    'CALLS = [args if isinstance(args, tuple) else (args,) for args in TASKS]',
  ];
}

/** A paste-ready, runnable Python script that runs the target's tasks the recommended way. */
export function pythonSnippet(choice: SnippetChoice, target: Target, placement: SnippetPlacement = 'script'): string {
  const fn = target.function;
  const mod = moduleName(target.file);
  const names = [fn, ...pythonFreeNames(target.args ?? '').filter((n) => n !== fn)];
  const w = Math.max(1, Math.round(choice.workers));
  const chunk = Math.max(1, Math.round(choice.chunksize));
  const isAsyncFn = target.isAsync;
  const plugin = strategy(choice.strategy);
  const write = plugin.snippets.python ?? strategy(BASELINE).snippets.python!;
  const part = write({
    fn, workers: w, chunksize: chunk, isAsync: isAsyncFn, ...(choice.scheduler ? { scheduler: choice.scheduler } : {}),
  });
  // Workers that import this file (spawned processes, subinterpreters, cluster workers) need the main guard.
  const guardNeeded = plugin.traits.crossesProcess;
  // A coroutine function outside asyncio gets its own event loop per call.
  const callOne = isAsyncFn ? `asyncio.run(${fn}(*args))` : `${fn}(*args)`;
  const helper = part.usesRunTask ? ['def run_task(args):', `    return ${callOne}`] : [];
  const stdImports = [...new Set([...(isAsyncFn ? ['import asyncio'] : []), ...part.imports])];
  const main = part.main;
  const runMain = part.runMain ?? 'main()';

  const inModule = placement === 'inModule';
  const header = [
    `# ${headlineFor(choice)} for ${fn} (${baseName(target.file)}), as Parallelism Profiler measured it.`,
    inModule
      ? `# Pasted into ${baseName(target.file)} itself: ${fn} and the names the tasks use are already defined here.`
      : `# Save this next to ${baseName(target.file)} (or put that folder on PYTHONPATH) and run it with the same interpreter.`,
  ];
  const guardComment = guardNeeded
    ? ['# The guard is required: worker processes import this file, and without it each would start the pool again.']
    : [];
  const lines = [
    ...header,
    ...nativeThreadLines(choice.nativeThreads, baseName(target.file), inModule),
    ...stdImports.sort((a, b) => Number(a.startsWith('from')) - Number(b.startsWith('from'))),
    ...(stdImports.length ? [''] : []),
    ...(inModule ? [] : [...importLines(mod, names), '']),
    ...taskLines(target),
    '',
    '',
    ...(helper.length ? [...helper, '', ''] : []),
    ...main,
    '',
    '',
    ...guardComment,
    'if __name__ == "__main__":',
    `    results = ${runMain}`,
    '    print(len(results), "results; first:", results[:1])',
  ];
  return lines.join('\n') + '\n';
}

/** The variables every native thread pool reads at load (OpenMP, OpenBLAS, MKL, numexpr). */
export const NATIVE_THREAD_VARIABLES = ['OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS', 'NUMEXPR_NUM_THREADS'];

/**
 * When the measured winner limited each worker's native libraries, the lines that do the same: set before the
 * user's module (and numpy with it) is imported, because the libraries read them once, when they load; fork and
 * spawn workers inherit them.
 */
function nativeThreadLines(n: number | undefined, file: string, inModule: boolean): string[] {
  if (n === undefined) return [];
  return [
    inModule
      ? `# Move these two lines to the very top of ${file}, above its imports: native libraries read them when they load.`
      : '# Before anything imports numpy (or another library with a thread pool): they read these once, when they load.',
    'import os',
    `os.environ.update({name: "${n}" for name in (${NATIVE_THREAD_VARIABLES.map((v) => `"${v}"`).join(', ')})})`,
    '',
  ];
}

function headlineFor(c: SnippetChoice): string {
  if (isBaseline(c.strategy)) return 'Serial (a plain loop)';
  const chunk = traitsOf(c.strategy).chunked ? `, chunksize ${c.chunksize}` : '';
  const n = c.nativeThreads;
  const native = n !== undefined ? `, ${n} native thread${n === 1 ? '' : 's'} per worker` : '';
  return `${c.strategy[0].toUpperCase()}${c.strategy.slice(1)}, ${c.workers} worker${c.workers === 1 ? '' : 's'}${chunk}${native}`;
}
