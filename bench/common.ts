/**
 * Helpers shared by the benchmarks: the interpreter to use, the plain-Python baseline, medians, and shell quoting
 * so every figure can print the exact command that produced it.
 */
import { execFile, execFileSync } from 'node:child_process';
import * as path from 'node:path';

/** Repository root (bench/..), so commands work from any cwd. */
export const ROOT = path.resolve(__dirname, '..');

/** The real interpreter behind python3: the pyenv shim forks helpers at start-up, which would blur short timings. */
export function realPython(): string {
  try {
    return execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim() || 'python3';
  } catch (e) {
    throw new Error(`python3 is not usable: ${(e as Error).message}`);
  }
}

/** Median of a non-empty list (the mean of the middle two for even lengths). */
export function median(xs: readonly number[]): number {
  if (!xs.length) throw new Error('median of no samples');
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Spread of samples as (max − min) / median, a blunt noise indicator shown next to every ratio. */
export function spread(xs: readonly number[]): number {
  return (maxOf(xs) - minOf(xs)) / median(xs);
}

/** Largest of the values, by a loop (an argument spread overflows the stack on large arrays). */
export function maxOf(xs: readonly number[]): number {
  return xs.reduce((m, x) => Math.max(m, x), -Infinity);
}

/** Smallest of the values, by a loop. */
export function minOf(xs: readonly number[]): number {
  return xs.reduce((m, x) => Math.min(m, x), Infinity);
}

/** Quote one argument for a POSIX shell, so printed commands can be pasted as they are. */
export function shq(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A command line as a user would type it. */
export function commandLine(argv: readonly string[]): string {
  return argv.map(shq).join(' ');
}

/** Seconds since an hrtime origin. */
export function secondsSince(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** Strategies the plain baseline knows. */
export type PlainStrategy = 'serial' | 'threads' | 'processes';

/**
 * The argv of one plain run (bench/plain_run.py), relative to the repository root so it reads well in BENCHMARKS.md.
 */
export function plainArgv(
  python: string, file: string, fn: string, args: string, strategy: PlainStrategy, workers: number, chunksize: number,
  thread = false,
): string[] {
  const argv = [python, 'bench/plain_run.py', file, fn, args, strategy, String(workers), String(chunksize)];
  return thread ? [...argv, 'thread'] : argv;
}

/** Run the workload once the way a user would (no profiler) and return its perf_counter wall time in seconds. */
export async function runPlain(argv: readonly string[]): Promise<number> {
  return (await runPlainTimed(argv)).wall;
}

/**
 * The same, with the whole process's wall as well (spawn to exit: interpreter launch, imports and the argument
 * expression included), for comparisons whose other side is timed from launch too.
 */
export function runPlainTimed(argv: readonly string[]): Promise<{ wall: number; process: number }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    execFile(argv[0], argv.slice(1), { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      const whole = secondsSince(t0);
      if (err) return reject(new Error(`${commandLine(argv)} failed: ${err.message}\n${stderr.slice(-2000)}`));
      try {
        resolve({ wall: (JSON.parse(stdout.trim().split('\n').pop() ?? '') as { wall: number }).wall, process: whole });
      } catch {
        reject(new Error(`${commandLine(argv)} printed no timing: ${stdout.slice(-500)}`));
      }
    });
  });
}

/** Fixed-width number formatting for tables. */
export function fmt(x: number, digits = 3): string {
  return Number.isFinite(x) ? x.toFixed(digits) : String(x);
}
