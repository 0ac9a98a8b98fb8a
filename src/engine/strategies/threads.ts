/** `threads`: a thread pool in the profiled interpreter (ThreadPoolExecutor), or piscina worker threads in Node. */
import { NO_TRAITS, type Strategy } from './strategy';

/** Threads: shared memory; in CPython the GIL lets one thread run bytecode at a time. */
export const threads: Strategy = {
  name: 'threads',
  runtimes: ['python', 'javascript'],
  traits: {
    ...NO_TRAITS, sharesInterpreter: true, boundedByLocalCores: true, overlapsWaiting: true, limitsNativeThreads: true,
  },
  inDefaults: true,
  unavailable: (f) => {
    if (f.runtime === 'python' || f.picklable.ok) return null;
    // Worker threads in Node get a structured clone of the arguments: no shared heap.
    return `arguments cannot be structured-cloned to a worker: ${f.picklable.reason ?? 'unknown reason'}`;
  },
  mechanism: (f) => (f.runtime === 'javascript' ? 'piscina worker threads' : 'concurrent.futures.ThreadPoolExecutor'),
  dispatchNoun: 'thread-pool dispatch',
  snippets: {
    python: ({ workers }) => ({
      imports: ['from concurrent.futures import ThreadPoolExecutor'],
      usesRunTask: true,
      main: ['def main():', `    with ThreadPoolExecutor(max_workers=${workers}) as pool:`, '        return list(pool.map(run_task, CALLS))'],
    }),
    javascript: ({ fn, workers, isAsync, taskLines, wait }) => ({
      imports: ["import { Piscina, isWorkerThread } from 'piscina';"],
      needs: 'npm install piscina',
      body: [
        `/** The piscina task: one call, with its argument list. This file is also the worker file piscina loads. */`,
        `export default ${isAsync ? 'async ' : ''}function runTask(args) {`,
        `  return ${wait}${fn}(...args);`,
        '}',
        '',
        'if (!isWorkerThread) {',
        ...taskLines.map((l) => '  ' + l),
        `  // Exactly ${workers} threads, started up front and kept for the whole batch, as measured.`,
        `  const pool = new Piscina({ filename: import.meta.url, minThreads: ${workers}, maxThreads: ${workers}, idleTimeout: 60_000 });`,
        '  const results = await Promise.all(TASKS.map((args) => pool.run(args)));',
        '  await pool.destroy();',
        "  console.log(results.length, 'results; first:', results[0]);",
        '}',
      ],
    }),
  },
};
