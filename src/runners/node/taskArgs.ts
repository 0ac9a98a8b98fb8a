/** Turn the --args expression (or a task count) into argument lists, and check they can travel to workers. */
import { inspect } from 'node:util';
import { fail } from './errors';
import type { Exports } from './importer';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const RESERVED = new Set(('break case catch class const continue debugger default delete do else enum export extends false finally for ' +
  'function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
  'implements interface package private protected public await arguments eval').split(' '));

/**
 * Evaluate `expr` as a JavaScript expression with the module's exports in scope. Each element of the result is one
 * task: an array is that call's argument list, any other value its single argument (so `[[1, 2], [3, 4]]` is f(1, 2)
 * then f(3, 4), and `[1, 2]` is f(1) then f(2); a single array argument is written `[[[1, 2]]]`).
 */
export function evaluateTasks(
  expr: string | null, mod: Exports, fn: (...a: unknown[]) => unknown, name: string, count: number,
): unknown[][] {
  let tasks: unknown[][];
  if (expr === null || !expr.trim()) {
    if (!Number.isInteger(count) || count < 1) throw bad(`--tasks must be a positive integer, got ${JSON.stringify(count)}`);
    tasks = Array.from({ length: count }, () => []);
  } else {
    const names = Object.keys(mod).filter((k) => IDENTIFIER.test(k) && !RESERVED.has(k));
    let value: unknown;
    try {
      value = new Function(...names, `"use strict";\nreturn (${expr}\n);`)(...names.map((k) => mod[k]));
    } catch (e) {
      const err = e as Error;
      throw bad(`--args raised ${err?.name ?? typeof e}: ${err?.message ?? String(e)}`, { traceback: err?.stack });
    }
    // A string is iterable but never means "a list of tasks".
    const iterable = value !== null && typeof value === 'object' && typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function';
    if (!iterable) throw bad(`--args must yield an array of argument lists, got ${describeType(value)}`);
    const items = Array.from(value as Iterable<unknown>);
    if (!items.length) throw bad('--args yielded an empty array: there is nothing to run');
    tasks = items.map((item) => (Array.isArray(item) ? item : [item]));
  }
  checkArity(fn, name, tasks, expr === null || !expr.trim());
  return tasks;
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return typeof v;
}

function bad(message: string, extra: { traceback?: string } = {}) {
  return fail('input', 'BadArgs', message, extra.traceback ? { traceback: extra.traceback } : {});
}

/** Fail early, once, when a task passes fewer arguments than the function's required parameters (fn.length). */
function checkArity(fn: (...a: unknown[]) => unknown, name: string, tasks: unknown[][], noArgs: boolean): void {
  const index = tasks.findIndex((t) => t.length < fn.length);
  if (index < 0) return;
  throw bad(
    `task ${index}: ${name} declares ${fn.length} required parameter${fn.length === 1 ? '' : 's'} but would be called with ` +
      `${tasks[index].length}${noArgs ? ' (pass --args, e.g. --args "[[30], [30]]")' : ''}`,
  );
}

/**
 * Whether every task's arguments survive the structured clone that carries them to a worker thread or child process;
 * the reason names the task and the argument.
 */
export function checkCloneable(tasks: unknown[][]): { ok: boolean; reason?: string } {
  for (let i = 0; i < tasks.length; i++) {
    try {
      structuredClone(tasks[i]);
      continue;
    } catch {
      /* find the argument below */
    }
    for (let a = 0; a < tasks[i].length; a++) {
      try {
        structuredClone(tasks[i][a]);
      } catch (e) {
        return {
          ok: false,
          reason:
            `argument ${a} of task ${i} (${short(tasks[i][a])}) cannot be structured-cloned (${(e as Error).name}: ${(e as Error).message}); ` +
            'worker threads and child processes receive a copy made by the structured clone algorithm: pass plain data ' +
            '(numbers, strings, arrays, plain objects, Map, Set, typed arrays), not functions, symbols, class instances with methods or handles',
        };
      }
    }
  }
  return { ok: true };
}

/** A short, one-line rendering of a value for messages and `sampleArgs`. */
export function short(v: unknown, max = 60): string {
  const s = inspect(v, { depth: 2, breakLength: Infinity, maxArrayLength: 6, maxStringLength: max });
  return s.length <= max * 3 ? s : s.slice(0, max * 3 - 3) + '...';
}
