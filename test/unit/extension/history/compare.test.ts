/**
 * "Compare with previous run", the pure part: the engine judges the two history runs (a pair it cannot compare is a
 * problem in words, not a throw), and the panel's title names the function and both absolute times, so it never goes
 * stale the way "1 min ago vs 7 min ago" did.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Report } from '../../../../src/contracts/report';
import { comparedTimes, compareHistoryRuns, compareTitle } from '../../../../src/extension/history/compare';
import { onlyRuns, recorded, scaleWalls } from '../../../support/reportVariants';

const base = recorded();
const at = (r: Report, iso: string): Report => ({ ...r, createdAt: iso });

describe('compareHistoryRuns', () => {
  test('returns the engine\'s comparison: the earlier run is the baseline, the later the current', () => {
    const later = scaleWalls(base, 1.19, (r) => r.strategy === 'processes');
    const outcome = compareHistoryRuns(base, later);
    assert.ok('comparison' in outcome);
    assert.equal(outcome.comparison.baseline, base);
    assert.equal(outcome.comparison.current, later);
    assert.equal(outcome.comparison.best.speedup.verdict, 'lower');
    assert.deepEqual(outcome.comparison.options, { maxSlowdown: 0.1, failOnStrategyChange: false });
  });

  test('a pair with no configuration measured in both is a problem naming the cause and the fix', () => {
    const threads = onlyRuns(base, (r) => r.strategy === 'threads');
    const processes = onlyRuns(base, (r) => r.strategy === 'processes');
    const outcome = compareHistoryRuns(threads, processes);
    assert.ok('problem' in outcome);
    assert.match(outcome.problem, /^the reports have no configuration measured in both /);
    assert.match(outcome.problem, /profile both with the same strategies and worker counts$/);
  });

  test('two different functions are a problem too, not an exception', () => {
    const other = { ...base, target: { ...base.target, function: 'busy_wait' } };
    const outcome = compareHistoryRuns(base, other);
    assert.ok('problem' in outcome && /different functions/.test(outcome.problem));
  });
});

describe('comparedTimes', () => {
  const cases: [string, string, string, string][] = [
    ['one day: the date once', '2025-12-03T14:02:10Z', '2025-12-03T14:09:59Z', '3 Dec 14:02 vs 14:09'],
    ['two days in a year: both dates', '2025-12-03T14:02:00Z', '2025-12-04T09:10:00Z', '3 Dec 14:02 vs 4 Dec 09:10'],
    ['across a new year: the years too', '2024-12-30T23:59:00Z', '2025-01-02T00:05:00Z',
      '30 Dec 2024 23:59 vs 2 Jan 2025 00:05'],
    ['one minute: seconds too', '2025-12-03T14:02:10Z', '2025-12-03T14:02:41Z', '3 Dec 14:02:10 vs 14:02:41'],
    ['an unreadable time says so', 'garbage', '2025-12-03T14:09:00Z', 'unknown time vs 3 Dec 14:09'],
  ];
  for (const [what, before, after, expected] of cases) {
    test(what, () => assert.equal(comparedTimes(before, after, 'UTC'), expected));
  }

  test('follows the time zone asked for (the machine\'s by default)', () => {
    assert.equal(comparedTimes('2025-12-03T23:30:00Z', '2025-12-03T23:45:00Z', 'Asia/Tokyo'), '4 Dec 08:30 vs 08:45');
  });
});

describe('compareTitle', () => {
  test('"Compare: sum_range (3 Dec 14:02 vs 14:09)": the function and both absolute times', () => {
    const outcome = compareHistoryRuns(at(base, '2025-12-03T14:02:00Z'), at(base, '2025-12-03T14:09:00Z'));
    assert.ok('comparison' in outcome);
    assert.equal(compareTitle(outcome.comparison, 'UTC'), 'Compare: sum_range (3 Dec 14:02 vs 14:09)');
  });
});
