/**
 * Sampler cost: CPU the sampler spends per second of profiling at the default rate, while a real 2-thread
 * busy Python child runs (goal: ≤ 1% of one core). Called by the bench runner; also runnable alone:
 *   node --import tsx bench/samplerCost.ts [hz ...]
 */
import { execFileSync, spawn } from 'node:child_process';
import { DEFAULT_SAMPLER_HZ, Sampler } from '../src/engine/sampling/sampler';

/** What one measurement found. */
export interface SamplerCost {
  hz: number;
  /**
   * Whole Node process CPU during sampling, minus the same process idling without a sampler, per wall second, in % of
   * one core.
   */
  cpuPercentOfOneCore: number;
  /** The sampler's own account (selfCpuSeconds: its work, without timer wake-ups), in % of one core. */
  selfCpuPercentOfOneCore: number;
  samples: number;
  /** Threads the sampler followed (the child's main thread and its two workers). */
  threads: number;
  seconds: number;
}

// Two threads spinning (GIL-bound, so ~1 core) plus the waiting main thread: three threads to follow.
const CHILD = `
import threading, time, sys
def spin(s):
    t = time.perf_counter()
    while time.perf_counter() - t < s: pass
ts = [threading.Thread(target=spin, args=(float(sys.argv[1]),)) for _ in range(2)]
[t.start() for t in ts]; [t.join() for t in ts]
`;

/** The real interpreter behind python3: a shim (pyenv) forks helpers at start-up that would blur the figure. */
function realPython(): string {
  try {
    return execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim() || 'python3';
  } catch {
    return 'python3';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const cpuSeconds = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1e6;

/** Measure the sampler's CPU per second of profiling at `hz` (default rate) over `seconds` of a busy child. */
export async function measureSamplerCost(opts: { hz?: number; seconds?: number } = {}): Promise<SamplerCost> {
  const hz = opts.hz ?? DEFAULT_SAMPLER_HZ;
  const seconds = opts.seconds ?? 5;
  const python = realPython();

  // Baseline: this process idling (timers only) for as long, so the figure is the sampler's share alone.
  const idle0 = process.cpuUsage();
  const idleT0 = process.hrtime.bigint();
  const keepAlive = setInterval(() => {}, 1000);
  await sleep(seconds * 1000);
  const idleRate = cpuSeconds(process.cpuUsage(idle0)) / (Number(process.hrtime.bigint() - idleT0) / 1e9);

  const child = spawn(python, ['-c', CHILD, String(seconds + 0.5)], { stdio: 'ignore' });
  await sleep(300); // let the interpreter start and the threads spin up: their start-up is not the sampler's cost
  const sampler = new Sampler({ clockOrigin: process.hrtime.bigint(), hz });
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  sampler.track(child.pid!);
  sampler.beginRun('bench');
  await sleep(seconds * 1000);
  sampler.endRun();
  const result = sampler.stop();
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const used = cpuSeconds(process.cpuUsage(c0));
  clearInterval(keepAlive);
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));

  return {
    hz,
    cpuPercentOfOneCore: round2((Math.max(0, used / wall - idleRate)) * 100),
    selfCpuPercentOfOneCore: round2((result.selfCpuSeconds / wall) * 100),
    samples: result.samples,
    threads: result.threadsSeen,
    seconds: round2(wall),
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

if (require.main === module) {
  void (async () => {
    const rates = process.argv.slice(2).map(Number).filter((x) => x > 0);
    for (const hz of rates.length ? rates : [DEFAULT_SAMPLER_HZ]) {
      const r = await measureSamplerCost({ hz });
      console.log(
        `sampler at ${r.hz} Hz: ${r.cpuPercentOfOneCore}% of one core (self-reported ${r.selfCpuPercentOfOneCore}%), ` +
          `${r.samples} samples of ${r.threads} threads over ${r.seconds} s`,
      );
    }
  })();
}
