/** `async`: one event loop overlapping coroutines, at most N in flight (asyncio.gather or Promise.all). */
import { NO_TRAITS, type Strategy } from './strategy';

/** Async: cooperative concurrency on the calling thread, for functions that await. */
export const asyncStrategy: Strategy = {
  name: 'async',
  runtimes: ['python', 'javascript'],
  traits: { ...NO_TRAITS, overlapsWaiting: true, onCallingThread: true },
  inDefaults: true,
  unavailable: (f) => {
    if (f.isCoroutine) return null;
    return f.runtime === 'javascript'
      ? 'the function is not async and returns no promise, so one event loop cannot overlap its tasks'
      : 'the function is not a coroutine function (async def), so asyncio cannot overlap it';
  },
  mechanism: (f) => (f.runtime === 'javascript' ? 'Promise.all with bounded concurrency' : 'asyncio.gather bounded by a Semaphore'),
  dispatchNoun: 'event-loop scheduling',
  snippets: {
    python: ({ fn, workers, isAsync }) => ({
      imports: ['import asyncio'],
      usesRunTask: false,
      runMain: 'asyncio.run(main())',
      main: [
        'async def main():',
        `    limit = asyncio.Semaphore(${workers})  # at most ${workers} tasks in flight, as measured`,
        '',
        '    async def bounded(args):',
        '        async with limit:',
        // A plain function still works under async when it runs on a thread.
        isAsync ? `            return await ${fn}(*args)` : `            return await asyncio.to_thread(${fn}, *args)`,
        '',
        '    return await asyncio.gather(*(bounded(args) for args in CALLS))',
      ],
    }),
    javascript: ({ fn, workers, taskLines }) => ({
      imports: [],
      body: [
        ...taskLines,
        `const LIMIT = ${workers}; // at most ${workers} tasks in flight, as measured`,
        'const results = new Array(TASKS.length);',
        'let next = 0;',
        'await Promise.all(Array.from({ length: Math.min(LIMIT, TASKS.length) }, async () => {',
        '  while (next < TASKS.length) {',
        '    const i = next++;',
        `    results[i] = await ${fn}(...TASKS[i]);`,
        '  }',
        '}));',
        "console.log(results.length, 'results; first:', results[0]);",
      ],
    }),
  },
};
