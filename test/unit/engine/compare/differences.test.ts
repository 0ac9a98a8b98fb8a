/** What differs besides the code: machine, interpreter, workload. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { differenceNotes, reportDifferences } from '../../../../src/engine/compare/differences';
import { recorded } from '../../../support/reportVariants';

const base = recorded();

describe('reportDifferences', () => {
  test('two profiles on the same machine with the same arguments differ in nothing', () => {
    assert.deepEqual(reportDifferences(base, recorded()), []);
  });

  test('another machine is named by cores and CPU model, with both values', () => {
    const ci = { ...base, environment: { ...base.environment, logicalCores: 8, physicalCores: 4, cpuModel: 'AMD EPYC 7763 64-Core Processor' } };
    assert.deepEqual(reportDifferences(base, ci), [
      { kind: 'machine', what: 'logical cores', baseline: '2', current: '8' },
      { kind: 'machine', what: 'physical cores', baseline: '2', current: '4' },
      { kind: 'machine', what: 'CPU model', baseline: 'Intel(R) Xeon(R) CPU @ 2.20GHz', current: 'AMD EPYC 7763 64-Core Processor' },
    ]);
    const [note] = differenceNotes(reportDifferences(base, ci));
    assert.match(note, /^Different machines \(logical cores 2 → 8; physical cores 2 → 4; CPU model .* → AMD EPYC.*\): .*compares hardware, not code/);
  });

  test('another interpreter and other arguments each get their own note', () => {
    const other = {
      ...base,
      environment: { ...base.environment, version: 'CPython 3.12.1', interpreter: '/opt/python3.12/bin/python3' },
      target: { ...base.target, args: '[(0, 10)]', tasks: 1 },
    };
    const notes = differenceNotes(reportDifferences(base, other));
    assert.equal(notes.length, 2);
    assert.match(notes[0], /^Different interpreters \(interpreter CPython 3\.11\.2 → CPython 3\.12\.1; interpreter path \/usr\/bin\/python3 → \/opt\/python3\.12\/bin\/python3\)/);
    assert.match(notes[1], /^Different task arguments \(task arguments .* → \[\(0, 10\)\]; tasks 8 → 1\): the workloads are not the same/);
  });

  test('a changed source hash is noted; a report without one (a CLI run) says nothing', () => {
    const edited = { ...base, target: { ...base.target, sourceHash: 'f'.repeat(64) } };
    assert.deepEqual(differenceNotes(reportDifferences(base, edited)), ["The function's source changed between the two reports."]);
    const cli = { ...base, target: { ...base.target, sourceHash: undefined } };
    assert.deepEqual(reportDifferences(base, cli), []);
  });

  test('a field an older report lacks reads as unknown instead of failing', () => {
    const older = { ...base, environment: { ...base.environment, startMethod: undefined } };
    assert.deepEqual(reportDifferences(older, base), [{ kind: 'interpreter', what: 'start method', baseline: 'unknown', current: 'fork' }]);
  });
});
