// Cancel from the terminal: Ctrl-C (SIGINT) and SIGTERM. Exit 130, the report keeps what finished, and every
// profiler process (the CLI included) is gone within 1 s of the signal. The latency goes into FAULTS.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HOSTILE, median, privateLockDir, runWatched, tasks } from './support';
import { figure, record } from './report';

privateLockDir();
const latencies: Record<string, number[]> = { SIGINT: [], SIGTERM: [] };
const ROUNDS = 3;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  for (let round = 1; round <= ROUNDS; round++) {
    // The last round cancels inside the processes run, so pool workers have to go too.
    const during = round === ROUNDS ? 'processes' : 'threads';
    test(`${signal} during the ${during} run (${round}/${ROUNDS}): exit 130, finished runs kept, quiet within 1 s`, async () => {
      // sleeps: 8 tasks of 0.5 s, so serial takes 4 s and threads ×2 2 s; the signal lands inside the chosen run.
      let serialSeenAt: number | undefined;
      const res = await runWatched(['profile', `${HOSTILE}:sleeps`, ...tasks(8), '--workers', '2', '--repeats', '1',
        '--strategies', 'serial,threads,processes', '--budget', '60'], {
        signal,
        when: (stderr, s) => {
          if (serialSeenAt === undefined && new RegExp(`(^|\\] )${during} ×`, "m").test(stderr)) serialSeenAt = s.t;
          return serialSeenAt !== undefined && s.t > serialSeenAt + 300 + 200 * round;
        },
      });
      const latency = res.quietAt !== undefined && res.signalAt !== undefined ? res.quietAt - res.signalAt : Infinity;
      latencies[signal].push(latency);
      const kept = res.report?.runs.some((r) => r.strategy === 'serial' && r.status === 'ok' && r.repeats > 0);
      const handled = res.code === 130 && res.report?.cancelled === true && !!kept && latency <= 1000;
      record({ fault: 'cancel', variant: `${signal} during the ${during} run (${round})`, handled,
        message: `exit ${res.code}; "${res.stderr.split('\n').find((l) => l.startsWith('cancelling'))}"; serial kept; quiet ${latency.toFixed(0)} ms after the signal`,
        leftovers: res.leftovers.length, test: 'cancel.test.ts' });
      assert.equal(res.code, 130, res.stderr);
      assert.equal(res.report?.cancelled, true);
      assert.ok(kept, 'the serial run that finished is in the report');
      // The run the signal cut short measured nothing: it reads as stopped by the cancel, never as an ok run.
      const cut = res.report?.runs.find((r) => r.strategy === during && r.workers === 2 && !r.variantOf);
      assert.equal(cut?.status, 'stopped', JSON.stringify(res.report?.runs.map((r) => [r.id, r.status, r.repeats, r.reason])));
      assert.match(cut?.reason ?? '', /cancelled before its first repeat finished/);
      // The 1 s bound is the product requirement (issue 5): our own stop path, SIGTERM then SIGKILL after 400 ms.
      assert.ok(latency <= 1000, `${latency.toFixed(0)} ms from ${signal} to the last process gone`);
      assert.deepEqual(res.leftovers, []);
    });
  }
}

test('cancel-to-quiet latency goes into FAULTS.md', () => {
  const all = [...latencies.SIGINT, ...latencies.SIGTERM].filter(Number.isFinite);
  assert.ok(all.length > 0);
  figure({ name: 'cancel-to-quiet latency (CLI, SIGINT and SIGTERM)', samples: all.map(Math.round), unit: 'ms', goal: '≤ 1000 ms',
    how: `${ROUNDS} × SIGINT and ${ROUNDS} × SIGTERM to the CLI mid-run (median ${median(all).toFixed(0)} ms); from the signal to the last tagged process (CLI, harness, pool workers) leaving /proc, 10 ms polls` });
});
