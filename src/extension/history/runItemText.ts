/**
 * What a run's row in Benchmark History says: one short line (when · verdict · speedup) that fits a side bar, the
 * flags in the grey description, and the details (arguments, machine, interval, interpreter) in the tooltip.
 * Each fact appears once. Pure, no `vscode`: historyTree.ts wraps these in a TreeItem and a MarkdownString.
 */
import type { HistoryEntry } from './historyStore';
import { formatSpeedup, relativeTime, shortCommit } from './verdictText';

/** Below this expected speedup a parallel recommendation is no faster than the loop (matches verdictText). */
const NO_GAIN = 1.05;

/**
 * The row's label: "3 min ago · processes ×2 · 1.9×", or "3 min ago · serial is fastest"; a comparison of
 * interpreters names the one the verdict is for: "3 min ago · pypy3 serial · 8.4×", "3 min ago · python3: serial is
 * fastest".
 */
export function runLabel(entry: Pick<HistoryEntry, 'createdAt' | 'summary'>, now: number = Date.now()): string {
  const s = entry.summary;
  const when = relativeTime(entry.createdAt, now);
  const noGain = s.strategy === 'serial' || (s.workers <= 1 && s.expectedSpeedup < NO_GAIN);
  const who = s.recommendedInterpreter;
  if (who && s.strategy === 'serial' && s.expectedSpeedup >= NO_GAIN) {
    return `${when} · ${who} serial · ${formatSpeedup(s.expectedSpeedup)}`;
  }
  if (noGain) return `${when} · ${who ? `${who}: ` : ''}serial is fastest`;
  return `${when} · ${who ? `${who} ` : ''}${s.strategy} ×${s.workers} · ${formatSpeedup(s.expectedSpeedup)}`;
}

/** The grey text after the label: only what changes how to read the row (partial, source changed, commit). */
export function runDescription(entry: Pick<HistoryEntry, 'commit' | 'summary'>, stale: boolean): string {
  return [entry.summary.cancelled ? 'partial' : '', stale ? 'source changed' : '', shortCommit(entry.commit) ?? '']
    .filter(Boolean).join(' · ');
}

/** The tooltip as Markdown: the verdict in full, then the arguments, the machine and when. `esc` escapes Markdown. */
export function runTooltip(entry: HistoryEntry, stale: boolean, esc: (s: string) => string = escapeMarkdown): string {
  const s = entry.summary;
  const [lo, hi] = s.expectedSpeedupCi95;
  const noArgs = entry.args === null || entry.args.trim() === '';
  // Serial against itself is 1.0× by definition: its "expected speedup" says nothing.
  const expected = s.strategy === 'serial'
    ? ''
    : `; expected ${formatSpeedup(s.expectedSpeedup)} (95% interval ${formatSpeedup(lo)}–${formatSpeedup(hi)})`;
  const lines = [
    `**${esc(entry.function)}**: ${esc(s.headline)}`,
    `${esc(s.classification)}${expected}, ${s.confidence} confidence`,
    `Arguments: ${noArgs ? 'none (the function was called without arguments)' : inlineCode(entry.args!)}`,
    `Machine: ${esc(s.machine ?? 'not recorded (an older run)')}`,
    `Interpreter: ${esc(s.interpreter)}`,
    `${esc(new Date(entry.createdAt).toLocaleString())}${entry.commit ? ` · commit ${inlineCode(shortCommit(entry.commit)!)}` : ''}`,
  ];
  if (s.cancelled) lines.push('Partial: the profile was cancelled; the report holds the runs that finished.');
  if (stale) lines.push('$(warning) The function has changed since this run.');
  return lines.join('\n\n');
}

/** Markdown-escapes text shown as prose. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** Text as inline code, with a fence longer than any backtick run inside it (Markdown's rule). */
function inlineCode(s: string): string {
  const longest = (s.match(/`+/g) ?? []).reduce((n, run) => Math.max(n, run.length), 0);
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s.replace(/\s*\n\s*/g, ' ')}${pad}${fence}`;
}
