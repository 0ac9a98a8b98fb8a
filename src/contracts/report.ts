/**
 * The Report: the one versioned JSON document shared by the engine, the CLI, the history store and the webview.
 * DESIGN.md §4 names the floor; fields beyond it are documented where they are declared.
 * Times inside a Report are seconds. Timestamps (task start/end, core segments, windows) are seconds since
 * `startedAt` of the profile, on the machine's monotonic clock, so tasks and core segments line up.
 */

import type { FindingCode, OptionName, ProfilerErrorType, RunStatus, WarningCode } from './codes';

/** Language-neutral strategy names (DESIGN.md §4). */
export type StrategyName = 'serial' | 'threads' | 'processes' | 'async' | 'interpreters' | 'dask';

/** The current Report schema version. */
export const SCHEMA_VERSION = 1 as const;

/** What was profiled. */
export interface Target {
  language: 'python' | 'javascript' | 'typescript';
  file: string;
  function: string;
  /** 1-based line of the function definition, when known. */
  line?: number;
  /** The task-argument expression as the user wrote it, or null for zero-argument calls. */
  args: string | null;
  /** Number of tasks one run executes. */
  tasks: number;
  /** True when the function is a coroutine function / returns promises. */
  isAsync: boolean;
  /** sha256 of the function's source text, so history can flag a changed function. */
  sourceHash?: string;
}

/** The machine and interpreter the measurements come from. */
export interface Environment {
  platform: string;
  arch: string;
  logicalCores: number;
  physicalCores: number;
  cpuModel: string;
  interpreter: string;
  /** Human version string, e.g. "CPython 3.11.7". */
  version: string;
  implementation: string;
  gilEnabled: boolean;
  /** multiprocessing start method used by `processes` (fork, spawn, forkserver). */
  startMethod?: string;
  hostname?: string;
}

/** A median with its 95% interval (seconds unless noted). */
export interface Estimate {
  median: number;
  ci95: [number, number];
  /** Every measured sample, in the order taken. */
  samples: number[];
}

/** One task's life inside one run. */
export interface TaskRecord {
  index: number;
  /** Seconds since the profile started. */
  start: number;
  end: number;
  /** CPU seconds the task used (thread time under threads/serial/async, process time under processes). */
  cpu: number;
  /** Worker number within the run, 0-based (stable per thread or process). */
  worker: number;
  pid: number;
  tid: number;
  /** Seconds the task waited between submission and start. */
  queueWait?: number;
  /** True when this task raised. */
  failed?: boolean;
}

/** Sum and order statistics of one per-task quantity over a set of tasks, in seconds. */
export interface TaskDistribution {
  sum: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Exact aggregates of a set of tasks (a whole run, or one worker's share of it). */
export interface TaskAggregate {
  count: number;
  failed: number;
  /** Earliest start and latest end, seconds since the profile started. */
  firstStart: number;
  lastEnd: number;
  duration: TaskDistribution;
  cpu: TaskDistribution;
  queueWait: TaskDistribution;
}

/**
 * A run with more tasks than the report keeps one by one: exact aggregates of every task of the representative
 * repeat, for the whole run and per worker. `Run.tasks` then holds `sampled` of them as examples.
 */
export interface TaskStats extends TaskAggregate {
  workers: (TaskAggregate & { worker: number; pid: number; tid: number })[];
  /** How many task records `Run.tasks` keeps (failed ones first, then the slowest, then evenly spread). */
  sampled: number;
}

/** Consecutive tasks of one worker merged into one stretch, so the worker lanes stay complete for any task count. */
export interface TaskSegment {
  worker: number;
  /** Start of the first task and end of the last, seconds since the profile started. */
  start: number;
  end: number;
  tasks: number;
  /** Sum of the tasks' durations and CPU seconds (busy ÷ (end − start) says how full the stretch is). */
  busy: number;
  cpu: number;
  failed: number;
  /** Index of the first task in the stretch. */
  first: number;
}

/** CPU one thread of the process tree used during a run's representative repeat, from the sampler. */
export interface ThreadCpu {
  pid: number;
  tid: number;
  /** Worker number the thread served; -1 for a thread no task ran on (the harness, a library's own threads). */
  worker: number;
  /** CPU seconds. */
  cpu: number;
}

/** Where a run's time went beyond the work itself. */
export interface Overhead {
  /** Seconds from creating the pool until the first task started. */
  startup: number;
  /** Seconds from the last task ending until the pool was shut down. */
  shutdown: number;
  /** Median seconds tasks waited in the queue before starting. */
  queueWait: number;
  /**
   * Bytes of pickled (or structured-cloned) arguments and results that crossed a process boundary; 0 when nothing did.
   */
  argBytes: number;
  resultBytes: number;
  /** Estimated seconds spent serialising and deserialising arguments and results. */
  serialization: number;
  /** wall − (useful task time ÷ workers used): everything that was not the function's own work, in seconds. */
  total: number;
}

/** An error that stopped a task, a run or the whole profile. */
export interface RunError {
  /**
   * Exception type ("ZeroDivisionError"), or a profiler category ("Timeout", "Crash", "WorkerExit", "NotPicklable").
   */
  type: ProfilerErrorType | (string & {});
  message: string;
  traceback?: string;
  /** Index of the task that raised, when one did. */
  taskIndex?: number;
  /** Where the exception was raised in user code, for clickable links. */
  file?: string;
  line?: number;
  /** Signal name when a process died of one. */
  signal?: string;
  exitCode?: number;
  /** Id of the Run this error belongs to, in `Report.errors`. */
  run?: string;
}

/** One configuration (strategy × workers × chunksize), measured over several repeats. */
/** Where a cluster strategy's run ran: the cluster, its start-up (reported apart from the wall), and what it lost. */
export interface RunCluster {
  /** The existing cluster's scheduler address, or null for a local cluster the runner started. */
  scheduler: string | null;
  kind: 'local' | 'existing';
  /**
   * Seconds to start the local cluster until its workers were up (or to connect to the existing one): not in the wall.
   */
  startup: number;
  /** The workers the run used (addresses), and how many the cluster had. */
  workers: string[];
  clusterWorkers: number;
  /**
   * Workers lost during any repeat, with their pids, and the task indices that ran twice because of it (started on a
   * lost worker, then completed on another).
   */
  lost: { address: string; pid: number }[];
  rerun: number[];
  /** Seconds per phase of the representative repeat's tasks, from Dask's task stream (absent where it was not read). */
  phases?: Record<string, number>;
}

export interface Run {
  /** Stable id within the report, e.g. "processes-4". */
  id: string;
  strategy: StrategyName;
  workers: number;
  chunksize: number;
  /** The concrete mechanism, e.g. "concurrent.futures.ProcessPoolExecutor (fork)". */
  mechanism: string;
  /**
   * 'ok' measured; 'failed' raised/crashed; 'timeout'; 'stopped' stopped early (far slower than best); 'skipped' not
   * applicable.
   */
  status: RunStatus;
  /** Why it was skipped or stopped. */
  reason?: string;
  wall: Estimate;
  /** Median CPU seconds in user and kernel mode over the whole process tree. */
  user: number;
  sys: number;
  /** serial median wall ÷ this median wall. */
  speedup: number;
  /** speedup ÷ workers. */
  efficiency: number;
  /** (user + sys) ÷ wall: how many cores were busy on average. */
  parallelism: number;
  overhead: Overhead;
  /**
   * Median seconds the run's main thread was runnable but waiting for a free core (Linux; serial and async runs,
   * whose tasks run on that thread). Large values mean a busy machine, not I/O.
   */
  cpuWait?: number;
  /**
   * Cores other programs kept busy during the representative repeat: the whole machine's utilisation less this run's
   * parallelism (absent for cluster runs and where utilisation was not read).
   */
  otherLoad?: number;
  /** Tasks of the representative repeat (the one closest to the median); a sample of them when `taskStats` is set. */
  tasks: TaskRecord[];
  /** Present when the run had more tasks than the report keeps one by one: exact aggregates of them all. */
  taskStats?: TaskStats;
  /** Present with `taskStats`: every worker's tasks merged into stretches, for the worker lanes. */
  taskSegments?: TaskSegment[];
  /** Page faults of the process tree, median over the repeats (Linux and macOS; absent where not measured). */
  faults?: { minor: number; major: number };
  /** CPU per thread of the process tree in the representative repeat (Linux, from the sampler). */
  threadCpu?: ThreadCpu[];
  /**
   * Threads each worker's native libraries (BLAS, OpenMP, numexpr) were limited to in this configuration, by
   * OMP_NUM_THREADS and its siblings; absent: the libraries' defaults.
   */
  nativeThreads?: number;
  /** Id of the configuration this one varies (another chunk size, or a native-thread limit); absent for a plain one. */
  variantOf?: string;
  /** Present for a cluster strategy: the cluster it ran on and its start-up, which the wall leaves out. */
  cluster?: RunCluster;
  /** Time window of the representative repeat, seconds since the profile started. */
  window: { start: number; end: number };
  repeats: number;
  error: RunError | null;
  /**
   * Id of the interpreter (in `Report.interpreters`) this run was measured under; only in reports that compare
   * interpreters, where run ids read "<interpreter>/<config>" ("pypy3/serial").
   */
  interpreter?: string;
  /** Reference serial median wall ÷ this median wall: the speedup against the first interpreter's serial run. */
  speedupVsReference?: number;
}

/** One stretch of time one thread spent on one core. */
export interface CoreSegment {
  start: number;
  end: number;
  /** Id of the Run this segment belongs to. */
  run: string;
  pid: number;
  tid: number;
  /** Worker number of the run that this thread served, when known; -1 for the harness itself. */
  worker?: number;
}

/** One logical core's timeline. */
export interface CoreTimeline {
  core: number;
  segments: CoreSegment[];
  /** Whole-machine utilisation of this core (0..1), sampled from os.cpus(): every process, not only ours. */
  utilisation: { t: number; busy: number }[];
}

/** What kind of work this is, and the numbers that say so. */
export interface Classification {
  kind: 'cpu-bound' | 'io-bound' | 'mixed' | 'overhead-bound';
  /** CPU time ÷ wall time of the serial run. */
  cpuRatio: number;
  gilBound: boolean;
  /** Sentences quoting the measurements. */
  evidence: string[];
  /** One-line headline, e.g. "CPU-bound, serialised by the GIL". */
  summary: string;
  /**
   * Set when the serial run already kept more than one core busy: the task's library runs threads of its own
   * (BLAS, OpenMP), so the work is parallel inside each task. `kind` still says what the work is (cpu-bound...).
   */
  nativeThreads?: {
    /** Cores the serial run kept busy: (user + sys) ÷ wall of the whole process tree. */
    cores: number;
    /** Threads besides the calling one that used CPU during the serial run (0 where the sampler cannot see them). */
    threads: number;
  };
}

/**
 * A cluster strategy's speedup projected to a cluster larger than the one measured (--project-workers): an
 * extrapolation of the USL fit to its measured worker counts, never a measurement.
 */
export interface ClusterProjection {
  strategy: StrategyName;
  /** Workers asked for, and the count projected (at most the task count: more workers would have nothing to run). */
  requested: number;
  workers: number;
  /** Projected speedup over serial at `workers`. */
  speedup: number;
  /** The largest worker count actually measured for `strategy`. */
  measuredUpTo: number;
  /** The fit the projection comes from. */
  usl: { sigma: number; kappa: number };
  /** What the projection is, in words, marked as an extrapolation. */
  label: string;
}

/** Scaling model fitted to the best strategy's measured speedups. */
export interface ScalingModel {
  strategy: StrategyName | null;
  /** Amdahl serial fraction (0..1). */
  serialFraction: number;
  usl: { sigma: number; kappa: number };
  projection: { cores: number; speedup: number }[];
  /** Worker count where the USL curve peaks (Infinity when kappa is 0). */
  peakWorkers: number | null;
  /** Measured points the fit used. */
  points: { workers: number; speedup: number }[];
  /** The largest worker count projected: the task count, when it is below the projection's reach. */
  maxWorkers?: number;
  /** What the projection is, in words: which strategy, and why it stops where it stops. */
  label?: string;
}

/** The answer. */
export interface Recommendation {
  strategy: StrategyName;
  workers: number;
  chunksize: number;
  expectedSpeedup: number;
  /** Threads per worker the snippet gives native libraries (OMP_NUM_THREADS and siblings), when that variant won. */
  nativeThreads?: number;
  /** 95% interval of the expected speedup. */
  expectedSpeedupCi95: [number, number];
  confidence: 'high' | 'medium' | 'low';
  /**
   * What in the measurements set the confidence, in words with the numbers: the repeats, the spread between them,
   * the overlap of the leaders' intervals, e.g. "processes ×2 varied by ±17% between repeats". Front ends show it
   * next to the level. Reports written before it existed lack it (history keeps them).
   */
  confidenceReason: string;
  /** One-line verdict, e.g. "processes, 2 workers, chunksize 1, expected 1.9×; threads ×1: 0.97×". */
  headline: string;
  reasons: string[];
  /** A runnable snippet in the function's language, as a script of its own beside the user's module. */
  snippet: string;
  /** The same, for pasting into the module itself below the function (no self-import). */
  snippetInModule?: string;
  /**
   * Interpreter id (in `Report.interpreters`) the recommendation is for, in reports that compare interpreters;
   * expectedSpeedup is then against the reference interpreter's serial run.
   */
  interpreter?: string;
  /** Id of the recommended Run (several runs can share strategy and workers: chunk sizes, native-thread limits). */
  run?: string;
  /** Ids of the runs the verdict rests on (serial, the choice, what it was compared with); the sweep repeats these. */
  basis?: string[];
}

/** A warning that does not stop the profile. */
export interface Warning {
  code: WarningCode;
  message: string;
  /** The option that addresses it, when one does (the front end names it and may offer to change it). */
  fix?: OptionName;
}

/** Why an interpreter of a comparison has no runs, or 'ok' when it was profiled. */
export type InterpreterStatus = 'ok' | 'unavailable' | 'import-failed' | 'failed' | 'not-run';

/**
 * JIT warm-up, measured: how much slower the first tasks ran in a fresh process than the same code once warm.
 * Every interpreter gets the figures (CPython's ratio stays near 1: there is nothing to warm up).
 */
export interface WarmUpFigures {
  /** Seconds the first task took, the first time the function ran in this interpreter (the warm-up). */
  firstTask: number;
  /** Index of that task (its steady time is compared with the same task's, so uneven tasks compare fairly). */
  taskIndex: number;
  /** Median seconds the same task took in the measured serial runs. */
  steadyTask: number;
  /** firstTask ÷ steadyTask. */
  ratio: number;
  /** Wall seconds of the first measured serial run and the median of the later ones (when there were several). */
  firstRun?: number;
  steadyRun?: number;
  /**
   * Process pools: the median over workers of each worker's first task, against the median of their later tasks
   * (from the fastest pool run with several tasks per worker). Fresh workers warm up again; a fork inherits the warm
   * code.
   */
  workers?: { run: string; firstTask: number; laterTask: number; ratio: number };
}

/** What the function returned under one interpreter, on the warm-up's tasks, for comparing interpreters. */
export interface ResultDigest {
  /** sha256 of the results' repr, in task order. */
  hash: string;
  /** How many task results the hash covers. */
  tasks: number;
  /** repr of the first result, truncated. */
  preview: string;
  /** False when a repr holds a memory address ("<object at 0x…>"), so equal values would hash differently. */
  comparable: boolean;
}

/** One interpreter of a report that compares interpreters (`--python python3,pypy3`, `--python auto`). */
export interface InterpreterProfile {
  /** Stable id within the report, used in run ids: "python3", "pypy3", "python3.13t[PYTHON_GIL=1]". */
  id: string;
  /** What was asked for: the command or path, after any variant variables ("PYTHON_GIL=0 python3.13t"). */
  requested: string;
  /** Environment variables this variant ran with (PYTHON_GIL=0); absent when none. */
  variables?: Record<string, string>;
  /** Short name for tables and charts: "CPython 3.11.7", "PyPy 3.9.16". */
  label: string;
  /** True for the interpreter whose serial run is the reference baseline (the first that measured one). */
  reference: boolean;
  status: InterpreterStatus;
  /** Why it has no runs (missing, not Python 3, the module did not import, cancelled, the budget). */
  reason?: string;
  /** Implementation, version, GIL, start method: present once the interpreter started. */
  environment?: Environment;
  /** Whether the module imported and the task arguments evaluated under this interpreter; null if it never started. */
  import: { ok: boolean; error?: RunError } | null;
  /** Its own serial baseline, and that baseline against the reference one. */
  baseline?: { run: string; wall: Estimate; speedupVsReference: number };
  warmUp?: WarmUpFigures;
  results?: ResultDigest;
  /** Its own analysis, against its own serial baseline, as a single-interpreter report would give it. */
  classification?: Classification;
  model?: ScalingModel;
  recommendation?: Recommendation;
  /** Seconds its part of the profile took. */
  duration: number;
}

/** A measured fact beside the verdict, with the numbers that explain it. */
export interface Finding {
  code: FindingCode;
  message: string;
}

/** The profile settings that were in force. */
export interface Settings {
  /** False when runs far slower than the best were measured to the end instead of stopped early. */
  earlyStop?: boolean;
  strategies: StrategyName[];
  workers: number[];
  repeats: number | 'adaptive';
  budget: number;
  timeout: number;
  samplerHz: number;
  /** The existing cluster's scheduler address cluster strategies ran on (absent: a local cluster per worker count). */
  scheduler?: string;
  /** The cluster size the cluster strategy's speedup was projected to (--project-workers), if one was asked for. */
  projectWorkers?: number;
  /** Per-process memory ceiling in MB that was enforced (absent or 0: none). */
  memoryLimitMb?: number;
}

/** The whole profile. */
export interface Report {
  /** The strategies that exist for the target's language, in report order (what a front end may list). */
  strategies?: StrategyName[];
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'parallelism-profiler'; version: string };
  /** Wall-clock ISO time the profile began. */
  createdAt: string;
  /** Seconds the profile took in all. */
  duration: number;
  target: Target;
  environment: Environment;
  settings: Settings;
  runs: Run[];
  cores: CoreTimeline[];
  classification: Classification;
  model: ScalingModel;
  /** The cluster strategy projected to a larger cluster, when --project-workers asked for it and it was measured. */
  clusterProjection?: ClusterProjection;
  recommendation: Recommendation;
  warnings: Warning[];
  /** Measured facts worth knowing that are neither a warning nor the verdict (e.g. a one-worker pool beat the loop). */
  findings?: Finding[];
  errors: RunError[];
  /** True when the user cancelled: the report holds what finished. */
  cancelled?: boolean;
  /** What sampling the cores cost: CPU seconds the sampler itself used, outside the measured processes. */
  sampler?: { hz: number; samples: number; cpuSeconds: number };
  /**
   * What the workload printed (stdout and stderr, merged: the harness moves user stdout to stderr), first and last
   * 64 KB only; absent when it printed nothing.
   */
  output?: { text: string; truncated: boolean; bytes: number };
  /** Git commit of the workspace, when known (the extension fills it). */
  commit?: string;
  /**
   * Present only when interpreters were compared: each one's environment, baseline, import status and own verdict,
   * in the order asked. `environment`, `classification` and `model` are then the reference interpreter's, and
   * `recommendation` is the verdict across interpreters.
   */
  interpreters?: InterpreterProfile[];
}
