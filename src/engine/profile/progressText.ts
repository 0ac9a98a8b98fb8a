/**
 * Progress in words, the same for every front end: "processes ×4, repeat 2 of 3 · run 7 of 12 · about 40 s left".
 * Every count has its unit and the estimate is a time (issue 12: "14 remaining" said nothing). Pure.
 */
import type { ProgressEvent } from '../request';

/** "5 s", "45 s", "1 min 20 s", "12 min": coarser as it grows, so a countdown does not jitter. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, seconds);
  if (s < 10) return `${Math.max(1, Math.round(s))} s`;
  if (s < 60) return `${Math.round(s / 5) * 5} s`;
  if (s < 600) {
    const rounded = Math.round(s / 10) * 10;
    const min = Math.floor(rounded / 60);
    const rest = rounded - 60 * min;
    return rest ? `${min} min ${rest} s` : `${min} min`;
  }
  return `${Math.round(s / 60)} min`;
}

/**
 * The estimate `since` seconds after the event that carried it: "about 40 s left", "under 1 s left", '' while there
 * is no estimate, and "finishing…" once the countdown has run out with the run still going (it is an estimate).
 */
export function timeLeftText(event: Pick<ProgressEvent, 'secondsLeft'>, since = 0): string {
  if (event.secondsLeft === undefined) return '';
  const left = event.secondsLeft - Math.max(0, since);
  if (left >= 1) return `about ${formatDuration(left)} left`;
  return left > 0 ? 'under 1 s left' : 'finishing…';
}

/** "run 7 of 12" for a measured run (its 1-based place in the plan so far); '' for loading, warm-up or a lock wait. */
export function runCountText(event: Pick<ProgressEvent, 'done' | 'total' | 'config'>): string {
  if (event.config === undefined || event.total <= 0) return '';
  const total = Math.max(event.total, event.done + 1);
  return `run ${event.done + 1} of ${total}`;
}

/** The whole progress sentence, `since` seconds after the event (the countdown moves between events). */
export function describeProgress(event: ProgressEvent, since = 0): string {
  return [event.message, runCountText(event), timeLeftText(event, since)].filter(Boolean).join(' · ');
}
