import type { Run, Warning } from '../../contracts/report';
import { LARGE_TRANSFER_BYTES_PER_TASK } from './thresholds';
import { traitsOf } from '../strategies/catalogue';


/**
 * A pool run that ships big arguments or results pays for it in pickling and copying, which the overhead column shows
 * but does not explain: name the size and the cost so the user knows to return less.
 */
export function transferWarnings(runs: Run[], tasks: number): Warning[] {
  const crossing = runs.filter((r) => traitsOf(r.strategy).crossesProcess && r.repeats > 0);
  const worst = crossing.sort((a, b) => b.overhead.resultBytes + b.overhead.argBytes - (a.overhead.resultBytes + a.overhead.argBytes))[0];
  if (!worst || tasks <= 0) return [];
  const { argBytes, resultBytes, serialization } = worst.overhead;
  if ((argBytes + resultBytes) / tasks < LARGE_TRANSFER_BYTES_PER_TASK) return [];
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`;
  return [{
    code: 'large-transfer',
    message: `${worst.strategy}: each run pickles ${mb(argBytes)} of arguments and ${mb(resultBytes)} of results across processes ` +
      `(about ${serialization.toFixed(2)} s of serialisation of the ${worst.wall.median.toFixed(2)} s wall); return less data from each task ` +
      '(a summary, or write bulk output to a file) or use threads',
  }];
}
