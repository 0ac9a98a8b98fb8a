/** Reading a report file back: every way a cached baseline goes bad gets its own CompareInputError. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CompareInputError } from '../../../../src/engine/compare/errors';
import { parseReport, readReportFile } from '../../../../src/engine/compare/loadReport';
import { RECORDED_REPORT, recorded } from '../../../support/reportVariants';

const dir = mkdtempSync(path.join(tmpdir(), 'pp-load-'));
const write = (name: string, text: string): string => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};

/** Asserts the promise rejects with a CompareInputError of `code` whose message matches. */
async function rejectsWith(p: Promise<unknown>, code: CompareInputError['code'], message: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof CompareInputError, `a CompareInputError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.match(e.message, message);
    return true;
  });
}

describe('readReportFile', () => {
  test('reads a recorded report unchanged', async () => {
    assert.deepEqual(await readReportFile(RECORDED_REPORT), recorded());
  });

  test('a missing file is named with its role', () =>
    rejectsWith(readReportFile(path.join(dir, 'nope.json'), 'baseline'), 'missing', /^baseline report not found: .*nope\.json$/));

  test('a directory is unreadable, and says so', () => rejectsWith(readReportFile(dir, 'current'), 'unreadable', /cannot read the current report .*: it is a directory/));

  test('an empty file is corrupt', () => rejectsWith(readReportFile(write('empty.json', '\n')), 'corrupt', /is empty/));

  test('a truncated file is corrupt JSON, with a hint that it was cut short', () =>
    rejectsWith(readReportFile(write('cut.json', readFileSync(RECORDED_REPORT, 'utf8').slice(0, 5000)), 'baseline'), 'corrupt', /baseline report .*cut\.json is not valid JSON \(.*\); was it cut short\?/));
});

describe('parseReport', () => {
  const json = (v: unknown) => JSON.stringify(v);
  const code = (text: string): [string, string] => {
    try {
      parseReport(text, 'x.json');
    } catch (e) {
      assert.ok(e instanceof CompareInputError);
      return [e.code, e.message];
    }
    return ['ok', ''];
  };

  test('other JSON is not a report, and the message says how to write one', () => {
    assert.deepEqual(code('[1, 2]'), ['not-a-report', 'x.json is not a parallelism-profiler report (not a JSON object); expected the JSON report a profile writes']);
    assert.match(code(json({ name: 'package' }))[1], /\(no schemaVersion\)/);
    assert.match(code(json({ schemaVersion: '1' }))[1], /\(schemaVersion "1"\)/);
  });

  test('a newer schema version is refused before its shape is read, naming both versions', () => {
    const [c, message] = code(json({ schemaVersion: 2, somethingElse: true }));
    assert.equal(c, 'newer-schema');
    assert.match(message, /schema version 2, newer than this parallelism-profiler reads \(1\); upgrade the profiler/);
  });

  test('names the first field a comparison needs that is missing or mistyped', () => {
    const cases: [string, (r: Record<string, any>) => void, RegExp][] = [
      ['no target', (r) => delete r.target, /\(no target\)/],
      ['no function name', (r) => delete r.target.function, /\(target\.function is missing\)/],
      ['runs not a list', (r) => (r.runs = {}), /\(runs is not a list\)/],
      ['a run without a wall median', (r) => delete r.runs[2].wall.median, /\(runs\[2\]\.wall\.median is missing\)/],
      ['a one-sided interval', (r) => (r.runs[0].wall.ci95 = [1]), /\(runs\[0\]\.wall\.ci95 is not a \[low, high\] pair\)/],
      ['no recommendation', (r) => delete r.recommendation, /\(no recommendation\)/],
    ];
    for (const [name, damage, message] of cases) {
      const r = recorded() as unknown as Record<string, any>;
      damage(r);
      const [c, m] = code(json(r));
      assert.equal(c, 'not-a-report', name);
      assert.match(m, message, name);
    }
  });

  test('accepts the null median that JSON gives a configuration never measured', () => {
    const r = recorded();
    (r.runs[7].wall as { median: number | null }).median = null;
    assert.equal(code(json(r))[0], 'ok');
  });
});
