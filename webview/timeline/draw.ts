/**
 * Canvas drawing of lanes and the time axis, built for 100,000 bars at 60 fps: only bars that reach the
 * visible range are visited (binary search), bars that fall in the same pixel column merge, and rectangles
 * are batched per colour so each colour is one path and one fill.
 */
import { firstVisible, type Lane } from './lanes';
import { colourOf, type Palette } from './palette';
import type { Range } from './viewport';

/** Where lanes go on the canvas, in CSS pixels. */
export interface LaneLayout {
  /** Left edge of the plot (labels sit left of it). */
  left: number;
  /** Plot width. */
  width: number;
  /** y of the first lane's top. */
  top: number;
  laneHeight: number;
  /** Distance from one lane's top to the next. */
  pitch: number;
  /** Leave a 1 px gap at the end of bars wider than 3 px, so back-to-back tasks stay distinguishable. */
  gaps: boolean;
}

/** Maps time to x in CSS pixels. */
export function timeToX(t: number, range: Range, layout: LaneLayout): number {
  return layout.left + ((t - range.start) / (range.end - range.start)) * layout.width;
}

/** Draws the bars of every lane; returns how many rectangles were drawn after culling and merging. */
export function drawLanes(
  ctx: CanvasRenderingContext2D, lanes: readonly Lane[], range: Range, layout: LaneLayout, palette: Palette,
): number {
  const batches = new Map<number, number[]>();
  const scale = layout.width / (range.end - range.start);
  const right = layout.left + layout.width;
  let drawn = 0;
  for (let l = 0; l < lanes.length; l++) {
    const lane = lanes[l];
    const y = layout.top + l * layout.pitch;
    let openColour = -1;
    let openX0 = 0;
    let openX1 = 0;
    let batch: number[] | undefined;
    const flush = () => {
      if (openColour < 0) return;
      batch = batches.get(openColour);
      if (!batch) batches.set(openColour, (batch = []));
      batch.push(openX0, y, openX1 - openX0);
      drawn++;
    };
    for (let i = firstVisible(lane, range.start); i < lane.starts.length; i++) {
      const s = lane.starts[i];
      if (s > range.end) break;
      let x0 = layout.left + (s - range.start) * scale;
      let x1 = layout.left + (lane.ends[i] - range.start) * scale;
      if (x0 < layout.left) x0 = layout.left;
      if (x1 > right) x1 = right;
      if (layout.gaps && x1 - x0 > 3) x1 -= 1;
      // Sub-pixel bars still show: at least one pixel wide.
      if (x1 - x0 < 1) x1 = x0 + 1;
      const c = lane.colours[i];
      // Same colour touching the open rectangle: extend it instead of adding a rectangle.
      if (c === openColour && x0 <= openX1 + (layout.gaps ? 0 : 0.5)) {
        if (x1 > openX1) openX1 = x1;
        continue;
      }
      // Hidden under the open rectangle's pixels anyway (dense, zoomed-out data): nothing to add.
      if (x1 <= openX1) continue;
      flush();
      openColour = c;
      openX0 = x0;
      openX1 = x1;
    }
    flush();
  }
  for (const [colour, rects] of batches) {
    ctx.fillStyle = colourOf(palette, colour);
    ctx.beginPath();
    for (let i = 0; i < rects.length; i += 3) ctx.rect(rects[i], rects[i + 1], rects[i + 2], layout.laneHeight);
    ctx.fill();
  }
  return drawn;
}

/** Draws lane backgrounds and labels left of the plot. */
export function drawLaneFrames(
  ctx: CanvasRenderingContext2D, labels: readonly string[], layout: LaneLayout, palette: Palette,
): void {
  ctx.fillStyle = palette.laneBackground;
  for (let l = 0; l < labels.length; l++) {
    ctx.fillRect(layout.left, layout.top + l * layout.pitch, layout.width, layout.laneHeight);
  }
  ctx.fillStyle = palette.foreground;
  ctx.font = palette.font;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  for (let l = 0; l < labels.length; l++) {
    ctx.fillText(labels[l], layout.left - 6, layout.top + l * layout.pitch + layout.laneHeight / 2, layout.left - 8);
  }
}

/** Draws a time axis with "nice" ticks (relative to `origin`, usually the run's start) and vertical grid lines. */
export function drawAxis(
  ctx: CanvasRenderingContext2D, range: Range, origin: number, layout: LaneLayout, axisY: number, bottom: number,
  palette: Palette,
): void {
  const span = range.end - range.start;
  const step = niceStep(span / Math.max(2, Math.floor(layout.width / 90)));
  ctx.font = palette.font;
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'center';
  ctx.strokeStyle = palette.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  const first = Math.ceil((range.start - origin) / step) * step;
  const labels: [number, string][] = [];
  for (let rel = first; origin + rel <= range.end + step * 1e-9; rel += step) {
    const x = Math.round(timeToX(origin + rel, range, layout)) + 0.5;
    ctx.moveTo(x, axisY + 3);
    ctx.lineTo(x, bottom);
    labels.push([x, formatTick(rel, step)]);
  }
  ctx.stroke();
  ctx.fillStyle = palette.muted;
  for (const [x, text] of labels) {
    ctx.fillText(text, Math.min(Math.max(x, layout.left + 14), layout.left + layout.width - 14), axisY);
  }
}

function niceStep(raw: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

function formatTick(rel: number, step: number): string {
  if (Math.abs(rel) < step * 1e-6) return '0';
  const digits = (unitStep: number) => Math.max(0, -Math.floor(Math.log10(unitStep) + 1e-9));
  if (step >= 0.1) return `${rel.toFixed(digits(step))} s`;
  if (step >= 1e-4) return `${(rel * 1e3).toFixed(digits(step * 1e3))} ms`;
  return `${(rel * 1e6).toFixed(digits(step * 1e6))} µs`;
}
