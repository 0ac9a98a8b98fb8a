/**
 * Scaling chart (SVG): measured speedup against workers for each strategy of the report's language, the
 * ideal (speedup = workers, a curve on the log2 worker axis), the serial baseline at 1×, and the fitted
 * model's projection. Strategy colours are the page's colour language (styles.css, .series-*).
 */
import type { Report } from '../../src/contracts/report';
import { el, svg } from '../dom';
import { times } from '../format';
import { chartScale, idealPoints, niceStep, type PlotBox } from './scale';
import { againstReference, chartSeries, type Series } from './series';

const BOX: PlotBox = { width: 560, height: 300, left: 44, right: 16, top: 12, bottom: 36 };

/** Builds the chart figure for `report`. */
export function scalingChart(report: Report): HTMLElement {
  // One series per strategy, or per interpreter and strategy in a comparison (against the reference serial run).
  const series = chartSeries(report);
  const ok = series.flatMap((s) => s.points);
  const maxMeasured = ok.reduce((m, r) => Math.max(m, r.workers), 1);
  // Show the projection a little beyond what was measured, not all the way to 64, so measured points keep their room.
  const xMax = Math.max(2, maxMeasured * 4, 8);
  const projection = report.model.projection.filter((p) => p.cores <= xMax && Number.isFinite(p.speedup));
  const speedups = [...ok.map((r) => r.speedup), ...projection.map((p) => p.speedup)];
  const highest = speedups.reduce((m, s) => Math.max(m, s), 1.5);
  const yTop = highest * 1.15;
  const scale = chartScale(BOX, xMax, yTop);
  const { x, y } = scale;
  const { width: W, height: H } = BOX;
  const M = BOX;

  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'scaling-chart', role: 'img', 'aria-labelledby': 'scaling-title' });
  const grid = svg('g', { class: 'grid' });
  const axes = svg('g', { class: 'axis' });
  for (let w = 1; w <= xMax; w *= 2) {
    grid.append(svg('line', { x1: x(w), x2: x(w), y1: M.top, y2: H - M.bottom }));
    axes.append(svg('text', { class: 'tick-x', 'data-value': w, x: x(w), y: H - M.bottom + 16, 'text-anchor': 'middle' }, String(w)));
  }
  const yStep = niceStep(yTop / 5);
  for (let s = 0; s <= yTop; s += yStep) {
    grid.append(svg('line', { class: 'tick-y', 'data-value': s, x1: M.left, x2: W - M.right, y1: y(s), y2: y(s) }));
    axes.append(svg('text', { x: M.left - 6, y: y(s) + 4, 'text-anchor': 'end' }, `${+s.toFixed(2)}×`));
  }
  axes.append(
    svg('text', { x: (M.left + W - M.right) / 2, y: H - 4, 'text-anchor': 'middle', class: 'axis-title' }, 'workers (log scale)'),
    svg('text', { x: 12, y: M.top + (H - M.top - M.bottom) / 2, 'text-anchor': 'middle', class: 'axis-title', transform: `rotate(-90 12 ${M.top + (H - M.top - M.bottom) / 2})` }, yTitle(report)),
  );
  root.append(grid, axes);

  root.append(svg('line', { class: 'baseline', x1: M.left, x2: W - M.right, y1: y(1), y2: y(1) }, svg('title', {}, 'serial baseline: 1×')));
  root.append(svg('polyline', { class: 'ideal', points: idealPoints(scale).map(([px, py]) => `${px},${py}`).join(' ') }, svg('title', {}, 'ideal: speedup = workers')));
  if (projection.length > 1) {
    const fitted = report.model.strategy ? ` fitted to the ${report.model.strategy} runs` : '';
    root.append(svg('polyline', { class: 'projection', points: projection.map((p) => `${x(p.cores)},${y(p.speedup)}`).join(' ') },
      svg('title', {}, `model projection${fitted}: the speedup the measured scaling predicts at more workers`)));
  }
  // Serial last (chartSeries orders it so), as a ring: at 1 worker it sits where every strategy's ×1 point does.
  for (const s of series) {
    const g = svg('g', {
      class: `series series-${s.strategy}${dashOf(s)}`, 'data-strategy': s.strategy,
      'data-interpreter': s.interpreter, 'data-series': s.name,
    });
    if (s.points.length > 1) g.append(svg('polyline', { points: s.points.map((p) => `${x(p.workers)},${y(p.speedup)}`).join(' ') }));
    for (const p of s.points) {
      const radius = s.strategy === 'serial' ? 6 : 4;
      g.append(svg('circle', { cx: x(p.workers), cy: y(p.speedup), r: radius, 'data-run-id': p.run.id },
        svg('title', {}, `${s.name} ×${p.workers}: ${times(p.speedup)}`)));
    }
    root.append(g);
  }

  const legend = el('div', { class: 'legend', 'aria-label': 'chart key' });
  for (const s of series) {
    const swatch = el('span', { class: `swatch series-${s.strategy}${s.strategy === 'serial' ? ' ring' : ''}${dashOf(s)}` });
    legend.append(el('span', { class: 'legend-item' }, swatch, s.name));
  }
  legend.append(el('span', { class: 'legend-item' }, el('span', { class: 'swatch ideal' }), 'ideal (speedup = workers)'));
  if (projection.length > 1) legend.append(el('span', { class: 'legend-item' }, el('span', { class: 'swatch projection' }), 'model projection'));
  return el('figure', { class: 'scaling-figure' }, root, legend);
}

/** Interpreters are told apart by dash pattern (colours stay the strategies'); patterns repeat after this many. */
const INTERPRETER_DASHES = 4;

/** The dash class of a series in a comparison (its interpreter's place in the report); none otherwise. */
function dashOf(s: Series): string {
  return s.interpreter ? ` interpreter-${s.interpreterIndex % INTERPRETER_DASHES}` : '';
}

/** The y axis: speedup, against the reference interpreter's serial run in a comparison. */
function yTitle(report: Report): string {
  if (!againstReference(report)) return 'speedup';
  return `speedup vs ${report.interpreters?.find((i) => i.reference)?.id ?? 'reference'} serial`;
}
