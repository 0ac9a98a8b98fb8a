/** How a report names interpreters and their runs: one place, so the table, the verdict and the chart agree. */
import type { Environment, Run } from '../../contracts/report';
import { runLabel } from '../analysis/humanize';
import type { InterpreterChoice } from './choice';

/** "CPython 3.11.7", "PyPy 3.9.16", "CPython 3.13.1 (PYTHON_GIL=0)"; the request itself until it started. */
export function interpreterLabel(
  choice: Pick<InterpreterChoice, 'requested' | 'variables'>, env?: Environment,
): string {
  if (!env) return choice.requested;
  const vars = Object.entries(choice.variables).map(([k, v]) => `${k}=${v}`).join(' ');
  return `${env.version}${vars ? ` (${vars})` : ''}`;
}

/** A run id inside a report that compares interpreters: "pypy3/serial". */
export function interpreterRunId(interpreter: string, runId: string): string {
  return `${interpreter}/${runId}`;
}

/** "pypy3 serial", "python3 processes ×2": a run named with its interpreter, for sentences. */
export function interpreterRunLabel(interpreter: string, run: Pick<Run, 'strategy' | 'workers' | 'chunksize'>): string {
  return `${interpreter} ${runLabel(run)}`;
}
