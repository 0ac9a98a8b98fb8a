/**
 * What differs between the two reports besides the code: the machine, the interpreter, the workload. A baseline
 * recorded on another machine compares hardware, not code, so these are said next to every verdict.
 */
import type { Difference } from '../../contracts/comparison';
import type { Report } from '../../contracts/report';

export type { Difference } from '../../contracts/comparison';

type Field = [Difference['kind'], string, (r: Report) => unknown];

// Absent fields read as "unknown" so an older report that lacks one still compares, and says so.
const FIELDS: readonly Field[] = [
  ['machine', 'logical cores', (r) => r.environment.logicalCores],
  ['machine', 'physical cores', (r) => r.environment.physicalCores],
  ['machine', 'CPU model', (r) => r.environment.cpuModel],
  ['machine', 'platform', (r) => r.environment.platform && `${r.environment.platform}-${r.environment.arch ?? '?'}`],
  ['interpreter', 'interpreter', (r) => r.environment.version],
  ['interpreter', 'interpreter path', (r) => r.environment.interpreter],
  ['interpreter', 'GIL', (r) => (r.environment.gilEnabled === undefined ? undefined : r.environment.gilEnabled ? 'enabled' : 'disabled')],
  ['interpreter', 'start method', (r) => r.environment.startMethod],
  ['interpreter', 'interpreters compared', (r) => r.interpreters?.map((i) => i.id).join(', ')],
  ['workload', 'task arguments', (r) => r.target.args ?? `none (${r.target.tasks} calls)`],
  ['workload', 'tasks', (r) => r.target.tasks],
];

const text = (v: unknown): string => (v === undefined || v === null || v === '' ? 'unknown' : String(v));

/** Every field that differs, machine first, then interpreter, then workload (the function's source last). */
export function reportDifferences(baseline: Report, current: Report): Difference[] {
  const out: Difference[] = [];
  for (const [kind, what, get] of FIELDS) {
    const [b, c] = [text(get(baseline)), text(get(current))];
    if (b !== c) out.push({ kind, what, baseline: b, current: c });
  }
  // Only a hash on both sides is evidence; a report without one (a CLI run) says nothing about the source.
  const [hb, hc] = [baseline.target.sourceHash, current.target.sourceHash];
  if (hb && hc && hb !== hc) out.push({ kind: 'workload', what: 'function source', baseline: hb.slice(0, 12), current: hc.slice(0, 12) });
  return out;
}

/** The sentences a front end shows for the differences: one per kind, naming each field with both values. */
export function differenceNotes(differences: readonly Difference[]): string[] {
  const list = (kind: Difference['kind']) =>
    differences.filter((d) => d.kind === kind && d.what !== 'function source').map((d) => `${d.what} ${d.baseline} → ${d.current}`).join('; ');
  const notes: string[] = [];
  const machine = list('machine');
  if (machine) notes.push(`Different machines (${machine}): a baseline from another machine compares hardware, not code; record the baseline where the gate runs.`);
  const interpreter = list('interpreter');
  if (interpreter) notes.push(`Different interpreters (${interpreter}): part of the change may be the interpreter, not the code.`);
  const workload = list('workload');
  if (workload) notes.push(`Different task arguments (${workload}): the workloads are not the same.`);
  if (differences.some((d) => d.what === 'function source')) notes.push("The function's source changed between the two reports.");
  return notes;
}
