/**
 * "Compare with previous run": the engine's judgement of two history runs (src/engine/compare, the same code the CLI's
 * `compare` and CI gate run) and the comparison panel's title. Pure, no `vscode`; the panel draws the Comparison.
 */
import type { Report } from '../../contracts/report';
import { CompareInputError, compareReports, DEFAULT_GATE, type Comparison } from '../../engine';

/** The engine's comparison of two runs, or the reason there is none (e.g. no configuration measured in both). */
export type CompareOutcome = { comparison: Comparison } | { problem: string };

/** Compares the earlier run `before` (the baseline) with the later `after`; a bad pair is a problem, not a throw. */
export function compareHistoryRuns(before: Report, after: Report): CompareOutcome {
  try {
    return { comparison: compareReports(before, after, DEFAULT_GATE) };
  } catch (e) {
    if (e instanceof CompareInputError) return { problem: e.message };
    throw e;
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface When {
  day: string;
  year: string;
  time: string;
  seconds: string;
}

/** The parts of an ISO time in `timeZone` (default: the machine's), or undefined when the time is unreadable. */
function when(iso: string, timeZone: string | undefined): When | undefined {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
    hourCycle: 'h23',
  });
  const p = Object.fromEntries(format.formatToParts(date).map((x) => [x.type, x.value]));
  const day = `${Number(p.day)} ${MONTHS[Number(p.month) - 1]}`;
  return { day, year: p.year, time: `${p.hour}:${p.minute}`, seconds: p.second };
}

/**
 * Absolute times of the two runs, each saying only what the other does not: "3 Dec 14:02 vs 14:09" on one day,
 * "3 Dec 14:02 vs 4 Dec 09:10" within a year, years on both otherwise, seconds when both fall in one minute.
 * Absolute, so a tab left open never goes stale.
 */
export function comparedTimes(beforeIso: string, afterIso: string, timeZone?: string): string {
  const [b, a] = [when(beforeIso, timeZone), when(afterIso, timeZone)];
  if (!b || !a) return `${b ? `${b.day} ${b.time}` : 'unknown time'} vs ${a ? `${a.day} ${a.time}` : 'unknown time'}`;
  if (b.year !== a.year) return `${b.day} ${b.year} ${b.time} vs ${a.day} ${a.year} ${a.time}`;
  if (b.day === a.day && b.time === a.time) return `${b.day} ${b.time}:${b.seconds} vs ${a.time}:${a.seconds}`;
  return `${b.day} ${b.time} vs ${b.day === a.day ? '' : `${a.day} `}${a.time}`;
}

/** The panel's title: "Compare: sum_range (3 Dec 14:02 vs 14:09)". */
export function compareTitle(comparison: Comparison, timeZone?: string): string {
  const { baseline, current } = comparison;
  return `Compare: ${current.target.function} (${comparedTimes(baseline.createdAt, current.createdAt, timeZone)})`;
}
