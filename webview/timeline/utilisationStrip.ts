/**
 * The utilisation strip under each core lane: the core's whole-machine busy share as a small area chart
 * (each sample holds until the next), with a 0–100% scale in the gutter, the 50% and 100% lines, and a
 * tooltip that says what was sampled and how often.
 */
import { percent, seconds } from '../format';
import type { LaneLayout } from './draw';
import type { Palette } from './palette';
import type { Range } from './viewport';

/** One utilisation sample: time (report seconds) and busy share 0..1. */
export interface UtilSample {
  t: number;
  busy: number;
}

/** Where a strip sits: `offset` below its lane's top, `height` tall. */
export interface StripGeometry {
  offset: number;
  height: number;
}

/** Draws every lane's strip with its scale. */
export function drawUtilisation(
  ctx: CanvasRenderingContext2D, util: UtilSample[][], range: Range, lay: LaneLayout, strip: StripGeometry,
  palette: Palette,
): void {
  const scale = lay.width / (range.end - range.start);
  ctx.fillStyle = palette.laneBackground;
  for (let l = 0; l < util.length; l++) {
    ctx.fillRect(lay.left, lay.top + l * lay.pitch + strip.offset, lay.width, strip.height);
  }
  ctx.fillStyle = palette.utilisation;
  ctx.beginPath();
  for (let l = 0; l < util.length; l++) {
    const samples = util[l];
    const base = lay.top + l * lay.pitch + strip.offset + strip.height;
    let i = lowerBound(samples, range.start) - 1;
    if (i < 0) i = 0;
    for (; i < samples.length && samples[i].t <= range.end; i++) {
      // The last sample holds for one sampling period (or 100 ms when there is only one).
      const period = i > 0 ? samples[i].t - samples[i - 1].t : 0.1;
      const next = i + 1 < samples.length ? samples[i + 1].t : samples[i].t + period;
      const x0 = Math.max(lay.left, lay.left + (samples[i].t - range.start) * scale);
      const x1 = Math.min(lay.left + lay.width, lay.left + (next - range.start) * scale);
      if (x1 <= x0) continue;
      const h = Math.max(0, Math.min(1, samples[i].busy)) * strip.height;
      ctx.rect(x0, base - h, x1 - x0, h);
    }
  }
  ctx.fill();
  // The scale: a dotted 100% line on top and a fainter 50% tick, so a half-busy core reads as half without hovering.
  ctx.strokeStyle = palette.grid;
  ctx.lineWidth = 1;
  ctx.setLineDash([2, 2]);
  ctx.beginPath();
  for (let l = 0; l < util.length; l++) {
    const top = Math.round(lay.top + l * lay.pitch + strip.offset) + 0.5;
    const mid = Math.round(top + strip.height / 2);
    ctx.moveTo(lay.left, top);
    ctx.lineTo(lay.left + lay.width, top);
    ctx.moveTo(lay.left, mid);
    ctx.lineTo(lay.left + lay.width, mid);
  }
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = palette.muted;
  ctx.font = palette.smallFont;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let l = 0; l < util.length; l++) {
    ctx.fillText('busy 0–100%', lay.left - 6, lay.top + l * lay.pitch + strip.offset + strip.height / 2, lay.left - 8);
  }
}

/** Tooltip lines for the strip of `core` at time `t` (times relative to `origin`); null before the first sample. */
export function utilisationAt(core: number, samples: UtilSample[], t: number, origin: number): string[] | null {
  const i = lowerBound(samples, t + 1e-12) - 1;
  if (i < 0) return null;
  const s = samples[i];
  const period = i + 1 < samples.length ? samples[i + 1].t - s.t : i > 0 ? s.t - samples[i - 1].t : NaN;
  return [
    `CPU ${core}: ${percent(s.busy)} busy`,
    `sample at +${seconds(s.t - origin)}${Number.isFinite(period) ? `, held ${seconds(period)} until the next` : ''}`,
    'whole machine: every process on this core, not only the profiled one',
  ];
}

function lowerBound(samples: { t: number }[], t: number): number {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (samples[mid].t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
