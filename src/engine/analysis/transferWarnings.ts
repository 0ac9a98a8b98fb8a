import type { Run, Warning } from '../../contracts/report';
import { LARGE_TRANSFER_BYTES_PER_TASK } from './thresholds';
import { traitsOf } from '../strategies/catalogue';


/**
 * A pool run that ships big arguments or results pays for it in pickling and copying, which the overhead column shows
 * but does not explain: name the size and the cost so the user knows to return less.
 */
export function transferWarnings(runs: Run[], tasks: number): Warning[] {
  const measured = runs.filter((r) => r.repeats > 0);
  const cluster = measured.filter((r) => traitsOf(r.strategy).runsOnCluster);
  const crossing = measured.filter((r) => traitsOf(r.strategy).crossesProcess && !traitsOf(r.strategy).runsOnCluster);
  return [...poolWarning(crossing, tasks), ...clusterWarning(cluster, tasks)];
}

/**
 * A cluster run sends every task's arguments through the scheduler to a worker (over the network when the workers are
 * elsewhere): big ones should be scattered to the workers once and passed as futures.
 */
function clusterWarning(cluster: Run[], tasks: number): Warning[] {
  const bytes = (r: Run) => r.overhead.argBytes + r.overhead.resultBytes;
  const worst = cluster.sort((a, b) => bytes(b) - bytes(a))[0];
  if (!worst || tasks <= 0) return [];
  const { argBytes, resultBytes } = worst.overhead;
  if ((argBytes + resultBytes) / tasks < LARGE_TRANSFER_BYTES_PER_TASK) return [];
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`;
  const fix = argBytes >= resultBytes
    ? 'scatter the large arguments to the workers once (client.scatter(data, broadcast=True)) and pass the futures to client.map'
    : 'return less data from each task, or keep results on the workers and reduce them there';
  return [{
    code: 'large-transfer',
    message: `${worst.strategy}: each run sends ${mb(argBytes)} of arguments and ${mb(resultBytes)} of results between the client and the workers; ${fix}`,
  }];
}

function poolWarning(crossing: Run[], tasks: number): Warning[] {
  const crossed = (r: Run) => r.overhead.resultBytes + r.overhead.argBytes;
  const worst = crossing.sort((a, b) => crossed(b) - crossed(a))[0];
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
