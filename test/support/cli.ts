import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Report } from '../../src/contracts/report';

/** Repository root, for paths to examples and fixtures. */
export const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

/** What one CLI invocation did. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The --json report, when one was written. */
  report?: Report;
  /** Processes still alive afterwards that carry this invocation's tag (must be none). */
  leftovers: string[];
}

/**
 * Run the built CLI (npm test builds first) with a unique environment tag, then list any process that still carries
 * the tag: every harness and pool worker inherits it, so a survivor is a process the profiler failed to reap.
 */
export async function runCli(
  args: string[],
  opts: {
    timeoutMs?: number; json?: boolean; signalAfterMs?: number; signal?: NodeJS.Signals; env?: NodeJS.ProcessEnv;
  } = {},
): Promise<CliResult> {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run "node esbuild.mjs" (npm test builds it)`);
  const tag = randomUUID();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-cli-'));
  const jsonPath = path.join(dir, 'report.json');
  const full = opts.json === false ? args : [...args, '--json', jsonPath];
  const child = spawn(process.execPath, [CLI, ...full], {
    cwd: ROOT,
    env: { ...process.env, ...opts.env, PP_TEST_TAG: tag },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 240_000);
  if (opts.signalAfterMs !== undefined) setTimeout(() => child.kill(opts.signal ?? 'SIGINT'), opts.signalAfterMs);
  const code: number | null = await new Promise((resolve) => child.on('close', (c) => resolve(c)));
  clearTimeout(timer);
  const report = fs.existsSync(jsonPath) ? (JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as Report) : undefined;
  fs.rmSync(dir, { recursive: true, force: true });
  return { code, stdout, stderr, report, leftovers: await taggedProcesses(tag) };
}

/** Processes whose environment holds PP_TEST_TAG=tag (Linux /proc); waits briefly for exiting ones to go. */
export async function taggedProcesses(tag: string, settleMs = 1500): Promise<string[]> {
  if (process.platform !== 'linux') return [];
  const deadline = Date.now() + settleMs;
  for (;;) {
    const found: string[] = [];
    for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      try {
        const env = fs.readFileSync(`/proc/${pid}/environ`, 'latin1');
        if (!env.includes(`PP_TEST_TAG=${tag}`)) continue;
        if (!isAlive(Number(pid))) continue;
        found.push(`${pid}: ${fs.readFileSync(`/proc/${pid}/cmdline`, 'latin1').replace(/\0/g, ' ').trim()}`);
      } catch {
        /* gone, or not ours to read */
      }
    }
    if (found.length === 0 || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The process is still there and not a zombie (a zombie holds no resources). Linux only. */
export function isAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/** Path of a fixture workload. */
export function fixture(name: string): string {
  return path.join('test', 'fixtures', 'python', name);
}
