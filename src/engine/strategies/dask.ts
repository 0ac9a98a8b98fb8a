/** `dask`: tasks spread over a dask.distributed cluster (not measured by this version yet: it reports why). */
import { NO_TRAITS, type Strategy } from './strategy';

/** Dask: workers in other processes, possibly on other machines; arguments travel over the network. */
export const dask: Strategy = {
  name: 'dask',
  runtimes: ['python'],
  traits: { ...NO_TRAITS, crossesProcess: true },
  inDefaults: false,
  unavailable: (f) => (f.runtime === 'javascript'
    ? 'not available for JavaScript (dask is a Python cluster)'
    : 'dask runs need a dask.distributed cluster, which this version does not start yet'),
  mechanism: () => 'dask.distributed',
  dispatchNoun: 'Dask scheduling',
  snippets: {
    python: ({ fn, workers }) => ({
      imports: ['from dask.distributed import Client, LocalCluster'],
      usesRunTask: false,
      main: [
        'def main():',
        '    # Or Client("tcp://scheduler:8786") for an existing cluster.',
        `    with LocalCluster(n_workers=${workers}, threads_per_worker=1) as cluster, Client(cluster) as client:`,
        `        futures = [client.submit(${fn}, *args, pure=False) for args in CALLS]`,
        '        return client.gather(futures)',
      ],
    }),
  },
};
