/**
 * Node runner overhead: a CPU-bound JS workload timed by the profiler's Node runner (driven through the engine's
 * RunnerProcess with the Node runner spec, t1 − t0 as the engine reports it) vs a plain Node script doing the same
 * loop, piscina pool or forked children (bench/plain_run.mjs), side by side and interleaved.
 * Goal (issue 4): median(profiler) / median(plain) ≤ 1.03 for serial, threads and processes.
 *   node --import tsx bench/nodeOverhead.ts
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { RunnerProcess } from '../src/engine/runners/driver';
import { nodeRunner, nodeRunnerPath } from '../src/engine/runners/node';
import { chooseChunksize } from '../src/engine/profile/plan';
import type { Figure, Section } from './markdown';
import { ROOT, commandLine, fmt, median, spread } from './common';

type Strategy = 'serial' | 'threads' | 'processes';

// 8 × fib(33): about 0.3 s serially on a quiet core, long enough that start-up jitter stays near a percent.
const FILE = 'examples/fib.mjs';
const FN = 'fib';
const ARGS = 'Array(8).fill([33])';
const REPEATS = 7;
const WORKERS = 2;
const GOAL = 1.03;
const TIMEOUT_S = 120;

interface Pair {
  strategy: Strategy;
  workers: number;
  chunksize: number;
  profiler: number[];
  plain: number[];
  argv: string[];
}

/** Run bench/plain_run.mjs once and return its wall seconds. */
function runPlainNode(argv: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(argv[0], argv.slice(1), { cwd: ROOT, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${commandLine(argv)} failed: ${err.message}\n${stderr.slice(-1000)}`));
      resolve((JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { wall: number }).wall);
    });
  });
}

async function runnerWall(h: RunnerProcess, id: string, p: Pair): Promise<number> {
  const out = await h.run({ id, strategy: p.strategy, workers: p.workers, chunksize: p.chunksize }, TIMEOUT_S);
  if (out.kind !== 'done' || out.event.error) throw new Error(`runner ${id}: ${JSON.stringify(out).slice(0, 400)}`);
  return (out.event.t1 - out.event.t0) / 1e9;
}

function label(p: Pair): string {
  return p.strategy === 'serial' ? 'serial' : `${p.strategy} ×${p.workers}${p.strategy === 'processes' ? ` (chunksize ${p.chunksize})` : ''}`;
}

/** Measure every strategy on both sides, interleaved, and return the section for BENCHMARKS.md. */
export async function measureNodeOverhead(log: (l: string) => void = () => undefined): Promise<Section> {
  const h = await RunnerProcess.start(nodeRunner(), { cwd: ROOT });
  let pairs: Pair[];
  try {
    const loaded = await h.load({ file: path.join(ROOT, FILE), function: FN, args: ARGS, tasks: 1 }, 60);
    const warm = await h.run({ id: 'warm', strategy: 'serial', workers: 1, chunksize: 1 }, TIMEOUT_S);
    if (warm.kind !== 'done') throw new Error(`warm-up ended with ${warm.kind}`);
    const busySeconds = warm.event.tasks.reduce((a, t) => a + (t.end - t.start), 0) / 1e9;
    const perTask = busySeconds / Math.max(1, warm.event.tasks.length);
    const chunksize = chooseChunksize(perTask, 0, loaded.tasks, WORKERS);
    pairs = ([['serial', 1, 1], ['threads', WORKERS, 1], ['processes', WORKERS, chunksize]] as [Strategy, number, number][]).map(
      ([strategy, workers, cs]) => ({
        strategy, workers, chunksize: cs, profiler: [], plain: [],
        argv: [process.execPath, 'bench/plain_run.mjs', FILE, FN, ARGS, strategy, String(workers), String(cs)],
      }),
    );
    await runPlainNode(pairs[0].argv); // the plain side's warm-up: first touch of node's files and pages
    for (let r = 0; r < REPEATS; r++) {
      for (const p of pairs) {
        // Alternate which side goes first, so neither always runs right after the other's pool.
        for (const side of r % 2 === 0 ? ['profiler', 'plain'] : ['plain', 'profiler']) {
          if (side === 'profiler') p.profiler.push(await runnerWall(h, `${p.strategy}-${r}`, p));
          else p.plain.push(await runPlainNode(p.argv));
        }
      }
      log(`  node overhead: repeat ${r + 1}/${REPEATS}`);
    }
  } finally {
    await h.close();
  }
  const figures: Figure[] = pairs.map((p) => {
    const ratio = median(p.profiler) / median(p.plain);
    const paired = median(p.profiler.map((x, i) => x / p.plain[i]));
    return {
      label: `${label(p)}, fib.mjs 8 × fib(33)`,
      value: `${fmt(ratio)}×`,
      goal: `≤ ${GOAL}×`,
      pass: ratio <= GOAL,
      detail:
        `profiler ${fmt(median(p.profiler))} s vs plain ${fmt(median(p.plain))} s (medians of ${REPEATS}, interleaved); ` +
        `median of paired ratios ${fmt(paired)}×; spread (max−min)/median: profiler ${fmt(spread(p.profiler) * 100, 0)}%, plain ${fmt(spread(p.plain) * 100, 0)}%`,
      commands: [
        `profiler: RunnerProcess.start(nodeRunner()) → load({file: '${FILE}', function: '${FN}', args: ${JSON.stringify(ARGS)}}) → ` +
          `run({strategy: '${p.strategy}', workers: ${p.workers}, chunksize: ${p.chunksize}}); wall = (t1 − t0) / 1e9 (runner: ${path.relative(ROOT, nodeRunnerPath())})`,
        `plain: ${commandLine(p.argv.map((a, i) => (i === 0 ? 'node' : a)))}`,
      ],
    };
  });
  return {
    title: 'Node runner overhead',
    goal: `the same CPU-bound JavaScript timed by the profiler vs a plain Node script, median(profiler) ÷ median(plain) ≤ ${GOAL}× for serial, threads and processes (issue 4).`,
    method: [
      `Workload: \`${FILE}:${FN}\` with \`${ARGS}\`, ${REPEATS} repeats, ${WORKERS} workers for threads and processes.`,
      "Profiler side: the Node runner (dist/nodeRunner.js) driven by the engine's RunnerProcess; wall = (t1 − t0) of the `done` event: pool creation (piscina with minThreads = maxThreads, or N forked children) to shutdown, with every task timed inside its worker.",
      'Plain side: bench/plain_run.mjs — a loop, a piscina pool (minThreads = maxThreads), or child_process.fork children fed chunks, timed with process.hrtime around the same span.',
      'Interleaved per configuration, the order alternating each repeat; one unmeasured warm-up on each side first. Module import and interpreter start-up are outside both spans (pool workers import the module inside both).',
    ],
    figures,
    notes: [
      "Each side's pool is fresh per run: workers start cold, so V8 compiles the function again in every worker. That cost is the user's too and appears on both sides.",
    ],
  };
}

if (require.main === module) {
  void measureNodeOverhead(console.log).then((s) => {
    for (const f of s.figures) console.log(`${f.label}: ${f.value} (${f.detail})`);
  });
}
