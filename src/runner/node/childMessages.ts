/** Messages between the runner and its forked children (the `processes` strategy), over Node's IPC channel. */
import type { HarnessError } from '../../engine/harnessProtocol';

/** Runner → child. */
export type ToChild =
  | { type: 'init'; file: string; name: string; precompiled: Record<string, string> }
  | { type: 'chunk'; k: number; base: number; tasks: unknown[][] }
  | { type: 'stop' };

/** One task's record as a child measured it. */
export interface ChildRow {
  start: number;
  end: number;
  cpu: number;
  ok: boolean;
  value?: unknown;
  error?: HarnessError;
}

/** Child → runner. */
export type FromChild =
  | { type: 'ready'; pid: number; tid: number }
  | { type: 'initError'; error: HarnessError }
  | { type: 'result'; k: number; rows: ChildRow[]; error?: HarnessError }
  /** Sent last: the CPU this process used (µs, process.cpuUsage), since the runner cannot read RUSAGE_CHILDREN. */
  | { type: 'bye'; user: number; system: number };
