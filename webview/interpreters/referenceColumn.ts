/**
 * The scaling table's column for a comparison of interpreters: each run's speedup against the reference
 * interpreter's serial run (the Report's `speedupVsReference`), next to its own Speedup.
 */
import type { Report } from '../../src/contracts/report';
import { el } from '../dom';
import { times } from '../format';
import type { Column } from '../table/columns';

/** The "Vs python3" column, or none for a single-interpreter report. */
export function referenceColumn(report: Report): Column | undefined {
  if (!report.interpreters?.length) return undefined;
  const reference = report.interpreters.find((i) => i.reference)?.id ?? 'reference';
  return {
    name: `Vs ${reference}`,
    help: `${reference}'s serial median wall ÷ this median wall: the interpreters on one scale`,
    priority: 1,
    cell: (run) => el('td', { class: 'num vs-reference' }, times(run.speedupVsReference ?? NaN)),
  };
}
