// The time-left estimate: measured run times × runs left, unseen configurations priced from the serial time, and
// never past the budget.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { priceRun, secondsLeft, type EtaInput } from '../../../../src/engine/profile/eta';

const base: EtaInput = {
  queued: [], unplanned: 0, observed: [], overheads: [], serialSeconds: 4, cores: 2, budgetLeft: 100,
};

describe('time-left estimate', () => {
  it('sums the queued runs at the durations their configurations last took', () => {
    const queued = [{ observed: 3, workers: 1 }, { observed: 1.5, workers: 2 }];
    const left = secondsLeft({ ...base, queued, observed: [3, 1.5] });
    assert.equal(left, 4.5);
  });

  it('prices a configuration not run yet as the serial time over its workers (capped at the cores) plus start-up', () => {
    assert.equal(priceRun({ workers: 2 }, { ...base, overheads: [0.2, 0.4] }), 2 + 0.3);
    assert.equal(priceRun({ workers: 8 }, { ...base, overheads: [] }), 2, '8 workers on 2 cores run no faster than 2');
    assert.equal(priceRun({ workers: 4, observed: 0.7 }, base), 0.7, 'a measured duration wins over the prediction');
  });

  it('prices runs planned beyond this round at the average run so far', () => {
    const left = secondsLeft({ ...base, queued: [{ observed: 2, workers: 1 }], unplanned: 3, observed: [2, 4] });
    assert.equal(left, 2 + 3 * ((2 + 2 + 4) / 3));
  });

  it('never exceeds the budget left, except for the run about to start', () => {
    const queued = [{ observed: 10, workers: 1 }, { observed: 10, workers: 2 }, { observed: 10, workers: 4 }];
    assert.equal(secondsLeft({ ...base, queued, observed: [10], budgetLeft: 15 }), 15);
    assert.equal(secondsLeft({ ...base, queued, observed: [10], budgetLeft: -3 }), 10, 'budget spent: only the next run');
  });

  it('is unknown before the warm-up has timed a task, and zero with nothing left', () => {
    assert.equal(secondsLeft({ ...base, serialSeconds: undefined, queued: [{ workers: 2 }] }), undefined);
    assert.equal(secondsLeft({ ...base, queued: [], unplanned: 0 }), 0);
    assert.equal(secondsLeft({ ...base, serialSeconds: undefined, queued: [], unplanned: 2 }), undefined);
  });
});
