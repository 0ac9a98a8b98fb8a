import type { StrategyName } from '../contracts/report';
import type { HarnessError } from '../contracts/runner';
import type { OptionName, OptionNamer } from './report/messages';

/** What to profile and how: the engine's single input, built by the CLI or the extension. */
export interface ProfileRequest {
  /** Absolute or cwd-relative path of the user's file. */
  file: string;
  function: string;
  /** Task-argument expression in the function's language, or null for zero-argument calls. */
  args: string | null;
  /** Calls for a zero-argument function (default 8). */
  tasks?: number;
  /** Strategies to try; default: every one that applies. */
  strategies?: StrategyName[];
  /** Worker counts to sweep; default: powers of two up to 2× logical cores, extended for waiting work. */
  workers?: number[];
  /** Measured repeats per configuration; default adaptive (at least 3 where the budget allows). */
  repeats?: number;
  /** Seconds the whole profile may take (default 60). */
  budget?: number;
  /** Seconds one run may take before it is stopped (default 60). */
  timeout?: number;
  /**
   * Python interpreter (default python3). A list compares interpreters in one report: each entry a command or path,
   * optionally after variables for a variant ("PYTHON_GIL=0 python3.13t"); "auto" stands for every one on PATH.
   */
  python?: string | readonly string[];
  /** Sampler rate in Hz (default DEFAULT_SAMPLER_HZ; 0 turns /proc sampling off). */
  samplerHz?: number;
  /**
   * Memory ceiling per process in MB for the harness and each pool worker (default defaultMemoryLimitMb(); 0: none).
   */
  memoryLimitMb?: number;
  /** Another profile holds the machine-wide lock: 'wait' for it (default), 'fail' at once, or 'off' (no lock). */
  lock?: 'wait' | 'fail' | 'off';
  /** Stop a run already far slower than the best so far (default true); false measures every run to the end. */
  earlyStop?: boolean;
  /**
   * Scheduler address of an existing cluster (tcp://host:port) for cluster strategies; absent: they start a local
   * cluster per worker count. Connecting is bounded by `timeout` (and CLUSTER_CONNECT_TIMEOUT_S).
   */
  scheduler?: string;
  /**
   * Project the cluster strategy's speedup to a cluster of this many workers (an extrapolation of the scaling fit,
   * labelled as such; at most the task count).
   */
  projectWorkers?: number;
}

/** What the engine reports while it works. */
export interface ProgressEvent {
  /** Human sentence: "processes ×4, repeat 2 of 3". */
  message: string;
  /** Runs finished and planned so far (the plan can grow). */
  done: number;
  total: number;
  /** The configuration this run measures, e.g. "processes ×4 (chunksize 2)"; absent while loading or warming up. */
  config?: string;
  /** Which repeat of `config` this run is (1-based), and the most it gets (`adaptive`: contenders get them all). */
  repeat?: { index: number; of: number; adaptive: boolean };
  /** Estimated seconds until the profile ends (measured run times × runs left, capped by the budget left). */
  secondsLeft?: number;
}

/** Hooks the caller passes in. */
export interface ProfileHooks {
  onProgress?: (event: ProgressEvent) => void;
  /** Lines for a log (harness stderr, decisions). */
  log?: (line: string) => void;
  /** Abort to cancel: every process is stopped and the report keeps what finished. */
  signal?: AbortSignal;
  /** Another profile holds the machine-wide lock and this one waits for it (also announced through onProgress). */
  onLockWait?: (holder: { pid: number; target?: string }) => void;
  /** How the front end names its options in messages that suggest a fix (default: plain words). */
  options?: OptionNamer;
}

/** An error the user caused (bad file, function, args, interpreter): CLI exit 2. */
export class InputError extends Error {
  /** Set name so messages print as "InputError". */
  constructor(message: string, readonly detail?: string, readonly fix?: OptionName) {
    super(message);
    this.name = 'InputError';
  }
}

/** The module did not load (import error, bad arguments) in the runner: the runner's own error, kept whole. */
export class LoadError extends InputError {
  /** The message is the error in one sentence; the traceback goes to `detail`. */
  constructor(message: string, readonly error: HarnessError) {
    super(message, error.traceback);
    this.name = 'InputError';
  }
}

/** The interpreter (or runner) could not start, or is not one the profiler can use (missing, not Python 3). */
export class StartError extends InputError {
  /** Wraps the runner's start-up InputError, keeping its words. */
  constructor(cause: InputError) {
    super(cause.message, cause.detail, cause.fix);
    this.name = 'InputError';
  }
}
