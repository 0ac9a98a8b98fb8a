/** Messages between the runner and its forked children (the `processes` strategy), over Node's IPC channel. */
import type { HarnessError } from '../../contracts/runner';
import type { CallRecord } from './worker';

/** Runner → child. */
export type ToChild =
  | { type: 'init'; file: string; name: string; precompiled: Record<string, string> }
  | { type: 'chunk'; k: number; base: number; tasks: unknown[][] }
  | { type: 'stop' };

/** One task's record as a child measured it: the same record a call on a thread produces. */
export type ChildRow = CallRecord;

/** Child → runner. */
export type FromChild =
  | { type: 'ready'; pid: number; tid: number }
  | { type: 'initError'; error: HarnessError }
  | { type: 'result'; k: number; rows: ChildRow[]; error?: HarnessError }
  /**
   * Sent last: the CPU this process used (µs, process.cpuUsage) and its page faults, since the runner cannot read
   * RUSAGE_CHILDREN.
   */
  | { type: 'bye'; user: number; system: number; minorFaults?: number; majorFaults?: number };
