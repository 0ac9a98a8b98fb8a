/** A panel page that never says it is ready is assigned again, each try waiting longer, then the user is told. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LoadWatch, type LoadWatchHooks } from '../../../../src/extension/panel/loadWatch';

/** Hooks that record what the watch did, with a clock moved by hand. */
function fakeHooks() {
  const events: string[] = [];
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const hooks: LoadWatchHooks = {
    reload: (attempt, waited) => events.push(`reload ${attempt} after ${waited}`),
    giveUp: (waited) => events.push(`give up after ${waited}`),
    setTimer: (fn, ms) => {
      timers.set(next, { at: now + ms, fn });
      return next++;
    },
    clearTimer: (h) => void timers.delete(h as number),
  };
  /** Moves the clock by `ms`, firing the timers that fall due, in order. */
  const advance = (ms: number): void => {
    const until = now + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].fn();
    }
    now = until;
  };
  return { hooks, events, advance, pending: () => timers.size };
}

/** A watch with a first wait of 100 ms and 2 reloads, already expecting a load. */
function started() {
  const f = fakeHooks();
  const w = new LoadWatch(f.hooks, 100, 2);
  w.expect();
  return { ...f, w };
}

describe('LoadWatch: a panel page that never says it is ready is loaded again', () => {
  test('a page that says ready in time is left alone', () => {
    const { w, ...f } = started();
    f.advance(99);
    w.ready();
    f.advance(10_000);
    assert.deepEqual(f.events, []);
    assert.equal(f.pending(), 0);
  });

  test('a late page is reloaded, each try waiting twice as long, then the user is told once', () => {
    const f = started();
    f.advance(100_000);
    assert.deepEqual(f.events, ['reload 1 after 100', 'reload 2 after 200', 'give up after 400']);
    assert.equal(f.pending(), 0, 'nothing left waiting after giving up');
  });

  test('a reload that loads stops the watch; the next load starts with the first wait again', () => {
    const { w, ...f } = started();
    f.advance(150);
    w.ready();
    f.advance(10_000);
    assert.deepEqual(f.events, ['reload 1 after 100']);
    w.expect();
    f.advance(100);
    assert.deepEqual(f.events, ['reload 1 after 100', 'reload 1 after 100']);
  });

  test('a hidden panel is not waited on; showing it again is a new load', () => {
    const { w, ...f } = started();
    f.advance(50);
    w.hidden();
    f.advance(10_000);
    assert.deepEqual(f.events, [], 'no reload while hidden');
    w.expect();
    f.advance(100);
    assert.deepEqual(f.events, ['reload 1 after 100']);
    w.dispose();
    f.advance(10_000);
    assert.deepEqual(f.events, ['reload 1 after 100'], 'nothing after dispose');
  });
});
