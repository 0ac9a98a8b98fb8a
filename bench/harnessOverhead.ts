/**
 * Harness overhead: the same workload timed by the profiler's harness (driven through the engine's RunnerProcess,
 * t1 − t0 as the engine reports it) vs a plain Python script doing the same loop or pool (bench/plain_run.py), side
 * by side and interleaved. Goal (issue 2): median(profiler) / median(plain) ≤ 1.03 for serial, threads and processes.
 *   node --import tsx bench/harnessOverhead.ts
 */
import * as path from 'node:path';
import { RunnerProcess } from '../src/engine/runners/driver';
import { harnessPath, pythonRunner } from '../src/engine/runners/python';
import { chooseChunksize } from '../src/engine/profile/plan';
import type { Figure, Section } from './markdown';
import { ROOT, commandLine, fmt, median, plainArgv, realPython, runPlain, spread, type PlainStrategy } from './common';

/** One workload to compare. */
interface Workload {
  name: string;
  file: string;
  fn: string;
  args: string;
  repeats: number;
  /** Whether the ≤ 1.03 goal applies (it does not to tiny tasks, where per-task timing is the point of the figure). */
  goal: boolean;
}

// ~0.5–1 s serially on a quiet core: long enough that clock and pool start-up noise stays under a percent.
const SUM_RANGE: Workload = {
  name: 'sum_range 8 × 4M',
  file: 'examples/sum_range.py',
  fn: 'sum_range',
  args: '[(i*4_000_000, (i+1)*4_000_000) for i in range(8)]',
  // Odd, and more than the minimum 5: on a shared 2-core machine single runs swing by tens of percent.
  repeats: 11,
  goal: true,
};
// 20,000 one-line tasks: the harness's per-task clock reads are the whole difference, so this shows them honestly.
const TINY: Workload = {
  name: 'add_one 20,000 tiny tasks',
  file: 'examples/tiny_tasks.py',
  fn: 'add_one',
  args: '[(i,) for i in range(20_000)]',
  repeats: 5,
  goal: false,
};

const GOAL = 1.03;
const WORKERS = 2;
const TIMEOUT_S = 120;

/** Per configuration, the interleaved samples of both sides. */
interface Pair {
  strategy: PlainStrategy;
  workers: number;
  chunksize: number;
  profiler: number[];
  plain: number[];
  plainArgv: string[];
}

/** Time one run through the harness: the engine's own wall, (t1 − t0) from the done event. */
async function harnessRun(h: RunnerProcess, id: string, p: Pair): Promise<number> {
  const outcome = await h.run({ id, strategy: p.strategy, workers: p.workers, chunksize: p.chunksize }, TIMEOUT_S);
  if (outcome.kind !== 'done') throw new Error(`harness run ${id} ended with ${outcome.kind}: ${JSON.stringify(outcome).slice(0, 500)}`);
  if (outcome.event.error) throw new Error(`harness run ${id} failed: ${outcome.event.error.type}: ${outcome.event.error.message}`);
  return (outcome.event.t1 - outcome.event.t0) / 1e9;
}

async function measureWorkload(python: string, w: Workload, log: (l: string) => void): Promise<Pair[]> {
  const h = await RunnerProcess.start(pythonRunner({ python }), { cwd: ROOT });
  try {
    const loaded = await h.load({ file: path.join(ROOT, w.file), function: w.fn, args: w.args, tasks: 0 }, 60);
    // Warm-up (not counted), as the engine does: it also gives the per-task time the engine sizes chunks from.
    const warm = await h.run({ id: 'warm', strategy: 'serial', workers: 1, chunksize: 1 }, TIMEOUT_S);
    if (warm.kind !== 'done') throw new Error(`warm-up run ended with ${warm.kind}`);
    const perTask = warm.event.tasks.reduce((a, t) => a + (t.end - t.start), 0) / 1e9 / Math.max(1, warm.event.tasks.length);
    const chunksize = chooseChunksize(perTask, 0, loaded.tasks, WORKERS);
    const configs: [PlainStrategy, number, number][] = [['serial', 1, 1], ['threads', WORKERS, 1], ['processes', WORKERS, chunksize]];
    const pairs: Pair[] = configs.map(([strategy, workers, cs]) => ({
      strategy, workers, chunksize: cs, profiler: [], plain: [],
      plainArgv: plainArgv(python, w.file, w.fn, w.args, strategy, workers, cs),
    }));
    await runPlain(pairs[0].plainArgv); // the plain side's warm-up: first-touch of the interpreter's files and pages
    for (let r = 0; r < w.repeats; r++) {
      for (const p of pairs) {
        // Alternate which side goes first, so neither always runs right after the other's heavy pool.
        const profilerFirst = r % 2 === 0;
        for (const side of profilerFirst ? ['profiler', 'plain'] : ['plain', 'profiler']) {
          if (side === 'profiler') p.profiler.push(await harnessRun(h, `${p.strategy}-${r}`, p));
          else p.plain.push(await runPlain(p.plainArgv));
        }
      }
      log(`  ${w.name}: repeat ${r + 1}/${w.repeats}`);
    }
    return pairs;
  } finally {
    await h.close();
  }
}

function label(p: Pair): string {
  return p.strategy === 'serial' ? 'serial' : `${p.strategy} ×${p.workers}${p.strategy === 'processes' ? ` (chunksize ${p.chunksize})` : ''}`;
}

/** Run both workloads and return the ratios profiler ÷ plain per strategy. */
export async function measureHarnessOverhead(log: (l: string) => void = () => undefined): Promise<Section> {
  const python = realPython();
  const figures: Figure[] = [];
  const notes: string[] = [];
  for (const w of [SUM_RANGE, TINY]) {
    const pairs = await measureWorkload(python, w, log);
    for (const p of pairs) {
      const ratio = median(p.profiler) / median(p.plain);
      const paired = median(p.profiler.map((x, i) => x / p.plain[i]));
      figures.push({
        label: `${label(p)}, ${w.name}`,
        value: `${fmt(ratio)}×`,
        goal: w.goal ? `≤ ${GOAL}×` : 'n/a (reported: per-task cost)',
        pass: w.goal ? ratio <= GOAL : null,
        detail:
          `profiler ${fmt(median(p.profiler))} s vs plain ${fmt(median(p.plain))} s (medians of ${p.plain.length}, interleaved); ` +
          `median of paired ratios ${fmt(paired)}×; spread (max−min)/median: profiler ${fmt(spread(p.profiler) * 100, 0)}%, plain ${fmt(spread(p.plain) * 100, 0)}%` +
          (w.goal ? '' : `; per task ${fmt(((median(p.profiler) - median(p.plain)) / 20_000) * 1e6, 2)} µs more`),
        commands: [
          `profiler: RunnerProcess.start(pythonRunner({python: '${python}'})) → load({file: '${w.file}', function: '${w.fn}', args: ${JSON.stringify(w.args)}}) → ` +
            `run({strategy: '${p.strategy}', workers: ${p.workers}, chunksize: ${p.chunksize}}); wall = (t1 − t0) / 1e9 (harness: ${path.relative(ROOT, harnessPath())})`,
          `plain: ${commandLine(p.plainArgv)}`,
        ],
      });
    }
  }
  const noisy = figures.filter((f) => f.pass !== null && /spread[^;]*profiler (\d+)%, plain (\d+)%/.exec(f.detail)?.slice(1).some((x) => Number(x) > 30));
  if (noisy.length) {
    notes.push(
      `Noise-limited (a side's spread over 30%, ten times the 3% the goal allows): ${noisy.map((f) => `${f.label} ${f.value} ${f.pass ? 'pass' : 'FAIL'}`).join('; ')}. ` +
        'On this machine a pass or fail there says more about the neighbours than about the harness; compare the median of paired ratios, and re-run on a quiet machine.',
    );
  }
  const faster = figures.filter((f) => f.pass && parseFloat(f.value) < 0.97).map((f) => f.label);
  if (faster.length) {
    notes.push(
      `Below 1 (${faster.join('; ')}): the harness timed the work faster than a fresh script. The likely reason is warmth, not a shortcut: the harness process has already run the function (its warm-up and earlier repeats), while every plain run is the first in its process; on a busy machine this is within the noise (see the spreads).`,
    );
  }
  notes.push(
    'Under threads, the per-task cost of tiny tasks is several times the clock reads themselves (about 0.5 µs): the wrapper\'s extra bytecode in each worker lengthens every GIL hand-off between the submitting thread and the workers.',
    'Both sides time the same span: from just before the pool (or loop) is created to after it has shut down; interpreter start-up and module import are outside both.',
    'The harness is one long-lived process (as in a real profile), loaded once; each plain run is a fresh `python3 bench/plain_run.py` process whose start-up is not timed.',
    `Chunk size for processes is the engine's own choice (plan.ts chooseChunksize, from the warm-up's per-task time, ${WORKERS} workers), used on both sides.`,
    'The tiny-task rows have no goal: the harness reads monotonic_ns and thread_time_ns around every call and keeps a record per task, which is the data the timelines are drawn from; the figure is what that costs when a task is one addition.',
  );
  return {
    title: 'Harness overhead',
    goal: `the same workload timed by the profiler vs a plain Python script, median(profiler) ÷ median(plain) ≤ ${GOAL}× for serial, threads and processes (issue 2).`,
    method: [
      `Workloads: \`${SUM_RANGE.file}:${SUM_RANGE.fn}\` with \`${SUM_RANGE.args}\` (${SUM_RANGE.repeats} repeats), and \`${TINY.file}:${TINY.fn}\` with \`${TINY.args}\` (${TINY.repeats} repeats).`,
      "Profiler side: the engine's `RunnerProcess` (src/engine/runners/driver.ts) driving python/harness.py, wall = (t1 − t0) of the `done` event, which is what the Report's wall is made of. No sampler (its cost is the next benchmark).",
      'Plain side: bench/plain_run.py — a loop, `ThreadPoolExecutor.map`, or `ProcessPoolExecutor.map(chunksize=…)`, timed with `time.perf_counter()` around pool creation → shutdown.',
      'Interleaved per configuration: profiler, plain, then plain, profiler on the next repeat, and so on; one unmeasured warm-up on each side first.',
    ],
    figures,
    notes,
  };
}

if (require.main === module) {
  void measureHarnessOverhead(console.log).then((s) => {
    for (const f of s.figures) console.log(`${f.label}: ${f.value} (${f.detail})`);
  });
}
