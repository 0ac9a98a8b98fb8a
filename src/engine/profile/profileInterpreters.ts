/**
 * Comparing interpreters: the single-interpreter profile (profileOne) once per interpreter, one after another on the
 * same machine lock, each with an equal share of what is left of the budget; interpreterSet/merge.ts makes the one
 * Report. An interpreter that is missing, is not Python 3 or cannot import the module is reported with the reason
 * and the others still run; only when none can run is it the user's mistake (InputError, exit 2).
 */
import type { Environment, Report, RunError, Warning } from '../../contracts/report';
import { InputError, LoadError, StartError } from '../request';
import { CancelledError } from '../runners/driver';
import { optionHint } from '../report/messages';
import { AUTO, parseInterpreterList, withIds, type InterpreterChoice } from '../interpreterSet/choice';
import { discoverInterpreters } from '../interpreterSet/autoDiscover';
import { mergeInterpreterReports, type InterpreterPart } from '../interpreterSet/merge';
import { warmUpFigures } from '../interpreterSet/warmUp';
import { shortError } from '../interpreterSet/verdict';
import { profileOne, type ProfileScope } from './profileOne';

/** Profiles the function under every interpreter of `entries` ("auto" expands to those on PATH) into one Report. */
export async function profileInterpreters(scope: ProfileScope, entries: readonly string[]): Promise<Report> {
  const { choices, warnings } = await resolveChoices(scope, entries);
  const parts: InterpreterPart[] = [];
  let cancelled = false;
  for (const [i, choice] of choices.entries()) {
    if (cancelled || scope.hooks.signal?.aborted) {
      cancelled = true;
      parts.push({ choice, kind: 'not-run', reason: 'cancelled before it ran' });
      continue;
    }
    const since = scope.elapsed();
    const left = scope.settings.budget - since;
    // Serial always runs (every speedup needs it), so an interpreter is only left out when nothing at all is left.
    if (left <= 0) {
      const hint = optionHint(scope.options, 'budget', 'raise');
      const reason = `the ${scope.settings.budget} s budget was spent before it ran (${hint})`;
      parts.push({ choice, kind: 'not-run', reason });
      continue;
    }
    const share = { since, budget: shareOf(left, choices.length - i), index: i, count: choices.length };
    parts.push(await profilePart(scope, choice, share));
    const last = parts[parts.length - 1];
    if ((last.kind === 'profiled' && last.report.cancelled) || (last.kind === 'not-run')) cancelled = true;
  }
  refuseWhenNoneRan(parts);
  if (choices.length > 1) {
    warnings.push({
      code: 'budget-shared',
      message: `the ${scope.settings.budget} s budget was shared between ${choices.length} interpreters, one after ` +
        'another: each got an equal share of what was left when it started (time one did not use passed to the next)',
      fix: 'budget',
    });
  }
  const report = mergeInterpreterReports(parts, {
    createdAt: scope.createdAt, duration: scope.elapsed(), settings: scope.settings, warnings, cancelled,
  });
  const captured = scope.output.result();
  if (captured) report.output = captured;
  return report;
}

/** The choices with ids, "auto" expanded in place, and the warnings about what auto left out. */
async function resolveChoices(
  scope: ProfileScope, entries: readonly string[],
): Promise<{ choices: InterpreterChoice[]; warnings: Warning[] }> {
  const warnings: Warning[] = [];
  const expanded: Omit<InterpreterChoice, 'id'>[] = [];
  for (const entry of entries.map((e) => e.trim()).filter(Boolean)) {
    if (entry !== AUTO) {
      for (const item of parseInterpreterList([entry])) expanded.push(item);
      continue;
    }
    scope.hooks.onProgress?.({ message: 'looking for Python interpreters on PATH', done: 0, total: 1 });
    const found = await discoverInterpreters();
    for (const item of found.choices) expanded.push(item);
    const left = found.leftOut;
    if (left.length) {
      const list = left.map((l) => `${l.command} (${l.reason})`).join('; ');
      warnings.push({
        code: 'interpreters-left-out',
        message: `auto: ${left.length} interpreter${left.length === 1 ? '' : 's'} on PATH did not run and ` +
          `${left.length === 1 ? 'was' : 'were'} left out: ${list}`,
      });
    }
    const chosen = found.choices.map((c) => c.requested).join(', ') || 'no interpreter';
    scope.hooks.log?.(`auto: ${chosen} (left out: ${left.length})`);
  }
  // "auto" next to an explicit entry may find the same interpreter again: keep the first mention.
  const unique = expanded.filter((c, i) => expanded.findIndex((d) => d.requested === c.requested) === i);
  if (unique.length === 0) {
    const hint = optionHint(scope.options, 'python', 'pass', 'python3,pypy3');
    throw new InputError(`no Python 3 interpreter was found on PATH for "auto" (${hint})`);
  }
  return { choices: withIds(unique), warnings };
}

/** One interpreter's profile, with what stopped it in the words a part carries. */
async function profilePart(
  scope: ProfileScope,
  choice: InterpreterChoice,
  share: { since: number; budget: number; index: number; count: number },
): Promise<InterpreterPart> {
  let environment: Environment | undefined;
  try {
    const one = await profileOne(scope, {
      python: choice.command, variables: choice.variables, budget: share.budget, since: share.since,
      progressPrefix: `${choice.id} (${share.index + 1} of ${share.count}): `,
      onStarted: (env) => (environment = env),
    });
    return {
      choice, kind: 'profiled', report: one.report, warmUp: warmUpFigures(one.ctx, one.report.runs),
      ...(one.ctx.warmupDone?.results ? { results: one.ctx.warmupDone.results } : {}),
    };
  } catch (e) {
    const variant = Object.keys(choice.variables).length ? ` (run as "${choice.requested}")` : '';
    if (e instanceof StartError) return { choice, kind: 'unavailable', reason: `${e.message}${variant}` };
    const known = environment ? { environment } : {};
    if (e instanceof CancelledError) return { choice, kind: 'not-run', reason: 'cancelled while it loaded', ...known };
    if (e instanceof InputError) {
      const error: RunError = e instanceof LoadError
        ? { ...e.error }
        : { type: 'LoadFailed', message: e.message, traceback: e.detail };
      const reason = `the module did not load: ${shortError(error)}`;
      return { choice, kind: 'import-failed', reason, error, ...known };
    }
    throw e;
  }
}

/** Nothing was profiled: the reasons, as one InputError (the module failing everywhere is not about interpreters). */
function refuseWhenNoneRan(parts: readonly InterpreterPart[]): void {
  if (parts.some((p) => p.kind === 'profiled')) return;
  type Failed = Extract<InterpreterPart, { kind: 'import-failed' }>;
  const failed = parts.filter((p): p is Failed => p.kind === 'import-failed');
  const messages = new Set(failed.map((p) => p.error.message));
  if (failed.length === parts.length && messages.size === 1) {
    // The same mistake under every interpreter (a typo in --args, a missing function): say it as one profile would.
    const e = failed[0].error;
    throw new LoadError(`${e.type}: ${e.message}${e.file ? ` (${e.file}${e.line ? `:${e.line}` : ''})` : ''}`, e);
  }
  if (parts.every((p) => p.kind === 'not-run')) throw new CancelledError();
  const reasons = parts.map((p) => `${p.choice.id}: ${'reason' in p ? p.reason : 'profiled'}`).join('; ');
  throw new InputError(`no interpreter of the list could profile the function: ${reasons}`);
}

/** An equal share of what is left, to a tenth of a second (messages quote it), never zero. */
function shareOf(left: number, interpreters: number): number {
  return Math.max(0.1, Math.round((10 * left) / interpreters) / 10);
}
