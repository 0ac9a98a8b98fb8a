/**
 * Which global names a Python expression reads: the names a snippet must import from the user's module so that
 * the `--args` expression means in the snippet what it meant to the profiler (which evaluated it in the module's
 * namespace). A small tokenizer, not a parser: it knows strings, attributes, keyword arguments, comprehension
 * targets, lambda parameters and walrus targets, which covers task-argument expressions. A name bound anywhere in
 * the expression counts as bound everywhere in it (Python scopes it more narrowly; that never matters for a list
 * of task arguments, and erring this way never imports a name the module lacks).
 */

/** Names Python resolves without the module (3.11–3.14 builtins, not counting private ones). */
export const PYTHON_BUILTINS: ReadonlySet<string> = new Set(
  (
    'ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError BrokenPipeError ' +
    'BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError ' +
    'ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError Exception ' +
    'ExceptionGroup False FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ' +
    'ImportError ImportWarning IndentationError IndexError InterruptedError IsADirectoryError KeyError ' +
    'KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError None NotADirectoryError NotImplemented ' +
    'NotImplementedError OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError ' +
    'PythonFinalizationError RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning ' +
    'StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError True ' +
    'TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError ' +
    'UnicodeWarning UserWarning ValueError Warning ZeroDivisionError __import__ __debug__ __build_class__ abs aiter ' +
    'all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex copyright ' +
    'credits delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr globals hasattr ' +
    'hash help hex id input int isinstance issubclass iter len license list locals map max memoryview min next ' +
    'object oct open ord pow print property quit range repr reversed round set setattr slice sorted staticmethod ' +
    'str sum super tuple type vars zip'
  ).split(' '),
);

/** Python keywords (soft keywords like `match` are ordinary names inside expressions). */
const KEYWORDS = new Set(
  ('False None True and as assert async await break class continue def del elif else except finally for from ' +
    'global if import in is lambda nonlocal not or pass raise return try while with yield').split(' '),
);

type Tok = { kind: 'name' | 'op' | 'other'; text: string; depth: number };

const STRING_START = /^(?:[rRbBuUfF]{0,2})('''|"""|'|")/;

/** Split the expression into names, operators and opaque literals; f-string replacement fields are tokenized too. */
function tokenize(src: string, out: Tok[] = [], baseDepth = 0): Tok[] {
  let depth = baseDepth;
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c) || c === '\\') { i++; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    const str = STRING_START.exec(src.slice(i, i + 5));
    if (str && (/[A-Za-z]/.test(c) ? !/[A-Za-z0-9_]/.test(src[i - 1] ?? '') : true)) {
      const prefix = str[0].slice(0, str[0].length - str[1].length);
      const quote = str[1];
      let j = i + str[0].length;
      const bodyStart = j;
      while (j < src.length && !src.startsWith(quote, j)) j += src[j] === '\\' && !/[rR]/.test(prefix) ? 2 : 1;
      const body = src.slice(bodyStart, j);
      if (/[fF]/.test(prefix)) for (const field of fStringFields(body)) tokenize(field, out, depth + 1);
      out.push({ kind: 'other', text: 'str', depth });
      i = j + quote.length;
      continue;
    }
    const name = /^[A-Za-z_\u00c0-\uffff][A-Za-z0-9_\u00c0-\uffff]*/.exec(src.slice(i));
    if (name) { out.push({ kind: 'name', text: name[0], depth }); i += name[0].length; continue; }
    const num = /^(?:0[xXoObB][\da-fA-F_]+|\d[\d_]*\.?[\d_]*(?:[eE][+-]?\d+)?|\.\d[\d_]*(?:[eE][+-]?\d+)?)[jJ]?/.exec(src.slice(i));
    if (num) { out.push({ kind: 'other', text: num[0], depth }); i += num[0].length; continue; }
    const op = /^(?:\*\*|:=|==|!=|<=|>=|->|\/\/|<<|>>|\.\.\.|.)/.exec(src.slice(i))![0];
    if (op === '(' || op === '[' || op === '{') depth++;
    out.push({ kind: 'op', text: op, depth });
    if (op === ')' || op === ']' || op === '}') depth--;
    i += op.length;
  }
  return out;
}

/** The expressions inside an f-string's `{...}` fields (conversion and format spec dropped). */
function fStringFields(body: string): string[] {
  const fields: string[] = [];
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '{' && body[i + 1] === '{') { i++; continue; }
    if (body[i] !== '{') continue;
    let depth = 0;
    let j = i + 1;
    for (; j < body.length; j++) {
      const ch = body[j];
      if ('([{'.includes(ch)) depth++;
      else if (')]'.includes(ch) || (ch === '}' && depth > 0)) depth--;
      else if (depth === 0 && (ch === '}' || ch === '!' || (ch === ':' && body[j + 1] !== '='))) break;
    }
    fields.push(body.slice(i + 1, j));
    while (j < body.length && body[j] !== '}') j++;
    i = j;
  }
  return fields;
}

/** Global names the expression reads, in order of first use, without builtins (the names to import). */
export function pythonFreeNames(expr: string): string[] {
  const toks = tokenize(expr);
  const bound = new Set<string>();
  // Pass 1: names the expression binds itself.
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind === 'name' && t.text === 'for') {
      // Comprehension target: names up to the matching `in` at the same depth.
      for (let j = i + 1; j < toks.length && !(toks[j].text === 'in' && toks[j].depth === t.depth); j++) {
        if (toks[j].kind === 'name' && !KEYWORDS.has(toks[j].text)) bound.add(toks[j].text);
      }
    } else if (t.kind === 'name' && t.text === 'lambda') {
      // Parameters sit right after `lambda`, `,`, `*` or `**` at the lambda's depth, up to its `:`.
      for (let j = i + 1; j < toks.length && !(toks[j].text === ':' && toks[j].depth === t.depth); j++) {
        const prev = toks[j - 1].text;
        if (toks[j].kind === 'name' && toks[j].depth === t.depth && ['lambda', ',', '*', '**'].includes(prev)) bound.add(toks[j].text);
      }
    } else if (t.kind === 'name' && toks[i + 1]?.text === ':=') {
      bound.add(t.text);
    }
  }
  // Pass 2: every other name that is read.
  const free: string[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind !== 'name' || KEYWORDS.has(t.text) || bound.has(t.text) || PYTHON_BUILTINS.has(t.text)) continue;
    if (toks[i - 1]?.text === '.') continue; // attribute
    if (toks[i + 1]?.text === '=') continue; // keyword argument name
    if (!free.includes(t.text)) free.push(t.text);
  }
  return free;
}
