/**
 * Notices a panel page that never says it is ready, and has it loaded again. VS Code sometimes fails to load a
 * webview's script (its resource service worker misses requests, most often right after a window reload on a busy
 * machine): the page then stays on "Waiting for the report…" with no error anywhere. Assigning the page again makes
 * VS Code load it afresh. Each try waits twice as long as the one before, so a page that is only slow still loads.
 */

/** What the watch does when a page is late; timers are passed in so the policy is testable without waiting. */
export interface LoadWatchHooks {
  /** Loads the page again; `attempt` counts from 1. */
  reload(attempt: number, waitedMs: number): void;
  /** Every try is spent: tell the user. */
  giveUp(waitedMs: number): void;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/** The first wait for `ready`; later tries double it. */
export const FIRST_WAIT_MS = 10_000;
/** Reloads tried before giving up. */
export const RELOADS = 2;

/** Watches one panel's page loads: `expect` when a load starts, `ready` when the page says so. */
export class LoadWatch {
  private timer: unknown;
  private attempt = 0;

  /** `firstWaitMs` and `reloads` default to the extension's policy. */
  constructor(
    private readonly hooks: LoadWatchHooks,
    private readonly firstWaitMs = FIRST_WAIT_MS,
    private readonly reloads = RELOADS,
  ) {}

  /** A load of the page has started (the page was assigned, or VS Code rebuilt a webview that was hidden). */
  expect(): void {
    this.attempt = 0;
    this.arm();
  }

  /** The page said it is ready: this load is done. */
  ready(): void {
    this.stop();
  }

  /** The panel was hidden: VS Code drops its page and loads it again when it is shown, so stop waiting. */
  hidden(): void {
    this.stop();
  }

  /** Stops every timer; the panel is closing. */
  dispose(): void {
    this.stop();
  }

  private arm(): void {
    this.stop();
    const wait = this.firstWaitMs * 2 ** this.attempt;
    this.timer = this.hooks.setTimer(() => this.late(wait), wait);
  }

  private late(waited: number): void {
    this.timer = undefined;
    if (this.attempt >= this.reloads) {
      this.hooks.giveUp(waited);
      return;
    }
    this.attempt += 1;
    this.hooks.reload(this.attempt, waited);
    this.arm();
  }

  private stop(): void {
    if (this.timer !== undefined) this.hooks.clearTimer(this.timer);
    this.timer = undefined;
  }
}
