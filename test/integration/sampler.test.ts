import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { Sampler, type SamplerResult } from '../../src/engine/sampling/sampler';
import type { CoreSegment } from '../../src/contracts/report';
import { realPython } from '../../bench/common';

const LINUX = process.platform === 'linux';

// A parent that forks two children, each spinning for ~1 s; every process prints its own CPU seconds
// (CLOCK_PROCESS_CPUTIME_ID, exact) so the test can compare the sampler's reconstruction with the truth.
const FORK_TWO = `
import os, sys, time
def spin(s):
    t = time.perf_counter()
    while time.perf_counter() - t < s: pass
time.sleep(0.1)  # let the sampler see the parent before it forks
kids = []
for _ in range(2):
    pid = os.fork()
    if pid == 0:
        spin(1.0)
        os.write(1, f"cpu {os.getpid()} {time.process_time()}\\n".encode())  # one write: lines never interleave
        os._exit(0)
    kids.append(pid)
for k in kids: os.waitpid(k, 0)
os.write(1, f"cpu {os.getpid()} {time.process_time()}\\n".encode())
`;

// One process, two spinning threads: under the GIL they share about one core between them.
const TWO_THREADS = `
import threading, time
def spin():
    t = time.perf_counter()
    while time.perf_counter() - t < 0.6: pass
ts = [threading.Thread(target=spin) for _ in range(2)]
[t.start() for t in ts]; [t.join() for t in ts]
`;

interface Sampled {
  result: SamplerResult;
  window: { start: number; end: number };
  pid: number;
  cpu: Map<number, number>;
}

// The interpreter itself, not a launcher: a pyenv shim's start-up helpers would join the sampled tree without
// reporting their CPU (0.27 s of them on a busy machine broke the whole-tree comparison below).
const PYTHON = realPython();

/** Run a Python script under a sampler inside one run; collect the "cpu <pid> <seconds>" lines it prints. */
function sampleScript(script: string, opts: { proc?: boolean } = {}): Promise<Sampled> {
  const sampler = new Sampler({ clockOrigin: process.hrtime.bigint(), ...opts });
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, ['-c', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    sampler.track(child.pid!);
    const start = sampler.now();
    sampler.beginRun('busy');
    child.on('close', (code) => {
      sampler.endRun();
      const end = sampler.now();
      const result = sampler.stop();
      if (code !== 0) return reject(new Error(`${PYTHON} exited with ${code}`));
      const cpu = new Map<number, number>();
      for (const m of out.matchAll(/^cpu (\d+) ([\d.]+)$/gm)) cpu.set(Number(m[1]), Number(m[2]));
      resolve({ result, window: { start, end }, pid: child.pid!, cpu });
    });
  });
}

const allSegments = (r: SamplerResult): CoreSegment[] => r.cores.flatMap((c) => c.segments);
const total = (segs: CoreSegment[]): number => segs.reduce((a, s) => a + (s.end - s.start), 0);

function assertNoOverlapPerTid(segs: CoreSegment[]): void {
  const byTid = new Map<number, CoreSegment[]>();
  for (const s of segs) (byTid.get(s.tid) ?? byTid.set(s.tid, []).get(s.tid)!).push(s);
  for (const [tid, list] of byTid) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 1; i < list.length; i++) {
      assert.ok(list[i].start >= list[i - 1].end - 1e-9, `tid ${tid}: ${JSON.stringify(list[i - 1])} overlaps ${JSON.stringify(list[i])}`);
    }
  }
}

test('process tree: segments for the children, inside the run, non-overlapping, summing to their CPU time', async () => {
  const { result, window, pid, cpu } = await sampleScript(FORK_TWO);
  assert.ok(result.selfCpuSeconds > 0, 'selfCpuSeconds is reported');
  assert.ok(result.durationSeconds > 0.5);
  assert.ok(result.cores.length >= 1);
  assert.ok(result.cores.some((c) => c.utilisation.length > 0), 'utilisation is sampled on every OS');
  const segs = allSegments(result);

  if (!LINUX) {
    // Explicitly: without /proc there is no thread-to-core reconstruction, only utilisation.
    assert.deepEqual(segs, []);
    assert.equal(result.hz, 0);
    return;
  }

  const kids = [...cpu.keys()].filter((p) => p !== pid);
  assert.equal(kids.length, 2, `both forked children reported their CPU: ${[...cpu.keys()]}`);
  for (const kid of kids) {
    const mine = segs.filter((s) => s.pid === kid);
    assert.ok(mine.length > 0, `segments exist for child ${kid} (found by following /proc children)`);
    const measured = total(mine);
    const truth = cpu.get(kid)!;
    // Loose: a child loses at most its first re-listing and its last tick; nothing is double counted.
    assert.ok(Math.abs(measured - truth) <= 0.2 * truth + 0.05, `child ${kid}: segments ${measured.toFixed(3)} s vs CPU ${truth.toFixed(3)} s`);
  }
  for (const s of segs) {
    assert.equal(s.run, 'busy');
    assert.ok(s.start >= window.start - 1e-6 && s.end <= window.end + 1e-6, `segment ${JSON.stringify(s)} outside run ${JSON.stringify(window)}`);
    assert.ok(s.end > s.start);
  }
  assertNoOverlapPerTid(segs);
  // The whole tree's segments also match the whole tree's CPU (parent included, which mostly waits).
  const treeCpu = [...cpu.values()].reduce((a, b) => a + b, 0);
  const byPid = [...new Set(segs.map((s) => s.pid))].map((p) => `${p}: segments ${total(segs.filter((s) => s.pid === p)).toFixed(3)} s, CPU ${cpu.get(p)?.toFixed(3) ?? '?'} s`);
  assert.ok(Math.abs(total(segs) - treeCpu) <= 0.2 * treeCpu + 0.1, `tree: ${total(segs).toFixed(3)} s vs ${treeCpu.toFixed(3)} s\n${byPid.join('\n')}`);
});

test('two threads of one process: both tids appear on cores, never overlapping themselves', { skip: !LINUX && 'Linux /proc only' }, async () => {
  const { result, pid } = await sampleScript(TWO_THREADS);
  const segs = allSegments(result).filter((s) => s.pid === pid);
  const tids = new Set(segs.map((s) => s.tid));
  assert.ok(tids.size >= 2, `expected the two spinning threads, saw tids ${[...tids]}`);
  assertNoOverlapPerTid(segs);
  // Per core, the reconstruction never runs two things at once.
  for (const core of result.cores) {
    const list = [...core.segments].sort((a, b) => a.start - b.start);
    for (let i = 1; i < list.length; i++) assert.ok(list[i].start >= list[i - 1].end - 1e-9, `core ${core.core} overlap`);
  }
});

test('proc: false (what every non-Linux OS gets): no segments, utilisation only', async () => {
  const { result } = await sampleScript(TWO_THREADS, { proc: false });
  assert.equal(result.hz, 0);
  assert.equal(result.samples, 0);
  assert.deepEqual(allSegments(result), []);
  assert.ok(result.cores.every((c) => c.utilisation.every((u) => u.busy >= 0 && u.busy <= 1)));
  assert.ok(result.cores.some((c) => c.utilisation.length >= 2), 'utilisation points every ~100 ms');
});

test('stop() is idempotent and tracking a pid that does not exist is silent', () => {
  const s = new Sampler({ clockOrigin: process.hrtime.bigint() });
  s.track(2 ** 22 + 12345); // above pid_max's default: never a live process
  s.beginRun('r');
  s.endRun();
  const a = s.stop();
  assert.equal(s.stop(), a);
  assert.deepEqual(allSegments(a), []);
});

test('stop() closes every /proc descriptor it opened', { skip: !LINUX && 'Linux /proc only' }, async () => {
  const fds = (): number => fs.readdirSync('/proc/self/fd').length;
  const before = fds();
  await sampleScript(TWO_THREADS);
  assert.equal(fds(), before);
});
