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
 *
 * Other languages plug in through SNIPPET_WRITERS (JavaScript/TypeScript: jsSnippet.ts, piscina for threads).
 */
import type { Recommendation, Target } from '../../../contracts/report';
import { pythonFreeNames } from './freeNames';
import { jsSnippet } from '../javascript/snippet';

/** What a snippet needs from the recommendation. */
export type SnippetChoice = Pick<Recommendation, 'strategy' | 'workers' | 'chunksize'>;

/**
 * Where the snippet goes: 'script' is a file of its own beside the user's module (it imports the function);
 * 'inModule' is pasted into the module itself, below the function (no self-import).
 */
export type SnippetPlacement = 'script' | 'inModule';

/** Writes a snippet for one language. */
export type SnippetWriter = (choice: SnippetChoice, target: Target, placement?: SnippetPlacement) => string;

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
  const guardNeeded = choice.strategy === 'processes' || choice.strategy === 'interpreters' || choice.strategy === 'dask';
  const stdImports: string[] = [];
  let helper: string[] = [];
  let main: string[];
  let runMain = 'main()';

  // A coroutine function outside asyncio gets its own event loop per call.
  const callOne = isAsyncFn ? `asyncio.run(${fn}(*args))` : `${fn}(*args)`;
  const runTask = ['def run_task(args):', `    return ${callOne}`];
  if (isAsyncFn) stdImports.push('import asyncio');

  switch (choice.strategy) {
    case 'serial':
      if (isAsyncFn) {
        main = ['async def main():', '    # One task at a time, awaiting each.', `    return [await ${fn}(*args) for args in CALLS]`];
        runMain = 'asyncio.run(main())';
      } else {
        helper = runTask;
        main = ['def main():', '    return [run_task(args) for args in CALLS]'];
      }
      break;
    case 'threads':
      stdImports.push('from concurrent.futures import ThreadPoolExecutor');
      helper = runTask;
      main = ['def main():', `    with ThreadPoolExecutor(max_workers=${w}) as pool:`, '        return list(pool.map(run_task, CALLS))'];
      break;
    case 'processes':
      stdImports.push('from concurrent.futures import ProcessPoolExecutor');
      helper = runTask;
      main = [
        'def main():',
        `    with ProcessPoolExecutor(max_workers=${w}) as pool:`,
        chunk === 1
          ? '        # chunksize 1: each task is long enough to pay for its own round trip to a worker.'
          : `        # chunksize ${chunk}: tasks travel to workers in batches of ${chunk}, so each round trip carries enough work.`,
        `        return list(pool.map(run_task, CALLS, chunksize=${chunk}))`,
      ];
      break;
    case 'async':
      if (!stdImports.includes('import asyncio')) stdImports.push('import asyncio');
      main = [
        'async def main():',
        `    limit = asyncio.Semaphore(${w})  # at most ${w} tasks in flight, as measured`,
        '',
        '    async def bounded(args):',
        '        async with limit:',
        // A plain function still works under async when it runs on a thread.
        isAsyncFn ? `            return await ${fn}(*args)` : `            return await asyncio.to_thread(${fn}, *args)`,
        '',
        '    return await asyncio.gather(*(bounded(args) for args in CALLS))',
      ];
      runMain = 'asyncio.run(main())';
      break;
    case 'interpreters':
      stdImports.push('from concurrent.futures import InterpreterPoolExecutor  # Python 3.14+');
      // Each interpreter imports the function by module name; a helper defined here would not be found there.
      main = [
        'def main():',
        `    with InterpreterPoolExecutor(max_workers=${w}) as pool:`,
        `        futures = [pool.submit(${fn}, *args) for args in CALLS]`,
        '        return [f.result() for f in futures]',
      ];
      break;
    case 'dask':
      stdImports.push('from dask.distributed import Client, LocalCluster');
      main = [
        'def main():',
        '    # Or Client("tcp://scheduler:8786") for an existing cluster.',
        `    with LocalCluster(n_workers=${w}, threads_per_worker=1) as cluster, Client(cluster) as client:`,
        `        futures = [client.submit(${fn}, *args, pure=False) for args in CALLS]`,
        '        return client.gather(futures)',
      ];
      break;
  }

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

function headlineFor(c: SnippetChoice): string {
  if (c.strategy === 'serial') return 'Serial (a plain loop)';
  const chunk = c.strategy === 'processes' ? `, chunksize ${c.chunksize}` : '';
  return `${c.strategy[0].toUpperCase()}${c.strategy.slice(1)}, ${c.workers} worker${c.workers === 1 ? '' : 's'}${chunk}`;
}

/** One snippet writer per language: JavaScript and TypeScript share the ES-module writer (jsSnippet.ts). */
export const SNIPPET_WRITERS: Record<Target['language'], SnippetWriter> = {
  python: pythonSnippet,
  javascript: jsSnippet,
  typescript: jsSnippet,
};

/** The snippet for the target's language. */
export function snippetFor(choice: SnippetChoice, target: Target, placement: SnippetPlacement = 'script'): string {
  return SNIPPET_WRITERS[target.language](choice, target, placement);
}
