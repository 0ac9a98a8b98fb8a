/**
 * The scaling chart's axes: workers on a log2 scale (sweeps double), speedup on a linear one. On such
 * axes the ideal "speedup = workers" is a curve, not a straight line, so it is drawn from samples.
 */

/** Plot box in SVG user units. */
export interface PlotBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Maps workers and speedups to SVG coordinates. */
export interface ChartScale {
  x(workers: number): number;
  y(speedup: number): number;
  xMax: number;
  yTop: number;
}

/** The scale for workers in [1, xMax] (log2) and speedups in [0, yTop] (linear). */
export function chartScale(box: PlotBox, xMax: number, yTop: number): ChartScale {
  const plotW = box.width - box.left - box.right;
  const plotH = box.height - box.top - box.bottom;
  return {
    x: (w) => box.left + (Math.log2(w) / Math.log2(xMax)) * plotW,
    y: (s) => box.height - box.bottom - (s / yTop) * plotH,
    xMax,
    yTop,
  };
}

/**
 * Points of the ideal line y = x from 1 worker up to where it leaves the plot (xMax or yTop): every power
 * of two exactly (so it meets the grid where the measured points sit) plus 8 steps per doubling between.
 */
export function idealPoints(scale: ChartScale): [number, number][] {
  const end = Math.min(scale.xMax, scale.yTop);
  const steps = Math.ceil(Math.log2(end) * 8);
  const pts: [number, number][] = [];
  for (let i = 0; i <= steps; i++) {
    const w = Math.min(end, Math.pow(2, i / 8));
    pts.push([scale.x(w), scale.y(w)]);
    if (w === end) break;
  }
  return pts;
}

/** A tick step of 1, 2 or 5 × 10^n near `raw`. */
export function niceStep(raw: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}
