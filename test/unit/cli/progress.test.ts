// The CLI's progress: one line rewritten in place on a terminal, counting the estimate down between events; plain
// lines, one per event and never a carriage return, in a log or a pipe; nothing with --quiet.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ProgressLine, terminalLine, type ProgressStream } from '../../../src/cli/progress';
import type { ProgressEvent } from '../../../src/engine';

const run = (over: Partial<ProgressEvent> = {}): ProgressEvent => ({
  message: 'threads ×2, repeat 1 of up to 3', done: 3, total: 10, config: 'threads ×2',
  repeat: { index: 1, of: 3, adaptive: true }, secondsLeft: 62, ...over,
});

function recorder(isTTY: boolean, columns = 100): ProgressStream & { out: string[] } {
  const out: string[] = [];
  return { out, isTTY, columns, write: (t: string) => out.push(t) };
}

describe('CLI progress line', () => {
  it('says the configuration, the repeat, the run and the time left', () => {
    assert.equal(terminalLine(run(), 0), 'threads ×2, repeat 1 of up to 3 · run 4 of 10 · about 1 min left');
  });

  it('fits a narrow terminal, ending in an ellipsis rather than wrapping', () => {
    const line = terminalLine(run(), 0, 30);
    assert.equal(line.length, 29);
    assert.ok(line.endsWith('…'));
  });

  it('on a terminal rewrites one line in place and counts down between events', () => {
    let now = 0;
    const tty = recorder(true);
    const p = new ProgressLine(tty, false, () => now);
    p.update(run());
    p.redraw(); // same second, same words: not written again
    now = 30_000;
    p.redraw();
    p.clear();
    assert.deepEqual(tty.out, [
      '\r\x1b[Kthreads ×2, repeat 1 of up to 3 · run 4 of 10 · about 1 min left',
      '\r\x1b[Kthreads ×2, repeat 1 of up to 3 · run 4 of 10 · about 30 s left',
      '\r\x1b[K',
    ]);
    assert.ok(!tty.out.some((t) => t.includes('\n')), 'no new lines on a terminal');
  });

  it('elsewhere writes one plain line per event, without repeating the same line', () => {
    const log = recorder(false);
    const p = new ProgressLine(log);
    const wait = { message: 'another profile is running (pid 7, a.py:f); waiting…', done: 0, total: 1 };
    p.update(wait);
    p.update(wait);
    p.update(run());
    p.redraw();
    p.clear();
    assert.deepEqual(log.out, [
      'another profile is running (pid 7, a.py:f); waiting…\n',
      'threads ×2, repeat 1 of up to 3 · run 4 of 10 · about 1 min left\n',
    ]);
  });

  it('prints nothing with --quiet', () => {
    const tty = recorder(true);
    const p = new ProgressLine(tty, true);
    p.update(run());
    p.clear();
    assert.deepEqual(tty.out, []);
  });
});
