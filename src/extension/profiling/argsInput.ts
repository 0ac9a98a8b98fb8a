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

/** A runnable example for the function (exampleArgs.ts): the prefill, and two tasks that show the shape. */
export interface ArgsExample {
  value: string;
  shape: string;
}

type Language = 'python' | 'javascript';
const languageOf = (id: string): Language => (id === 'javascript' || id === 'typescript' ? 'javascript' : 'python');

/** The expected shape in words, for the prompt and for every suggestion. */
export function shapeWords(fn: Pick<FunctionInfo, 'params'>, language: string): string {
  if (languageOf(language) === 'javascript') return 'an array with one argument array per task';
  return fn.params.length === 1 ? 'a list with one argument per task' : `a list with one (${fn.params.join(', ')}) tuple per task`;
}

/**
 * The input box for `fn`. Its value: the last expression used for it (null = the empty, zero-argument form), else the
 * one the file documents, else (JavaScript/TypeScript) a runnable example from the signature, else empty, with an
 * example built from the parameter names as the placeholder.
 */
export function argsPrompt(
  fn: Pick<FunctionInfo, 'name' | 'params'>,
  lastArgs: string | null | undefined,
  tasks: number,
  documented?: string,
  language = 'python',
  example?: ArgsExample,
): ArgsPrompt {
  const sig = `${fn.name}(${fn.params.join(', ')})`;
  // JavaScript/TypeScript: an array per call (its argument list), evaluated with the module's exports in scope.
  if (languageOf(language) === 'javascript') {
    const value = lastArgs !== undefined ? (lastArgs ?? '') : (documented ?? example?.value ?? '');
    return {
      value,
      prompt: fn.params.length === 0
        ? `Task arguments for ${sig}: leave empty to call it ${tasks} times, or give an array of [] argument lists, one per task.`
        : `Task arguments for ${sig}: ${shapeWords(fn, language)}, e.g. ${example?.shape ?? `[[${fn.params.join(', ')}], …]`}. ` +
          "A JavaScript expression, evaluated with the module's exports in scope.",
      placeHolder: fn.params.length === 0 ? `empty: ${fn.name}() × ${tasks}` : `e.g. ${example?.value ?? `[[${fn.params.map((p) => `${p}_1`).join(', ')}], …]`}`,
    };
  }
  const value = lastArgs !== undefined ? (lastArgs ?? '') : (documented ?? '');
  if (fn.params.length === 0) {
    return {
      value,
      prompt: `Task arguments for ${sig}: leave empty to call it ${tasks} times, or give a list of () tuples, one per task.`,
      placeHolder: `empty: ${fn.name}() × ${tasks}`,
    };
  }
  const one = fn.params.length === 1;
  const placeholder = one ? `[${fn.params[0]}_1, ${fn.params[0]}_2, …]` : `[(${fn.params.join(', ')}), …]`;
  return {
    value,
    prompt: `Task arguments for ${sig}: a Python expression, evaluated in its module, giving a list with one ${
      one ? 'argument' : `(${fn.params.join(', ')}) tuple`
    } per task.`,
    placeHolder: `e.g. ${placeholder}`,
  };
}

/** What the bracket and string scan found: the first certain mistake, and the brackets still open at the end. */
interface Scan {
  problem?: string;
  open: string[];
}

function scanBrackets(t: string, language: Language): Scan {
  const closers: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const quotes = language === 'javascript' ? ['"', "'", '`'] : ['"', "'"];
  const stack: string[] = [];
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    // Comments: # in Python, // in JavaScript (a # there is a private name).
    if ((language === 'python' && c === '#') || (language === 'javascript' && t.startsWith('//', i))) break;
    if (quotes.includes(c)) {
      // Skip the string literal (triple-quoted or not); an unterminated one is an error.
      const quote = language === 'python' && t.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      let j = i + quote.length;
      while (j < t.length && !t.startsWith(quote, j)) j += t[j] === '\\' ? 2 : 1;
      if (j >= t.length) return { problem: 'Unterminated string.', open: stack };
      i = j + quote.length - 1;
    } else if (c === '(' || c === '[' || c === '{') {
      stack.push(c);
    } else if (c in closers) {
      if (stack.pop() !== closers[c]) return { problem: `Unbalanced "${c}".`, open: stack };
    }
  }
  if (stack.length) return { problem: `Missing closing bracket for "${stack[stack.length - 1]}".`, open: stack };
  return { open: [] };
}

/**
 * A quick check while typing: what is certainly wrong without running anything (empty when arguments are required,
 * unbalanced brackets or quotes). Returns the message, or undefined when it may be fine; the runner has the last word.
 */
export function quickCheckArgs(text: string, fn: Pick<FunctionInfo, 'name' | 'params'>, language = 'python'): string | undefined {
  const t = text.trim();
  if (!t) {
    return fn.params.length ? `${fn.name} takes (${fn.params.join(', ')}): give a list of arguments, one entry per task.` : undefined;
  }
  return scanBrackets(t, languageOf(language)).problem;
}

/** What pressing Enter does: run the expression, or put a suggestion in the box and say why. */
export type ArgsAcceptance = { kind: 'run'; value: string } | { kind: 'suggest'; value: string; message: string };

/**
 * Enter on the box. A valid expression runs. An empty box for a function that takes arguments gets the runnable
 * example filled in; missing closing brackets are added; any other certain mistake keeps the text and says what shape
 * is expected, with an example. Never just a red error with nothing to go on.
 */
export function acceptArgs(
  text: string,
  fn: Pick<FunctionInfo, 'name' | 'params'>,
  language: string,
  example?: ArgsExample,
): ArgsAcceptance {
  const t = text.trim();
  const shape = shapeWords(fn, language);
  if (!t) {
    if (fn.params.length === 0) return { kind: 'run', value: '' };
    if (example?.value) {
      return {
        kind: 'suggest',
        value: example.value,
        message: `${fn.name}(${fn.params.join(', ')}) needs arguments: ${shape}. A runnable example is filled in; ` +
          'press Enter to run it, or edit it.',
      };
    }
    return { kind: 'suggest', value: '', message: `${fn.name}(${fn.params.join(', ')}) needs arguments: ${shape}.` };
  }
  const scan = scanBrackets(t, languageOf(language));
  if (!scan.problem) return { kind: 'run', value: t };
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  if (scan.problem.startsWith('Missing closing')) {
    const closing = [...scan.open].reverse().map((b) => pairs[b]).join('');
    return { kind: 'suggest', value: t + closing, message: `${scan.problem} Added "${closing}": press Enter to run it, or edit it.` };
  }
  return { kind: 'suggest', value: text, message: `${scan.problem} Expected ${shape}${example ? `, e.g. ${example.shape}` : ''}.` };
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
