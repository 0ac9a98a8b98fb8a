/**
 * Benchmark History rows: one short line per run (when · verdict · speedup) that fits a side bar, flags only in the
 * grey description, each fact once; the arguments and the machine in the tooltip.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import type { Report } from '../../../../src/contracts/report';
import { machineText, summarise, type HistoryEntry } from '../../../../src/extension/history/historyStore';
import { runDescription, runLabel, runTooltip } from '../../../../src/extension/history/runItemText';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const report = JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures/reports/sum_range.json'), 'utf8')) as Report;
const NOW = Date.parse(report.createdAt) + 3 * 60_000;
const entry = (over: Partial<HistoryEntry> = {}, summary: Partial<HistoryEntry['summary']> = {}): HistoryEntry => ({
  kind: 'run', id: 'e1', createdAt: report.createdAt, file: report.target.file, function: 'sum_range', args: report.target.args,
  sourceHash: '', reportPath: 'reports/e1.json', ...over, summary: { ...summarise(report), ...summary },
});

describe('history row', () => {
  test('one line: when, verdict, speedup; short enough for a side bar', () => {
    const label = runLabel(entry({}, { strategy: 'processes', workers: 2, expectedSpeedup: 1.87 }), NOW);
    assert.equal(label, '3 min ago · processes ×2 · 1.9×');
    assert.ok(label.length <= 34, `${label.length} characters`);
    assert.equal(runLabel(entry({}, { strategy: 'serial', workers: 1, expectedSpeedup: 1 }), NOW), '3 min ago · serial is fastest');
  });

  test('a comparison of interpreters names the interpreter the verdict is for', () => {
    const row = (strategy: 'serial' | 'processes', workers: number, expectedSpeedup: number, who: string) =>
      runLabel(entry({}, { strategy, workers, expectedSpeedup, recommendedInterpreter: who }), NOW);
    assert.equal(row('serial', 1, 8.44, 'pypy3'), '3 min ago · pypy3 serial · 8.4×');
    assert.equal(row('processes', 2, 1.87, 'python3'), '3 min ago · python3 processes ×2 · 1.9×');
    assert.equal(row('serial', 1, 1, 'python3'), '3 min ago · python3: serial is fastest');
  });

  test('the verdict is not repeated in the description; only flags and the commit go there', () => {
    assert.equal(runDescription(entry(), false), '');
    assert.equal(runDescription(entry({ commit: '0123456789abcdef' }, { cancelled: true }), true), 'partial · source changed · 0123456');
    assert.doesNotMatch(runDescription(entry(), true), /processes|serial|×/);
  });

  test('the tooltip carries the arguments, the machine, the interval and the interpreter, each once', () => {
    const tip = runTooltip(entry(), false, (s) => s);
    assert.match(tip, /Arguments: `\[\(i\*12_500_000, \(i\+1\)\*12_500_000\) for i in range\(8\)\]`/);
    assert.match(tip, /Machine: linux x64, 2 cores, Intel\(R\) Xeon\(R\) CPU @ 2\.20GHz, host devbox/);
    assert.match(tip, /95% interval/);
    assert.match(tip, /Interpreter: CPython 3\.11\.2 \(\/usr\/bin\/python3\)/);
    assert.equal(tip.split(report.recommendation.headline).length - 1, 1, 'the headline appears once');
  });

  test('a serial verdict claims no "expected 1.0×" against itself', () => {
    const tip = runTooltip(entry({}, { strategy: 'serial', workers: 1, expectedSpeedup: 1 }), false, (s) => s);
    assert.doesNotMatch(tip, /; expected 1\.0×|95% interval/);
    assert.match(tip, /CPU-bound, serialised by the GIL, high confidence/);
  });

  test('a run without arguments and an older entry without a machine say so plainly', () => {
    const tip = runTooltip(entry({ args: null }, { machine: undefined }), true, (s) => s);
    assert.match(tip, /Arguments: none \(the function was called without arguments\)/);
    assert.match(tip, /Machine: not recorded \(an older run\)/);
    assert.match(tip, /\$\(warning\) The function has changed since this run\./);
  });

  test('arguments holding backticks stay one inline code span', () => {
    const tip = runTooltip(entry({ args: '[`a`, 1]' }), false, (s) => s);
    assert.match(tip, /Arguments: ``\[`a`, 1\]``/);
  });

  test('the machine line names logical and physical cores when they differ', () => {
    const env = { ...report.environment, logicalCores: 8, physicalCores: 4, hostname: undefined };
    assert.equal(machineText(env), 'linux x64, 8 cores (4 physical), Intel(R) Xeon(R) CPU @ 2.20GHz');
  });
});
