import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classify, noiseWarnings } from '../../../../src/engine/analysis/classify';
import type { Run } from '../../../../src/contracts/report';
import { busyWait, hashlibReleasesGil, maclaurin, maclaurinJython, sumRange } from '../../../fixtures/runs/articles';
import { articleMachine, articleTarget, fromPublished, fromRecording, type Fixture } from '../../../fixtures/runs/build';

const classifyFixture = (f: Fixture) => classify(f.runs, f.env, f.target);

describe('classify: CPU-bound pure Python under the GIL (the articles\' experiments)', () => {
  it('sum_range: CPU-bound, serialised by the GIL, even though threads burned 1.6 cores', () => {
    const c = classifyFixture(sumRange());
    assert.equal(c.kind, 'cpu-bound');
    assert.equal(c.gilBound, true);
    assert.ok(c.cpuRatio > 0.99);
    assert.equal(c.summary, 'CPU-bound, serialised by the GIL');
    const gil = c.evidence.find((e) => e.startsWith('Threads spent their CPU contending for the GIL'))!;
    assert.match(gil, /2 threads used 14 s of CPU \(user \+ sys\) in 8\.8 s of wall time, yet ran at 0\.82×/, 'the `time` lesson: CPU above real, yet slower');
  });

  it('busy_wait on a quad core: threads took turns on 1.0 cores with 4 workers, processes kept 3.9 busy', () => {
    const c = classifyFixture(busyWait());
    assert.equal(c.gilBound, true);
    assert.ok(c.evidence.some((e) => /^Threads took turns: only one thread runs Python bytecode at a time \(the GIL\), so 4 threads kept 1\.0 cores busy/.test(e)));
    assert.ok(c.evidence.some((e) => /^Processes ×4 kept 3\.9 cores busy/.test(e)));
  });

  it('Maclaurin on CPython: threads got slower, so the GIL is to blame', () => {
    const c = classifyFixture(maclaurin());
    assert.equal(c.kind, 'cpu-bound');
    assert.equal(c.gilBound, true);
  });
});

describe('classify: where threads do scale', () => {
  it('Maclaurin on Jython (no GIL): CPU-bound and not GIL-bound; threads kept 5.1 cores busy', () => {
    const c = classifyFixture(maclaurinJython());
    assert.equal(c.kind, 'cpu-bound');
    assert.equal(c.gilBound, false);
    assert.equal(c.summary, 'CPU-bound; no GIL in this build (threads kept 5.1 cores busy)');
  });

  it('hashlib releases the GIL: "CPU-bound; the GIL is released (threads kept 4.0 cores busy)"', () => {
    const c = classifyFixture(hashlibReleasesGil());
    assert.equal(c.gilBound, false);
    assert.equal(c.summary, 'CPU-bound; the GIL is released (threads kept 4.0 cores busy)');
  });

  it('recorded sleep tasks: I/O-bound, the tasks spend nearly all their time waiting', () => {
    const c = classifyFixture(fromRecording('io_sleep.json'));
    assert.equal(c.kind, 'io-bound');
    assert.equal(c.gilBound, false);
    assert.ok(c.cpuRatio < 0.05);
    assert.match(c.summary, /^I\/O-bound: tasks spend (9\d|100)% of their time waiting$/);
    assert.ok(c.evidence.some((e) => /^The tasks overlap their waiting: threads ×64 ran at \d+× while keeping 0\.\d cores busy/.test(e)));
  });

  it('recorded coroutine sleeps: I/O-bound, async overlaps the waiting', () => {
    const c = classifyFixture(fromRecording('io_async.json', true));
    assert.equal(c.kind, 'io-bound');
    assert.ok(c.evidence.some((e) => e.startsWith('The tasks overlap their waiting: async ×64 ran at')));
  });
});

describe('classify: tasks too small to hand out', () => {
  const tiny = fromRecording('tiny.json');
  const c = classifyFixture(tiny);
  it('is overhead-bound, quoting the task time and the dispatch cost', () => {
    assert.equal(c.kind, 'overhead-bound');
    assert.match(c.summary, /^Overhead-bound: each task takes \d+ ns; process dispatch costs \d+ µs$/);
    assert.ok(c.evidence.some((e) => /^Each task takes \d+ ns; thread-pool dispatch costs .* per task \(threads ×\d\); process dispatch costs .* per task/.test(e)));
  });
  it('does not blame the GIL for what dispatch overhead explains', () => {
    assert.equal(c.gilBound, false);
  });
  it('falls back to user + sys ÷ wall when tasks are too short to time their CPU', () => {
    // The per-task CPU clock read costs more than the task; the recorded task CPU exceeds task time five-fold.
    assert.ok(c.cpuRatio > 0.5 && c.cpuRatio < 1.5, `cpuRatio ${c.cpuRatio}`);
    assert.ok(c.evidence[0].includes('too short to time their CPU one by one'));
  });
});

describe('classify: every claim quotes a measurement', () => {
  const all = [sumRange(), busyWait(), maclaurin(), maclaurinJython(), hashlibReleasesGil(), fromRecording('io_sleep.json'), fromRecording('tiny.json')];
  it('each evidence sentence and summary contains a number', () => {
    for (const f of all) {
      const c = classifyFixture(f);
      assert.ok(c.evidence.length >= 2, f.source);
      for (const e of [...c.evidence, c.summary]) {
        if (e === 'CPU-bound, serialised by the GIL') continue; // the evidence carries its numbers
        assert.match(e, /\d/, `${f.source}: "${e}"`);
      }
    }
  });
});

describe('classify: edge cases', () => {
  it('without a serial run it says so instead of inventing a ratio', () => {
    const f = sumRange();
    const runs = f.runs.map((r) => (r.strategy === 'serial' ? { ...r, status: 'failed' as const } : r));
    const c = classify(runs, f.env, f.target);
    assert.equal(c.cpuRatio, 0);
    assert.equal(c.gilBound, false);
    assert.match(c.summary, /no serial baseline/);
  });

  it('uses (user + sys) ÷ wall when the serial run has no task records', () => {
    const f = sumRange();
    const runs = f.runs.map((r) => (r.strategy === 'serial' ? { ...r, tasks: [] } : r));
    const c = classify(runs, f.env, f.target);
    assert.ok(Math.abs(c.cpuRatio - (7.226 + 0.003) / 7.242) < 1e-9);
  });

  it('a free-threaded build whose threads stay on one core is not GIL-bound: something else serialises', () => {
    const runs = fromPublished([
      { strategy: 'serial', workers: 1, wall: 4, user: 4 },
      { strategy: 'threads', workers: 4, wall: 4.1, user: 4.1 },
    ], 4);
    const c = classify(runs, articleMachine(8, 4, 'CPython 3.13t', false), articleTarget('f', 'f.py', null, 4));
    assert.equal(c.gilBound, false);
    assert.ok(c.evidence.some((e) => /has no GIL, so something else serialises the tasks/.test(e)));
  });

  it('a single-core machine cannot show a GIL: threads and processes both stay at one core', () => {
    const f = busyWait();
    const c = classify(f.runs, { ...f.env, logicalCores: 1, physicalCores: 1 }, f.target);
    assert.equal(c.gilBound, false);
  });

  it('mixed work (half computing, half waiting) is "mixed"', () => {
    const runs = fromPublished([
      { strategy: 'serial', workers: 1, wall: 2, user: 1 },
      { strategy: 'threads', workers: 4, wall: 1.1, user: 1.05 },
    ], 8);
    const c = classify(runs, articleMachine(4, 4, 'CPython 3.12'), articleTarget('f', 'f.py', null, 8));
    assert.equal(c.kind, 'mixed');
    assert.match(c.summary, /^Mixed: tasks compute 50% of the time and wait 50%/);
  });
});

describe('noiseWarnings', () => {
  it('stays quiet for tight, repeated measurements', () => {
    assert.deepEqual(noiseWarnings(sumRange().runs), []);
  });

  it('flags, in one warning, every run whose interval spans more than 20% of the median (the recorded tiny tasks on a busy box)', () => {
    const w = noiseWarnings(fromRecording('tiny.json').runs).filter((x) => x.code === 'noisy-run');
    assert.equal(w.length, 1);
    assert.match(w[0].message, /varied by more than ±10% between repeats \(.+ ±\d+%.*\)/);
  });

  it('flags configurations measured fewer than 3 times', () => {
    const runs = fromPublished([{ strategy: 'serial', workers: 1, wall: 1, user: 1 }], 1).map((r): Run => ({ ...r, wall: { ...r.wall, samples: [1] } }));
    assert.equal(noiseWarnings(runs)[0].code, 'few-repeats');
  });

  it('warns when two strategies cannot be separated because their wide intervals overlap', () => {
    const runs = fromPublished([
      { strategy: 'serial', workers: 1, wall: 4, user: 4 },
      { strategy: 'threads', workers: 4, wall: 1.0, user: 3.9 },
      { strategy: 'processes', workers: 4, wall: 1.05, user: 4 },
    ], 4, 0.1);
    const w = noiseWarnings(runs).filter((x) => x.code === 'inseparable');
    assert.equal(w.length, 1);
    assert.match(w[0].message, /Too noisy to separate threads ×4 \(1\.0 s, .*\) from processes ×4/);
  });

  it('does not call a tight tie "too noisy"', () => {
    const runs = fromPublished([
      { strategy: 'serial', workers: 1, wall: 4, user: 4 },
      { strategy: 'threads', workers: 4, wall: 1.0, user: 3.9 },
      { strategy: 'processes', workers: 4, wall: 1.0, user: 4 },
    ], 4, 0.01);
    assert.equal(noiseWarnings(runs).filter((x) => x.code === 'inseparable').length, 0);
  });
});
