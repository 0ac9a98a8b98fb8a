/**
 * What the code lenses above a file's functions say, as a pure function of the discovered functions,
 * the last verdicts, the trust state and the clock. The CodeLensProvider (functionLens.ts) only maps this to vscode
 * types.
 */
import type { FunctionInfo } from '../../engine';
import { COMMAND_TITLES } from '../../contracts/ids';
import type { EntrySummary, HistoryEntry } from '../history/historyStore';
import { functionSourceHash } from './sourceHash';
import { relativeTime, verdictText } from '../history/verdictText';
import { isPrivateName } from '../profiling/functionOrder';

/** Which functions get lenses. */
export interface LensOptions {
  /** Lenses above private (underscore) functions too; off by default (setting codeLens.includePrivate). */
  includePrivate?: boolean;
}

/** The latest history facts about one function that a lens shows. */
export interface LastVerdict {
  createdAt: string;
  summary: Pick<
    EntrySummary, 'strategy' | 'workers' | 'expectedSpeedup' | 'cancelled' | 'headline' | 'recommendedInterpreter'
  >;
  /** Entry id, so clicking the verdict opens that report. */
  id: string;
  /** True when the function's source changed since that run. */
  stale?: boolean;
}

/** One lens: where it goes, what it says and what clicking it does. */
export interface LensSpec {
  /** 1-based line of the function. */
  line: number;
  functionName: string;
  title: string;
  tooltip: string;
  action: { kind: 'profile' } | { kind: 'openReport'; entryId: string } | { kind: 'manageTrust' };
}

/** Title of the lens in a restricted workspace, where nothing runs. */
export const UNTRUSTED_TITLE = `${COMMAND_TITLES.profile} (requires a trusted workspace)`;

/**
 * The lenses for one file: "Profile parallelism" above every function, then its last verdict when there is one.
 * Private helpers (`_serve`) get none unless `includePrivate`, or unless they were profiled (the user chose them).
 */
export function lensTitles(
  functions: readonly FunctionInfo[],
  lastVerdicts: ReadonlyMap<string, LastVerdict>,
  trusted: boolean,
  now: number = Date.now(),
  options: LensOptions = {},
): LensSpec[] {
  const lenses: LensSpec[] = [];
  for (const fn of functions) {
    if (!options.includePrivate && isPrivateName(fn.name) && !lastVerdicts.has(fn.name)) continue;
    if (!trusted) {
      lenses.push({
        line: fn.line,
        functionName: fn.name,
        title: UNTRUSTED_TITLE,
        tooltip: 'Profiling runs your code; trust this workspace to enable it.',
        action: { kind: 'manageTrust' },
      });
    } else {
      lenses.push({
        line: fn.line,
        functionName: fn.name,
        title: COMMAND_TITLES.profile,
        tooltip: `Measure ${fn.name} under serial, threads, processes${fn.isAsync ? ', async' : ''} and recommend a strategy`,
        action: { kind: 'profile' },
      });
    }
    const last = lastVerdicts.get(fn.name);
    if (last) {
      const flags = [last.summary.cancelled ? 'partial' : '', last.stale ? 'source changed' : ''].filter(Boolean);
      const when = relativeTime(last.createdAt, now);
      lenses.push({
        line: fn.line,
        functionName: fn.name,
        title: `${verdictText(last.summary)} (${[when, ...flags].join(', ')})`,
        tooltip: `${last.summary.headline}\nClick to open the report.`,
        action: { kind: 'openReport', entryId: last.id },
      });
    }
  }
  return lenses;
}

/** Each function's last verdict, stale when its current source (`text`; undefined = unknown) hashes differently. */
export function lastVerdictsFor(
  latest: ReadonlyMap<string, Pick<HistoryEntry, 'id' | 'createdAt' | 'summary' | 'sourceHash'>>,
  functions: readonly FunctionInfo[],
  text: string | undefined,
): Map<string, LastVerdict> {
  const out = new Map<string, LastVerdict>();
  for (const fn of functions) {
    const e = latest.get(fn.name);
    if (!e) continue;
    const stale =
      text !== undefined && !!e.sourceHash && functionSourceHash(text, fn.line, fn.endLine) !== e.sourceHash;
    out.set(fn.name, { id: e.id, createdAt: e.createdAt, summary: e.summary, stale });
  }
  return out;
}
