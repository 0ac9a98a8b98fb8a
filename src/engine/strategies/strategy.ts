/**
 * What a strategy plug-in is. Every fact about one strategy (where it applies, what it costs, how it is swept, the
 * code a user pastes) lives in that strategy's own module; the engine asks through these fields and never spells a
 * strategy's name. The runners have their own twin modules (python/parprof_harness/strategies/,
 * src/runners/node/strategies/).
 */
import type { StrategyName, Target } from '../../contracts/report';

/** The runtimes a strategy can run on: TypeScript runs on the JavaScript runner. */
export type Runtime = 'python' | 'javascript';

/** The runtime that runs a target's language. */
export function runtimeOf(language: Target['language']): Runtime {
  return language === 'python' ? 'python' : 'javascript';
}

/** Facts the analysis, sweep and report read instead of strategy names. */
export interface StrategyTraits {
  /** The baseline every speedup is measured against (exactly one strategy). */
  baseline: boolean;
  /** Workers run in other processes or interpreters: arguments and results are serialised across the boundary. */
  crossesProcess: boolean;
  /** Workers are threads of the profiled interpreter, so a GIL (where there is one) serialises their Python code. */
  sharesInterpreter: boolean;
  /** CPU parallelism is capped by this machine's cores (for CPU-bound work, physical ones count). */
  boundedByLocalCores: boolean;
  /** Overlaps waiting (I/O, sleeps): worth sweeping past the core count for mostly-waiting work. */
  overlapsWaiting: boolean;
  /** Hands tasks out in chunks, so the chunk size is part of the configuration. */
  chunked: boolean;
  /** Tasks run on the runner's calling thread (no pool), so task lanes are that one thread. */
  onCallingThread: boolean;
  /**
   * A local pool whose workers' native libraries (BLAS, OpenMP) can be limited per worker, where the runner can
   * (`limitsNativeThreads` in its hello): the sweep tries such variants when the serial run is parallel inside.
   */
  limitsNativeThreads: boolean;
  /**
   * Runs on a cluster through a scheduler: the runner starts a local one per worker count, or uses the request's
   * `scheduler`; its start-up is measured apart from the run's wall.
   */
  runsOnCluster: boolean;
}

/** What decides whether a strategy applies, as the runner reported it. */
export interface ApplicabilityFacts {
  runtime: Runtime;
  isCoroutine: boolean;
  /** Arguments and the function survive the trip to another process (pickle in Python, structured clone in JS). */
  picklable: { ok: boolean; reason?: string };
  hasInterpreterPool: boolean;
  /** The interpreter's version ("3.11.7"). */
  version: string;
  /** dask.distributed is installed for the interpreter (absent: not known, so not refused here). */
  hasDistributed?: boolean;
}

/** What the mechanism text may mention. */
export interface MechanismFacts {
  runtime: Runtime;
  isCoroutine: boolean;
  /** multiprocessing's start method (Python). */
  startMethod: string;
}

/** The configuration a snippet is written for. */
export interface SnippetConfig {
  fn: string;
  workers: number;
  chunksize: number;
  isAsync: boolean;
  /** The existing cluster's scheduler address the profile used, if any. */
  scheduler?: string;
}

/** A strategy's part of a Python script; languages/python/snippet.ts writes the frame around it. */
export interface PythonSnippetPart {
  /** Standard-library imports ("from concurrent.futures import ThreadPoolExecutor"). */
  imports: string[];
  /** Whether `main` calls the `run_task(args)` helper the frame defines. */
  usesRunTask: boolean;
  /** The `main` function. */
  main: string[];
  /** How the guard runs main (default "main()"). */
  runMain?: string;
}

/** A strategy's part of an ES-module script; languages/javascript/snippet.ts writes the frame around it. */
export interface JsSnippetPart {
  imports: string[];
  /** Everything after the imports; `taskLines` declares TASKS (argument arrays). */
  body: string[];
  /** What the user must install first ("npm install piscina"). */
  needs?: string;
}

/** A JavaScript snippet writer gets the frame's TASKS lines and "await " when the function is async. */
export interface JsSnippetConfig extends SnippetConfig {
  taskLines: string[];
  wait: string;
}

/** One strategy plug-in. */
export interface Strategy {
  name: StrategyName;
  /** Runtimes it exists on. */
  runtimes: readonly Runtime[];
  traits: StrategyTraits;
  /** Part of the default sweep (it is still skipped, with its reason, where it does not apply). */
  inDefaults: boolean;
  /** Why it cannot run this function here, or null when it can. */
  unavailable(facts: ApplicabilityFacts): string | null;
  /** The library call that runs it, for the report ("concurrent.futures.ThreadPoolExecutor"). */
  mechanism(facts: MechanismFacts): string;
  /** What it pays to hand out one task ("process dispatch"), for overhead sentences. */
  dispatchNoun: string;
  /** Snippet writers per runtime; a runtime without one never gets this strategy recommended. */
  snippets: { python?: (c: SnippetConfig) => PythonSnippetPart; javascript?: (c: JsSnippetConfig) => JsSnippetPart };
}

/** Every trait false: modules spread this and set what holds for them. */
export const NO_TRAITS: StrategyTraits = {
  baseline: false, crossesProcess: false, sharesInterpreter: false, boundedByLocalCores: false, overlapsWaiting: false,
  chunked: false, onCallingThread: false, limitsNativeThreads: false, runsOnCluster: false,
};
