/** The progress notification: configuration, repeat, run and time left, a bar that never goes back, a countdown. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NotificationProgress } from '../../../../src/extension/profiling/notificationProgress';
import type { ProgressEvent } from '../../../../src/engine';

const event = (done: number, total: number, secondsLeft?: number): ProgressEvent => ({
  message: 'processes ×2, repeat 2 of 3', done, total, config: 'processes ×2',
  repeat: { index: 2, of: 3, adaptive: false }, ...(secondsLeft === undefined ? {} : { secondsLeft }),
});

describe('progress notification', () => {
  test('says the configuration, the repeat, the run and the time left, never a bare "N remaining"', () => {
    const seen: { message?: string; increment?: number }[] = [];
    const p = new NotificationProgress((v) => seen.push(v), () => 0, 0);
    p.update(event(3, 12, 95));
    assert.deepEqual(seen, [{ message: 'processes ×2, repeat 2 of 3 · run 4 of 12 · about 1 min 40 s left', increment: 25 }]);
    assert.doesNotMatch(seen[0]!.message!, /\d+ remaining/);
  });

  test('the bar only moves forward when the plan grows', () => {
    const seen: { increment?: number }[] = [];
    const p = new NotificationProgress((v) => seen.push(v), () => 0, 0);
    p.update(event(5, 10));
    p.update(event(6, 20));
    p.update(event(16, 20));
    assert.deepEqual(seen.map((v) => v.increment), [50, 0, 30]);
  });

  test('between events the countdown moves, and only a changed text is reported', () => {
    let now = 0;
    const seen: { message?: string; increment?: number }[] = [];
    const p = new NotificationProgress((v) => seen.push(v), () => now, 0);
    p.update(event(1, 4, 40));
    now = 500;
    p.redraw();
    now = 20_000;
    p.redraw();
    now = 45_000;
    p.redraw();
    p.dispose();
    assert.deepEqual(seen.map((v) => v.message?.split(' · ').pop()), ['about 40 s left', 'about 20 s left', 'finishing…']);
  });
});
