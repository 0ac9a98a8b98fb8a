/**
 * Every configuration of the two runs, paired by the engine (strategy × workers): wall time with its 95% interval
 * before and after, the change, the speedups, and the engine's verdict. Red only for slower beyond noise, bold for
 * faster (green is the processes colour), as in the report's own table. A configuration measured on neither side
 * gets one line saying why, not a row of dashes.
 */
import type { Comparison, ConfigChange } from '../../src/contracts/comparison';
import type { Run } from '../../src/contracts/report';
import { el, userText } from '../dom';
import { times } from '../format';
import { CONFIG_VERDICT, signedPercent, wallCell } from './compareFormat';

/** The columns after the configuration's own; `num` ones align right. */
const COLUMNS: readonly { name: string; num: boolean }[] = [
  { name: 'Wall before', num: true },
  { name: 'Wall after', num: true },
  { name: 'Change', num: true },
  { name: 'Speedup before → after', num: true },
  { name: 'Verdict', num: false },
];

/** Builds the configurations card. */
export function configTable(c: Comparison): HTMLElement {
  const head = el('tr', {}, el('th', { scope: 'col' }, 'Configuration'),
    ...COLUMNS.map((col) => el('th', { scope: 'col', class: col.num ? 'num' : undefined }, col.name)));
  const table = el('table', { class: 'compare-table', 'aria-label': 'Every configuration, before and after' },
    el('thead', {}, head),
    el('tbody', {}, ...c.configurations.map(row)));
  const section = { class: 'card compare-configs', id: 'compare-configs', 'aria-labelledby': 'compare-configs-title' };
  return el('section', section,
    el('h2', { id: 'compare-configs-title' }, 'Every configuration'),
    el('div', { class: 'compare-wrap' }, table),
    el('p', { class: 'hint' },
      'A change counts only when the two 95% intervals of the wall time do not overlap, which takes two repeats or ',
      'more on each side; ', el('code', {}, 'parallelism-profiler compare'), ' gives the same verdicts.'));
}

function row(x: ConfigChange): HTMLTableRowElement {
  const tr = el('tr', { 'data-config': x.config, 'data-verdict': x.verdict }, configCell(x));
  if (x.verdict === 'not measured' && x.before?.status !== 'ok' && x.after?.status !== 'ok') {
    const statuses = `${x.before?.status ?? 'absent'} → ${x.after?.status ?? 'absent'}`;
    const why = whyNot(x.after) || whyNot(x.before);
    tr.append(el('td', { class: 'verdict muted', colspan: COLUMNS.length },
      `${CONFIG_VERDICT[x.verdict]} (${statuses})`, why ? ': ' : '', why ? userText(why, 'reason') : ''));
    return tr;
  }
  const tone = x.verdict === 'slower' ? 'versus-slower' : x.verdict === 'faster' ? 'versus-faster' : 'muted';
  tr.append(
    wall(x.before),
    wall(x.after),
    el('td', { class: `num change ${tone}` }, x.change === undefined ? '—' : signedPercent(x.change)),
    el('td', { class: 'num speedup' }, `${speedup(x.before)} → ${speedup(x.after)}`),
    verdictCell(x, tone),
  );
  return tr;
}

/** The verdict; where one side has no wall time (it failed, timed out or stopped), why. */
function verdictCell(x: ConfigChange, tone: string): HTMLTableCellElement {
  const cell = el('td', { class: `verdict ${tone}` }, CONFIG_VERDICT[x.verdict]);
  const why = whyNot(x.after) || whyNot(x.before);
  if (why) cell.append(el('span', { class: 'ci reason' }, userText(why)));
  return cell;
}

function configCell(x: ConfigChange): HTMLTableCellElement {
  const strategy = (x.after ?? x.before)?.strategy ?? 'serial';
  return el('th', { scope: 'row' },
    el('span', { class: 'run-name' },
      el('span', { class: `swatch series-${strategy}`, 'aria-hidden': 'true' }), x.config));
}

function wall(run: Run | undefined): HTMLTableCellElement {
  const { main, sub } = wallCell(run);
  const status = run && run.status !== 'ok' ? ` status-${run.status}` : '';
  const cell = el('td', { class: `num wall${status}` }, main, sub ? el('span', { class: 'ci' }, sub) : '');
  const why = whyNot(run);
  if (why) cell.title = why;
  return cell;
}

const speedup = (run: Run | undefined): string => (run && run.status === 'ok' ? times(run.speedup) : '—');

/** Why a run has no wall time: its skip reason or its error; '' when it was measured or is absent. */
function whyNot(run: Run | undefined): string {
  if (!run || run.status === 'ok') return '';
  return run.reason ?? (run.error ? `${run.error.type}: ${run.error.message}` : '');
}
