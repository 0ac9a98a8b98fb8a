/**
 * The scaling table: one row per run of the report's language, the run (with its strategy colour and
 * status) first, then speedup and wall, then the rest. Selecting a row (click, Enter or Space) selects
 * the run the timelines show. At narrow widths low-priority columns fold away; "All columns" brings them back.
 */
import type { Report, Run } from '../../src/contracts/report';
import { el, userText } from '../dom';
import { isPython, runLabel, shownRuns } from '../language';
import { serialOf, versusSerial } from '../versusSerial';
import { COLUMNS } from './columns';

/** The table and a way to move the selection. */
export interface ScalingTable {
  element: HTMLElement;
  select(runId: string): void;
}

/** Builds the table; `onSelect` hears the user's choice. */
export function scalingTable(report: Report, onSelect: (runId: string) => void): ScalingTable {
  const rec = report.recommendation;
  const runs = shownRuns(report);
  const serial = serialOf(runs);
  const columns = COLUMNS.filter((c) => !c.pythonOnly || isPython(report));
  const rows = runs.map((run) => {
    const recommended = rec.run !== undefined ? run.id === rec.run
      : run.status === 'ok' && run.strategy === rec.strategy && run.workers === rec.workers;
    const versus = versusSerial(run, serial);
    const row = el('tr', { tabindex: 0, 'data-run-id': run.id, 'aria-selected': 'false', class: `status-${run.status}` },
      runCell(run, recommended),
      ...columns.map((c) => {
        const cell = run.status === 'skipped' ? el('td', { class: 'num muted' }, '–') : c.cell(run, versus);
        cell.classList.add(`col-p${c.priority}`);
        return cell;
      }),
    );
    const choose = () => onSelect(run.id);
    row.addEventListener('click', choose);
    row.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        choose();
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const next = (e.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling) as HTMLElement | null;
        next?.focus();
      }
    });
    return row;
  });
  const table = el('table', { class: 'scaling-table', 'aria-label': 'Scaling table: select a row to show its timelines' },
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', class: 'col-p1' }, 'Run'),
      ...columns.map((c) => el('th', { scope: 'col', title: c.help, class: `num col-p${c.priority}`, 'data-column': c.name }, c.name)))),
    el('tbody', {}, ...rows));
  const toggle = el('button', { type: 'button', class: 'link-button columns-toggle', 'aria-pressed': 'false' }, 'All columns');
  const element = el('div', { class: 'table-wrap', 'data-columns': 'fit' },
    el('div', { class: 'table-tools' },
      el('span', { class: 'muted key' }, 'Speedup in ', el('span', { class: 'versus-slower' }, 'red'), ': slower than serial beyond noise.'),
      toggle),
    table);
  toggle.addEventListener('click', () => {
    const all = element.dataset.columns !== 'all';
    element.dataset.columns = all ? 'all' : 'fit';
    toggle.setAttribute('aria-pressed', String(all));
    toggle.textContent = all ? 'Fewer columns' : 'All columns';
  });
  return {
    element,
    select(runId) {
      for (const row of rows) row.setAttribute('aria-selected', String(row.dataset.runId === runId));
    },
  };
}

function runCell(run: Run, recommended: boolean): HTMLTableCellElement {
  const cell = el('th', { scope: 'row', class: 'run col-p1' },
    el('span', { class: 'run-name' }, el('span', { class: `swatch series-${run.strategy}`, 'aria-hidden': 'true' }), userText(runLabel(run) + (run.nativeThreads !== undefined ? `, native ×${run.nativeThreads}` : ''))),
    recommended ? el('span', { class: 'badge' }, 'recommended') : null);
  if (run.status !== 'ok') {
    const why = run.reason ?? (run.error ? `${run.error.type}: ${run.error.message}` : '');
    cell.append(el('span', { class: 'run-status' }, el('span', { class: `status-label status-${run.status}` }, run.status), why ? ' ' : '', why ? userText(why, 'reason') : ''));
  }
  return cell;
}
