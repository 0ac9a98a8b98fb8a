/**
 * A runnable example of task arguments for a function, built from its signature as written: a JavaScript/TypeScript
 * default value or type annotation when there is one, else a guess from the parameter's name (a number unless the
 * name says string, array or object). Small values on purpose: the example must run, and quickly; the user edits it
 * into a real workload. Read from the text, never run. Pure, no `vscode`.
 */
import type { FunctionInfo } from '../../engine';

/** One parameter as the signature writes it. */
export interface ParamSpec {
  name: string;
  /** TypeScript annotation, e.g. "number", "string[]". */
  type?: string;
  /** Default value expression, e.g. "30". */
  default?: string;
  /** `...rest`: contributes no example value. */
  rest?: boolean;
  /** `{ a, b }` or `[a, b]` in the signature. */
  destructured?: 'object' | 'array';
}

/** The number an example passes for a count-like parameter, and for a lower bound. */
export const EXAMPLE_NUMBER = 30;
const LOWER_BOUND = /^(start|begin|lo|low|from|min|offset|first)$/i;
const STRINGISH = /^(s|str|string|text|name|word|words|key|msg|message|prefix|suffix|label|title|line|sentence)$/i;
const ARRAYISH = /^(items|list|array|arr|values|xs|ys|rows|nums|numbers|data|elements|chunk|batch|parts)$/i;
const OBJECTISH = /^(options|opts|config|cfg|settings|params|obj|record|entry|item|payload)$/i;
const LITERAL = /^(-?[\d_]+(\.[\d_]+)?(e-?\d+)?n?|'[^']*'|"[^"]*"|true|false|null|\[[^()]*\]|\{[^()]*\})$/;

/** Splits `text` at top-level commas (outside brackets and strings). */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if ('([{<'.includes(c)) depth++;
    else if (')]}>'.includes(c) && !(c === '>' && text[i - 1] === '=')) depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** Reads one parameter: `name?: type = default`, `...rest`, `{ a, b }: T`. */
function parseParam(raw: string): ParamSpec {
  let text = raw.replace(/^(public|private|protected|readonly)\s+/, '');
  const rest = text.startsWith('...');
  if (rest) text = text.slice(3);
  const [head, ...defaultParts] = splitAt(text, '=');
  const [binding, ...typeParts] = splitAt(head!, ':');
  const b = binding!.trim().replace(/\?$/, '');
  const spec: ParamSpec = { name: /^[{[]/.test(b) ? b : b.replace(/[^\w$]/g, '') };
  if (b.startsWith('{')) spec.destructured = 'object';
  if (b.startsWith('[')) spec.destructured = 'array';
  if (typeParts.length) spec.type = typeParts.join(':').trim();
  if (defaultParts.length) spec.default = defaultParts.join('=').trim();
  if (rest) spec.rest = true;
  return spec;
}

/** Splits at the first top-level `sep` (not inside brackets, strings or `=>`/`==`). */
function splitAt(text: string, sep: ':' | '='): string[] {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if ('([{<'.includes(c)) depth++;
    else if (')]}>'.includes(c)) depth = Math.max(0, depth - 1);
    else if (c === sep && depth === 0 && text[i + 1] !== '>' && text[i + 1] !== '=' && text[i - 1] !== '=') {
      return [text.slice(0, i), text.slice(i + 1)];
    }
  }
  return [text];
}

/**
 * The parameters of a JavaScript/TypeScript function as written on its first lines, or the discovered names alone
 * when the signature cannot be read.
 */
export function jsParams(text: string, fn: Pick<FunctionInfo, 'name' | 'line' | 'params'>): ParamSpec[] {
  const lines = text.split(/\r\n|\r|\n/);
  const from = lines.slice(Math.max(0, fn.line - 1), fn.line + 20).join('\n');
  const at = from.search(new RegExp(`(?<![\\w$])${fn.name.replace(/\$/g, '\\$')}(?![\\w$])`));
  const open = at < 0 ? -1 : from.indexOf('(', at);
  const arrow = at < 0 ? -1 : from.indexOf('=>', at);
  // `const f = n => …`: one bare parameter, no parentheses before the arrow.
  if (open < 0 || (arrow >= 0 && arrow < open)) return fn.params.map((name) => ({ name }));
  let depth = 0;
  for (let i = open; i < from.length; i++) {
    if (from[i] === '(') depth++;
    else if (from[i] === ')' && --depth === 0) {
      const specs = splitTopLevel(from.slice(open + 1, i)).map(parseParam);
      return specs.length || fn.params.length === 0 ? specs : fn.params.map((name) => ({ name }));
    }
  }
  return fn.params.map((name) => ({ name }));
}

/** A value for one parameter, as an expression of `language`. */
export function exampleValue(p: ParamSpec, language: 'python' | 'javascript'): string {
  if (language === 'javascript' && p.default && LITERAL.test(p.default)) return p.default;
  const type = (p.type ?? '').replace(/\s+/g, '');
  const py = language === 'python';
  if (p.destructured === 'array' || /\[\]$|^Array<|^ReadonlyArray<|^\[/.test(type) || ARRAYISH.test(p.name)) {
    return `[${EXAMPLE_NUMBER}, ${EXAMPLE_NUMBER + 1}]`;
  }
  if (p.destructured === 'object' || /^(Record<|\{)/.test(type) || (!type && OBJECTISH.test(p.name))) return '{}';
  if (/^string$/.test(type) || (!type && STRINGISH.test(p.name))) return "'text'";
  if (/^boolean$/.test(type)) return py ? 'False' : 'false';
  if (/^bigint$/.test(type)) return `${LOWER_BOUND.test(p.name) ? 0 : EXAMPLE_NUMBER}n`;
  return String(LOWER_BOUND.test(p.name) ? 0 : EXAMPLE_NUMBER);
}

/**
 * A runnable argument expression with `tasks` identical tasks, e.g. `[[30], [30], …]` for JavaScript, `[30] * 8` or
 * `[(0, 30)] * 8` for Python; '' for a function without parameters (empty means "call it with none").
 */
export function exampleArgs(params: readonly ParamSpec[], language: 'python' | 'javascript', tasks: number): string {
  const values = params.filter((p) => !p.rest).map((p) => exampleValue(p, language));
  if (values.length === 0) return '';
  const n = Math.max(1, Math.round(tasks));
  if (language === 'python') return `${values.length === 1 ? `[${values[0]}]` : `[(${values.join(', ')})]`} * ${n}`;
  return `[${Array.from({ length: n }, () => `[${values.join(', ')}]`).join(', ')}]`;
}

/** Two tasks of the example, the second with its last number one higher, to show the shape: "[[30], [31]]". */
export function shapeExample(params: readonly ParamSpec[], language: 'python' | 'javascript'): string {
  const values = params.filter((p) => !p.rest).map((p) => exampleValue(p, language));
  if (values.length === 0) return language === 'python' ? '[(), ()]' : '[[], []]';
  const second = [...values];
  const last = second.length - 1;
  if (/^\d+$/.test(second[last]!)) second[last] = String(Number(second[last]) + 1);
  if (language === 'python') {
    return values.length === 1 ? `[${values[0]}, ${second[0]}]` : `[(${values.join(', ')}), (${second.join(', ')})]`;
  }
  return `[[${values.join(', ')}], [${second.join(', ')}]]`;
}
