/**
 * A canvas that follows its container's size (ResizeObserver) and the device pixel ratio, redraws at most
 * once a frame, and turns wheel, drag, keys and hover into viewport changes and a tooltip.
 */
import { el } from '../dom';
import { readPalette, type Palette } from './palette';
import type { Range, TimeViewport } from './viewport';
import { Tooltip } from './tooltip';

/** Width of the label gutter left of the plot, in CSS pixels. */
export const GUTTER = 76;

/** What a specific timeline draws. */
export interface TimelineRenderer {
  /** Number of lanes (exposed as data-lanes for tests and assistive text). */
  readonly laneCount: number;
  /** CSS height the canvas needs. */
  height(): number;
  /** Draws everything; returns the number of rectangles drawn for bars. */
  draw(ctx: CanvasRenderingContext2D, width: number, range: Range, palette: Palette): number;
  /** Tooltip lines for the point (x, y) in CSS pixels, or null when nothing is there. */
  hit(x: number, y: number, width: number, range: Range): string[] | null;
}

/** One interactive timeline canvas. */
export class TimelineCanvas {
  /** The element to insert into the page. */
  readonly element: HTMLDivElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly tooltip: Tooltip;
  private renderer: TimelineRenderer | null = null;
  private palette: Palette | null = null;
  private width = 0;
  private frame = 0;
  private drag: { x: number; start: number; end: number; id: number } | null = null;

  constructor(private readonly viewport: TimeViewport, label: string, name: string) {
    this.canvas = el('canvas', { tabindex: 0, role: 'img', 'aria-label': label });
    this.tooltip = new Tooltip();
    this.element = el('div', { class: 'timeline-canvas', 'data-timeline': name }, this.canvas, this.tooltip.element);
    viewport.onChange(() => this.schedule());
    new ResizeObserver((entries) => {
      const w = Math.floor(entries[entries.length - 1].contentRect.width);
      if (w !== this.width) {
        this.width = w;
        this.drawNow();
      }
    }).observe(this.element);
    this.listen();
  }

  /** Shows a new timeline (e.g. another run). */
  setRenderer(renderer: TimelineRenderer | null): void {
    this.renderer = renderer;
    // Another run may be another strategy, whose colour the worker shades are mixed from.
    this.palette = null;
    this.element.dataset.lanes = String(renderer?.laneCount ?? 0);
    this.tooltip.hide();
    this.drawNow();
  }

  /** Forgets cached colours (after a theme change) and redraws. */
  themeChanged(): void {
    this.palette = null;
    this.schedule();
  }

  /** Redraws on the next animation frame; several changes in one frame draw once. */
  schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.drawNow();
    });
  }

  /** Draws synchronously and records how long it took (data-frame-ms) and what was drawn. */
  drawNow(): void {
    if (this.frame) {
      cancelAnimationFrame(this.frame);
      this.frame = 0;
    }
    const t0 = performance.now();
    const r = this.renderer;
    const dpr = window.devicePixelRatio || 1;
    const w = this.width;
    const h = r ? r.height() : 0;
    const pw = Math.max(1, Math.round(w * dpr));
    const ph = Math.max(1, Math.round(h * dpr));
    if (this.canvas.width !== pw || this.canvas.height !== ph) {
      this.canvas.width = pw;
      this.canvas.height = ph;
      // CSSOM writes, not a style attribute in markup: allowed under the strict style-src.
      this.canvas.style.width = `${w}px`;
      this.canvas.style.height = `${h}px`;
    }
    const ctx = this.canvas.getContext('2d');
    if (!ctx || !r || w <= GUTTER) return;
    this.palette ??= readPalette(this.element);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const range = this.viewport.visible;
    const drawn = r.draw(ctx, w, range, this.palette);
    const d = this.element.dataset;
    d.drawn = String(drawn);
    d.visibleStart = String(range.start);
    d.visibleEnd = String(range.end);
    d.frameMs = (performance.now() - t0).toFixed(3);
  }

  private timeAt(x: number): number {
    const { start, end } = this.viewport.visible;
    return start + ((x - GUTTER) / Math.max(1, this.width - GUTTER)) * (end - start);
  }

  private listen(): void {
    const c = this.canvas;
    c.addEventListener(
      'wheel',
      (e) => {
        e.preventDefault();
        const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
        const span = this.viewport.visible.end - this.viewport.visible.start;
        // Horizontal wheel (or shift+wheel) pans; vertical zooms around the cursor.
        if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
          const d = (e.shiftKey ? e.deltaY : e.deltaX) * unit;
          this.viewport.panBy((d / Math.max(1, this.width - GUTTER)) * span);
        } else {
          this.viewport.zoomAt(this.timeAt(e.offsetX), Math.exp(e.deltaY * unit * 0.002));
        }
      },
      { passive: false },
    );
    c.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      const { start, end } = this.viewport.visible;
      this.drag = { x: e.clientX, start, end, id: e.pointerId };
      c.setPointerCapture(e.pointerId);
      c.classList.add('dragging');
      this.tooltip.hide();
    });
    c.addEventListener('pointermove', (e) => {
      if (this.drag && this.drag.id === e.pointerId) {
        const { x, start, end } = this.drag;
        const dt = ((x - e.clientX) / Math.max(1, this.width - GUTTER)) * (end - start);
        this.viewport.set(start + dt, end + dt);
        return;
      }
      this.hover(e.offsetX, e.offsetY);
    });
    const endDrag = (e: PointerEvent) => {
      if (this.drag?.id !== e.pointerId) return;
      this.drag = null;
      c.classList.remove('dragging');
    };
    c.addEventListener('pointerup', endDrag);
    c.addEventListener('pointercancel', endDrag);
    c.addEventListener('pointerleave', () => this.tooltip.hide());
    c.addEventListener('dblclick', () => this.resetZoom());
    c.addEventListener('keydown', (e) => {
      const { start, end } = this.viewport.visible;
      const mid = (start + end) / 2;
      const span = end - start;
      const handled: Record<string, () => void> = {
        '+': () => this.viewport.zoomAt(mid, 0.8),
        '=': () => this.viewport.zoomAt(mid, 0.8),
        '-': () => this.viewport.zoomAt(mid, 1.25),
        ArrowLeft: () => this.viewport.panBy(-span * 0.1),
        ArrowRight: () => this.viewport.panBy(span * 0.1),
        '0': () => this.resetZoom(),
      };
      const action = handled[e.key];
      if (action) {
        e.preventDefault();
        action();
      }
    });
  }

  private resetZoom(): void {
    this.viewport.set(-Infinity, Infinity);
  }

  private hover(x: number, y: number): void {
    const lines = this.renderer && x >= GUTTER ? this.renderer.hit(x, y, this.width, this.viewport.visible) : null;
    if (lines) this.tooltip.show(lines, x, y, this.width);
    else this.tooltip.hide();
  }
}
