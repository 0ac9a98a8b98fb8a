/**
 * How the verdict reads (issue 12, point 4), over the articles' figures, the recordings and a recorded JavaScript
 * profile: one multiplication sign, each reason once, plain words before the numbers, the confidence with its cause,
 * the other strategies named by the configuration the table shows as their best, and no GIL words for JavaScript.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Classification, Environment, Recommendation, Report, Run, Target } from '../../../../src/contracts/report';
import { classify } from '../../../../src/engine/analysis/classify';
import { recommend } from '../../../../src/engine/analysis/recommend';
import { fitScaling } from '../../../../src/engine/analysis/scalingModel';
import { verdict as buildVerdict } from '../../../../src/engine/report/build';
import { runLabel } from '../../../../src/engine/analysis/humanize';
import { busyWait, hashlibReleasesGil, maclaurin, maclaurinJython, sumRange } from '../../../fixtures/runs/articles';
import { articleMachine, articleTarget, fromPublished, fromRecording, type Fixture } from '../../../fixtures/runs/build';

const ROOT = resolve(__dirname, '../../../..');

interface Case {
  name: string;
  runs: Run[];
  env: Environment;
  target: Target;
}

function fromReport(file: string): Case {
  const r = JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures/reports', file), 'utf8')) as Report;
  return { name: file, runs: r.runs, env: r.environment, target: r.target };
}

const fixture = (f: Fixture): Case => ({ name: f.source, runs: f.runs, env: f.env, target: f.target });

const CASES: Case[] = [
  fixture(sumRange()), fixture(busyWait()), fixture(maclaurin()), fixture(maclaurinJython()),
  fixture(hashlibReleasesGil()),
  fixture(fromRecording('io_sleep.json')), fixture(fromRecording('io_async.json', true)), fixture(fromRecording('tiny.json')),
  fromReport('sum_range_js.json'),
];

function judge(c: Case): { cls: Classification; rec: Recommendation } {
  const cls = classify(c.runs, c.env, c.target);
  return { cls, rec: buildVerdict(c.runs, cls, c.env, c.target).recommendation };
}

/** Every sentence a front end shows for the verdict. */
function sentences(cls: Classification, rec: Recommendation): string[] {
  return [cls.summary, ...cls.evidence, rec.headline, ...rec.reasons, rec.confidenceReason];
}

describe('verdict wording: one multiplication sign', () => {
  for (const c of CASES) {
    it(`${c.name}: speedups print as 1.8× (U+00D7), never 1.8x`, () => {
      const { cls, rec } = judge(c);
      for (const s of sentences(cls, rec)) assert.doesNotMatch(s, /\d(\.\d+)?x\b/, s);
    });
  }
});

describe('verdict wording: each reason once', () => {
  for (const c of CASES) {
    it(`${c.name}: no sentence of the reasons repeats the summary or an evidence line`, () => {
      const { cls, rec } = judge(c);
      const shown = [cls.summary, ...cls.evidence].map((s) => s.replace(/\.$/, '').toLowerCase());
      for (const reason of rec.reasons) {
        assert.ok(!shown.includes(reason.replace(/\.$/, '').toLowerCase()), `repeated: ${reason}`);
      }
      // The GIL is explained once, in the evidence (the summary names it in three words).
      const gil = sentences(cls, rec).filter((s) => /only one thread runs Python bytecode/.test(s));
      assert.ok(gil.length <= 1, gil.join('\n'));
    });

    it(`${c.name}: a strategy that did not run is explained once across headline, reasons and evidence`, () => {
      const { cls, rec } = judge(c);
      for (const run of c.runs.filter((r) => r.status === 'skipped' && r.reason)) {
        const all = [rec.headline, ...rec.reasons, ...cls.evidence];
        const mentions = all.filter((s) => s.includes(run.reason!));
        assert.ok(mentions.length <= 1, `${run.strategy}: ${mentions.join(' | ')}`);
      }
    });
  }

  it('the serial verdict says "no parallel configuration beat serial" once, with its interval', () => {
    const { cls, rec } = judge(fixture(fromRecording('tiny.json')));
    const all = sentences(cls, rec).filter((s) => /no parallel configuration beat serial/i.test(s));
    assert.equal(all.length, 1, all.join('\n'));
    assert.match(all[0], /95% interval|measured once/);
  });
});

describe('verdict wording: plain words first, numbers after', () => {
  for (const c of CASES) {
    it(`${c.name}: CPU ÷ wall comes after a sentence that says what it means`, () => {
      const { cls } = judge(c);
      for (const e of cls.evidence.filter((x) => x.includes('CPU ÷ wall'))) {
        assert.ok(e.indexOf(':') < e.indexOf('CPU ÷ wall'), e);
        assert.doesNotMatch(e, /^(The serial run|CPU)/, e);
      }
    });

    it(`${c.name}: the scaling fit says where adding workers stops paying before σ and κ`, () => {
      const { rec } = judge(c);
      for (const r of rec.reasons.filter((x) => /σ|κ|Amdahl/.test(x))) {
        const bracket = r.indexOf('(fit over');
        assert.ok(bracket > 0, r);
        assert.doesNotMatch(r.slice(0, bracket), /σ|κ|USL|Amdahl|serial fraction/, r);
      }
    });
  }

  it('a model that peaks within the measured range says "adding workers stops paying near N workers"', () => {
    const env = articleMachine(8, 8, 'CPython 3.12');
    const target = articleTarget('f', 'f.py', null, 64);
    const runs = fromPublished([
      { strategy: 'serial', workers: 1, wall: 8, user: 8 },
      { strategy: 'processes', workers: 2, wall: 4.3, user: 8.2 },
      { strategy: 'processes', workers: 4, wall: 2.6, user: 8.5 },
      { strategy: 'processes', workers: 8, wall: 2.4, user: 9 },
      { strategy: 'processes', workers: 16, wall: 3.2, user: 9.5 },
    ], 64);
    const cls = classify(runs, env, target);
    const rec = buildVerdict(runs, cls, env, target).recommendation;
    const fit = rec.reasons.find((x) => x.includes('(fit over'));
    assert.match(fit ?? '', /^Adding workers stops paying near \d+ workers; at most [\d.]+×/, rec.reasons.join('\n'));
    assert.match(fit ?? '', /USL σ [\d.e-]+, κ [\d.e-]+\)\.$/);
  });
});

describe('verdict wording: the confidence carries its cause', () => {
  for (const c of CASES) {
    it(`${c.name}: a non-empty reason with a number`, () => {
      const { rec } = judge(c);
      assert.ok(rec.confidenceReason.length > 0);
      assert.match(rec.confidenceReason, /\d/, rec.confidenceReason);
    });
  }

  const target = articleTarget('f', 'f.py', null, 8);
  const twoCores = articleMachine(2, 2, 'CPython 3.11');
  const judgeRuns = (runs: Run[]) =>
    recommend(runs, classify(runs, twoCores, target), fitScaling(runs, twoCores), twoCores, target);

  it('one sample: low, because there is no interval', () => {
    const runs = fromPublished([
      { strategy: 'serial', workers: 1, wall: 4, user: 4 },
      { strategy: 'processes', workers: 2, wall: 2, user: 4 },
    ], 8).map((r) => ({ ...r, wall: { ...r.wall, samples: [r.wall.median] } }));
    const r = judgeRuns(runs);
    assert.equal(r.confidence, 'low');
    assert.match(r.confidenceReason, /^serial and processes ×2 measured once, so there is no interval/);
  });

  it('overlapping leaders: low, naming the two that cannot be told apart', () => {
    const runs = fromPublished([
      { strategy: 'serial', workers: 1, wall: 4, user: 4 },
      { strategy: 'threads', workers: 2, wall: 2.0, user: 3.9 },
      { strategy: 'processes', workers: 2, wall: 2.1, user: 4 },
    ], 8, 0.08);
    const r = judgeRuns(runs);
    assert.equal(r.confidence, 'low');
    assert.match(r.confidenceReason, /threads ×2 and processes ×2 cannot be told apart: their 95% intervals overlap/);
  });

  it('a wide spread: the run and its ± between repeats', () => {
    const runs = fromPublished([
      { strategy: 'serial', workers: 1, wall: 4, user: 4 },
      { strategy: 'processes', workers: 2, wall: 2, user: 4 },
    ], 8, 0.08);
    const r = judgeRuns(runs);
    assert.notEqual(r.confidence, 'high');
    assert.match(r.confidenceReason, /varied by ±\d+% between repeats/);
  });

  it('high: the repeats, the spread and that nothing else is within noise', () => {
    const r = recommend(sumRange().runs, classify(sumRange().runs, sumRange().env, sumRange().target),
      fitScaling(sumRange().runs, sumRange().env), sumRange().env, sumRange().target);
    assert.equal(r.confidence, 'high');
    assert.match(r.confidenceReason, /^at least 3 repeats each, spread within ±\d+%, no other strategy within noise$/);
  });
});

describe('verdict wording: the other strategies by their best measured configuration', () => {
  for (const c of CASES) {
    it(`${c.name}: headline and "Best of the other strategies" name the run the table shows fastest for each`, () => {
      const { rec } = judge(c);
      const best = rec.reasons.find((x) => x.startsWith('Best of the other strategies: '));
      for (const s of new Set(c.runs.map((r) => r.strategy))) {
        const ok = c.runs.filter((r) => r.strategy === s && r.status === 'ok' && r.repeats > 0);
        if (s === 'serial' || s === rec.strategy || ok.length === 0) continue;
        const fastest = ok.reduce((a, b) => (b.wall.median < a.wall.median ? b : a));
        assert.ok(rec.headline.includes(`${runLabel(fastest)}: `), `${rec.headline} lacks ${runLabel(fastest)}`);
        assert.ok(best?.includes(`${runLabel(fastest)} at `), `${best} lacks ${runLabel(fastest)}`);
      }
    });
  }
});

describe('verdict wording: JavaScript keeps language-neutral words', () => {
  it('a recorded Node profile: no GIL in the summary, the evidence or the reasons', () => {
    const c = fromReport('sum_range_js.json');
    const { cls, rec } = judge(c);
    for (const s of sentences(cls, rec)) assert.doesNotMatch(s, /GIL|bytecode|interpreters/, s);
    assert.ok(cls.evidence.some((e) => /^Threads ran side by side; 2 threads kept [\d.]+ cores busy/.test(e)), cls.evidence.join('\n'));
    assert.match(cls.summary, /^CPU-bound; threads run side by side \([\d.]+ cores busy\)$/);
  });

  it('JavaScript threads that stay on one core are described without a lock', () => {
    const c = fromReport('sum_range_js.json');
    // The same runs with threads held to one core: something in the tasks serialises them.
    const runs = c.runs.map((r) => (r.strategy === 'threads' && r.status === 'ok'
      ? {
        ...r,
        parallelism: 1,
        wall: {
          ...r.wall,
          median: c.runs[0].wall.median * 1.05,
          ci95: [c.runs[0].wall.median, c.runs[0].wall.median * 1.1] as [number, number],
        },
      }
      : r));
    const cls = classify(runs, c.env, c.target);
    assert.ok(!cls.evidence.some((e) => /GIL/.test(e)), cls.evidence.join('\n'));
  });
});
