/** `serial`: the plain loop every speedup is measured against. */
import { NO_TRAITS, type Strategy } from './strategy';

/** The serial baseline. */
export const serial: Strategy = {
  name: 'serial',
  runtimes: ['python', 'javascript'],
  traits: { ...NO_TRAITS, baseline: true, onCallingThread: true },
  inDefaults: true,
  unavailable: () => null,
  mechanism: (f) => (f.runtime === 'javascript' ? 'plain loop on the main thread' : f.isCoroutine ? 'asyncio.run, one task at a time' : 'plain loop'),
  dispatchNoun: 'a plain call',
  snippets: {
    python: ({ fn, isAsync }) => isAsync
      ? {
        imports: ['import asyncio'], usesRunTask: false, runMain: 'asyncio.run(main())',
        main: ['async def main():', '    # One task at a time, awaiting each.', `    return [await ${fn}(*args) for args in CALLS]`],
      }
      : { imports: [], usesRunTask: true, main: ['def main():', '    return [run_task(args) for args in CALLS]'] },
    javascript: ({ fn, taskLines, wait }) => ({
      imports: [],
      body: [
        ...taskLines,
        'const results = [];',
        `for (const args of TASKS) results.push(${wait}${fn}(...args));`,
        "console.log(results.length, 'results; first:', results[0]);",
      ],
    }),
  },
};
