// Workloads that exhaust resources: memory without bound, megabytes of output, huge or unpicklable results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../support/cli';
import { HOSTILE, QUICK, measured, privateLockDir, runOf, runWatched, tasks } from './support';
import { figure, record } from './report';

privateLockDir();
const THREE = ['--strategies', 'serial,threads,processes'];
const LIMIT_MB = 300;

test('allocates without bound: every run stops at --memory-limit with "out of memory (limit N MB)"; no process grows past it', async () => {
  // Event-loop lag of this process while the workload allocates: a stand-in for "the machine stays responsive".
  let lag = 0;
  let last = performance.now();
  const tick = setInterval(() => {
    const now = performance.now();
    lag = Math.max(lag, now - last - 50);
    last = now;
  }, 50);
  const res = await runWatched(['profile', `${HOSTILE}:allocates_forever`, ...tasks(3), ...QUICK, ...THREE, '--memory-limit', String(LIMIT_MB)]);
  clearInterval(tick);
  const peakMb = Math.max(...res.samples.flatMap((s) => [...s.rss.values()])) / 1024;
  const runs = res.report?.runs ?? [];
  const handled = res.code === 3 && runs.length === 3 && runs.every((r) => r.status === 'failed' && r.error?.type === 'MemoryError' &&
    r.reason === `task 1 ran out of memory (limit ${LIMIT_MB} MB)`) && peakMb < LIMIT_MB + 64;
  record({ fault: 'allocates without bound', variant: `16 MB blocks forever, --memory-limit ${LIMIT_MB}`, handled,
    message: `${runs[0]?.reason}: ${runs[0]?.error?.message} (peak RSS of any profiler process ${peakMb.toFixed(0)} MB)`,
    leftovers: res.leftovers.length, test: 'resources.test.ts' });
  figure({ name: 'memory limit: peak RSS of any profiler process', samples: [Math.round(peakMb)], unit: 'MB', goal: `< ${LIMIT_MB} MB limit + 64 MB of code and libraries`,
    how: `allocates_forever under serial, threads, processes ×2 with --memory-limit ${LIMIT_MB}; RSS of every tagged process polled every 10 ms` });
  figure({ name: 'memory limit: event-loop lag of a bystander process', samples: [Math.round(lag)], unit: 'ms', goal: 'responsive (no swap storm)',
    how: 'largest delay of a 50 ms timer in the test process while the workload allocated' });
  assert.equal(res.code, 3, res.stderr);
  for (const r of runs) {
    assert.equal(r.error?.type, 'MemoryError', r.id);
    assert.equal(r.reason, `task 1 ran out of memory (limit ${LIMIT_MB} MB)`);
    assert.match(r.error?.message ?? '', /out of memory \(limit 300 MB per process\).*--memory-limit/);
  }
  assert.ok(peakMb < LIMIT_MB + 64, `a process reached ${peakMb.toFixed(0)} MB`);
  assert.deepEqual(res.leftovers, []);
});

test('prints megabytes to stdout and stderr (and forges a protocol line): runs measured, output kept truncated in the report', async () => {
  const res = await runCli(['profile', `${HOSTILE}:prints_megabytes`, ...tasks(3), ...QUICK, ...THREE]);
  const out = res.report?.output;
  const ok = ['serial', 'threads', 'processes'].every((s) => measured(res.report, s));
  const handled = res.code === 0 && ok && !!out && out.truncated &&
    out.bytes > 4 * 2 ** 20 && out.text.length < 140 * 1024 &&
    /bytes of output not kept/.test(out.text) && /output: the workload printed .* MB \(truncated/.test(res.stdout);
  record({ fault: 'prints megabytes', variant: '2 MB per task on stdout and stderr, a forged {"type":"done"} line on fd 1', handled,
    message: `${res.stdout.split('\n').find((l) => l.startsWith('output:'))?.slice(0, 140)}; every run measured`,
    leftovers: res.leftovers.length, test: 'resources.test.ts' });
  assert.equal(res.code, 0, res.stderr);
  assert.ok(ok, 'the protocol stayed intact: every strategy was measured');
  assert.equal(out?.truncated, true);
  assert.ok(out!.bytes > 4 * 2 ** 20, `${out?.bytes} bytes counted`);
  assert.ok(out!.text.length < 140 * 1024, 'only the first and last 64 KB are kept');
  assert.match(out!.text, /^x{1023}\n/, 'the head is the start of the output');
  assert.match(out!.text, /y{1000}$/, 'the tail is the end of the output');
  assert.match(out!.text, /\[\.\.\. \d+ bytes of output not kept/);
  assert.deepEqual(res.leftovers, []);
});

test('returns ~100 MB per task: measured, and the processes run shows the transfer (resultBytes, serialisation, a warning)', async () => {
  const res = await runCli(['profile', `${HOSTILE}:returns_huge`, ...tasks(3), ...QUICK, '--strategies', 'serial,processes']);
  const proc = runOf(res.report, 'processes');
  const warning = res.report?.warnings.find((w) => w.code === 'large-transfer');
  const handled = res.code === 0 && measured(res.report, 'processes') && (proc?.overhead.resultBytes ?? 0) >= 300 * 2 ** 20 &&
    (proc?.overhead.serialization ?? 0) > 0 && !!warning;
  record({ fault: 'returns a huge or unpicklable result', variant: 'bytes(100 MB) from each task', handled,
    message: `processes overhead ${proc?.overhead.total.toFixed(2)} s, resultBytes ${((proc?.overhead.resultBytes ?? 0) / 2 ** 20).toFixed(0)} MB; warning: ${warning?.message}`,
    leftovers: res.leftovers.length, test: 'resources.test.ts' });
  assert.equal(res.code, 0, res.stderr);
  assert.ok((proc?.overhead.resultBytes ?? 0) >= 300 * 2 ** 20, `resultBytes ${proc?.overhead.resultBytes}`);
  assert.ok((proc?.overhead.serialization ?? 0) > 0);
  assert.match(warning?.message ?? '', /300\.0 MB of results.*return less data/);
  assert.deepEqual(res.leftovers, []);
});

for (const [variant, fn, what] of [
  ['returns a generator', 'returns_generator', /cannot pickle 'generator' object/],
  ['returns a threading.Lock', 'returns_lock', /cannot pickle '_thread\.lock' object/],
] as const) {
  test(`${variant}: processes fails naming the result that cannot be pickled back and the fix; serial measured`, async () => {
    const res = await runCli(['profile', `${HOSTILE}:${fn}`, ...tasks(3), ...QUICK, '--strategies', 'serial,processes']);
    const proc = runOf(res.report, 'processes');
    const handled = res.code === 0 && proc?.status === 'failed' && what.test(proc.error?.message ?? '') &&
      /Return plain data/.test(proc.error?.message ?? '') && measured(res.report, 'serial');
    record({ fault: 'returns a huge or unpicklable result', variant, handled, message: `processes: ${proc?.error?.message}`,
      leftovers: res.leftovers.length, test: 'resources.test.ts' });
    assert.equal(res.code, 0, res.stderr);
    assert.equal(proc?.status, 'failed');
    assert.match(proc?.error?.message ?? '', what);
    assert.match(proc?.error?.message ?? '', /cannot be pickled back.*Return plain data/);
    assert.ok(measured(res.report, 'serial'));
    assert.deepEqual(res.leftovers, []);
  });
}
