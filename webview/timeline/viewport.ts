/** The visible time range shared by the timelines, with zoom and pan kept inside the run's window. */

/** A [start, end] range in report seconds. */
export interface Range {
  start: number;
  end: number;
}

/** Mutable visible range with bounds; listeners hear every change (the canvases redraw on the next frame). */
export class TimeViewport {
  private range: Range = { start: 0, end: 1 };
  private bounds: Range = { start: 0, end: 1 };
  private readonly listeners = new Set<() => void>();
  // Below a microsecond there is nothing left to see at the sampler's resolution.
  private static readonly MIN_SPAN = 1e-6;

  /** The visible range. */
  get visible(): Readonly<Range> {
    return this.range;
  }

  /** Sets the bounds (the run's window) and shows all of it. */
  reset(bounds: Range): void {
    const span = Math.max(bounds.end - bounds.start, TimeViewport.MIN_SPAN);
    this.bounds = { start: bounds.start, end: bounds.start + span };
    this.range = { ...this.bounds };
    this.emit();
  }

  /** Zooms by `factor` (< 1 zooms in) keeping time `t` under the cursor fixed. */
  zoomAt(t: number, factor: number): void {
    const { start, end } = this.range;
    const maxSpan = this.bounds.end - this.bounds.start;
    const span = Math.min(maxSpan, Math.max(TimeViewport.MIN_SPAN, (end - start) * factor));
    const frac = end > start ? (t - start) / (end - start) : 0.5;
    this.set(t - frac * span, t - frac * span + span);
  }

  /** Moves the range by `dt` seconds. */
  panBy(dt: number): void {
    this.set(this.range.start + dt, this.range.end + dt);
  }

  /** Sets the range, clamped into the bounds without changing its span. */
  set(start: number, end: number): void {
    const span = Math.min(end - start, this.bounds.end - this.bounds.start);
    let s = Math.max(this.bounds.start, Math.min(start, this.bounds.end - span));
    if (!Number.isFinite(s)) s = this.bounds.start;
    if (s === this.range.start && s + span === this.range.end) return;
    this.range = { start: s, end: s + span };
    this.emit();
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
