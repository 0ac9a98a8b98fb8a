/**
 * What "Insert below function" adds to a Python module, worked out before anything is touched, so the user sees
 * the exact change and accepts it (snippetActions.ts shows it as a diff behind a confirmation):
 * - imports go to the module's import block at the top, and only those it lacks (never an import mid-file);
 * - the definitions (TASKS, CALLS, run_task, main) go below the function, or lower when the task arguments read
 *   names defined further down (TASKS is evaluated at import);
 * - the `if __name__ == "__main__":` block goes at the end of the module, and only when the module has none: a module
 *   with its own guard gets a comment saying to call main() from it, never a second guard;
 * - a name the module already defines is not redefined: the inserted one is renamed (main → main_parallel).
 * Input is the engine's in-module snippet (recommendation.snippetInModule). Pure, no `vscode`.
 */

/** Where an insertion goes: at the start of a 0-based line, or at the end of it. */
export interface InsertAt {
  line: number;
  column: 'start' | 'end';
}

/** One insertion; `text` uses '\n' (the caller converts to the document's line ending). */
export interface PlannedEdit {
  at: InsertAt;
  text: string;
  /** What this part is, for the confirmation ("imports", "definitions", "main guard"). */
  part: 'imports' | 'definitions' | 'guard';
}

/** The whole change, and what it does in words. */
export interface InsertPlan {
  edits: PlannedEdit[];
  /** Lines added in all. */
  lines: number;
  /** 0-based line where the definitions start once the edits are applied (to select and reveal them). */
  definitionsLine: number;
  /** One sentence per decision, for the confirmation's detail. */
  notes: string[];
}

/** What the planner needs to know about the target. */
export interface InsertTarget {
  /** The module's current text. */
  text: string;
  /** The function's name and its last line (1-based, inclusive), as discovered now. */
  fn: string;
  endLine: number;
  /** Module-level names the task-argument expression reads (pythonFreeNames). */
  argNames: readonly string[];
}

const GUARD = /^if\s+__name__\s*==\s*(['"])__main__\1\s*:/;
const IMPORT = /^(import|from)\s/;
const DEF = /^(?:async\s+def|def|class)\s+([A-Za-z_]\w*)/;
const ASSIGN = /^([A-Za-z_]\w*)\s*(?::[^=]*)?=(?!=)/;

/** A module's top-level facts: defined names (with their lines), imports, main guard, and where imports belong. */
interface ModuleFacts {
  defined: Map<string, number>;
  fromImports: Map<string, Set<string>>;
  plainImports: Set<string>;
  guardLine?: number;
  /** 0-based line after which new imports go (-1: at the very top), and what that line ends. */
  importsEnd: number;
  importsAfter: 'imports' | 'docstring' | 'comments' | 'top';
  /** The last line that holds code (0-based). */
  lastCode: number;
}

function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Top-level statements of a module, each with its first line and its text joined over continuation lines. */
function statements(lines: string[]): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let depth = 0;
  let inTriple: string | undefined;
  let continued = false;
  let current: { line: number; text: string } | undefined;
  lines.forEach((line, i) => {
    // State at the start of this line decides whether it opens a new top-level statement.
    const opens = inTriple === undefined && depth === 0 && !continued && /^[^\s#]/.test(line);
    if (opens) {
      current = { line: i, text: line };
      out.push(current);
    } else if (current && (inTriple !== undefined || depth > 0 || continued)) {
      current.text += `\n${line}`;
    }
    // Then scan it for strings and brackets, well enough to know where statements start.
    for (let k = 0; k < line.length; k++) {
      const c = line[k]!;
      if (inTriple !== undefined) {
        if (line.startsWith(inTriple, k)) {
          k += 2;
          inTriple = undefined;
        }
        continue;
      }
      if (c === '#') break;
      if (line.startsWith('"""', k) || line.startsWith("'''", k)) {
        inTriple = line.slice(k, k + 3);
        k += 2;
      } else if (c === '"' || c === "'") {
        let end = k + 1;
        while (end < line.length && line[end] !== c) end += line[end] === '\\' ? 2 : 1;
        k = end;
      } else if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) depth = Math.max(0, depth - 1);
    }
    continued = inTriple === undefined && /\\$/.test(line);
  });
  return out;
}

function moduleFacts(lines: string[]): ModuleFacts {
  const defined = new Map<string, number>();
  const fromImports = new Map<string, Set<string>>();
  const plainImports = new Set<string>();
  let guardLine: number | undefined;
  let importsEnd = -1;
  let importsAfter: ModuleFacts['importsAfter'] = 'top';
  let headerOpen = true;
  const stmts = statements(lines);
  for (const s of stmts) {
    const first = s.text.split('\n')[0]!;
    const isDocstring = /^[rRuUbB]?("""|'''|"|')/.test(first);
    if (IMPORT.test(first)) {
      recordImport(s.text, fromImports, plainImports, defined, s.line);
      if (headerOpen) {
        importsEnd = s.line + s.text.split('\n').length - 1;
        importsAfter = 'imports';
      }
      continue;
    }
    if (headerOpen && isDocstring && importsEnd === -1) {
      importsEnd = s.line + s.text.split('\n').length - 1;
      importsAfter = 'docstring';
      continue;
    }
    headerOpen = false;
    if (guardLine === undefined && GUARD.test(first)) guardLine = s.line;
    const def = DEF.exec(first) ?? ASSIGN.exec(first);
    if (def && !defined.has(def[1]!)) defined.set(def[1]!, s.line);
  }
  if (importsEnd === -1) {
    // No docstring and no imports: below a leading comment block (shebang, encoding, licence), else at the top.
    while (importsEnd + 1 < lines.length && lines[importsEnd + 1]!.startsWith('#')) importsEnd++;
    if (importsEnd >= 0) importsAfter = 'comments';
  }
  let lastCode = lines.length - 1;
  while (lastCode > 0 && lines[lastCode]!.trim() === '') lastCode--;
  return { defined, fromImports, plainImports, guardLine, importsEnd, importsAfter, lastCode };
}

function recordImport(
  text: string,
  from: Map<string, Set<string>>,
  plain: Set<string>,
  defined: Map<string, number>,
  line: number,
): void {
  const flat = text.replace(/#[^\n]*/g, '').replace(/[()\\\n]/g, ' ').replace(/\s+/g, ' ').trim();
  const m = /^from\s+(\S+)\s+import\s+(.+)$/.exec(flat);
  if (m) {
    const names = from.get(m[1]!) ?? new Set<string>();
    for (const part of m[2]!.split(',')) {
      const [name, alias] = part.trim().split(/\s+as\s+/);
      if (!name) continue;
      names.add(name);
      defined.set(alias ?? name, line);
    }
    from.set(m[1]!, names);
    return;
  }
  for (const part of flat.replace(/^import\s+/, '').split(',')) {
    const [mod, alias] = part.trim().split(/\s+as\s+/);
    if (!mod) continue;
    if (!alias) plain.add(mod);
    defined.set(alias ?? mod.split('.')[0]!, line);
  }
}

/** The snippet's parts: its imports, its definitions, and its guard block (comment included). */
function snippetParts(snippet: string): { imports: string[]; body: string[]; guard: string[]; guardComment: string[] } {
  const lines = splitLines(snippet.replace(/\s+$/, ''));
  const guardAt = lines.findIndex((l) => GUARD.test(l));
  let commentStart = guardAt < 0 ? lines.length : guardAt;
  while (commentStart > 0 && lines[commentStart - 1]!.startsWith('#')) commentStart--;
  const before = lines.slice(0, commentStart);
  const imports = before.filter((l) => IMPORT.test(l));
  const body = trimBlank(before.filter((l) => !IMPORT.test(l)));
  return {
    imports,
    body,
    guard: guardAt < 0 ? [] : lines.slice(guardAt),
    guardComment: guardAt < 0 ? [] : lines.slice(commentStart, guardAt),
  };
}

function trimBlank(lines: string[]): string[] {
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a]!.trim() === '') a++;
  while (b > a && lines[b - 1]!.trim() === '') b--;
  return lines.slice(a, b);
}

/** Names the snippet defines at top level (TASKS, CALLS, run_task, main). */
function definedBy(body: readonly string[]): string[] {
  const out: string[] = [];
  for (const l of body) {
    const m = DEF.exec(l) ?? ASSIGN.exec(l);
    if (m && !out.includes(m[1]!)) out.push(m[1]!);
  }
  return out;
}

/** Imports the module lacks, as lines to add. */
function missingImports(imports: readonly string[], facts: ModuleFacts): string[] {
  const out: string[] = [];
  for (const line of imports) {
    const from = /^from\s+(\S+)\s+import\s+(.+)$/.exec(line.trim());
    if (from) {
      const have = facts.fromImports.get(from[1]!) ?? new Set<string>();
      const need = from[2]!.split(',').map((n) => n.trim()).filter((n) => n && !have.has(n));
      if (need.length) out.push(`from ${from[1]} import ${need.join(', ')}`);
    } else {
      const mods = line.trim().replace(/^import\s+/, '').split(',').map((m) => m.trim());
      const need = mods.filter((m) => m && !facts.plainImports.has(m));
      if (need.length) out.push(`import ${need.join(', ')}`);
    }
  }
  return out;
}

function rename(lines: readonly string[], renames: ReadonlyMap<string, string>): string[] {
  if (renames.size === 0) return [...lines];
  const re = new RegExp(`(?<![\\w.])(${[...renames.keys()].join('|')})(?!\\w)`, 'g');
  return lines.map((l) => l.replace(re, (name) => renames.get(name) ?? name));
}

/** Plans the insertion of `snippetInModule` into `target`'s module. */
export function planInsertion(target: InsertTarget, snippetInModule: string): InsertPlan {
  const lines = splitLines(target.text);
  const facts = moduleFacts(lines);
  const parts = snippetParts(snippetInModule);
  const notes: string[] = [];

  // Names the module already has keep their meaning: the inserted ones get a suffix.
  const renames = new Map<string, string>();
  for (const name of definedBy(parts.body)) {
    if (!facts.defined.has(name) || name === target.fn) continue;
    let candidate = `${name}_parallel`;
    for (let n = 2; facts.defined.has(candidate); n++) candidate = `${name}_parallel${n}`;
    renames.set(name, candidate);
  }
  if (renames.size) {
    notes.push(`Already defined in this module, so the inserted ones are renamed: ${[...renames].map(([a, b]) => `${a} → ${b}`).join(', ')}.`);
  }
  const body = rename(parts.body, renames);
  const mainName = renames.get('main') ?? 'main';

  const edits: PlannedEdit[] = [];
  const imports = missingImports(parts.imports, facts);
  if (imports.length) {
    const at: InsertAt = facts.importsEnd < 0 ? { line: 0, column: 'start' } : { line: facts.importsEnd, column: 'end' };
    // Next to other imports directly; after a docstring or a comment header, with a blank line between.
    const gap = facts.importsAfter === 'imports' ? '\n' : '\n\n';
    const text = facts.importsEnd < 0 ? `${imports.join('\n')}\n\n` : `${gap}${imports.join('\n')}`;
    edits.push({ at, text, part: 'imports' });
    notes.push(`Imports go to the top with the others: ${imports.join('; ')}.`);
  }

  // TASKS is evaluated when the module is imported, so every name it reads must be defined above it.
  const fnEnd = Math.min(Math.max(1, target.endLine), lines.length) - 1;
  const later = target.argNames.filter((n) => (facts.defined.get(n) ?? -1) > fnEnd);
  let bodyAfter = fnEnd;
  if (later.length) {
    const lastDef = later.reduce((m, n) => Math.max(m, facts.defined.get(n)!), fnEnd);
    const aboveGuard = facts.guardLine !== undefined && facts.guardLine > lastDef;
    bodyAfter = aboveGuard ? previousCode(lines, facts.guardLine!) : facts.lastCode;
    notes.push(`The definitions go below ${later.join(', ')} (the task arguments use ${later.length === 1 ? 'it' : 'them'}), not right below ${target.fn}().`);
  } else {
    notes.push(`The definitions go right below ${target.fn}().`);
  }

  let guardLines: string[] = [];
  if (parts.guard.length && facts.guardLine !== undefined) {
    const where = facts.guardLine > bodyAfter ? 'below' : 'above';
    const why = parts.guardComment.length ? ' (only there: worker processes import this file)' : '';
    const call = `# To run it, call ${mainName}() from this module's own \`if __name__ == "__main__":\` block ${where}`;
    const advice = why ? [call, `# ${why.trim()}, e.g.`] : [`${call}, e.g.`];
    for (const line of ['', '', ...advice, `#     results = ${mainName}()`]) body.push(line);
    notes.push(`The module already has an if __name__ == "__main__": block (line ${facts.guardLine + 1}), so no second one is added: call ${mainName}() from it.`);
  } else if (parts.guard.length) {
    guardLines = rename([...parts.guardComment, ...parts.guard], renames);
    notes.push('The if __name__ == "__main__": block that runs it goes at the end of the module.');
  }

  const bodyText = `\n\n\n${body.join('\n')}`;
  const guardText = guardLines.length ? `\n\n\n${guardLines.join('\n')}` : '';
  if (guardText && bodyAfter >= facts.lastCode) {
    edits.push({ at: { line: bodyAfter, column: 'end' }, text: bodyText + guardText, part: 'definitions' });
  } else {
    edits.push({ at: { line: bodyAfter, column: 'end' }, text: bodyText, part: 'definitions' });
    if (guardText) edits.push({ at: { line: facts.lastCode, column: 'end' }, text: guardText, part: 'guard' });
  }

  const added = edits.reduce((n, e) => n + e.text.split('\n').length - 1, 0);
  const importLinesAbove = edits.filter((e) => e.part === 'imports').reduce((n, e) => n + e.text.split('\n').length - 1, 0);
  return { edits, lines: added, definitionsLine: bodyAfter + importLinesAbove + 3, notes };
}

/** The last code line before `line` (0-based), so an insertion sits above the blank lines that precede it. */
function previousCode(lines: readonly string[], line: number): number {
  let i = line - 1;
  while (i > 0 && lines[i]!.trim() === '') i--;
  return i;
}

/** The module text with the plan applied (for the diff preview and the tests), using '\n' between lines. */
export function applyPlan(text: string, plan: InsertPlan): string {
  let lines = splitLines(text);
  // Apply bottom-up so earlier positions stay valid.
  const ordered = [...plan.edits].sort((a, b) => b.at.line - a.at.line || (a.at.column === 'end' ? -1 : 1));
  for (const e of ordered) {
    const i = e.at.line;
    const current = lines[i] ?? '';
    const merged = e.at.column === 'end' ? current + e.text : e.text + current;
    lines = [...lines.slice(0, i), ...merged.split('\n'), ...lines.slice(i + 1)];
  }
  return lines.join('\n');
}
