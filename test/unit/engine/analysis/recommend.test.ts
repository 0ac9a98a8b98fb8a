import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classify } from '../../../../src/engine/analysis/classify';
import type { Recommendation, Run } from '../../../../src/contracts/report';
import { recommend } from '../../../../src/engine/analysis/recommend';
import { fitScaling } from '../../../../src/engine/analysis/scalingModel';
import { busyWait, hashlibReleasesGil, maclaurin, maclaurinJython, sumRange } from '../../../fixtures/runs/articles';
import { articleMachine, articleTarget, fromPublished, fromRecording, type Fixture } from '../../../fixtures/runs/build';

function verdict(f: Fixture, runs: Run[] = f.runs): Recommendation {
  const c = classify(runs, f.env, f.target);
  return recommend(runs, c, fitScaling(runs, f.env), f.env, f.target);
}

describe('GIL-bound CPU work → processes', () => {
  it('sum_range: processes, 2 workers, expected 1.9×; threads ×2: 0.82×', () => {
    const r = verdict(sumRange());
    assert.equal(r.strategy, 'processes');
    assert.equal(r.workers, 2);
    assert.equal(r.chunksize, 1);
    assert.equal(r.headline, 'processes, 2 workers, chunksize 1, expected 1.9×; threads ×2: 0.82×');
    assert.ok(Math.abs(r.expectedSpeedup - 7.242 / 3.81) < 1e-9);
    assert.ok(r.expectedSpeedupCi95[0] <= r.expectedSpeedup && r.expectedSpeedup <= r.expectedSpeedupCi95[1]);
    assert.equal(r.confidence, 'high');
    assert.match(r.confidenceReason, /^at least 3 repeats each, spread within ±\d+%, no other strategy within noise$/);
    // The GIL is the classification's evidence; the reasons do not say it again.
    assert.ok(!r.reasons.some((x) => /GIL|CPU-bound/.test(x)), r.reasons.join('\n'));
    assert.ok(r.reasons.some((x) => /^Processes ×2 took 3\.8 s against serial's 7\.2 s: 1\.9× \(95% interval 1\.9–1\.9×\)/.test(x)));
    assert.match(r.snippet, /ProcessPoolExecutor\(max_workers=2\)/);
    assert.match(r.snippet, /if __name__ == "__main__":/);
  });

  it('busy_wait on a quad core: processes at the 4 physical cores, about 4×; threads 1.0×', () => {
    const r = verdict(busyWait());
    assert.equal(r.strategy, 'processes');
    assert.equal(r.workers, 4);
    assert.match(r.headline, /^processes, 4 workers, chunksize 1, expected 3\.9×; threads ×4: 1\.0×$/);
    assert.ok(r.reasons.some((x) => x.includes('4 workers match the physical cores; cpu_count() reports 8')));
  });

  it('Maclaurin: processes at 8 (4.0×), threads quoted at their best measured configuration, as the table shows it', () => {
    const r = verdict(maclaurin());
    assert.equal(r.strategy, 'processes');
    assert.equal(r.workers, 8);
    assert.match(r.headline, /expected 4\.0×; threads ×1: 0\.98×$/);
    assert.ok(r.reasons.includes('Best of the other strategies: threads ×1 at 0.98×.'), r.reasons.join('\n'));
    assert.ok(r.reasons.some((x) => /\(fit over 5 worker counts: Amdahl serial fraction [\d.]+/.test(x)), r.reasons.join('\n'));
  });
});

describe('physical cores for CPU-bound process pools', () => {
  const quad = articleMachine(8, 4, 'CPython 3.12');
  const target = articleTarget('busy_wait', 'busy.py', '[(10**7,)] * 8', 8);
  const fixture = (eightWall: number): Fixture => ({
    source: 'busy_wait ×8 on 4 cores / 8 hyper-threads',
    target,
    env: quad,
    runs: fromPublished([
      { strategy: 'serial', workers: 1, wall: 5.2, user: 5.2 },
      { strategy: 'threads', workers: 4, wall: 5.3, user: 5.3 },
      { strategy: 'processes', workers: 4, wall: 1.4, user: 5.3 },
      { strategy: 'processes', workers: 8, wall: eightWall, user: 5.6 },
    ], 8),
  });

  it('stays at 4 workers when 8 (hyper-threads) is only a little faster', () => {
    const r = verdict(fixture(1.32)); // 6% faster, beyond noise, but under the 10% hyper-thread bar
    assert.equal(r.workers, 4);
    assert.ok(r.reasons.some((x) => /^4 workers for the 4 physical cores: 8 workers reached 3\.9× against 3\.7×, not clearly better/.test(x)));
  });

  it('goes to 8 workers when they were measured clearly better', () => {
    const r = verdict(fixture(1.1));
    assert.equal(r.workers, 8);
    assert.ok(r.reasons.some((x) => x.startsWith('8 workers exceed the 4 physical cores, but measured clearly better than 4')));
  });
});

describe('GIL-releasing work → threads', () => {
  it('hashlib: threads, and the fewest workers within noise of the best (4, not 8)', () => {
    const r = verdict(hashlibReleasesGil());
    assert.equal(r.strategy, 'threads');
    assert.equal(r.workers, 4);
    assert.match(r.headline, /^threads, 4 workers, expected 3\.8×; processes ×8: 3\.4×$/);
    assert.ok(r.reasons.some((x) => /threads ×8 reached 3\.9×, within noise of 3\.8×: 4 workers do the same job/.test(x)));
    assert.doesNotMatch(r.snippet, /__main__":\n.*ProcessPool/);
    assert.match(r.snippet, /ThreadPoolExecutor\(max_workers=4\)/);
  });

  it('Jython (no GIL): threads at 8', () => {
    const r = verdict(maclaurinJython());
    assert.equal(r.strategy, 'threads');
    assert.equal(r.workers, 8);
    assert.ok(r.reasons.includes('processes was not run: Jython has no multiprocessing module.'), r.reasons.join('\n'));
  });
});

describe('I/O-bound work → threads or async, with many workers', () => {
  it('recorded sleeps: threads with far more workers than cores', () => {
    const f = fromRecording('io_sleep.json');
    const r = verdict(f);
    assert.equal(r.strategy, 'threads');
    assert.ok(r.workers >= 16, `workers ${r.workers} on ${f.env.logicalCores} cores`);
    assert.ok(r.expectedSpeedup > 10);
  });

  it('recorded coroutine sleeps: async at 64, and the curve had not flattened', () => {
    const r = verdict(fromRecording('io_async.json', true));
    assert.equal(r.strategy, 'async');
    assert.equal(r.workers, 64);
    assert.ok(r.reasons.some((x) => /^Gains had not flattened at 64 workers \(32 workers: \d+×, 64: \d+×\)/.test(x)));
    assert.match(r.snippet, /asyncio\.Semaphore\(64\)/);
  });
});

describe('tiny tasks → serial, with why', () => {
  const r = verdict(fromRecording('tiny.json'));
  it('recommends serial with one worker and an expected 1×', () => {
    assert.equal(r.strategy, 'serial');
    assert.equal(r.workers, 1);
    assert.equal(r.expectedSpeedup, 1);
    assert.match(r.headline, /^serial: nothing beat it beyond noise; threads ×\d+: 0\.\d+×; processes ×\d+(, chunksize \d+)?: 0\.\d+×$/);
  });
  it('quotes the task time and what dispatch costs once, in the evidence, and that nothing beat serial once, in the reasons', () => {
    const f = fromRecording('tiny.json');
    const c = classify(f.runs, f.env, f.target);
    const costs = /^Each task takes \d+ ns; thread-pool dispatch costs \d+ µs per task .*process dispatch costs \d+ µs per task/;
    assert.ok(c.evidence.some((x) => costs.test(x)));
    assert.ok(!r.reasons.some((x) => costs.test(x)));
    assert.ok(!c.evidence.some((x) => /^No parallel configuration beat serial/.test(x)));
    assert.ok(r.reasons.some((x) => /^No parallel configuration beat serial \(.* ms\) beyond noise: the fastest with two or more workers, .*, ran at 0\.\d+×/.test(x)));
  });
  it('gives a plain-loop snippet', () => {
    assert.match(r.snippet, /return \[run_task\(args\) for args in CALLS\]/);
  });
});

describe('only measured runs are recommended', () => {
  it('a failed, stopped or timed-out run is never chosen, however fast it looked', () => {
    const f = sumRange();
    for (const status of ['failed', 'stopped', 'timeout', 'skipped'] as const) {
      const runs = f.runs.map((r) => (r.strategy === 'processes' ? { ...r, status } : r));
      const r = verdict(f, runs);
      assert.equal(r.strategy, 'serial', status);
    }
  });

  it('without a serial baseline it picks the fastest completed run at low confidence', () => {
    const f = sumRange();
    const runs = f.runs.map((r) => (r.strategy === 'serial' ? { ...r, status: 'failed' as const } : r));
    const r = verdict(f, runs);
    assert.equal(r.strategy, 'processes');
    assert.equal(r.confidence, 'low');
    assert.match(r.reasons[0], /serial run did not complete/);
  });

  it('with nothing completed it falls back to serial, at low confidence, without NaN', () => {
    const f = sumRange();
    const runs = f.runs.map((r) => ({ ...r, status: 'failed' as const }));
    const r = verdict(f, runs);
    assert.equal(r.strategy, 'serial');
    assert.equal(r.confidence, 'low');
    assert.ok(!JSON.stringify(r).includes('NaN') && Number.isFinite(r.expectedSpeedup));
  });
});

describe('noise decides, not the median alone', () => {
  const target = articleTarget('f', 'f.py', null, 4);
  const env = articleMachine(4, 4, 'CPython 3.12');
  it('a 4% gain is not a win: serial', () => {
    const f: Fixture = { source: 'small gain', target, env, runs: fromPublished([
      { strategy: 'serial', workers: 1, wall: 1.0, user: 1 },
      { strategy: 'processes', workers: 2, wall: 0.962, user: 1.02 },
    ], 4, 0.001) };
    assert.equal(verdict(f).strategy, 'serial');
  });
  it('a 1.5× gain whose interval overlaps serial\'s is not a win either', () => {
    const f: Fixture = { source: 'noisy gain', target, env, runs: fromPublished([
      { strategy: 'serial', workers: 1, wall: 1.0, user: 1 },
      { strategy: 'processes', workers: 2, wall: 0.66, user: 1.02 },
    ], 4, 0.3) };
    assert.equal(verdict(f).strategy, 'serial');
  });
  it('a single repeat gives low confidence even for a clear winner', () => {
    const f = sumRange();
    const runs = f.runs.map((r) => ({
      ...r,
      wall: {
        median: r.wall.median, ci95: [r.wall.median, r.wall.median] as [number, number], samples: [r.wall.median],
      },
    }));
    const r = verdict(f, runs);
    assert.equal(r.strategy, 'processes');
    assert.equal(r.confidence, 'low');
  });
  it('every reason quotes a number or names a measured outcome', () => {
    for (const f of [sumRange(), busyWait(), maclaurin(), hashlibReleasesGil(), fromRecording('tiny.json')]) {
      for (const x of verdict(f).reasons) {
        if (x.startsWith('CPU-bound, serialised')) continue; // the classification summary; its evidence carries numbers
        assert.match(x, /\d/, `${f.source}: "${x}"`);
      }
    }
  });
});
