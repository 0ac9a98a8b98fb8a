// One profile per machine: a second CLI waits with a message (or fails with --no-wait), a stale lock left by a dead
// process is taken over, and the engine API (what the extension calls) queues on the same lock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, ROOT } from '../support/cli';
import { profile } from '../../src/engine/profile/profile';
import { acquireProfileLock, LockWaitCancelled, lockFile, ProfilerBusyError } from '../../src/engine/platform/lock';
import { HOSTILE, privateLockDir, tasks } from './support';
import { record } from './report';

const lockDir = privateLockDir(); // shared by the CLIs of this file only
const SLOW = ['profile', `${HOSTILE}:sleeps`, ...tasks(4), '--strategies', 'serial', '--repeats', '1', '--quiet'];
const FAST = ['profile', `${HOSTILE}:spin`, ...tasks(2), '--strategies', 'serial', '--repeats', '1', '--quiet'];

async function whenLocked(): Promise<void> {
  const file = path.join(lockDir, 'parallelism-profiler.lock');
  const deadline = Date.now() + 20_000;
  while (!fs.existsSync(file)) {
    assert.ok(Date.now() < deadline, 'the first profile never took the lock');
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('a second CLI profile waits for the first, says so, and never overlaps it', async () => {
  const first = runCli(SLOW);
  await whenLocked();
  const second = await runCli(FAST);
  const a = await first;
  const aEnd = Date.parse(a.report!.createdAt) + a.report!.duration * 1000;
  const bStart = Date.parse(second.report!.createdAt);
  const waitLine = second.stderr.split('\n').find((l) => l.startsWith('another profile is running'));
  const handled = a.code === 0 && second.code === 0 && !!waitLine && bStart >= aEnd - 5 &&
    second.report!.warnings.some((w) => w.code === 'waited');
  record({ fault: 'concurrent profiles', variant: 'two CLIs at once', handled,
    message: `${waitLine?.replace(/pid \d+/, 'pid N')}; the second began ${(bStart - aEnd).toFixed(0)} ms after the first ended`,
    leftovers: a.leftovers.length + second.leftovers.length, test: 'lock.test.ts' });
  assert.equal(a.code, 0, a.stderr);
  assert.equal(second.code, 0, second.stderr);
  assert.match(waitLine ?? '', /^another profile is running \(pid \d+, hostile\.py:sleeps\); waiting…$/);
  // 5 ms: createdAt is a wall-clock ISO time with millisecond resolution, duration a monotonic measure.
  assert.ok(bStart >= aEnd - 5, `the second began ${aEnd - bStart} ms before the first ended`);
  assert.match(second.report!.warnings.find((w) => w.code === 'waited')?.message ?? '', /waited \d+\.\d s for another profile/);
  assert.deepEqual([...a.leftovers, ...second.leftovers], []);
  assert.ok(!fs.existsSync(lockFile()), 'the lock is released');
});

test('--no-wait fails at once with exit 2 while another profile runs', async () => {
  const first = runCli(SLOW);
  await whenLocked();
  const second = await runCli([...FAST, '--no-wait'], { json: false });
  const a = await first;
  const line = second.stderr.trim().split('\n')[0];
  const handled = second.code === 2 && /^error: another profile is running \(pid \d+, hostile\.py:sleeps\); not waiting \(--no-wait\)$/.test(line);
  record({ fault: 'concurrent profiles', variant: 'second CLI with --no-wait', handled, message: line.replace(/pid \d+/, 'pid N'),
    leftovers: a.leftovers.length + second.leftovers.length, test: 'lock.test.ts' });
  assert.equal(second.code, 2, second.stderr);
  assert.match(line, /^error: another profile is running \(pid \d+, hostile\.py:sleeps\); not waiting \(--no-wait\)$/);
  assert.equal(a.code, 0, a.stderr);
  assert.deepEqual([...a.leftovers, ...second.leftovers], []);
});

test('a lock left by a dead process is taken over without waiting', async () => {
  const dead = spawnSync('true').pid!; // a pid that just exited
  fs.writeFileSync(lockFile(), JSON.stringify({ pid: dead, target: 'ghost.py:f', token: 'stale' }));
  const res = await runCli(FAST);
  const handled = res.code === 0 && !/another profile is running/.test(res.stderr) && !fs.existsSync(lockFile());
  record({ fault: 'concurrent profiles', variant: 'stale lock of a dead pid', handled, message: 'taken over silently; the profile ran at once',
    leftovers: res.leftovers.length, test: 'lock.test.ts' });
  assert.equal(res.code, 0, res.stderr);
  assert.doesNotMatch(res.stderr, /another profile is running/);
  assert.ok(!fs.existsSync(lockFile()));
  assert.deepEqual(res.leftovers, []);
});

test('the engine API (what the extension calls) takes the same lock: busy → ProfilerBusyError, or waits until cancelled', async () => {
  const held = await acquireProfileLock({ wait: false, target: 'other.py:g' });
  try {
    const req = { file: path.join(ROOT, HOSTILE), function: 'spin', args: '[(1,)]', strategies: ['serial' as const], repeats: 1 };
    await assert.rejects(profile({ ...req, lock: 'fail' }), (e: unknown) => e instanceof ProfilerBusyError && /pid \d+, other\.py:g/.test((e as Error).message));
    const abort = new AbortController();
    let told = '';
    const waiting = profile(req, {
      signal: abort.signal,
      onProgress: (p) => { told ||= p.message; abort.abort(); },
    });
    await assert.rejects(waiting, LockWaitCancelled);
    assert.match(told, /^another profile is running \(pid \d+, other\.py:g\); waiting…$/, 'the extension\'s progress shows the wait');
  } finally {
    held.release();
  }
  assert.ok(!fs.existsSync(lockFile()));
});
