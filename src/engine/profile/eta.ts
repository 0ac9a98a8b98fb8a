/**
 * How long a profile still has to go, from what the sweep has measured: the seconds each configuration's last run
 * took (start-up included), the runs still queued and planned, and the budget left. Pure, so it unit-tests on numbers.
 *
 * Why these inputs: a run's wall alone misses the pool start-up and the process restarts the user waits through,
 * so observed run durations price what is known; a configuration not run yet is priced from the serial time divided
 * by its workers, plus the start-up the runs so far cost beyond their walls. The sweep starts no parallel run past
 * the budget, so the estimate never exceeds the budget left (except for the run about to start).
 */

/** What one upcoming run is expected to cost. */
export interface RunPrice {
  /** Seconds its configuration's last run took, start to end, when it has run before. */
  observed?: number;
  /** Workers it runs with (to scale the serial time when it has not run yet). */
  workers: number;
}

/** What the sweep knows when it is about to start a run. */
export interface EtaInput {
  /** The runs queued in this round, the one about to start first. */
  queued: readonly RunPrice[];
  /** Further runs planned whose configuration is not chosen yet (later repeat rounds). */
  unplanned: number;
  /** Seconds every run so far took, start to end. */
  observed: readonly number[];
  /** Seconds beyond their walls those runs took (start-up, restarts), one per run; priced into unseen ones. */
  overheads: readonly number[];
  /** Seconds the serial loop over all tasks takes (measured, or warm-up × tasks); undefined before the warm-up. */
  serialSeconds?: number;
  /** Cores the machine has, since workers beyond them add no speed. */
  cores: number;
  /** Seconds of the profiling budget left (may be negative once spent). */
  budgetLeft: number;
}

const mean = (xs: readonly number[]): number | undefined =>
  xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined;

/** Expected seconds of one run: its own last duration, else the serial time spread over its workers plus start-up. */
export function priceRun(run: RunPrice, input: Pick<EtaInput, 'overheads' | 'serialSeconds' | 'cores'>): number | undefined {
  if (run.observed !== undefined) return run.observed;
  if (input.serialSeconds === undefined) return undefined;
  const spread = Math.max(1, Math.min(run.workers, input.cores));
  return input.serialSeconds / spread + (mean(input.overheads) ?? 0);
}

/**
 * Seconds until the sweep ends, or undefined while nothing can be priced (before the warm-up has timed a task).
 * Unplanned runs cost what the queued and past runs cost on average.
 */
export function secondsLeft(input: EtaInput): number | undefined {
  const priced = input.queued.map((r) => priceRun(r, input));
  if (priced.some((p) => p === undefined)) return undefined;
  const known = priced as number[];
  const average = mean([...known, ...input.observed]);
  if (average === undefined) return input.unplanned > 0 ? undefined : 0;
  const total = known.reduce((a, b) => a + b, 0) + input.unplanned * average;
  // The run about to start goes ahead whatever the budget says of the runs after it.
  const cap = Math.max(input.budgetLeft, known[0] ?? 0, 0);
  return Math.min(total, cap);
}
