/**
 * Harness overhead: the same workload timed by the profiler's harness (driven through the engine's RunnerProcess,
 * t1 − t0 as the engine reports it) vs a plain Python script doing the same loop or pool (bench/plain_run.py), side
 * by side and interleaved, under each interpreter (CPython, and PyPy when pypy3 is on PATH: issue 10). Goal (issue 2):
 * median(profiler) / median(plain) ≤ 1.03 for serial, threads and processes.
 *   node --import tsx bench/harnessOverhead.ts
 */
import { execFileSync } from 'node:child_process';
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

// PyPy's JIT runs the same loop about ten times faster: ten times the work keeps the run as long as CPython's.
const SUM_RANGE_PYPY: Workload = {
  ...SUM_RANGE, name: 'sum_range 8 × 40M', args: '[(i*40_000_000, (i+1)*40_000_000) for i in range(8)]',
};

/** One interpreter the benchmark runs under, with the workloads sized for it. */
interface Interpreter {
  /** Short name for the figures ("CPython 3.11.7"). */
  name: string;
  python: string;
  workloads: Workload[];
  /** PyPy: serial runs and process pools are also compared with a plain script that started a thread first. */
  jit: boolean;
}

/** "CPython 3.11.7": the interpreter's own name for itself. */
function describeInterpreter(python: string): string {
  const code = 'import platform; print(platform.python_implementation(), platform.python_version())';
  return execFileSync(python, ['-c', code], { encoding: 'utf8' }).trim();
}

/** CPython (the python3 on PATH), then PyPy when pypy3 runs here. */
function interpreters(): Interpreter[] {
  const cpython = realPython();
  const out: Interpreter[] = [
    { name: describeInterpreter(cpython), python: cpython, workloads: [SUM_RANGE, TINY], jit: false },
  ];
  try {
    out.push({ name: describeInterpreter('pypy3'), python: 'pypy3', workloads: [SUM_RANGE_PYPY, TINY], jit: true });
  } catch {
    // Reported as a note below: the figures then cover CPython only.
  }
  return out;
}

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
  /** PyPy, serial and processes: the plain script with a thread started first, as the harness's process always has. */
  threaded?: { samples: number[]; argv: string[] };
}

/** Time one run through the harness: the engine's own wall, (t1 − t0) from the done event. */
async function harnessRun(h: RunnerProcess, id: string, p: Pair): Promise<number> {
  const outcome = await h.run({ id, strategy: p.strategy, workers: p.workers, chunksize: p.chunksize }, TIMEOUT_S);
  if (outcome.kind !== 'done') throw new Error(`harness run ${id} ended with ${outcome.kind}: ${JSON.stringify(outcome).slice(0, 500)}`);
  if (outcome.event.error) throw new Error(`harness run ${id} failed: ${outcome.event.error.type}: ${outcome.event.error.message}`);
  return (outcome.event.t1 - outcome.event.t0) / 1e9;
}

async function measureWorkload(python: string, w: Workload, jit: boolean, log: (l: string) => void): Promise<Pair[]> {
  const h = await RunnerProcess.start(pythonRunner({ python }), { cwd: ROOT });
  try {
    const loaded = await h.load({ file: path.join(ROOT, w.file), function: w.fn, args: w.args, tasks: 0 }, 60);
    // Warm-up (not counted), as the engine does: it also gives the per-task time the engine sizes chunks from.
    const warm = await h.run({ id: 'warm', strategy: 'serial', workers: 1, chunksize: 1 }, TIMEOUT_S);
    if (warm.kind !== 'done') throw new Error(`warm-up run ended with ${warm.kind}`);
    const busySeconds = warm.event.tasks.reduce((a, t) => a + (t.end - t.start), 0) / 1e9;
    const perTask = busySeconds / Math.max(1, warm.event.tasks.length);
    const chunksize = chooseChunksize(perTask, 0, loaded.tasks, WORKERS);
    const configs: [PlainStrategy, number, number][] = [['serial', 1, 1], ['threads', WORKERS, 1], ['processes', WORKERS, chunksize]];
    const pairs: Pair[] = configs.map(([strategy, workers, cs]) => ({
      strategy, workers, chunksize: cs, profiler: [], plain: [],
      plainArgv: plainArgv(python, w.file, w.fn, w.args, strategy, workers, cs),
      ...(jit && strategy !== 'threads' // a threads run starts threads on both sides already
        ? { threaded: { samples: [], argv: plainArgv(python, w.file, w.fn, w.args, strategy, workers, cs, true) } }
        : {}),
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
        if (p.threaded) p.threaded.samples.push(await runPlain(p.threaded.argv));
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

/** One figure per configuration of a workload: the ratio of medians, with both sides' spreads and commands. */
function figuresFor(name: string, python: string, w: Workload, pairs: Pair[]): Figure[] {
  return pairs.flatMap((p) => [
    mainFigure(name, python, w, p), ...(p.threaded ? [threadedFigure(name, w, p, p.threaded)] : []),
  ]);
}

/**
 * The same run against a plain script that started (and joined) one thread before it, as the harness's process always
 * has: once a PyPy process has started a thread, every loop its JIT compiles, there and in workers forked from it,
 * counts down a thread-switch ticker. This row separates that interpreter cost from the harness's own.
 */
function threadedFigure(name: string, w: Workload, p: Pair, threaded: NonNullable<Pair['threaded']>): Figure {
  const ratio = median(p.profiler) / median(threaded.samples);
  return {
    label: `${name}: ${label(p)}, ${w.name}, against a plain script that started a thread first`,
    value: `${fmt(ratio)}×`,
    goal: w.goal ? `≤ ${GOAL}×` : 'n/a (reported: per-task cost)',
    pass: w.goal ? ratio <= GOAL : null,
    detail: `profiler ${fmt(median(p.profiler))} s vs plain-with-a-thread ${fmt(median(threaded.samples))} s ` +
      `(medians of ${threaded.samples.length}); spread (max−min)/median: profiler ${fmt(spread(p.profiler) * 100, 0)}%, ` +
      `plain ${fmt(spread(threaded.samples) * 100, 0)}%; the plain script without the thread took ${fmt(median(p.plain))} s`,
    commands: [`plain, a thread started first: ${commandLine(threaded.argv)}`],
  };
}

/** The ratio of medians against the plain script, with both sides' spreads and commands. */
function mainFigure(name: string, python: string, w: Workload, p: Pair): Figure {
  const ratio = median(p.profiler) / median(p.plain);
  const paired = median(p.profiler.map((x, i) => x / p.plain[i]));
  return {
    label: `${name}: ${label(p)}, ${w.name}`,
    value: `${fmt(ratio)}×`,
    goal: w.goal ? `≤ ${GOAL}×` : 'n/a (reported: per-task cost)',
    pass: w.goal ? ratio <= GOAL : null,
    detail:
      `profiler ${fmt(median(p.profiler))} s vs plain ${fmt(median(p.plain))} s ` +
      `(medians of ${p.plain.length}, interleaved); median of paired ratios ${fmt(paired)}×; ` +
      'spread (max−min)/median: ' +
      `profiler ${fmt(spread(p.profiler) * 100, 0)}%, plain ${fmt(spread(p.plain) * 100, 0)}%` +
      (w.goal ? '' : `; per task ${fmt(((median(p.profiler) - median(p.plain)) / 20_000) * 1e6, 2)} µs more`),
    commands: [
      `profiler: RunnerProcess.start(pythonRunner({python: '${python}'})) → ` +
        `load({file: '${w.file}', function: '${w.fn}', args: ${JSON.stringify(w.args)}}) → ` +
        `run({strategy: '${p.strategy}', workers: ${p.workers}, chunksize: ${p.chunksize}}); ` +
        `wall = (t1 − t0) / 1e9 (harness: ${path.relative(ROOT, harnessPath())})`,
      `plain: ${commandLine(p.plainArgv)}`,
    ],
  };
}

/** Run both workloads under each interpreter and return the ratios profiler ÷ plain per strategy. */
export async function measureHarnessOverhead(log: (l: string) => void = () => undefined): Promise<Section> {
  const figures: Figure[] = [];
  const notes: string[] = [];
  const list = interpreters();
  if (list.length < 2) notes.push('pypy3 did not run on this machine: no PyPy figures (.ci/run installs it).');
  for (const { name, python, workloads, jit } of list) {
    for (const w of workloads) {
      for (const f of figuresFor(name, python, w, await measureWorkload(python, w, jit, log))) figures.push(f);
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
    'PyPy and fork: the harness\'s process has run the function before every pool run (warm-up, serial repeats), and ' +
      'workers forked from it would inherit the loops its JIT compiled then, specialised on the first task it traced ' +
      '(sum_range: range(0, n), whose iterator class differs from range(a, b)\'s, so every later task ran through a ' +
      'bridge at about 4× the per-task CPU). The harness drops that code before it forks ' +
      '(python/parprof_harness/jitstate.py), so each worker compiles from its own first tasks, as the workers of the ' +
      'plain script (which forks before calling the function) do, and pays that warm-up inside the wall as they do.',
    'PyPy serial and process-pool rows get a second comparison, against the plain script with one thread started ' +
      'and joined before the timed span (bench/plain_run.py `thread`): once a PyPy process has started a thread, every ' +
      'loop its JIT compiles, there and in workers forked from it, counts down a thread-switch ticker (measured: ' +
      'sum_range\'s tight loop about 0.018 s → 0.025–0.04 s per 40M iterations). The harness\'s long-lived process ' +
      'always has started threads (its orphan guard, thread-pool runs, a process pool\'s manager thread), so this ' +
      'cost cannot be taken out of it; the row shows the harness\'s own cost without it.',
    'Under threads, the per-task cost of tiny tasks is several times the clock reads themselves (about 0.5 µs): the wrapper\'s extra bytecode in each worker lengthens every GIL hand-off between the submitting thread and the workers.',
    'Both sides time the same span: from just before the pool (or loop) is created to after it has shut down; interpreter start-up and module import are outside both.',
    'The harness is one long-lived process (as in a real profile), loaded once; each plain run is a fresh ' +
      '`python3 bench/plain_run.py` (or `pypy3 bench/plain_run.py`) process whose start-up is not timed. Under PyPy ' +
      'that puts the JIT\'s warm-up inside every plain run and outside the harness\'s (it warmed up on its own ' +
      'warm-up run), so PyPy rows below 1 are partly that warm-up.',
    `Chunk size for processes is the engine's own choice (plan.ts chooseChunksize, from the warm-up's per-task time, ${WORKERS} workers), used on both sides.`,
    'The tiny-task rows have no goal: the harness reads monotonic_ns and thread_time_ns around every call and keeps a record per task, which is the data the timelines are drawn from; the figure is what that costs when a task is one addition.',
  );
  return {
    title: 'Harness overhead',
    goal: `the same workload timed by the profiler vs a plain Python script, median(profiler) ÷ median(plain) ≤ ${GOAL}× for serial, threads and processes (issue 2).`,
    method: [
      `Workloads: \`${SUM_RANGE.file}:${SUM_RANGE.fn}\` with \`${SUM_RANGE.args}\` (${SUM_RANGE.repeats} repeats; ` +
        `under PyPy \`${SUM_RANGE_PYPY.args}\`), and \`${TINY.file}:${TINY.fn}\` with \`${TINY.args}\` ` +
        `(${TINY.repeats} repeats).`,
      `Interpreters: ${list.map((i) => `${i.name} (\`${i.python}\`)`).join(', ')}; each runs both sides of its ` +
        'figures.',
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
