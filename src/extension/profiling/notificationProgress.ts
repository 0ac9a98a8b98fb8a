/**
 * Feeds the engine's progress into a VS Code progress notification: the configuration, the repeat, the run and the
 * time left (the same words as the CLI), a bar that only moves forward, and a countdown redrawn every second so a
 * long run never looks stuck. No `vscode` import: it writes through the `report` callback withProgress hands out.
 */
import { describeProgress, type ProgressEvent } from '../../engine';

/** What `vscode.Progress.report` takes. */
export type ProgressReport = (value: { message?: string; increment?: number }) => void;

/** How often the notification's countdown is redrawn between engine events. */
export const NOTIFICATION_REDRAW_MS = 1_000;

/** One notification's progress; dispose() stops its countdown. */
export class NotificationProgress {
  private shown = 0;
  private last: { event: ProgressEvent; at: number } | undefined;
  private lastMessage = '';
  private readonly timer: NodeJS.Timeout | undefined;

  /** `now` (ms) is injectable for tests; `redrawMs` 0 turns the countdown timer off. */
  constructor(
    private readonly report: ProgressReport,
    private readonly now: () => number = Date.now,
    redrawMs = NOTIFICATION_REDRAW_MS,
  ) {
    if (redrawMs > 0) this.timer = setInterval(() => this.redraw(), redrawMs);
  }

  /** A new event from the engine: new words, and the bar moves forward by what finished. */
  update(event: ProgressEvent): void {
    this.last = { event, at: this.now() };
    const pct = event.total > 0 ? Math.min(100, (100 * event.done) / event.total) : 0;
    // The plan can grow, so the bar only ever moves forward.
    const increment = Math.max(0, pct - this.shown);
    this.shown = Math.max(this.shown, pct);
    this.lastMessage = describeProgress(event);
    this.report({ message: this.lastMessage, increment });
  }

  /** Redraws the countdown at the current time; reports only when the words changed. */
  redraw(): void {
    if (!this.last) return;
    const message = describeProgress(this.last.event, (this.now() - this.last.at) / 1000);
    if (message === this.lastMessage) return;
    this.lastMessage = message;
    this.report({ message });
  }

  /** Stops the countdown. */
  dispose(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
