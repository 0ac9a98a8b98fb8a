/**
 * Top-level functions of a JavaScript/TypeScript file, found from its tokens alone (nothing is run, nothing is
 * resolved). Exported ones are what a worker thread or child process can import by name, so they are the functions
 * the profiler offers; every top-level function is listed too, so a profile of a non-exported one can say why it
 * cannot run on a worker.
 *
 * Recognised exports: `export [async] function f`, `export const f = [async] (…) => …` / `= function …`,
 * `export { f, g as h }`, `exports.f = …`, `module.exports.f = …` and `module.exports = { f, g: h, k() {} }`.
 * Not offered: default exports (a worker would have to look up `default`) and class methods.
 */
import type { FunctionInfo } from '../functionInfo';
import { matching, tokenize, type Token } from './tokens';

/** What the scan found. */
export interface JsScan {
  /** Exported functions, under the name a worker imports them by, in source order. */
  exported: FunctionInfo[];
  /** Every top-level function declaration or function-valued const, exported or not. */
  declared: FunctionInfo[];
}

// A top-level token on a new line with one of these values starts a new statement (ends an arrow's expression body).
const STATEMENT_START = new Set(['export', 'import', 'function', 'const', 'let', 'var', 'class', 'async', 'module',
  'exports', 'if', 'for', 'while', 'do', 'switch', 'try', 'return', 'throw', 'interface', 'type', 'enum', 'declare',
  'namespace', 'abstract']);

/** Scan source text; throws JsSyntaxError (with a line) when brackets or literals do not balance. */
export function scanJsFunctions(src: string): JsScan {
  const t = tokenize(src);
  const declared: FunctionInfo[] = [];
  const exported: FunctionInfo[] = [];
  const localExports: { local: string; as: string }[] = [];
  const is = (k: number, v: string) => t[k]?.value === v && t[k].kind !== 'string' && t[k].kind !== 'template';

  for (let k = 0; k < t.length; k++) {
    if (t[k].depth !== 0) continue;
    // A statement begins here only if the previous top-level token ended one (or this is the first token).
    const startLine = t[k].line;
    let j = k;
    let isExport = false;
    if (is(j, 'export')) {
      isExport = true;
      j++;
      if (is(j, 'default') || is(j, 'declare')) continue;
      if (is(j, '{')) {
        const close = matching(t, j);
        if (!is(close + 1, 'from')) for (const e of exportList(t, j, close)) localExports.push(e);
        k = close;
        continue;
      }
    }
    // `export default function f` is reached through `default`, not `f`: not offered, not "declared" either.
    const fn = is(j - 1, 'default') ? null : functionAt(t, j, startLine);
    if (fn) {
      addUnique(declared, fn.info);
      if (isExport) addUnique(exported, fn.info);
      k = fn.end;
      continue;
    }
    // CommonJS: exports.f = …, module.exports.f = …, module.exports = { … }.
    let m = j;
    if (is(m, 'module') && is(m + 1, '.') && is(m + 2, 'exports')) m += 3;
    else if (is(m, 'exports') && (k === 0 || !is(k - 1, '.'))) m += 1;
    else continue;
    if (is(m, '.') && t[m + 1]?.kind === 'id' && is(m + 2, '=')) {
      const name = t[m + 1].value;
      const value = functionValue(t, m + 3, name, startLine);
      if (value) {
        addUnique(exported, value.info);
        k = value.end;
      } else if (t[m + 3]?.kind === 'id') {
        localExports.push({ local: t[m + 3].value, as: name });
      }
    } else if (j !== m && is(m, '=') && is(m + 1, '{') && t[j].value === 'module') {
      const close = matching(t, m + 1);
      for (const entry of objectEntries(t, m + 1, close)) {
        if (entry.fn) addUnique(exported, entry.fn);
        else localExports.push({ local: entry.local, as: entry.as });
      }
      k = close;
    }
  }
  for (const { local, as } of localExports) {
    const d = declared.find((f) => f.name === local);
    if (d) addUnique(exported, { ...d, name: as });
  }
  exported.sort((a, b) => a.line - b.line);
  return { exported, declared };
}

function addUnique(list: FunctionInfo[], f: FunctionInfo): void {
  const old = list.find((x) => x.name === f.name);
  // TypeScript overloads: keep the first line for the lens and the implementation's extent.
  if (old) old.endLine = Math.max(old.endLine, f.endLine);
  else list.push(f);
}

/** `function f(…) {…}` / `async function* f` / `const f = …` at token j, or null. */
function functionAt(t: Token[], j: number, line: number): { info: FunctionInfo; end: number } | null {
  let k = j;
  const isAsync = t[k]?.value === 'async' && t[k + 1]?.value === 'function';
  if (isAsync) k++;
  if (t[k]?.value === 'function') {
    k++;
    if (t[k]?.value === '*') k++;
    if (t[k]?.kind !== 'id') return null;
    const name = t[k].value;
    return signatureAndBody(t, k + 1, name, line, isAsync);
  }
  if (['const', 'let', 'var'].includes(t[k]?.value ?? '') && t[k + 1]?.kind === 'id') {
    const name = t[k + 1].value;
    let m = k + 2;
    if (t[m]?.value === '!') m++;
    if (t[m]?.value === ':') m = skipType(t, m + 1, ['=']);
    if (t[m]?.value !== '=') return null;
    return functionValue(t, m + 1, name, line);
  }
  return null;
}

/** A function expression or arrow function starting at token m, named `name` by its binding. */
function functionValue(t: Token[], m: number, name: string, line: number): { info: FunctionInfo; end: number } | null {
  let k = m;
  const isAsync = t[k]?.value === 'async' && t[k].kind === 'id';
  if (isAsync) k++;
  if (t[k]?.value === 'function') {
    k++;
    if (t[k]?.value === '*') k++;
    if (t[k]?.kind === 'id') k++;
    return signatureAndBody(t, k, name, line, isAsync);
  }
  if (t[k]?.value === '<') k = skipAngles(t, k);
  if (t[k]?.kind === 'id' && t[k + 1]?.value === '=>') {
    return arrowBody(t, k + 2, { name, line, endLine: line, params: [t[k].value], isAsync });
  }
  if (t[k]?.value !== '(') return null;
  const close = matching(t, k);
  let after = close + 1;
  if (t[after]?.value === ':') after = skipType(t, after + 1, ['=>']);
  if (t[after]?.value !== '=>') return null;
  return arrowBody(t, after + 1, { name, line, endLine: line, params: params(t, k, close), isAsync });
}

/** From just after a function's name: generics, (params), return type, { body }. Overload signatures have no body. */
function signatureAndBody(
  t: Token[], k: number, name: string, line: number, isAsync: boolean,
): { info: FunctionInfo; end: number } | null {
  if (t[k]?.value === '<') k = skipAngles(t, k);
  if (t[k]?.value !== '(') return null;
  const close = matching(t, k);
  let b = close + 1;
  if (t[b]?.value === ':') b = skipType(t, b + 1, ['{', ';']);
  const info: FunctionInfo = { name, line, endLine: t[close].line, params: params(t, k, close), isAsync };
  if (t[b]?.value !== '{') return { info, end: t[b]?.value === ';' ? b : close };
  const end = matching(t, b);
  info.endLine = t[end].line;
  return { info, end };
}

/** An arrow's body: a block, or an expression that runs to `;` or the next statement at top level. */
function arrowBody(t: Token[], k: number, info: FunctionInfo): { info: FunctionInfo; end: number } {
  const depth = t[k - 1].depth;
  if (t[k]?.value === '{') {
    const end = matching(t, k);
    info.endLine = t[end].line;
    return { info, end };
  }
  let end = k;
  for (let m = k; m < t.length; m++) {
    if (t[m].depth < depth) break;
    if (t[m].depth === depth) {
      if (t[m].value === ';' || t[m].value === ',') break;
      if (m > k && t[m].line > t[m - 1].line && STATEMENT_START.has(t[m].value) && t[m].kind === 'id') break;
    }
    end = m;
  }
  info.endLine = t[end]?.line ?? info.line;
  return { info, end };
}

/** Skip a type annotation starting at k, up to (not including) one of `stops` at the same bracket depth. */
function skipType(t: Token[], k: number, stops: string[]): number {
  const depth = t[k]?.depth ?? 0;
  let angles = 0;
  for (let m = k; m < t.length; m++) {
    const v = t[m].value;
    if (t[m].depth < depth) return m;
    if (t[m].depth > depth) continue;
    if (v === '<') angles++;
    else if (v === '>' && angles > 0) angles--;
    else if (angles === 0 && stops.includes(v)) {
      // `(a: T) => U` inside a type is part of the type; a `{` right after `=>` in a type is an object type.
      if (v === '{' && t[m - 1]?.value === '=>') continue;
      if (v === '=>' && stops.includes('=') && !stops.includes('=>')) continue;
      return m;
    }
  }
  return t.length;
}

/** Skip `<…>` generics starting at the `<` at k; returns the index after the matching `>`. */
function skipAngles(t: Token[], k: number): number {
  let n = 0;
  for (let m = k; m < t.length; m++) {
    if (t[m].depth !== t[k].depth) continue;
    if (t[m].value === '<') n++;
    else if (t[m].value === '>') n--;
    else if (t[m].value === '>>') n -= 2;
    if (n <= 0) return m + 1;
  }
  return t.length;
}

/** Parameter names between the parentheses at open..close (destructured ones as written, shortened). */
function params(t: Token[], open: number, close: number): string[] {
  const depth = t[open].depth + 1;
  const out: string[] = [];
  let first = true;
  for (let m = open + 1; m < close; m++) {
    if (t[m].depth === depth && t[m].value === ',') { first = true; continue; }
    if (!first) continue;
    first = false;
    let k = m;
    const rest = t[k].value === '...';
    if (rest) k++;
    while (['public', 'private', 'protected', 'readonly'].includes(t[k]?.value) && t[k + 1]?.kind === 'id') k++;
    if (t[k]?.kind === 'id') {
      if (t[k].value !== 'this') out.push((rest ? '...' : '') + t[k].value);
    } else if (t[k]?.value === '{' || t[k]?.value === '[') {
      const end = matching(t, k);
      const text = t.slice(k, end + 1).map((x) => x.value).join(' ');
      out.push(text.length > 30 ? `${t[k].value}…${t[end].value}` : text);
    }
  }
  return out;
}

/** `{ a, b: c, d() {…}, e: function () {…}, f: () => … }` between open..close. */
function objectEntries(t: Token[], open: number, close: number): { local: string; as: string; fn?: FunctionInfo }[] {
  const depth = t[open].depth + 1;
  const out: { local: string; as: string; fn?: FunctionInfo }[] = [];
  let m = open + 1;
  while (m < close) {
    const key = t[m];
    const line = key.line;
    let isAsync = false;
    let k = m;
    if (key.value === 'async' && t[k + 1]?.kind === 'id' && t[k + 2]?.value === '(') { isAsync = true; k++; }
    if (t[k]?.kind === 'id' && t[k + 1]?.value === '(') {
      const fn = signatureAndBody(t, k + 1, t[k].value, line, isAsync);
      if (fn) out.push({ local: t[k].value, as: t[k].value, fn: fn.info });
    } else if (t[k]?.kind === 'id' && (t[k + 1]?.value === ',' || k + 1 === close)) {
      out.push({ local: t[k].value, as: t[k].value });
    } else if (t[k]?.kind === 'id' && t[k + 1]?.value === ':') {
      const value = functionValue(t, k + 2, t[k].value, line);
      if (value) out.push({ local: t[k].value, as: t[k].value, fn: value.info });
      else if (t[k + 2]?.kind === 'id' && (t[k + 3]?.value === ',' || k + 3 === close)) out.push({ local: t[k + 2].value, as: t[k].value });
    }
    // Move to the next entry at this depth.
    while (m < close && !(t[m].depth === depth && t[m].value === ',')) m++;
    m++;
  }
  return out;
}

/** `{ a, b as c, type T }` of an `export { … }` without `from`. */
function exportList(t: Token[], open: number, close: number): { local: string; as: string }[] {
  const out: { local: string; as: string }[] = [];
  const parts: Token[][] = [[]];
  for (let m = open + 1; m < close; m++) {
    if (t[m].value === ',') parts.push([]);
    else parts[parts.length - 1].push(t[m]);
  }
  for (const p of parts) {
    const words = p.map((x) => x.value).filter((v) => v !== 'type');
    if (!words.length) continue;
    out.push({ local: words[0], as: words[1] === 'as' && words[2] ? words[2] : words[0] });
  }
  return out;
}
