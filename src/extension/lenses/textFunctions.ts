/**
 * A plain-text scan for top-level `def` lines, used only in a restricted workspace, where no Python process may
 * start (not even the ast-only discovery) and the lenses still need a place to say that trust is required.
 * Approximate by design: everything that runs code uses the engine's ast-based discovery instead. No `vscode`.
 */
import type { FunctionInfo } from '../../engine';

const DEF = /^(async\s+)?def\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(([^)]*)\)?/;

/** Top-level functions found by their `def` lines; params are read from the def line only. */
export function scanTopLevelFunctions(text: string): FunctionInfo[] {
  const lines = text.split(/\r\n|\r|\n/);
  const found: FunctionInfo[] = [];
  let open: FunctionInfo | undefined;
  let lastCode = 0;
  let inTriple: string | undefined;
  lines.forEach((line, i) => {
    // Skip the insides of triple-quoted strings: a docstring may quote a "def" at column 0.
    const wasInTriple = inTriple;
    for (const q of ['"""', "'''"]) {
      const odd = (line.split(q).length - 1) % 2 === 1;
      if (odd && inTriple === q) inTriple = undefined;
      else if (odd && !inTriple) inTriple = q;
    }
    if (wasInTriple) {
      lastCode = i + 1;
      return;
    }
    const topLevel = /^\S/.test(line) && !line.startsWith('#');
    if (topLevel && !/^[)\]}]/.test(line) && !line.startsWith('@') && open) {
      open.endLine = Math.max(open.line, lastCode);
      open = undefined;
    }
    const m = DEF.exec(line);
    if (m) {
      const params = (m[3] ?? '')
        .split(',')
        .map((p) => p.trim().replace(/[:=].*$/, '').trim())
        .filter((p) => p && p !== '/' && p !== '*');
      open = { name: m[2]!, line: i + 1, endLine: i + 1, params, isAsync: !!m[1] };
      found.push(open);
    }
    if (line.trim() && !line.trim().startsWith('#')) lastCode = i + 1;
  });
  if (open) open.endLine = Math.max(open.line, lastCode);
  return found;
}
