/**
 * The scaling table's measurement columns, most telling first. Each has a priority: at narrow widths the
 * table drops priority 3, then 2 (a CSS container query), so Speedup and Wall stay in view in a side panel.
 */
import type { Run } from '../../src/contracts/report';
import { el } from '../dom';
import { bytes, fixed, percent, seconds, times } from '../format';
import type { Versus } from '../versusSerial';

/** One measurement column. */
export interface Column {
  name: string;
  help: string;
  /** 1: always shown; 2: dropped below 440 px; 3: dropped below 720 px ("All columns" brings them back). */
  priority: 1 | 2 | 3;
  /** Python only: JavaScript strategies take no chunk size. */
  pythonOnly?: boolean;
  cell(run: Run, versus: Versus): HTMLTableCellElement;
}

const VERSUS_TITLE: Record<Versus, string> = {
  faster: 'faster than serial beyond noise (the 95% wall intervals do not overlap)',
  slower: 'slower than serial beyond noise (the 95% wall intervals do not overlap)',
  same: 'within noise of serial',
  unknown: '',
};

/** The columns after Run, in display order. */
export const COLUMNS: readonly Column[] = [
  {
    name: 'Speedup', help: 'serial median wall ÷ this median wall; red only when slower than serial beyond noise', priority: 1,
    cell: (run, versus) => el('td', { class: `num speedup versus-${versus}`, title: VERSUS_TITLE[versus] || undefined }, times(run.speedup)),
  },
  {
    name: 'Wall', help: 'median wall time, with its 95% interval below', priority: 1,
    // One sample has no interval: say so rather than print "3.04 s–3.04 s".
    cell: (run) => el('td', { class: 'num' }, seconds(run.wall.median), (run.wall.samples?.length ?? run.repeats) > 1
      ? el('span', { class: 'ci' }, ` ${seconds(run.wall.ci95[0])}–${seconds(run.wall.ci95[1])}`)
      : el('span', { class: 'ci' }, ' (once: no interval)')),
  },
  {
    name: 'Parallelism', help: '(user + sys) ÷ wall: cores busy on average', priority: 2,
    cell: (run) => el('td', { class: 'num' }, `${fixed(run.parallelism)} cores`),
  },
  { name: 'Efficiency', help: 'speedup ÷ workers', priority: 2, cell: (run) => el('td', { class: 'num' }, percent(run.efficiency)) },
  {
    name: 'Overhead', help: 'wall minus useful work per worker: start-up, serialisation, queue wait (hover a cell for the parts)', priority: 3,
    cell: (run) => {
      const o = run.overhead;
      const title = `start-up ${seconds(o.startup)}, shutdown ${seconds(o.shutdown)}, queue wait ${seconds(o.queueWait)}, ` +
        `serialisation ${seconds(o.serialization)} (${bytes(o.argBytes)} args, ${bytes(o.resultBytes)} results)`;
      return el('td', { class: 'num', title }, seconds(o.total));
    },
  },
  { name: 'Chunk', help: 'tasks handed to a worker at a time (map chunksize)', priority: 3, pythonOnly: true, cell: (run) => el('td', { class: 'num' }, String(run.chunksize)) },
  { name: 'User', help: 'median CPU seconds in user mode, whole process tree', priority: 3, cell: (run) => el('td', { class: 'num' }, seconds(run.user)) },
  { name: 'Sys', help: 'median CPU seconds in kernel mode, whole process tree', priority: 3, cell: (run) => el('td', { class: 'num' }, seconds(run.sys)) },
];
