import type { Run, Warning } from '../../contracts/report';

/** Pickled bytes per task beyond which moving data between processes is worth a warning of its own. */
const LARGE_TRANSFER_BYTES_PER_TASK = 8 * 2 ** 20;

/**
 * A pool run that ships big arguments or results pays for it in pickling and copying, which the overhead column shows
 * but does not explain: name the size and the cost so the user knows to return less.
 */
export function transferWarnings(runs: Run[], tasks: number): Warning[] {
  const crossing = runs.filter((r) => (r.strategy === 'processes' || r.strategy === 'interpreters') && r.repeats > 0);
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
