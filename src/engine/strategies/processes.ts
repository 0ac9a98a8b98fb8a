/** `processes`: a process pool (ProcessPoolExecutor with a chunk size), or forked Node children. */
import { NO_TRAITS, type Strategy } from './strategy';

/** Processes: one interpreter (and GIL) per worker; arguments and results are pickled or cloned across. */
export const processes: Strategy = {
  name: 'processes',
  runtimes: ['python', 'javascript'],
  traits: { ...NO_TRAITS, crossesProcess: true, boundedByLocalCores: true, chunked: true, limitsNativeThreads: true },
  inDefaults: true,
  unavailable: (f) => {
    if (f.picklable.ok) return null;
    return f.runtime === 'javascript'
      ? `arguments cannot be structured-cloned to a worker: ${f.picklable.reason ?? 'unknown reason'}`
      : `function or arguments cannot be pickled: ${f.picklable.reason ?? 'unknown reason'}`;
  },
  mechanism: (f) => (f.runtime === 'javascript' ? 'child_process.fork workers' : `concurrent.futures.ProcessPoolExecutor (${f.startMethod})`),
  dispatchNoun: 'process dispatch',
  snippets: {
    python: ({ workers, chunksize }) => ({
      imports: ['from concurrent.futures import ProcessPoolExecutor'],
      usesRunTask: true,
      main: [
        'def main():',
        `    with ProcessPoolExecutor(max_workers=${workers}) as pool:`,
        chunksize === 1
          ? '        # chunksize 1: each task is long enough to pay for its own round trip to a worker.'
          : `        # chunksize ${chunksize}: tasks travel to workers in batches of ${chunksize}, so each round trip carries enough work.`,
        `        return list(pool.map(run_task, CALLS, chunksize=${chunksize}))`,
      ],
    }),
    javascript: ({ fn, workers, chunksize, taskLines, wait }) => ({
      imports: ["import { fork } from 'node:child_process';", "import { fileURLToPath } from 'node:url';"],
      body: [
        'if (process.send) {',
        '  // A child: run each chunk it is sent, in order, and send the results back.',
        '  process.on(\'message\', async (chunk) => {',
        '    const out = [];',
        `    for (const args of chunk) out.push(${wait}${fn}(...args));`,
        '    process.send(out);',
        '  });',
        '} else {',
        ...taskLines.map((l) => '  ' + l),
        `  const WORKERS = ${workers};`,
        chunksize === 1
          ? '  const CHUNKSIZE = 1; // each task is long enough to pay for its own round trip to a child'
          : `  const CHUNKSIZE = ${chunksize}; // tasks travel in batches of ${chunksize}, so each round trip carries enough work`,
        '  const chunks = [];',
        '  for (let i = 0; i < TASKS.length; i += CHUNKSIZE) chunks.push(TASKS.slice(i, i + CHUNKSIZE));',
        '  const results = new Array(chunks.length);',
        '  let next = 0;',
        '  // Each child takes the next chunk as soon as it is free; advanced serialization copies like structuredClone.',
        '  await Promise.all(Array.from({ length: Math.min(WORKERS, chunks.length) }, () => new Promise((resolve, reject) => {',
        "    const child = fork(fileURLToPath(import.meta.url), { serialization: 'advanced' });",
        '    let current = -1;',
        '    const feed = () => {',
        '      if (next >= chunks.length) return child.disconnect();',
        '      current = next++;',
        '      child.send(chunks[current]);',
        '    };',
        "    child.on('message', (out) => { results[current] = out; feed(); });",
        "    child.on('exit', (code) => (code ? reject(new Error(`a child exited with code ${code}`)) : resolve()));",
        '    feed();',
        '  })));',
        "  console.log(results.flat().length, 'results; first:', results[0][0]);",
        '}',
      ],
    }),
  },
};
