/**
 * Every code the engine writes into a Report or a runner event, as string unions in one place: a new warning or
 * error category is added here first, and the compiler then finds every switch that must handle it.
 */

/** What a Report warning is about. */
export type WarningCode =
  | 'budget' // the budget ran out before every configuration got its repeats
  | 'waited' // another profile held the machine first
  | 'no-cluster-projection' // a cluster projection was asked for, but no cluster strategy was measured
  | 'serial-added' // the baseline was added to the requested strategies
  | 'busy-machine' // the serial run waited for a free core
  | 'cancelled' // the user cancelled; the report holds what finished
  | 'large-transfer' // a pool run pickles megabytes per task
  | 'few-repeats' // configurations measured fewer times than the minimum
  | 'noisy-run' // repeats varied by more than the noise threshold
  | 'inseparable' // the two leaders' intervals overlap
  // Comparing interpreters (--python python3,pypy3 / auto):
  | 'budget-shared' // the budget was split between the interpreters
  | 'interpreters-left-out' // auto found interpreters on PATH that did not run
  | 'interpreter-unavailable' // an interpreter of the list is missing, not Python 3, or cannot start
  | 'interpreter-import' // the module did not load under one interpreter
  | 'reference-interpreter' // the first interpreter had no serial run; the next one's is the reference
  | 'results-differ' // the function returned different values under different interpreters
  | 'worker-lost' // a cluster worker left during a run; the scheduler re-ran its tasks elsewhere
  | 'capped-by-tasks'; // worker counts past the task count were not swept: they would have nothing to run

/** What a Report finding is about. */
export type FindingCode =
  | 'one-worker-faster' // a pool of one worker beat the plain loop: not parallelism, and the numbers say why
  | 'slower-cores'; // with several cores busy, each task took more CPU time: the cores did less work per second

/** How a configuration ended. */
export type RunStatus = 'ok' | 'failed' | 'timeout' | 'stopped' | 'skipped';

/** Which stage a runner error event belongs to: the user's input, one run, or the runner itself. */
export type RunnerErrorKind = 'input' | 'run' | 'internal';

/** The profiler's own error categories (an exception in user code carries its exception type instead). */
export type ProfilerErrorType =
  | 'Timeout' | 'Crash' | 'WorkerCrash' | 'WorkerExit' | 'NotApplicable' | 'NotPicklable' | 'BadArgs' | 'BadCommand'
  | 'NotLoaded' | 'FunctionNotFound' | 'ImportTimeSpawn'
  // Cluster strategies: the scheduler did not answer; the function's module is not importable on the workers; a
  // worker was lost and tasks restricted to it had nowhere to run; a task the cluster itself failed.
  | 'SchedulerUnreachable' | 'ModuleNotOnWorkers' | 'WorkerLost' | 'DaskTaskLost' | 'NotSerialisable';

/** Every option an engine message may point the user to; each front end names it in its own words. */
export type OptionName = 'python' | 'budget' | 'timeout' | 'memoryLimit' | 'args' | 'repeats' | 'workers' | 'strategies';
