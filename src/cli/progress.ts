/**
 * The CLI's progress on stderr. On a terminal: one line, rewritten in place, whose time-left estimate counts down
 * between events. Elsewhere (a CI log, a pipe): one plain line per event, since carriage returns garble logs.
 */
import { describeProgress, type ProgressEvent } from '../engine';

/** The part of a stream the progress writes to (process.stderr, or a test's recorder). */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** How often the terminal line is redrawn so the countdown moves while a long run goes on. */
export const PROGRESS_REDRAW_MS = 1_000;

/** The terminal line `since` seconds after `event`, cut to fit `columns` (the cursor needs the last column). */
export function terminalLine(event: ProgressEvent, since: number, columns = 80): string {
  const text = describeProgress(event, since);
  const width = Math.max(10, columns - 1);
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** Shows profile progress on `stream`; `clear()` removes the terminal line before the report prints. */
export class ProgressLine {
  private last: { event: ProgressEvent; at: number } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private shown = false;
  private lastPlain = '';
  private lastDrawn = '';

  /** `quiet` prints nothing; `now` (ms) is injectable for tests. */
  constructor(
    private readonly stream: ProgressStream,
    private readonly quiet = false,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new progress event from the engine. */
  update(event: ProgressEvent): void {
    if (this.quiet) return;
    this.last = { event, at: this.now() };
    if (!this.stream.isTTY) {
      const line = describeProgress(event);
      // The same sentence twice (e.g. two events for one lock wait) is noise in a log.
      if (line !== this.lastPlain) this.stream.write(`${line}\n`);
      this.lastPlain = line;
      return;
    }
    this.redraw();
    if (!this.timer) {
      this.timer = setInterval(() => this.redraw(), PROGRESS_REDRAW_MS);
      this.timer.unref();
    }
  }

  /** Redraws the terminal line at the current time (the timer calls this; tests may too). */
  redraw(): void {
    if (!this.last || !this.stream.isTTY) return;
    const since = (this.now() - this.last.at) / 1000;
    const line = terminalLine(this.last.event, since, this.stream.columns || 80);
    // Rewriting an unchanged line only makes the terminal flicker.
    if (this.shown && line === this.lastDrawn) return;
    this.stream.write(`\r\x1b[K${line}`);
    this.lastDrawn = line;
    this.shown = true;
  }

  /** Stops the countdown and erases the terminal line (plain lines stay: they are the log). */
  clear(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
    this.lastDrawn = '';
    this.last = undefined;
  }
}
