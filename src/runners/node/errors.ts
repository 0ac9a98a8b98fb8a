/** Runner errors as the protocol's HarnessError objects, located in the user's own file (source-mapped for .ts). */
import { fileURLToPath } from 'node:url';
import type { HarnessError } from '../../contracts/runner';

/** A command that cannot proceed: the ErrorEvent kind and the HarnessError to report. */
export class RunnerFailure extends Error {
  /** kind: 'input' for the user's mistakes, 'run' for a run that cannot proceed, 'internal' for runner bugs. */
  constructor(readonly kind: 'input' | 'run' | 'internal', readonly error: HarnessError) {
    super(error.message);
  }
}

/** Shorthand for a RunnerFailure. */
export function fail(kind: RunnerFailure['kind'], type: string, message: string, extra: Partial<HarnessError> = {}): RunnerFailure {
  return new RunnerFailure(kind, { type, message, ...extra });
}

// Frames of the profiler itself (these bundles, piscina) and of Node's internals say nothing about the user's bug.
const OWN_FRAME = /\(node:|at node:|[\\/]node_modules[\\/]piscina[\\/]|[\\/]dist[\\/]node(Runner|Task|Child)\.js/;
const FRAME = /\(?((?:file:\/\/)?(?:\/|[A-Za-z]:\\)[^():]*?):(\d+):\d+\)?\s*$/;

function framePath(p: string): string {
  return p.startsWith('file://') ? fileURLToPath(p) : p;
}

/** (file, line) of the innermost stack frame inside `userFile`, or of the first frame that is not the profiler's. */
export function locate(stack: string, userFile?: string): { file: string; line: number } | undefined {
  let fallback: { file: string; line: number } | undefined;
  for (const l of stack.split('\n')) {
    if (!/^\s+at /.test(l) && !/^(file:\/\/|\/)/.test(l)) continue;
    const m = FRAME.exec(l);
    if (!m) continue;
    const file = framePath(m[1]);
    if (userFile && file === userFile) return { file, line: Number(m[2]) };
    if (!fallback && !OWN_FRAME.test(l)) fallback = { file, line: Number(m[2]) };
  }
  return fallback;
}

function typeName(err: unknown): string {
  if (err === null) return 'null';
  if (typeof err !== 'object' && typeof err !== 'function') return typeof err === 'undefined' ? 'undefined' : (typeof err)[0].toUpperCase() + (typeof err).slice(1);
  const name = (err as Error).name;
  // Built-in subclasses set name (TypeError);
  // a user's `class MyError extends Error` often only has its constructor name.
  if (typeof name === 'string' && name && name !== 'Error') return name;
  return (err as { constructor?: { name?: string } }).constructor?.name || 'Error';
}

/**
 * HarnessError fields for anything thrown: constructor name, message, stack without the profiler's frames, file:line.
 */
export function describeError(err: unknown, userFile?: string): HarnessError {
  const isObj = typeof err === 'object' && err !== null;
  const type = typeName(err);
  const message = isObj && typeof (err as Error).message === 'string' ? (err as Error).message : String(err);
  const stack = isObj && typeof (err as Error).stack === 'string' ? (err as Error).stack! : '';
  const traceback = stack.split('\n').filter((l) => !(/^\s+at /.test(l) && OWN_FRAME.test(l))).join('\n');
  const where = stack ? locate(stack, userFile) : undefined;
  return {
    type: type || 'Error',
    message: message || type || 'Error',
    ...(traceback ? { traceback } : {}),
    ...(where ? { file: where.file, line: where.line } : {}),
  };
}
