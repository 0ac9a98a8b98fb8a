// Progress in words, the same for the CLI and the extension: "about 40 s left", never a bare "14 remaining".
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeProgress, formatDuration, runCountText, timeLeftText } from '../../../../src/engine/profile/progressText';

describe('progress wording', () => {
  it('formats durations coarser as they grow, so a countdown does not jitter', () => {
    assert.deepEqual([0.2, 4.4, 12, 44, 61, 95, 599, 725].map(formatDuration),
      ['1 s', '4 s', '10 s', '45 s', '1 min', '1 min 40 s', '10 min', '12 min']);
  });

  it('counts the estimate down between events and says "finishing…" once it has run out', () => {
    assert.equal(timeLeftText({ secondsLeft: 42 }), 'about 40 s left');
    assert.equal(timeLeftText({ secondsLeft: 42 }, 30), 'about 10 s left');
    assert.equal(timeLeftText({ secondsLeft: 42 }, 45), 'finishing…');
    assert.equal(timeLeftText({ secondsLeft: 0.4 }), 'under 1 s left');
    assert.equal(timeLeftText({ secondsLeft: 0 }), 'finishing…', 'nothing left to run but the report');
    assert.equal(timeLeftText({}), '', 'no estimate yet: nothing rather than a guess');
  });

  it('names the run with its unit ("run 7 of 12"), and only for measured runs', () => {
    assert.equal(runCountText({ done: 6, total: 12, config: 'threads ×2' }), 'run 7 of 12');
    assert.equal(runCountText({ done: 12, total: 12, config: 'threads ×2' }), 'run 13 of 13', 'a grown plan never reads 13 of 12');
    assert.equal(runCountText({ done: 0, total: 1 }), '', 'warm-up and loading have no run number');
  });

  it('puts configuration, repeat, run and time left in one line', () => {
    const line = describeProgress({
      message: 'processes ×4, repeat 2 of 3', done: 6, total: 12, config: 'processes ×4',
      repeat: { index: 2, of: 3, adaptive: false }, secondsLeft: 42,
    });
    assert.equal(line, 'processes ×4, repeat 2 of 3 · run 7 of 12 · about 40 s left');
    assert.doesNotMatch(line, /\d+ remaining/);
    assert.equal(describeProgress({ message: 'warm-up: 1 of 8 tasks, serially', done: 0, total: 1 }), 'warm-up: 1 of 8 tasks, serially');
  });
});
