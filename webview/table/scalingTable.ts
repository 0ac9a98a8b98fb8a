/**
 * The scaling table: one row per run with wall, user, sys, speedup, efficiency, parallelism and overhead.
 * Selecting a row (click, Enter or Space) selects the run the timelines show.
 */
import type { Report, Run } from '../../src/contracts/report';
import { el, userText } from '../dom';
import { bytes, fixed, percent, seconds, times } from '../format';

const COLUMNS = ['Run', 'Chunk', 'Status', 'Wall', 'User', 'Sys', 'Speedup', 'Efficiency', 'Parallelism', 'Overhead'];

const COLUMN_HELP: Record<string, string | undefined> = {
  Wall: 'median wall time, with its 95% interval below',
  User: 'median CPU seconds in user mode, whole process tree',
  Sys: 'median CPU seconds in kernel mode, whole process tree',
  Speedup: 'serial median wall ÷ this median wall',
  Efficiency: 'speedup ÷ workers',
  Parallelism: '(user + sys) ÷ wall: cores busy on average',
  Overhead: 'wall minus useful work per worker: start-up, serialisation, queue wait (hover a cell for the parts)',
};

/** The table and a way to move the selection. */
export interface ScalingTable {
  element: HTMLElement;
  select(runId: string): void;
}

/** Builds the table; `onSelect` hears the user's choice. */
export function scalingTable(report: Report, onSelect: (runId: string) => void): ScalingTable {
  const rec = report.recommendation;
  const rows = report.runs.map((run) => {
    const recommended = rec.run !== undefined ? run.id === rec.run
      : run.status === 'ok' && run.strategy === rec.strategy && run.workers === rec.workers;
    const row = el('tr', { tabindex: 0, 'data-run-id': run.id, 'aria-selected': 'false', class: `status-${run.status}` },
      el('th', { scope: 'row' }, userText(`${run.strategy} ×${run.workers}${run.nativeThreads !== undefined ? `, native ×${run.nativeThreads}` : ''}`),
        recommended ? el('span', { class: 'badge' }, 'recommended') : null),
      el('td', { class: 'num' }, String(run.chunksize)),
      statusCell(run),
      ...numbers(run),
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
    el('thead', {}, el('tr', {}, ...COLUMNS.map((c) => el('th', { scope: 'col', title: COLUMN_HELP[c] }, c)))),
    el('tbody', {}, ...rows));
  const element = el('div', { class: 'table-wrap' }, table);
  return {
    element,
    select(runId) {
      for (const row of rows) row.setAttribute('aria-selected', String(row.dataset.runId === runId));
    },
  };
}

function statusCell(run: Run): HTMLTableCellElement {
  const cell = el('td', { class: 'status' }, el('span', { class: `status-label status-${run.status}` }, run.status));
  if (run.reason) cell.append(' ', userText(run.reason, 'reason'));
  else if (run.error) cell.append(' ', userText(`${run.error.type}: ${run.error.message}`, 'reason'));
  return cell;
}

function numbers(run: Run): HTMLTableCellElement[] {
  if (run.status === 'skipped') return Array.from({ length: 7 }, () => el('td', { class: 'num muted' }, '–'));
  const o = run.overhead;
  const overheadTitle = `start-up ${seconds(o.startup)}, shutdown ${seconds(o.shutdown)}, queue wait ${seconds(o.queueWait)}, ` +
    `serialisation ${seconds(o.serialization)} (${bytes(o.argBytes)} args, ${bytes(o.resultBytes)} results)`;
  return [
    el('td', { class: 'num' }, seconds(run.wall.median), (run.wall.samples?.length ?? run.repeats) > 1
      ? el('span', { class: 'ci' }, ` ${seconds(run.wall.ci95[0])}–${seconds(run.wall.ci95[1])}`)
      : el('span', { class: 'ci' }, ' (once: no interval)')),
    el('td', { class: 'num' }, seconds(run.user)),
    el('td', { class: 'num' }, seconds(run.sys)),
    el('td', { class: `num ${run.speedup < 1 ? 'worse' : run.speedup > 1.1 ? 'better' : ''}` }, times(run.speedup)),
    el('td', { class: 'num' }, percent(run.efficiency)),
    el('td', { class: 'num' }, `${fixed(run.parallelism)} cores`),
    el('td', { class: 'num', title: overheadTitle }, seconds(o.total)),
  ];
}
