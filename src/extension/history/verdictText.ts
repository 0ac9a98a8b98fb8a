/**
 * Short human texts for verdicts and times, shared by the code lens, the history tree and the comparison.
 * Pure functions, no `vscode`, so the lens titles unit-test without mocks.
 */
import type { EntrySummary } from './historyStore';

/** "just now", "42 s ago", "3 min ago", "5 h ago", "2 d ago" (coarse on purpose: a lens must not churn). */
export function relativeTime(then: Date | string, now: Date | number = Date.now()): string {
  const t = typeof then === 'string' ? Date.parse(then) : then.getTime();
  const n = typeof now === 'number' ? now : now.getTime();
  const s = Math.max(0, Math.round((n - t) / 1000));
  if (!Number.isFinite(s)) return 'some time ago';
  if (s < 10) return 'just now';
  if (s < 60) return `${s} s ago`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}

/** Speedup with one decimal and a multiplication sign, e.g. "1.9×". */
export function formatSpeedup(x: number): string {
  if (!Number.isFinite(x)) return '?×';
  return `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}×`;
}

/**
 * The verdict in a few words: "processes ×2 → 1.9× faster", or "serial is fastest" when nothing parallel helps; with
 * the interpreter when interpreters were compared: "pypy3 serial → 12× faster", "python3 processes ×2 → 1.9× faster".
 */
export function verdictText(
  s: Pick<EntrySummary, 'strategy' | 'workers' | 'expectedSpeedup' | 'recommendedInterpreter'>,
): string {
  if (s.recommendedInterpreter) {
    const gain = s.expectedSpeedup >= 1.05 ? `${formatSpeedup(s.expectedSpeedup)} faster` : 'no faster';
    if (s.strategy === 'serial' && s.expectedSpeedup < 1.05) return `${s.recommendedInterpreter}: serial is fastest`;
    const config = s.strategy === 'serial' ? 'serial' : `${s.strategy} ×${s.workers}`;
    return `${s.recommendedInterpreter} ${config} → ${gain}`;
  }
  if (s.strategy === 'serial' || s.workers <= 1 && s.expectedSpeedup < 1.05) return 'serial is fastest';
  const gain = s.expectedSpeedup >= 1.05 ? `${formatSpeedup(s.expectedSpeedup)} faster` : 'no faster';
  return `${s.strategy} ×${s.workers} → ${gain}`;
}

/** The first 7 characters of a commit, the way git shows it. */
export function shortCommit(commit: string | undefined): string | undefined {
  return commit ? commit.slice(0, 7) : undefined;
}
