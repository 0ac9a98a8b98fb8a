// The baseline the profiler's Node runner is compared with: the workload run the way a user would write it.
//
//   node bench/plain_run.mjs FILE FUNCTION ARGS_EXPR STRATEGY WORKERS CHUNKSIZE
//
// Imports FUNCTION from FILE, evaluates ARGS_EXPR with the module's exports in scope (as the profiler does), then
// times from pool creation to shutdown (the span the runner reports as t0..t1) and prints {"wall": seconds}.
// Threads: piscina (minThreads = maxThreads = WORKERS), this file as the worker. Processes: child_process.fork of
// this file, fed chunks of CHUNKSIZE as each child frees up. Serial: a loop.
import { fork } from 'node:child_process';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { Piscina, isWorkerThread, workerData } from 'piscina';

async function load(relative, name) {
  const file = path.resolve(relative);
  const mod = /\.(c?js)$/.test(file) ? createRequire(file)(file) : await import(pathToFileURL(file).href);
  return { mod, fn: mod[name] ?? mod.default?.[name] };
}

let loaded;
/** The piscina task, when piscina loads this file in a worker. */
export default async function task(args) {
  loaded ??= load(workerData.file, workerData.name);
  return (await loaded).fn(...args);
}

if (process.send) {
  const [file, name] = process.argv.slice(2);
  const { fn } = await load(file, name);
  process.on('message', (chunk) => process.send(chunk.map((args) => fn(...args))));
} else if (!isWorkerThread) {
  const [file, name, expr, strategy, w, c] = process.argv.slice(2);
  const workers = Number(w);
  const chunksize = Number(c);
  const { mod, fn } = await load(file, name);
  const names = Object.keys(mod).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default');
  const tasks = Array.from(new Function(...names, `return (${expr});`)(...names.map((k) => mod[k])), (a) => (Array.isArray(a) ? a : [a]));
  let results;
  const t = process.hrtime.bigint();
  if (strategy === 'serial') {
    results = tasks.map((args) => fn(...args));
  } else if (strategy === 'threads') {
    const pool = new Piscina({
      filename: import.meta.url, minThreads: workers, maxThreads: workers, workerData: { file, name },
    });
    results = await Promise.all(tasks.map((args) => pool.run(args)));
    await pool.destroy();
  } else if (strategy === 'processes') {
    const chunks = [];
    for (let i = 0; i < tasks.length; i += chunksize) chunks.push(tasks.slice(i, i + chunksize));
    const out = new Array(chunks.length);
    let next = 0;
    await Promise.all(Array.from({ length: workers }, () => new Promise((resolve) => {
      const child = fork(fileURLToPath(import.meta.url), [file, name], { serialization: 'advanced' });
      let current = -1;
      const feed = () => {
        if (next >= chunks.length) return child.disconnect();
        current = next++;
        child.send(chunks[current]);
      };
      child.on('message', (r) => { out[current] = r; feed(); });
      child.on('exit', resolve);
      feed();
    })));
    results = out.flat();
  } else {
    throw new Error(`plain_run.mjs: unknown strategy ${strategy}`);
  }
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  console.log(JSON.stringify({ wall, results: results.length }));
}
