/**
 * Paste-ready JavaScript/TypeScript for the recommended configuration: one ES-module file saved next to the user's
 * module. Threads: a piscina pool with the measured worker count (the file is its own worker: piscina loads it in
 * each thread, where `isWorkerThread` skips the main part). Processes: child_process.fork of the same file, fed
 * chunks of the measured size. Async: Promise.all with bounded concurrency. Serial: a loop.
 *
 * The `--args` expression is written out literally, as the profiler evaluated it: with the module's exports in
 * scope. The exports it reads are imported by name (identifiers that are not globals of this Node), so there is no
 * eval. TypeScript modules are imported by their .js name (the NodeNext convention) and the snippet runs with tsx.
 */
import type { Target } from '../../../contracts/report';
import { BASELINE, isBaseline, strategy, traitsOf } from '../../strategies/catalogue';
import type { SnippetChoice as Choice } from '../snippetTypes';
import { tokenize } from './tokens';

const KEYWORDS = new Set(('break case catch class const continue debugger default delete do else export extends false finally for ' +
  'function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
  'async await of undefined NaN Infinity').split(' '));

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/** The specifier that imports the user's file from a sibling: TypeScript sources by their emitted .js name. */
export function importSpecifier(file: string): string {
  const name = baseName(file);
  return './' + name.replace(/\.ts$/, '.js').replace(/\.mts$/, '.mjs').replace(/\.cts$/, '.cjs');
}

/**
 * Names an --args expression reads that are not JavaScript globals or keywords: candidates to import from the module.
 */
export function jsFreeNames(expr: string): string[] {
  let tokens;
  try {
    tokens = tokenize(expr);
  } catch {
    return [];
  }
  // Arrow parameters (`(_, i) => …`, `x => …`) are bound by the expression itself, not read from the module.
  const bound = new Set<string>();
  tokens.forEach((t, i) => {
    if (t.value !== '=>') return;
    if (tokens[i - 1]?.kind === 'id') bound.add(tokens[i - 1].value);
    if (tokens[i - 1]?.value !== ')') return;
    for (let k = i - 2; k >= 0 && tokens[k].depth > tokens[i - 1].depth; k--) if (tokens[k].kind === 'id') bound.add(tokens[k].value);
  });
  const out: string[] = [];
  tokens.forEach((t, i) => {
    if (t.kind !== 'id' || KEYWORDS.has(t.value) || bound.has(t.value) || !/^[A-Za-z_$][\w$]*$/.test(t.value)) return;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (prev && (prev.value === '.' || prev.value === '?.')) return; // a property, not a variable
    if (next && next.value === ':' && prev && (prev.value === '{' || prev.value === ',')) return; // an object key
    if (t.value in globalThis) return;
    if (!out.includes(t.value)) out.push(t.value);
  });
  return out;
}

function headline(c: Choice): string {
  if (isBaseline(c.strategy)) return 'Serial (a plain loop)';
  const chunk = traitsOf(c.strategy).chunked ? `, chunksize ${c.chunksize}` : '';
  return `${c.strategy[0].toUpperCase()}${c.strategy.slice(1)}, ${c.workers} worker${c.workers === 1 ? '' : 's'}${chunk}`;
}

function taskLines(target: Target): string[] {
  if (target.args === null || !target.args.trim()) {
    return [`// ${target.function} takes no arguments: ${target.tasks} calls, as profiled.`, `const TASKS = Array.from({ length: ${target.tasks} }, () => []);`];
  }
  return [
    "// The task arguments, as profiled: an array is one call's argument list; any other value is its single argument.",
    `const TASKS = Array.from(${target.args.trim()}, (args) => (Array.isArray(args) ? args : [args]));`,
  ];
}

/** A paste-ready ES-module script that runs the target's tasks the recommended way. */
export function jsSnippet(choice: Choice, target: Target): string {
  const fn = target.function;
  const w = Math.max(1, Math.round(choice.workers));
  const chunk = Math.max(1, Math.round(choice.chunksize));
  const ts = target.language === 'typescript';
  const snippetFile = `parallel-${fn}.${ts ? 'mts' : 'mjs'}`;
  const wait = target.isAsync ? 'await ' : '';
  // Names the snippet itself declares must not be shadowed by imports.
  const own = new Set(['TASKS', 'results', 'next', 'pool', 'LIMIT', 'WORKERS', 'CHUNKSIZE', 'chunks', 'runTask', 'fork', 'fileURLToPath', 'Piscina', 'isWorkerThread', 'mod']);
  const extra = jsFreeNames(target.args ?? '').filter((n) => n !== fn && !own.has(n));
  // Strategies JavaScript does not have are never recommended for it; the baseline's loop stands in regardless.
  const write = strategy(choice.strategy).snippets.javascript ?? strategy(BASELINE).snippets.javascript!;
  const { imports, body, needs: needsPackage } = write({
    fn, workers: w, chunksize: chunk, isAsync: target.isAsync, taskLines: taskLines(target), wait,
  });

  const run = ts ? `npx tsx ${snippetFile}` : `node ${snippetFile}`;
  const spec = importSpecifier(target.file);
  // Other names the expression reads may or may not be exports: destructuring a namespace tolerates either.
  const userImport = extra.length
    ? [`import * as mod from '${spec}';`, '', `const { ${[fn, ...extra].join(', ')} } = mod;`]
    : [`import { ${fn} } from '${spec}';`];
  const needs = needsPackage ? ` (needs \`${needsPackage}\`)` : '';
  return [
    `// ${headline(choice)} for ${fn} (${baseName(target.file)}), as Parallelism Profiler measured it.`,
    `// Save as ${snippetFile} next to ${baseName(target.file)} and run \`${run}\`${needs}.`,
    ...imports,
    ...userImport,
    '',
    ...body,
    '',
  ].join('\n');
}
