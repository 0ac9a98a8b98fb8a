/**
 * Dask: the profiler's dask run (the harness through the engine's RunnerProcess, t1 − t0 as the engine reports it)
 * against the same client.map + gather in a plain script (bench/plain_dask.py) on the same cluster, side by side and
 * interleaved; goal (issue 9) median(profiler) / median(plain) ≤ 1.05. Also the LocalCluster start-up per worker count,
 * as the harness measures it (until every worker is up).
 *   node --import tsx bench/daskOverhead.ts
 */
import * as path from 'node:path';
import { RunnerProcess } from '../src/engine/runners/driver';
import { pythonRunner } from '../src/engine/runners/python';
import type { Figure, Section } from './markdown';
import { ROOT, commandLine, fmt, median, runPlain, spread } from './common';
import { DASK_PYTHON, daskMissing, startCluster } from '../test/support/daskCluster';

const FILE = 'examples/sum_range.py';
const FN = 'sum_range';
// 8 tasks of about 60 ms each on CPython here: long enough that the map's own cost is a few percent, not the figure.
const ARGS = '[(i*1_000_000, (i+1)*1_000_000) for i in range(8)]';
const WORKERS = 2;
const REPEATS = 15;
const STARTUP_REPEATS = 3;
const TIMEOUT_S = 120;

/** Measure both sides and the LocalCluster start-up; returns the section for BENCHMARKS.md. */
export async function measureDaskOverhead(log: (l: string) => void): Promise<Section> {
  const missing = daskMissing();
  if (missing) throw new Error(missing);
  const cluster = await startCluster({ workers: WORKERS, cwd: path.join(ROOT, 'examples') });
  const profiler: number[] = [];
  const plain: number[] = [];
  const startups = new Map<number, number[]>([[1, []], [2, []]]);
  const plainArgv = [DASK_PYTHON, 'bench/plain_dask.py', cluster.address, FILE, FN, ARGS, String(WORKERS)];
  try {
    const h = await RunnerProcess.start(pythonRunner({ python: DASK_PYTHON }), { cwd: ROOT });
    try {
      await h.load({ file: path.join(ROOT, FILE), function: FN, args: ARGS, tasks: 0 }, 60);
      const run = async (id: string, workers: number, scheduler?: string) => {
        const o = await h.run({ id, strategy: 'dask', workers, chunksize: 1, cluster: { ...(scheduler ? { scheduler } : {}), connectTimeout: 20 } }, TIMEOUT_S);
        if (o.kind !== 'done') throw new Error(`dask run ${id} ended with ${o.kind}: ${JSON.stringify(o).slice(0, 500)}`);
        if (o.event.error) throw new Error(`dask run ${id} failed: ${o.event.error.type}: ${o.event.error.message}`);
        return o.event;
      };
      await run('warm', WORKERS, cluster.address); // connect, and the workers' first import of the module
      await runPlain(plainArgv);
      for (let r = 0; r < REPEATS; r++) {
        for (const side of r % 2 === 0 ? ['profiler', 'plain'] : ['plain', 'profiler']) {
          if (side === 'profiler') {
            const e = await run(`p-${r}`, WORKERS, cluster.address);
            profiler.push((e.t1 - e.t0) / 1e9);
          } else {
            plain.push(await runPlain(plainArgv));
          }
        }
        log(`  dask on the cluster: repeat ${r + 1}/${REPEATS}`);
      }
      // LocalCluster start-up: alternate the counts, so each start is fresh (a new count closes the previous cluster).
      for (let r = 0; r < STARTUP_REPEATS; r++) {
        for (const w of [1, 2]) {
          const e = await run(`s-${w}-${r}`, w);
          if (!e.cluster?.startupFresh) throw new Error('a LocalCluster was reused where a fresh one was expected');
          startups.get(w)!.push(e.cluster.startup / 1e9);
        }
        log(`  LocalCluster start-up: repeat ${r + 1}/${STARTUP_REPEATS}`);
      }
    } finally {
      await h.close();
    }
  } finally {
    await cluster.stop();
  }
  const ratio = median(profiler) / median(plain);
  const figures: Figure[] = [{
    label: `dask ×${WORKERS} on an existing cluster (scheduler + ${WORKERS} single-threaded workers), ${FN} 8 tasks`,
    value: `${fmt(ratio)}×`,
    goal: '≤ 1.05×',
    pass: ratio <= 1.05,
    detail: `profiler median ${fmt(median(profiler) * 1e3, 1)} ms (spread ${fmt(spread(profiler) * 100, 1)}%), plain median ` +
      `${fmt(median(plain) * 1e3, 1)} ms (spread ${fmt(spread(plain) * 100, 1)}%), ${REPEATS} interleaved pairs; ` +
      `median of paired ratios ${fmt(median(profiler.map((x, i) => x / plain[i])))}×`,
    commands: [
      `profiler: RunnerProcess.start(pythonRunner({python: '${DASK_PYTHON}'})) → run({strategy: 'dask', workers: ${WORKERS}, cluster: {scheduler}})`,
      `plain: ${commandLine(plainArgv.map((a) => (a === cluster.address ? 'tcp://127.0.0.1:PORT' : a)))}`,
    ],
  }];
  for (const [w, xs] of startups) {
    figures.push({
      label: `LocalCluster start-up, ${w} worker${w === 1 ? '' : 's'} (processes=True, threads_per_worker=1)`,
      value: `${fmt(median(xs), 2)} s`,
      goal: 'n/a (reported)',
      pass: null,
      detail: `median of ${xs.length}: ${xs.map((x) => fmt(x, 2)).join(', ')} s; from LocalCluster() to every worker up`,
      commands: ['node --import tsx bench/daskOverhead.ts'],
    });
  }
  return {
    title: 'Dask: profiler vs plain client.map',
    goal: "the profiler's dask run costs at most 5% more than the same client.map + gather in a plain script on the same cluster (issue 9); LocalCluster start-up per worker count.",
    method: [
      `A scheduler and ${WORKERS} workers start as separate processes (python3 -m distributed.cli.dask_scheduler / dask_worker, in examples/ so they import ${FN}); both sides connect untimed, then time map + gather over the same ${WORKERS} workers.`,
      'The profiler side is the harness as the engine drives it (t1 − t0 of its done event); the plain side is bench/plain_dask.py (perf_counter around map + gather). Sides alternate which goes first.',
    ],
    figures,
    notes: ['The profiler wraps each task (two clock reads each side, and a pickle check of the result), which is the difference measured.'],
  };
}

if (require.main === module) {
  measureDaskOverhead((l) => process.stderr.write(`${l}\n`)).then((s) => console.log(JSON.stringify(s.figures, null, 2)), (e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
