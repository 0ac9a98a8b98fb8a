/**
 * The interpreters card of a report that compares interpreters: per interpreter its environment (implementation,
 * version, GIL, start method), whether the module imported, its serial baseline against the reference, the JIT
 * warm-up figures and what it returned. Absent for single-interpreter reports.
 */
import type { InterpreterProfile, Report } from '../../src/contracts/report';
import { el, userText } from '../dom';
import { seconds, times } from '../format';

const COLUMNS = ['Interpreter', 'Environment', 'Module', 'Serial baseline', 'JIT warm-up', 'Results', 'Own verdict'];

/** Builds the card, or null when the report covers one interpreter. */
export function interpretersCard(report: Report): HTMLElement | null {
  const list = report.interpreters;
  if (!list?.length) return null;
  return el('section', { class: 'card interpreters', id: 'interpreters', 'aria-labelledby': 'interpreters-title' },
    el('h2', { id: 'interpreters-title' }, 'Interpreters'),
    el('div', { class: 'table-wrap' },
      el('table', { class: 'interpreters-table' },
        el('thead', {}, el('tr', {}, ...COLUMNS.map((c) => el('th', { scope: 'col' }, c)))),
        el('tbody', {}, ...list.map(row)))));
}

function row(i: InterpreterProfile): HTMLTableRowElement {
  const env = i.environment;
  const gil = env ? (env.gilEnabled ? 'GIL on' : 'GIL off (free-threaded)') : '';
  return el('tr', { 'data-interpreter': i.id, class: `status-${i.status}` },
    el('th', { scope: 'row' }, userText(i.id), i.reference ? el('span', { class: 'badge' }, 'reference') : null,
      el('div', { class: 'muted' }, userText(i.label))),
    el('td', {}, env ? userText(env.interpreter) : userText(i.requested),
      el('div', { class: 'muted' }, env ? `${gil} · start method ${env.startMethod ?? '?'}` : '', variables(i))),
    el('td', { class: 'import' }, importText(i)),
    el('td', { class: 'num' }, i.baseline
      ? el('span', {}, seconds(i.baseline.wall.median),
        el('div', { class: 'muted' }, `${times(i.baseline.speedupVsReference)} vs reference`))
      : '–'),
    el('td', { class: 'num warm-up' }, warmUpText(i)),
    el('td', {}, i.results ? userText(`${i.results.preview}${i.results.comparable ? '' : ' (not comparable)'}`) : '–'),
    el('td', {}, i.recommendation ? userText(i.recommendation.headline) : userText(i.reason ?? '–', 'reason')),
  );
}

function variables(i: InterpreterProfile): string {
  const vars = Object.entries(i.variables ?? {}).map(([k, v]) => `${k}=${v}`).join(' ');
  return vars ? ` · ${vars}` : '';
}

function importText(i: InterpreterProfile): HTMLElement {
  if (i.import === null) {
    return el('span', { class: 'status-label status-skipped' }, i.status, ' ', userText(i.reason ?? '', 'reason'));
  }
  if (i.import.ok) return el('span', { class: 'status-label status-ok' }, 'imports');
  const e = i.import.error;
  const why = e ? `${e.type}: ${e.message}` : i.reason ?? '';
  return el('span', { class: 'status-label status-failed' }, 'does not import', ' ', userText(why, 'reason'));
}

function warmUpText(i: InterpreterProfile): HTMLElement | string {
  const w = i.warmUp;
  if (!w) return '–';
  const p = w.workers;
  const pool = p ? `pool worker: first ${seconds(p.firstTask)}, later ${seconds(p.laterTask)}` : '';
  return el('span', { title: 'the first task ever run in a fresh process, against the same task once warm' },
    `first task ${seconds(w.firstTask)}, warm ${seconds(w.steadyTask)} (${times(w.ratio)})`,
    pool ? el('div', { class: 'muted' }, pool) : null);
}
