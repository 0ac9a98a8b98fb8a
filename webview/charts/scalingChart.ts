/**
 * Scaling chart (SVG): measured speedup against workers for each strategy, the ideal line (speedup =
 * workers) and the fitted model's projection. Workers are on a log2 axis because sweeps double.
 */
import type { Report } from '../../src/contracts/report';
import { el, svg } from '../dom';
import { times } from '../format';
import { againstReference, chartSeries, type Series } from './series';

const W = 560;
const H = 300;
const M = { left: 44, right: 16, top: 12, bottom: 36 };

/** Builds the chart figure for `report`. */
export function scalingChart(report: Report): HTMLElement {
  const series = chartSeries(report);
  const ok = series.flatMap((s) => s.points);
  const maxMeasured = Math.max(1, ...ok.map((r) => r.workers));
  // Show the projection a little beyond what was measured, not all the way to 64, so measured points keep their room.
  const xMax = Math.max(2, maxMeasured * 4, 8);
  const projection = report.model.projection.filter((p) => p.cores <= xMax && Number.isFinite(p.speedup));
  const yTop = Math.max(1.5, ...ok.map((r) => r.speedup), ...projection.map((p) => p.speedup)) * 1.15;
  const x = (w: number) => M.left + (Math.log2(w) / Math.log2(xMax)) * (W - M.left - M.right);
  const y = (s: number) => H - M.bottom - (s / yTop) * (H - M.top - M.bottom);

  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'scaling-chart', role: 'img', 'aria-labelledby': 'scaling-title' });
  const grid = svg('g', { class: 'grid' });
  const axes = svg('g', { class: 'axis' });
  for (let w = 1; w <= xMax; w *= 2) {
    grid.append(svg('line', { x1: x(w), x2: x(w), y1: M.top, y2: H - M.bottom }));
    axes.append(svg('text', { x: x(w), y: H - M.bottom + 16, 'text-anchor': 'middle' }, String(w)));
  }
  const yStep = niceStep(yTop / 5);
  for (let s = 0; s <= yTop; s += yStep) {
    grid.append(svg('line', { x1: M.left, x2: W - M.right, y1: y(s), y2: y(s) }));
    axes.append(svg('text', { x: M.left - 6, y: y(s) + 4, 'text-anchor': 'end' }, `${+s.toFixed(2)}×`));
  }
  axes.append(
    svg('text', { x: (M.left + W - M.right) / 2, y: H - 4, 'text-anchor': 'middle', class: 'axis-title' }, 'workers'),
    svg('text', { x: 12, y: M.top + (H - M.top - M.bottom) / 2, 'text-anchor': 'middle', class: 'axis-title', transform: `rotate(-90 12 ${M.top + (H - M.top - M.bottom) / 2})` }, yTitle(report)),
  );
  root.append(grid, axes);

  const idealEnd = Math.min(xMax, yTop);
  root.append(svg('line', { class: 'ideal', x1: x(1), y1: y(1), x2: x(idealEnd), y2: y(idealEnd) }, svg('title', {}, 'ideal: speedup = workers')));
  if (projection.length > 1) {
    root.append(svg('polyline', { class: 'projection', points: projection.map((p) => `${x(p.cores)},${y(p.speedup)}`).join(' ') },
      svg('title', {}, `model projection (${report.model.strategy ?? 'best strategy'}, USL σ=${report.model.usl.sigma}, κ=${report.model.usl.kappa})`)));
  }
  for (const s of series) {
    const g = svg('g', {
      class: `series series-${s.strategy} ${dashOf(s)}`, 'data-strategy': s.strategy,
      'data-interpreter': s.interpreter, 'data-series': s.name,
    });
    const points = s.points.map((p) => `${x(p.workers)},${y(p.speedup)}`).join(' ');
    if (s.points.length > 1) g.append(svg('polyline', { points }));
    for (const p of s.points) {
      const title = svg('title', {}, `${s.name} ×${p.workers}: ${times(p.speedup)}`);
      g.append(svg('circle', { cx: x(p.workers), cy: y(p.speedup), r: 4 }, title));
    }
    root.append(g);
  }

  const legend = el('div', { class: 'legend' });
  for (const s of series) {
    const swatch = el('span', { class: `swatch series-${s.strategy} ${dashOf(s)}` });
    legend.append(el('span', { class: 'legend-item' }, swatch, s.name));
  }
  legend.append(el('span', { class: 'legend-item' }, el('span', { class: 'swatch ideal' }), 'ideal'));
  if (projection.length > 1) legend.append(el('span', { class: 'legend-item' }, el('span', { class: 'swatch projection' }), 'model projection'));
  const figure = el('figure', { class: 'scaling-figure' }, root, legend);
  return figure;
}

/** Interpreters are told apart by dash pattern (colours stay the strategies'); patterns repeat after this many. */
const INTERPRETER_DASHES = 4;

/** The dash class of a series: its interpreter's place in the report. */
function dashOf(s: Series): string {
  return `interpreter-${s.interpreterIndex % INTERPRETER_DASHES}`;
}

function yTitle(report: Report): string {
  if (!againstReference(report)) return 'speedup';
  const ref = report.interpreters?.find((i) => i.reference)?.id ?? 'reference';
  return `speedup vs ${ref} serial`;
}

function niceStep(raw: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}
