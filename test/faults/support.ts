/**
 * Helpers for the fault suite: a CLI runner that watches the profiler's process tree while it runs (for stop and
 * cancel latencies and per-process memory), and the shared fixture paths and options.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Report } from '../../src/contracts/report';
import { ROOT, taggedProcesses } from '../support/cli';

/** The hostile workloads, relative to the repository root (the CLI runs there). */
export const HOSTILE = path.join('test', 'faults', 'fixtures', 'hostile.py');
/** A short sweep: faults, not scaling, are under test, and the machine has two shared cores. */
// --no-early-stop: on a busy machine a pool's start-up can pass ten times a tiny serial run; these tests assert what
// the run reports, so it must run to the end.
export const QUICK = ['--budget', '30', '--workers', '2', '--repeats', '1', '--no-early-stop', '--quiet'];
/** Task arguments 0..n-1, one per task. */
export const tasks = (n: number) => ['--args', `[(i,) for i in range(${n})]`];

/**
 * Fault tests use a private lock directory, so they neither queue behind other profiles on this machine nor make
 * them wait; the lock tests share one directory between the CLIs they start.
 */
export function privateLockDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-faults-lock-'));
  process.env.PARPROF_LOCK_DIR = dir;
  return dir;
}

/** One poll of the tagged processes. */
export interface TreeSample {
  /** ms since the CLI started (performance.now based). */
  t: number;
  /** pid → resident set size in KB, for every live, non-zombie tagged process. */
  rss: Map<number, number>;
}

/** What a watched CLI run did. */
export interface WatchedRun {
  code: number | null;
  stdout: string;
  stderr: string;
  report?: Report;
  leftovers: string[];
  samples: TreeSample[];
  /** ms (same clock as samples) when the signal was sent, if one was. */
  signalAt?: number;
  /** ms when no tagged process was left after the signal (the CLI itself included). */
  quietAt?: number;
}

/** Options for runWatched. */
export interface WatchOptions {
  /** Send this signal once `when` says so. */
  signal?: NodeJS.Signals;
  /** Decides when to send the signal, from the stderr so far and the latest sample. */
  when?: (stderr: string, sample: TreeSample) => boolean;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  json?: boolean;
  pollMs?: number;
}

/**
 * Run the built CLI with a unique environment tag and poll /proc for every process carrying it (the CLI, each
 * harness, each pool worker) until they are all gone. Environments are read once per pid, so polling stays cheap.
 */
export async function runWatched(args: string[], opts: WatchOptions = {}): Promise<WatchedRun> {
  const tag = randomUUID();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-faults-'));
  const jsonPath = path.join(dir, 'report.json');
  const full = opts.json === false ? args : [...args, '--json', jsonPath];
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...full], {
    cwd: ROOT,
    env: { ...process.env, ...opts.env, PP_TEST_TAG: tag },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  let exited = false;
  const closed = new Promise<number | null>((resolve) => child.on('close', (c) => { exited = true; resolve(c); }));
  const killer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
  const known = new Map<number, boolean>();
  const samples: TreeSample[] = [];
  let signalAt: number | undefined;
  let quietAt: number | undefined;
  for (;;) {
    const sample = { t: performance.now() - t0, rss: taggedNow(tag, known) };
    samples.push(sample);
    if (opts.signal && signalAt === undefined && opts.when?.(stderr, sample)) {
      signalAt = performance.now() - t0;
      child.kill(opts.signal);
    }
    if (sample.rss.size === 0 && (exited || samples.length > 1)) {
      if (signalAt !== undefined) quietAt ??= sample.t;
      if (exited) break;
    }
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 10));
  }
  const code = await closed;
  clearTimeout(killer);
  const report = fs.existsSync(jsonPath) ? (JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as Report) : undefined;
  fs.rmSync(dir, { recursive: true, force: true });
  return { code, stdout, stderr, report, leftovers: await taggedProcesses(tag), samples, signalAt, quietAt };
}

/**
 * Live tagged pids with their RSS (KB). `known` caches whether a pid carries the tag (its environment never changes).
 */
function taggedNow(tag: string, known: Map<number, boolean>): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    let mine = known.get(pid);
    if (mine === undefined) {
      try {
        mine = fs.readFileSync(`/proc/${pid}/environ`, 'latin1').includes(`PP_TEST_TAG=${tag}`);
      } catch {
        mine = false;
      }
      known.set(pid, mine);
    }
    if (!mine) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue; // a zombie holds nothing
      const pages = Number(fs.readFileSync(`/proc/${pid}/statm`, 'latin1').split(' ')[1]);
      out.set(pid, (pages * 4096) / 1024);
    } catch {
      /* gone between the listing and the read */
    }
  }
  return out;
}

/** Median of a non-empty list. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The run of a report with this strategy (the first, for strategies with several worker counts). */
export function runOf(report: Report | undefined, strategy: string) {
  return report?.runs.find((r) => r.strategy === strategy);
}

/** Measured at least once and not failed. */
export function measured(report: Report | undefined, strategy: string): boolean {
  const r = runOf(report, strategy);
  return !!r && r.status === 'ok' && r.repeats > 0;
}
