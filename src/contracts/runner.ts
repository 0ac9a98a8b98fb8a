/**
 * The JSON-lines protocol between the Node driver and python/harness.py.
 * Commands go to the harness on stdin, one JSON object a line; events come back on stdout, one a line.
 * stdout carries only this protocol (the harness redirects user prints to stderr); stderr is a log.
 * Timestamps are integers of nanoseconds on the monotonic clock (CLOCK_MONOTONIC on Linux), which Node's
 * process.hrtime.bigint() shares, so the driver lines them up with the sampler.
 */

import type { RunnerErrorKind } from './codes';
import type { StrategyName } from './report';

/** Load the user's module by path (as a plain module, never __main__) and evaluate the task arguments. */
export interface LoadCommand {
  cmd: 'load';
  file: string;
  function: string;
  /** Python expression evaluated in the module namespace; yields a list of tuples (or of single values). */
  args: string | null;
  /** Number of calls for a zero-argument function when args is null. */
  tasks: number;
}

/** Run every task once under one configuration. */
export interface RunCommand {
  cmd: 'run';
  /** Driver's id for this repeat, echoed back. */
  id: string;
  strategy: StrategyName;
  workers: number;
  chunksize: number;
  /** Measure pickled sizes and times of arguments and results (done on the warm-up, outside timed regions). */
  measurePickle?: boolean;
  /**
   * false: leave out the per-task CPU clock (serial only). For tasks of a few microseconds the clock costs more than
   * the task; CPU ÷ wall then comes from the run's user + sys.
   */
  taskCpu?: boolean;
  /** Run only the first N tasks (the warm-up uses a few tasks to learn task time and CPU share cheaply). */
  taskLimit?: number;
  /** Hash the results' repr after the run (outside the timed span), so interpreters' return values can be compared. */
  hashResults?: boolean;
  /**
   * Send every task record only when the run has at most this many tasks; beyond it the `done` event carries exact
   * aggregates (`taskStats`), merged per-worker segments (`taskSegments`) and a sample of the records in `tasks`.
   * Absent: every record (the protocol before this field).
   */
  taskRecords?: number;
  /** Sample size and segment budget for a run past `taskRecords` (the engine's thresholds, so both runners agree). */
  taskSample?: { size: number; slowest: number; segments: number };
  /**
   * Threads each pool worker's native libraries may run (BLAS, OpenMP, numexpr): the runner sets OMP_NUM_THREADS,
   * OPENBLAS_NUM_THREADS, MKL_NUM_THREADS and NUMEXPR_NUM_THREADS in every worker and limits the thread pools of
   * libraries already loaded; for workers on the runner's own process (threads) it does so for the run and restores
   * them after. Absent: the libraries' own defaults.
   */
  nativeThreads?: number;
  /**
   * A cluster strategy's settings: the scheduler of an existing cluster (absent: the runner starts a local one) and
   * the seconds connecting to it may take.
   */
  cluster?: { scheduler?: string; connectTimeout?: number };
}

/** List the top-level functions of a file without running it (ast only). */
export interface DiscoverCommand {
  cmd: 'discover';
  file: string;
}

/** Leave cleanly. */
export interface ExitCommand {
  cmd: 'exit';
}

/** Anything the driver may send. */
export type HarnessCommand = LoadCommand | RunCommand | DiscoverCommand | ExitCommand;

/** First line the harness prints: what interpreter this is and what it can do. */
export interface HelloEvent {
  type: 'hello';
  pid: number;
  executable: string;
  implementation: string;
  /** e.g. "3.11.7" */
  version: string;
  gilEnabled: boolean;
  hasInterpreterPool: boolean;
  startMethod: string;
  cpuCount: number;
  /** Harness monotonic clock reading at the time of hello. */
  now: number;
  /** The runner honours `nativeThreads` (limits its workers' BLAS/OpenMP pools); absent: it does not. */
  limitsNativeThreads?: boolean;
  /**
   * dask.distributed is installed for this interpreter (found, not imported: the run itself says if it cannot load).
   */
  hasDistributed?: boolean;
}

/** The module loaded and the arguments evaluated. */
export interface LoadedEvent {
  type: 'loaded';
  function: string;
  line: number | null;
  isCoroutine: boolean;
  tasks: number;
  /** sha256 hex of the function source (inspect.getsource), or null. */
  sourceHash: string | null;
  /** Whether the function and every argument tuple survive pickling, and why not when they don't. */
  picklable: { ok: boolean; reason?: string };
  /** repr of the first task's arguments, truncated, for display. */
  sampleArgs: string;
}

/** A task of a run (sent in bulk inside `done`, not streamed, to keep the protocol off the hot path). */
export interface HarnessTask {
  index: number;
  start: number;
  end: number;
  /** CPU nanoseconds used by the task. */
  cpu: number;
  /** Worker identity: pid and native thread id. The driver numbers workers. */
  pid: number;
  tid: number;
  /** Nanoseconds the task waited from submission to start (0 for serial). */
  queueWait: number;
  failed?: boolean;
  /** Event-loop utilisation of the worker thread during the task (Node threads: how much of it was spent computing). */
  elu?: number;
  /** The worker's address, where workers have one (a Dask worker: "tcp://127.0.0.1:40029"). */
  worker?: string;
}

/** One worker of a cluster run. */
export interface ClusterWorker {
  address: string;
  pid: number;
  host: string;
  /** On this machine (same boot id): the sampler follows its pid, and its clock is ours. */
  local: boolean;
}

/** What a cluster strategy's run adds to its `done` event. */
export interface ClusterInfo {
  /** The scheduler address given, or null for a cluster the runner started. */
  scheduler: string | null;
  cluster: 'local' | 'existing';
  /** Nanoseconds to start the local cluster (until its workers were up), or to connect to the existing one. */
  startup: number;
  /** Started (or connected) for this run; false when a previous run's cluster was reused. */
  startupFresh: boolean;
  /** The workers the run used, and how many the cluster has. */
  workers: ClusterWorker[];
  clusterWorkers: number;
  /** Workers that left the cluster during the run. */
  lost: ClusterWorker[];
  /**
   * Task indices that ran twice: they had started on a worker that was lost (each task says so to the scheduler as it
   * starts) and then completed on another. Tasks only queued on the lost worker moved without running twice.
   */
  rerun: number[];
  /**
   * Seconds per phase of our tasks from Dask's task stream ("compute", "deserialize", "transfer", …); null: not read.
   */
  phases?: Record<string, number> | null;
}

/** Count, sum and order statistics of one per-task quantity (nanoseconds). */
export interface Quantiles {
  sum: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Exact aggregates of a set of tasks (a whole run, or one worker's share of it). Times are monotonic ns. */
export interface TaskAggregate {
  count: number;
  failed: number;
  /** Earliest start and latest end. */
  firstStart: number;
  lastEnd: number;
  /** end − start, CPU and queue wait of the tasks. */
  duration: Quantiles;
  cpu: Quantiles;
  queueWait: Quantiles;
}

/** The aggregates a `done` event carries for a run past `taskRecords`: the whole run and each worker. */
export interface HarnessTaskStats {
  all: TaskAggregate;
  /** One per worker (pid, tid), in order of first start. */
  workers: (TaskAggregate & { pid: number; tid: number })[];
}

/** Consecutive tasks of one worker merged into one stretch for drawing (gaps below the run's resolution joined). */
export interface HarnessTaskSegment {
  pid: number;
  tid: number;
  /** Start of the first task and end of the last, monotonic ns. */
  start: number;
  end: number;
  tasks: number;
  /** Sum of the tasks' durations and CPU, ns (busy ÷ (end − start) says how full the stretch is). */
  busy: number;
  cpu: number;
  failed: number;
  /** Index of the first task of the stretch. */
  first: number;
}

/** Page faults of the whole process tree during a run (getrusage ru_minflt / ru_majflt, self and reaped children). */
export interface PageFaults {
  minor: number;
  major: number;
}

/** Pickle measurements, present when measurePickle was set. */
export interface PickleStats {
  argBytes: number;
  resultBytes: number;
  /** Nanoseconds to dumps+loads all arguments and all results once. */
  argNs: number;
  resultNs: number;
  /** How many tasks these figures cover (the tasks the run executed). */
  tasks?: number;
  /** Arguments or results that failed to pickle and are left out of the figures (absent when none). */
  unpicklable?: number;
}

/** A run finished (successfully or with a task error). */
export interface DoneEvent {
  type: 'done';
  id: string;
  /** Monotonic ns: before the pool was created, when the last result arrived, after shutdown. */
  t0: number;
  tLast: number;
  t1: number;
  /** CPU seconds of the whole tree during the run (self + reaped children). */
  user: number;
  sys: number;
  /** Pool worker pids, so the sampler can follow them. */
  workerPids: number[];
  /** Every task, or (with `taskStats`) a sample of them: failed ones first, the slowest, then evenly spread. */
  tasks: HarnessTask[];
  /** Present when the run had more tasks than `taskRecords`: the exact aggregates `tasks` then only samples. */
  taskStats?: HarnessTaskStats;
  /** Present with `taskStats`: every worker's tasks as merged stretches, so timelines stay complete. */
  taskSegments?: HarnessTaskSegment[];
  /** Page faults during the run (absent where the runner cannot read them). */
  faults?: PageFaults;
  /** Library threads per worker the run was limited to (echo of the command's nativeThreads). */
  nativeThreads?: number;
  mechanism: string;
  /**
   * Nanoseconds the harness's main thread was runnable but waiting for a free core during the run (Linux schedstat).
   * Serial and async tasks run on that thread, so this separates a busy machine from tasks waiting on I/O.
   */
  runDelay?: number;
  pickle?: PickleStats;
  /** Present when hashResults was set: a digest of the tasks' return values (failed tasks left out). */
  results?: { hash: string; tasks: number; preview: string; comparable: boolean };
  /** Set when a task raised: the first failure. */
  error?: HarnessError;
  /** Present for a cluster strategy's run: its cluster, workers, start-up, and what was lost. */
  cluster?: ClusterInfo;
}

/** The harness reports a run or a load that could not proceed. */
export interface HarnessError {
  /**
   * Exception type or profiler category (BadArgs, FunctionNotFound, ImportError, ImportTimeSpawn, NotPicklable, ...).
   */
  type: string;
  message: string;
  traceback?: string;
  taskIndex?: number;
  file?: string;
  line?: number;
  /** WorkerCrash: the signal that killed the worker ("SIGSEGV"), or the code it exited with. */
  signal?: string;
  exitCode?: number;
}

/** A command failed as a whole. `fatal` errors end the harness. */
export interface ErrorEvent {
  type: 'error';
  /** The command's id for runs; the command name otherwise. */
  id: string;
  /** 'input' for user mistakes (exit 2), 'run' for a failed run, 'internal' for harness bugs. */
  kind: RunnerErrorKind;
  error: HarnessError;
}

/** Pool workers are up (sent once per run that has a pool), so the sampler starts following them at once. */
export interface WorkersEvent {
  type: 'workers';
  id: string;
  pids: number[];
}

/** Result of `discover`. */
export interface FunctionsEvent {
  type: 'functions';
  file: string;
  functions: { name: string; line: number; endLine: number; params: string[]; isAsync: boolean }[];
  /** Syntax error, when the file does not parse. */
  error?: HarnessError;
}

/** Anything the harness may print on stdout. */
export type HarnessEvent = HelloEvent | LoadedEvent | DoneEvent | ErrorEvent | WorkersEvent | FunctionsEvent;
