import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Report } from '../../../../src/contracts/report';
import { moreRepeats, RERUN_MAX_BUDGET, RERUN_MAX_REPEATS } from '../../../../src/engine/profile/rerun';
import { DEFAULTS } from '../../../../src/engine/profile/plan';

const ROOT = resolve(__dirname, '../../../..');
const load = (name: string): Report => JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures/reports', name), 'utf8')) as Report;

describe('"Re-run with more repeats" asks for more than the report had', () => {
  it('twice the most repeats of the runs the verdict rests on, at least the adaptive maximum', () => {
    const report = load('sum_range_js.json');
    // serial: 3 samples, processes ×2: 4, threads ×2: 7 (not in this basis).
    report.recommendation.basis = ['serial', 'processes-2'];
    assert.equal(moreRepeats(report).repeats, 8);
    report.recommendation.basis = ['serial'];
    assert.equal(moreRepeats(report).repeats, DEFAULTS.maxRepeats, 'never fewer than the adaptive sweep would take');
  });

  it('without a basis (older reports) it counts every completed run, and never passes the cap', () => {
    const report = load('sum_range_js.json');
    delete report.recommendation.basis;
    assert.equal(moreRepeats(report).repeats, 14, 'threads ×2 had 7');
    for (const r of report.runs) if (r.status === 'ok') r.wall.samples = Array.from({ length: 12 }, () => r.wall.median);
    assert.equal(moreRepeats(report).repeats, RERUN_MAX_REPEATS);
  });

  it('a budget sized for the new repeats of what was measured, never below the report\'s own and capped otherwise', () => {
    const report = load('sum_range.json');
    const { repeats, budget } = moreRepeats(report);
    const walls = report.runs.filter((r) => r.status === 'ok').reduce((s, r) => s + r.wall.median, 0);
    assert.ok(budget >= report.settings.budget);
    assert.ok(budget >= Math.min(RERUN_MAX_BUDGET, walls * repeats), `${budget} for ${walls} s × ${repeats}`);
    assert.ok(budget <= Math.max(report.settings.budget, RERUN_MAX_BUDGET));
    const quick = structuredClone(report);
    for (const r of quick.runs) r.wall.median = 0.001;
    assert.equal(moreRepeats(quick).budget, report.settings.budget, 'a fast function keeps the budget it had');
  });
});
