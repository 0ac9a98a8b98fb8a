/** `interpreters`: Python 3.14's InterpreterPoolExecutor, one subinterpreter (with its own GIL) per worker. */
import { NO_TRAITS, type Strategy } from './strategy';

/** Subinterpreters: processes' isolation inside one process; arguments are pickled into each interpreter. */
export const interpreters: Strategy = {
  name: 'interpreters',
  runtimes: ['python'],
  traits: { ...NO_TRAITS, crossesProcess: true, boundedByLocalCores: true },
  inDefaults: true,
  unavailable: (f) => {
    if (f.runtime === 'javascript') {
      return 'not available for JavaScript (subinterpreters are a Python 3.14 feature; worker threads are the JavaScript equivalent)';
    }
    if (!f.hasInterpreterPool) return `concurrent.futures.InterpreterPoolExecutor needs Python 3.14+ (this is ${f.version})`;
    return f.picklable.ok ? null : `function or arguments cannot be shared with subinterpreters: ${f.picklable.reason ?? ''}`;
  },
  mechanism: () => 'concurrent.futures.InterpreterPoolExecutor',
  dispatchNoun: 'interpreter-pool dispatch',
  snippets: {
    python: ({ fn, workers }) => ({
      imports: ['from concurrent.futures import InterpreterPoolExecutor  # Python 3.14+'],
      // Each interpreter imports the function by module name; a helper defined here would not be found there.
      usesRunTask: false,
      main: [
        'def main():',
        `    with InterpreterPoolExecutor(max_workers=${workers}) as pool:`,
        `        futures = [pool.submit(${fn}, *args) for args in CALLS]`,
        '        return [f.result() for f in futures]',
      ],
    }),
  },
};
