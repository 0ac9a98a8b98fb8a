/**
 * Scaling chart (SVG): measured speedup against workers for each strategy, the ideal line (speedup =
 * workers) and the fitted model's projection. Workers are on a log2 axis because sweeps double.
 */
import type { Report, Run, StrategyName } from '../../src/contracts/report';
import { el, svg } from '../dom';
import { times } from '../format';

const W = 560;
const H = 300;
const M = { left: 44, right: 16, top: 12, bottom: 36 };

/** Builds the chart figure for `report`. */
export function scalingChart(report: Report): HTMLElement {
  const ok = report.runs.filter((r) => r.status === 'ok' && Number.isFinite(r.speedup));
  const byStrategy = new Map<StrategyName, Run[]>();
  for (const r of ok) byStrategy.set(r.strategy, [...(byStrategy.get(r.strategy) ?? []), r].sort((a, b) => a.workers - b.workers));
  const maxMeasured = ok.reduce((m, r) => Math.max(m, r.workers), 1);
  // Show the projection a little beyond what was measured, not all the way to 64, so measured points keep their room.
  const xMax = Math.max(2, maxMeasured * 4, 8);
  const projection = report.model.projection.filter((p) => p.cores <= xMax && Number.isFinite(p.speedup));
  const yTop = projection.reduce((m, p) => Math.max(m, p.speedup), ok.reduce((m, r) => Math.max(m, r.speedup), 1.5)) * 1.15;
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
    svg('text', { x: 12, y: M.top + (H - M.top - M.bottom) / 2, 'text-anchor': 'middle', class: 'axis-title', transform: `rotate(-90 12 ${M.top + (H - M.top - M.bottom) / 2})` }, 'speedup'),
  );
  root.append(grid, axes);

  const idealEnd = Math.min(xMax, yTop);
  root.append(svg('line', { class: 'ideal', x1: x(1), y1: y(1), x2: x(idealEnd), y2: y(idealEnd) }, svg('title', {}, 'ideal: speedup = workers')));
  if (projection.length > 1) {
    root.append(svg('polyline', { class: 'projection', points: projection.map((p) => `${x(p.cores)},${y(p.speedup)}`).join(' ') },
      svg('title', {}, `model projection (${report.model.strategy ?? 'best strategy'}, USL σ=${report.model.usl.sigma}, κ=${report.model.usl.kappa})`)));
  }
  for (const [strategy, runs] of byStrategy) {
    const g = svg('g', { class: `series series-${strategy}`, 'data-strategy': strategy });
    if (runs.length > 1) g.append(svg('polyline', { points: runs.map((r) => `${x(r.workers)},${y(r.speedup)}`).join(' ') }));
    for (const r of runs) g.append(svg('circle', { cx: x(r.workers), cy: y(r.speedup), r: 4 }, svg('title', {}, `${strategy} ×${r.workers}: ${times(r.speedup)}`)));
    root.append(g);
  }

  const legend = el('div', { class: 'legend' });
  for (const strategy of byStrategy.keys()) legend.append(el('span', { class: 'legend-item' }, el('span', { class: `swatch series-${strategy}` }), strategy));
  legend.append(el('span', { class: 'legend-item' }, el('span', { class: 'swatch ideal' }), 'ideal'));
  if (projection.length > 1) legend.append(el('span', { class: 'legend-item' }, el('span', { class: 'swatch projection' }), 'model projection'));
  const figure = el('figure', { class: 'scaling-figure' }, root, legend);
  return figure;
}

function niceStep(raw: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}
