/**
 * The comparison of two reports of the same function, as the engine (src/engine/compare/) judges it and every front
 * end shows it: the CLI's `compare` and CI gate, and the extension's comparison panel. Types only, so the webview can
 * draw a Comparison it received by postMessage without importing the engine.
 */
import type { Recommendation, Report, Run } from './report';

/** What the gate tolerates. */
export interface GateOptions {
  /** Largest tolerated slowdown of the best wall time, as a fraction (0.1 = 10%). */
  maxSlowdown: number;
  /** Fail when the recommended strategy changed, even if the time held. */
  failOnStrategyChange: boolean;
}

/** How the best wall time moved, judged against the threshold and the noise. */
export type BestVerdict = 'regression' | 'slower within threshold' | 'within noise' | 'within threshold' | 'faster';

/** How the best speedup moved: beyond both 95% intervals, within them, or not judged (one sample, no serial run). */
export type SpeedupVerdict = 'higher' | 'lower' | 'within noise' | 'too few repeats';

/** A best configuration's speedup over its own report's serial run. */
export interface SpeedupEstimate {
  /** "processes ×2". */
  config: string;
  /** serial median wall ÷ this run's median wall. */
  median: number;
  /** 95% interval of that ratio; null when the report has no measured serial run to divide by. */
  ci95: [number, number] | null;
  /** True when the best run is the serial run itself: its speedup is 1 by definition, so only its wall time moves. */
  serial: boolean;
}

/** The best speedup of each report and how it moved: the comparison's one-line answer. */
export interface SpeedupChange {
  baseline: SpeedupEstimate;
  current: SpeedupEstimate;
  /** current ÷ baseline − 1 of the median speedups (−0.16 = 16% less speedup). */
  change: number;
  verdict: SpeedupVerdict;
}

/** The fastest configuration of each report, and how the current one compares. */
export interface BestChange {
  baseline: Run;
  current: Run;
  /** current ÷ baseline − 1 of the median wall time (0.1 = 10% slower). */
  change: number;
  /** False when either side has a single sample: no interval, so the threshold alone decides. */
  noiseKnown: boolean;
  verdict: BestVerdict;
  /** The verdict in words, with the change, the threshold and what the intervals said. */
  sentence: string;
  /** The same two configurations' speedups over serial, with their intervals. */
  speedup: SpeedupChange;
}

/** One reason the gate fails. */
export interface GateFailure {
  code: 'regression' | 'strategy-change';
  message: string;
}

/** How one configuration moved: beyond the noise, within it, or not comparable (and why). */
export type ConfigVerdict =
  'slower' | 'faster' | 'within noise' | 'too few repeats' | 'only before' | 'only after' | 'not measured';

/** One configuration in both reports. */
export interface ConfigChange {
  /** "processes ×2": the key the two reports are paired on. */
  config: string;
  before?: Run;
  after?: Run;
  /** after ÷ before − 1 of the median wall time (0.1 = 10% slower); only when both were measured. */
  change?: number;
  verdict: ConfigVerdict;
}

/** One field that differs between the baseline and the current report. */
export interface Difference {
  /** machine: cores, CPU, OS; interpreter: its version, path, GIL; workload: task arguments, source. */
  kind: 'machine' | 'interpreter' | 'workload';
  /** What differs, in words: "logical cores", "CPU model". */
  what: string;
  baseline: string;
  current: string;
}

/** Everything a front end shows about two reports of the same function. */
export interface Comparison {
  baseline: Report;
  current: Report;
  options: GateOptions;
  best: BestChange;
  /** The two recommendations, and what changed between them. */
  recommendation: {
    baseline: Recommendation;
    current: Recommendation;
    strategyChanged: boolean;
    workersChanged: boolean;
  };
  configurations: ConfigChange[];
  differences: Difference[];
  /** Caveats in words: other machines or interpreters, other arguments, cancelled reports, single samples. */
  notes: string[];
  failures: GateFailure[];
  passed: boolean;
}
