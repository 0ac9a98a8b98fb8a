/**
 * The task-argument input box's texts and its cheap syntactic check. Nothing here evaluates the expression:
 * the harness does that in the user's module, when the engine loads it (before any configuration runs).
 * Pure, no `vscode`.
 */
import type { FunctionInfo } from '../../engine';

/** What the input box starts with and explains. */
export interface ArgsPrompt {
  value: string;
  prompt: string;
  placeHolder: string;
}

/**
 * The input box for `fn`. Its value: the last expression used for it (null = the empty, zero-argument form), else the
 * one the file documents, else empty, with an example built from the parameter names as the placeholder.
 */
export function argsPrompt(
  fn: Pick<FunctionInfo, 'name' | 'params'>,
  lastArgs: string | null | undefined,
  tasks: number,
  documented?: string,
  language = 'python',
): ArgsPrompt {
  const sig = `${fn.name}(${fn.params.join(', ')})`;
  const value = lastArgs !== undefined ? (lastArgs ?? '') : (documented ?? '');
  // JavaScript/TypeScript: an array per call (its argument list), evaluated with the module's exports in scope.
  if (language === 'javascript' || language === 'typescript') {
    return {
      value,
      prompt: fn.params.length === 0
        ? `Task arguments for ${sig}: leave empty to call it ${tasks} times, or give an array of [] argument lists, one per task.`
        : `Task arguments for ${sig}: a JavaScript expression, evaluated with the module's exports in scope, giving an array with one [${fn.params.join(', ')}] argument list per task.`,
      placeHolder: fn.params.length === 0 ? `empty: ${fn.name}() × ${tasks}` : `e.g. [[${fn.params.map((p) => `${p}_1`).join(', ')}], …]`,
    };
  }
  if (fn.params.length === 0) {
    return {
      value,
      prompt: `Task arguments for ${sig}: leave empty to call it ${tasks} times, or give a list of () tuples, one per task.`,
      placeHolder: `empty: ${fn.name}() × ${tasks}`,
    };
  }
  const one = fn.params.length === 1;
  const example = one ? `[${fn.params[0]}_1, ${fn.params[0]}_2, …]` : `[(${fn.params.join(', ')}), …]`;
  return {
    value,
    prompt: `Task arguments for ${sig}: a Python expression, evaluated in its module, giving a list with one ${
      one ? 'argument' : `(${fn.params.join(', ')}) tuple`
    } per task.`,
    placeHolder: `e.g. ${example}`,
  };
}

/**
 * A quick check while typing: what is certainly wrong without running anything (empty when arguments are required,
 * unbalanced brackets or quotes). Returns the message, or undefined when it may be fine; the harness has the last word.
 */
export function quickCheckArgs(text: string, fn: Pick<FunctionInfo, 'name' | 'params'>): string | undefined {
  const t = text.trim();
  if (!t) {
    return fn.params.length ? `${fn.name} takes (${fn.params.join(', ')}): give a list of arguments, one entry per task.` : undefined;
  }
  const closers: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: string[] = [];
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c === '#') break;
    if (c === '"' || c === "'") {
      // Skip the string literal (triple-quoted or not); an unterminated one is an error.
      const quote = t.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      let j = i + quote.length;
      while (j < t.length && !t.startsWith(quote, j)) j += t[j] === '\\' ? 2 : 1;
      if (j >= t.length) return 'Unterminated string.';
      i = j + quote.length - 1;
    } else if (c === '(' || c === '[' || c === '{') {
      stack.push(c);
    } else if (c in closers) {
      if (stack.pop() !== closers[c]) return `Unbalanced "${c}".`;
    }
  }
  if (stack.length) return `Missing closing bracket for "${stack[stack.length - 1]}".`;
  return undefined;
}

/**
 * An argument expression the file itself documents for `fn`, e.g. a docstring line
 * `parallelism-profiler profile examples/sum_range.py:sum_range --args "[(0, 10**6)]"`. Read as text, never run.
 */
export function documentedArgs(text: string, fn: string): string | undefined {
  // Join shell line continuations so a command split over two lines reads as one.
  const joined = text.replace(/\\\r?\n/g, ' ');
  const name = fn.replace(/[^A-Za-z0-9_]/g, '');
  if (!name) return undefined;
  const re = new RegExp(`[:\\s]${name}(?![A-Za-z0-9_])[^\\n]*?--args(?:=|\\s+)(?:"([^"\\n]*)"|'([^'\\n]*)'|([^\\s"']+))`);
  const m = re.exec(joined);
  const found = (m?.[1] ?? m?.[2] ?? m?.[3])?.trim();
  return found || undefined;
}
