/**
 * The two runs side by side: when each was profiled (an absolute time, never "3 min ago", so an open tab cannot go
 * stale), its commit, what it recommended, its fastest configuration, the kind of work, the interpreter, the machine
 * and the arguments. A row is marked where the engine found the two differ (Comparison.differences).
 */
import type { Comparison, Difference } from '../../src/contracts/comparison';
import type { Report, Run } from '../../src/contracts/report';
import { COMPARED_SIDES, type ComparedSide } from '../../src/contracts/webview';
import { custom, el, userText } from '../dom';
import { seconds, times } from '../format';
import type { CompareHost } from './compareHost';
import { absoluteTime, wallInterval } from './compareFormat';

/** One row: its label, the cell of each side, and the kinds of difference that mark it. */
interface Field {
  key: string;
  label: string;
  cell(report: Report, best: Run): Node | string;
  differs?(d: Difference): boolean;
}

const SIDE_TITLE: Record<ComparedSide, string> = { baseline: 'Before', current: 'After' };

const FIELDS: readonly Field[] = [
  {
    key: 'when', label: 'Profiled',
    cell: (r) => el('time', { datetime: r.createdAt, title: r.createdAt }, absoluteTime(r.createdAt)),
  },
  {
    key: 'commit', label: 'Commit',
    cell: (r) => (r.commit ? el('code', { title: r.commit }, r.commit.slice(0, 10)) : 'not recorded'),
  },
  {
    key: 'recommendation', label: 'Recommended',
    cell: ({ recommendation: x }) =>
      `${x.strategy} ×${x.workers}, expected ${times(x.expectedSpeedup)} (${x.confidence} confidence)`,
  },
  {
    key: 'fastest', label: 'Fastest',
    cell: (_r, b) =>
      `${b.strategy} ×${b.workers}: ${seconds(b.wall.median)} (${wallInterval(b)}), ${times(b.speedup)}`,
  },
  { key: 'work', label: 'Work', cell: (r) => userText(r.classification.summary) },
  { key: 'interpreter', label: 'Interpreter', cell: interpreterCell, differs: (d) => d.kind === 'interpreter' },
  { key: 'machine', label: 'Machine', cell: machineCell, differs: (d) => d.kind === 'machine' },
  {
    key: 'arguments', label: 'Arguments',
    cell: ({ target: t }) =>
      el('span', {}, t.args !== null ? userText(t.args, 'args') : `none (${t.tasks} calls)`, ` · ${t.tasks} tasks`),
    differs: (d) => d.kind === 'workload' && d.what !== 'function source',
  },
];

/** Builds the side-by-side card; its buttons open either run's report. */
export function sideBySide(c: Comparison, host: CompareHost): HTMLElement {
  const report = (s: ComparedSide) => (s === 'baseline' ? c.baseline : c.current);
  const best = (s: ComparedSide) => (s === 'baseline' ? c.best.baseline : c.best.current);
  const rows = FIELDS.map((f) => {
    const differs = f.differs ? c.differences.some(f.differs) : false;
    const mark = differs ? el('span', { class: 'differs-mark', title: 'differs between the runs' }, ' ≠') : '';
    return el('tr', { 'data-field': f.key, class: differs ? 'differs' : undefined },
      el('th', { scope: 'row' }, f.label, mark),
      ...COMPARED_SIDES.map((s) => el('td', { 'data-side': s }, f.cell(report(s), best(s)))));
  });
  const open = COMPARED_SIDES.map((s) => {
    const b = custom('vscode-button', { secondary: true, 'data-open': s }, 'Open report');
    b.addEventListener('click', () => host.openReport(s));
    return el('td', { 'data-side': s }, b);
  });
  const heads = COMPARED_SIDES.map((s) => el('th', { scope: 'col', 'data-side': s }, SIDE_TITLE[s]));
  const section = { class: 'card compare-runs', id: 'compare-runs', 'aria-labelledby': 'compare-runs-title' };
  return el('section', section,
    el('h2', { id: 'compare-runs-title' }, 'The two runs'),
    el('div', { class: 'compare-wrap' },
      el('table', { class: 'compare-runs-table' },
        el('colgroup', {}, el('col', { class: 'label-col' }), el('col', {}), el('col', {})),
        el('thead', {}, el('tr', {}, el('td', {}), ...heads)),
        el('tbody', {}, ...rows),
        el('tfoot', {}, el('tr', {}, el('td', {}), ...open)))));
}

function interpreterCell(r: Report): Node {
  const e = r.environment;
  // The GIL is CPython's: a Node report has none to mention.
  const gil = r.target.language !== 'python' ? '' : e.gilEnabled ? ' · GIL enabled' : ' · GIL disabled';
  return el('span', {}, userText(e.version), gil, e.startMethod ? ` · ${e.startMethod}` : '');
}

function machineCell(r: Report): Node {
  const e = r.environment;
  const cores = `${e.logicalCores} logical / ${e.physicalCores} physical cores · `;
  return el('span', {}, cores, userText(e.cpuModel || 'unknown CPU'), ` · ${e.platform}/${e.arch}`);
}
