/**
 * Which functions a user most likely wants to profile, first: the one under the cursor, then public functions
 * (those with a documented example or parameters before the rest, nearest the cursor or the top of the file), then
 * test and entry-point helpers, then private (underscore) helpers such as an endless `_serve` accept loop, which
 * is rarely a workload and must not head the list. Pure, no `vscode`.
 */
import type { FunctionInfo } from '../../engine';

/** How likely a function is to be a workload, most likely first. */
export type FunctionGroup = 'cursor' | 'public' | 'helper' | 'private';

/** The groups in the order the picker shows them. */
export const GROUP_ORDER: readonly FunctionGroup[] = ['cursor', 'public', 'helper', 'private'];

/** A function with the group it falls in and the facts that placed it. */
export interface RankedFunction {
  fn: FunctionInfo;
  group: FunctionGroup;
  /** A profiling example is written in the file for it (e.g. a docstring `--args` line). */
  documented: boolean;
}

/** What the ranking knows besides the functions. */
export interface RankContext {
  /** 1-based line of the cursor in this file, when the file's editor is visible. */
  cursorLine?: number;
  /** Whether the file documents a profiling example for the named function. */
  documented?: (name: string) => boolean;
}

/** `_serve`, `__helper`: a leading underscore marks a name as private in Python and by JavaScript convention. */
export function isPrivateName(name: string): boolean {
  return name.startsWith('_');
}

// Test functions and script entry points run the workload (or test it); they are not the workload.
const HELPER = /^(test(_|[A-Z0-9]|$)|.+_test$|main$|(setup|teardown|setUp|tearDown)(_?module|_?class)?$)/;

/** A test function (`test_x`, `testX`, `x_test`) or a script entry point (`main`, set-up and tear-down hooks). */
export function isHelperName(name: string): boolean {
  return !isPrivateName(name) && HELPER.test(name);
}

/** The functions in the order the picker lists them, each with its group. */
export function rankFunctions(functions: readonly FunctionInfo[], ctx: RankContext = {}): RankedFunction[] {
  const cursor = ctx.cursorLine;
  const under = cursor === undefined ? undefined : functions.find((f) => f.line <= cursor && cursor <= f.endLine);
  const ranked = functions.map((fn): RankedFunction & { score: number; distance: number } => {
    const documented = ctx.documented?.(fn.name) ?? false;
    const group: FunctionGroup = fn === under ? 'cursor' : isPrivateName(fn.name) ? 'private' : isHelperName(fn.name) ? 'helper' : 'public';
    // A documented example says "profile me" outright; parameters suggest a function meant to be called with work.
    const score = (documented ? 2 : 0) + (fn.params.length > 0 ? 1 : 0);
    const distance = cursor === undefined ? fn.line : Math.abs(fn.line - cursor);
    return { fn, group, documented, score, distance };
  });
  const rank = (g: FunctionGroup) => GROUP_ORDER.indexOf(g);
  ranked.sort((a, b) =>
    rank(a.group) - rank(b.group) || b.score - a.score || a.distance - b.distance || a.fn.line - b.fn.line);
  return ranked.map(({ fn, group, documented }) => ({ fn, group, documented }));
}
