/**
 * A small JavaScript/TypeScript tokenizer for finding top-level declarations without running or fully parsing the
 * file. It knows exactly what it must to keep bracket depth right: comments, strings, template literals (with nested
 * `${}`), regular-expression literals and numbers. Everything else is an identifier or a punctuator.
 */

/** One token with its 1-based line and the bracket depth it starts at (0 = top level). */
export interface Token {
  kind: 'id' | 'punct' | 'string' | 'template' | 'regex' | 'number';
  value: string;
  line: number;
  depth: number;
}

/** A tokenizing failure: unterminated literal or unbalanced brackets, with the line where it starts. */
export class JsSyntaxError extends Error {
  /** Line (1-based) the problem starts on. */
  constructor(message: string, readonly line: number) {
    super(message);
    this.name = 'SyntaxError';
  }
}

// After these, a `/` starts a regular expression rather than dividing.
const REGEX_AFTER_WORDS = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await',
]);
const PUNCTS = ['>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '&&=', '||=', '??=', '=>', '==', '!=', '<=', '>=', '&&',
  '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '**', '<<'];
const OPEN = '([{';
const CLOSE = ')]}';

const isIdStart = (c: string) => /[A-Za-z_$\u0080-\uffff]/.test(c);
const isIdPart = (c: string) => /[A-Za-z0-9_$\u0080-\uffff]/.test(c);

/** Tokens of a source text; throws JsSyntaxError on an unterminated literal or unbalanced brackets. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  // Open brackets; 'T' marks a `${` whose `}` resumes a template literal.
  const stack: { ch: string; line: number }[] = [];
  let i = 0;
  let line = 1;
  if (src.startsWith('#!')) while (i < src.length && src[i] !== '\n') i++;

  const push = (kind: Token['kind'], value: string, startLine: number) => {
    out.push({ kind, value, line: startLine, depth: stack.length });
  };
  const regexAllowed = (): boolean => {
    const prev = out[out.length - 1];
    if (!prev) return true;
    if (prev.kind === 'id') return REGEX_AFTER_WORDS.has(prev.value);
    if (prev.kind !== 'punct') return false;
    return !(prev.value === ')' || prev.value === ']' || prev.value === '}');
  };
  // Reads template text from i (just after ` or a closing } of ${}) to the closing ` or the next ${.
  const templateChunk = (startLine: number): void => {
    while (i < src.length) {
      const c = src[i];
      if (c === '\\') { i += 2; continue; }
      if (c === '\n') line++;
      if (c === '`') { i++; push('template', '`', startLine); return; }
      if (c === '$' && src[i + 1] === '{') { i += 2; stack.push({ ch: 'T', line }); return; }
      i++;
    }
    throw new JsSyntaxError('unterminated template literal', startLine);
  };

  while (i < src.length) {
    const c = src[i];
    if (c === '\n') { line++; i++; continue; }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\uFEFF') { i++; continue; }
    if (c === '/' && src[i + 1] === '/') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === '/' && src[i + 1] === '*') {
      const start = line;
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new JsSyntaxError('unterminated comment', start);
      for (let k = i; k < end; k++) if (src[k] === '\n') line++;
      i = end + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      const start = line;
      let k = i + 1;
      while (k < src.length && src[k] !== c) {
        if (src[k] === '\\') k++;
        else if (src[k] === '\n') throw new JsSyntaxError('unterminated string literal', start);
        k++;
      }
      if (k >= src.length) throw new JsSyntaxError('unterminated string literal', start);
      push('string', src.slice(i, k + 1), start);
      i = k + 1;
      continue;
    }
    if (c === '`') { i++; templateChunk(line); continue; }
    if (c === '/' && regexAllowed()) {
      const start = line;
      let k = i + 1;
      let inClass = false;
      while (k < src.length && (inClass || src[k] !== '/')) {
        if (src[k] === '\n') throw new JsSyntaxError('unterminated regular expression', start);
        if (src[k] === '\\') k++;
        else if (src[k] === '[') inClass = true;
        else if (src[k] === ']') inClass = false;
        k++;
      }
      k++;
      while (k < src.length && isIdPart(src[k])) k++;
      push('regex', src.slice(i, k), start);
      i = k;
      continue;
    }
    if (isIdStart(c) || c === '#' || c === '@') {
      let k = i + 1;
      while (k < src.length && isIdPart(src[k])) k++;
      push('id', src.slice(i, k), line);
      i = k;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      let k = i + 1;
      while (k < src.length && /[0-9A-Za-z_.]/.test(src[k])) k++;
      push('number', src.slice(i, k), line);
      i = k;
      continue;
    }
    if (OPEN.includes(c)) {
      push('punct', c, line);
      stack.push({ ch: c, line });
      i++;
      continue;
    }
    if (CLOSE.includes(c)) {
      const top = stack.pop();
      if (top?.ch === 'T' && c === '}') { i++; templateChunk(top.line); continue; }
      if (!top || OPEN.indexOf(top.ch) !== CLOSE.indexOf(c)) throw new JsSyntaxError(`unexpected '${c}'`, line);
      push('punct', c, line);
      i++;
      continue;
    }
    const p = PUNCTS.find((x) => src.startsWith(x, i)) ?? c;
    push('punct', p, line);
    i += p.length;
  }
  if (stack.length) {
    const top = stack[stack.length - 1];
    throw new JsSyntaxError(top.ch === 'T' ? 'unterminated template literal' : `'${top.ch}' is never closed`, top.line);
  }
  return out;
}

/** Index of the bracket that closes the one at `open` (tokens[open] must be an opening bracket). */
export function matching(tokens: Token[], open: number): number {
  const depth = tokens[open].depth;
  for (let k = open + 1; k < tokens.length; k++) {
    if (tokens[k].depth === depth && tokens[k].kind === 'punct' && CLOSE.includes(tokens[k].value)) return k;
  }
  return tokens.length - 1;
}
