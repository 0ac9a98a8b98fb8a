/** What one run produced, before it becomes a `done` event. */
import type { StrategyName } from '../../../contracts/report';
import type { HarnessError, HarnessTask } from '../../../contracts/runner';
import type { RunnerFailure } from '../errors';
import type { Target } from '../loader';

/** One task as measured where it ran: the protocol's task record, plus its outcome before it becomes an event. */
export type Row = Omit<HarnessTask, 'failed'> & {
  ok: boolean;
  value?: unknown;
  error?: HarnessError;
  /** Event-loop utilisation of the worker's thread over the task (0..1), where measured. */
  elu?: number;
};

/** A run's timings, tasks and pool facts. */
export interface Outcome {
  /** Monotonic ns: before the pool (or loop) started, when the last result arrived, after shutdown. */
  t0: number;
  tLast: number;
  t1: number;
  rows: Row[];
  workerPids: number[];
  mechanism: string;
  /** A run-level failure (a worker that died) that outranks task errors. */
  error?: HarnessError;
  /** CPU seconds of child processes, as they reported it (Node cannot read RUSAGE_CHILDREN). */
  childCpu?: { user: number; sys: number };
  /** Page faults of child processes, as they reported them. */
  childFaults?: { minor: number; major: number };
}

/** Everything a strategy needs. */
export interface RunInput {
  fn: (...a: unknown[]) => unknown;
  file: string;
  name: string;
  tasks: unknown[][];
  isCoroutine: boolean;
  workers: number;
  chunksize: number;
  precompiled: Record<string, string>;
  /** Called with worker pids as soon as a pool is up. */
  onWorkers: (pids: number[]) => void;
}

/** One strategy of the Node runner: the twin of a module in python/parprof_harness/strategies/. */
export interface StrategyModule {
  name: StrategyName;
  /** null when it can run this target, else the RunnerFailure to report (it must not run the workload). */
  unavailable(target: Target): RunnerFailure | null;
  run(input: RunInput): Promise<Outcome>;
}
