/**
 * `dask`: tasks spread over a dask.distributed cluster: a LocalCluster of single-threaded worker processes the runner
 * starts per worker count, or the workers of an existing cluster (the request's `scheduler`), restricted to 1, 2, 4 …
 * of them. The runner module is python/parprof_harness/strategies/dask.py.
 */
import { NO_TRAITS, type Strategy } from './strategy';

/** What a user runs to get Dask into the interpreter the profiler uses. */
export const DASK_FIX = "apt-get install python3-distributed, or pip install 'dask[distributed]' in that interpreter";

/** Dask: workers in other processes, possibly on other machines; arguments and results travel through the scheduler. */
export const dask: Strategy = {
  name: 'dask',
  runtimes: ['python'],
  traits: { ...NO_TRAITS, crossesProcess: true, runsOnCluster: true },
  inDefaults: true,
  unavailable: (f) => {
    if (f.runtime === 'javascript') return 'not available for JavaScript (dask is a Python cluster)';
    if (f.hasDistributed === false) return `this interpreter cannot import distributed (dask.distributed). Fix: ${DASK_FIX}`;
    return null;
  },
  mechanism: () => 'dask.distributed Client.map over single-threaded workers',
  dispatchNoun: 'Dask scheduling',
  snippets: {
    python: ({ fn, workers, scheduler }) => ({
      imports: ['from dask.distributed import Client, LocalCluster'],
      usesRunTask: false,
      main: [
        'def main():',
        ...(scheduler
          ? [
            `    # The cluster at ${scheduler}: its workers must be able to import this file (same code on every`,
            '    # worker, or client.upload_file(__file__) once).',
            `    with Client(${JSON.stringify(scheduler)}) as client:`,
            `        workers = sorted(client.scheduler_info()["workers"])[:${workers}]`,
            `        futures = client.map(${fn}, *zip(*CALLS), workers=workers, pure=False)`,
            '        return client.gather(futures)',
          ]
          : [
            `    # ${workers} single-threaded worker processes; the cluster starts once, so start it where the work repeats.`,
            `    with LocalCluster(n_workers=${workers}, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \\`,
            '            Client(cluster) as client:',
            `        futures = client.map(${fn}, *zip(*CALLS), pure=False)`,
            '        return client.gather(futures)',
          ]),
      ],
    }),
  },
};
