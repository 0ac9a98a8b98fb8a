// The CI gate through the real CLI: `compare A B` and `profile --baseline`. Exit 0 on a pass, 4 on a regression beyond
// the threshold and the noise, 2 with one `error:` line on bad input; --summary and --junit for the CI page.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { onlyRuns, RECORDED_REPORT, recommending, recorded, scaleWalls } from '../support/reportVariants';
import type { Report } from '../../src/contracts/report';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-compare-'));
const file = (name: string): string => path.join(dir, name);
const save = (name: string, report: Report | string): string => {
  fs.writeFileSync(file(name), typeof report === 'string' ? report : JSON.stringify(report));
  return file(name);
};

const base = recorded();
const BASELINE = RECORDED_REPORT;
const SLOWER = save('slower.json', scaleWalls(base, 1.25));
const NOISE = save('noise.json', scaleWalls(base, 1.02));
const THREADS = save('threads.json', recommending(base, 'threads', 4));
const OTHER_MACHINE = save('ci-machine.json', { ...base, environment: { ...base.environment, logicalCores: 8, physicalCores: 4, cpuModel: 'AMD EPYC 7763' } });

const compare = (...args: string[]) => runCli(['compare', ...args], { json: false, timeoutMs: 30_000 });

describe('compare BASELINE CURRENT', () => {
  test('the same report again passes with exit 0 and says PASS', async () => {
    const res = await compare(BASELINE, BASELINE);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^Compared with the baseline .*sum_range\.json/);
    assert.match(res.stdout, /best wall +processes ×2 3\.80 s \[3\.74 s–3\.86 s\] +→ +processes ×2 3\.80 s/);
    assert.match(res.stdout, /\nPASS: /);
  });

  test('25% slower beyond the noise fails with exit 4, naming the threshold and the intervals', async () => {
    const res = await compare(BASELINE, SLOWER);
    assert.equal(res.code, 4, res.stderr);
    assert.match(res.stdout, /\nFAIL: the best configuration is 25% slower \(processes ×2 3\.80 s → processes ×2 4\.75 s\): beyond the 10% threshold and beyond the noise/);
    assert.match(res.stdout, /processes ×2 +3\.80 s \[3\.74 s–3\.86 s\] +→ +4\.75 s \[4\.68 s–4\.82 s\] +\+25\.0% +slower/);
  });

  test('the same slowdown passes a higher --max-slowdown', async () => {
    const res = await compare(BASELINE, SLOWER, '--max-slowdown', '30%');
    assert.equal(res.code, 0, res.stdout);
    assert.match(res.stdout, /PASS: 25% slower .*: beyond the noise, but within the 30% threshold/);
  });

  test('a 2% shift inside the intervals passes even --max-slowdown 0%: noise is not a regression', async () => {
    const res = await compare(BASELINE, NOISE, '--max-slowdown', '0');
    assert.equal(res.code, 0, res.stdout);
    assert.match(res.stdout, /PASS: 2% slower .*within the noise \(the 95% intervals overlap\)/);
  });

  test('a changed recommended strategy is reported, and fails only with --fail-on-strategy-change', async () => {
    const told = await compare(BASELINE, THREADS);
    assert.equal(told.code, 0, told.stdout);
    assert.match(told.stdout, /recommendation +processes ×2, .* → +threads ×4, .*\(strategy changed\)/);
    const strict = await compare(BASELINE, THREADS, '--fail-on-strategy-change');
    assert.equal(strict.code, 4, strict.stdout);
    assert.match(strict.stdout, /FAIL: the recommended strategy changed from processes ×2 to threads ×4/);
  });

  test('a baseline from another machine is said next to the verdict', async () => {
    const res = await compare(BASELINE, OTHER_MACHINE);
    assert.equal(res.code, 0);
    assert.match(res.stdout, /note: Different machines \(logical cores 2 → 8; physical cores 2 → 4; CPU model .* → AMD EPYC 7763\): a baseline from another machine compares hardware, not code/);
    assert.match(res.stdout, /machine +2 logical \/ 2 physical cores.* → +8 logical \/ 4 physical cores, AMD EPYC 7763/);
  });

  test('--quiet prints only the verdict line', async () => {
    const res = await compare(BASELINE, SLOWER, '--quiet');
    assert.equal(res.code, 4);
    assert.deepEqual(res.stdout.trim().split('\n').map((l) => l.slice(0, 5)), ['FAIL:']);
  });
});

describe('compare refuses bad input with exit 2 and one error line', () => {
  /** The report-file errors print exactly one line; usage errors print the line, then the usage. */
  async function refused(args: string[], message: RegExp, usage = false) {
    const res = await compare(...args);
    assert.equal(res.code, 2, `exit 2 expected, got ${res.code}; stdout:\n${res.stdout}\nstderr:\n${res.stderr}`);
    const lines = res.stderr.trim().split('\n');
    assert.match(lines[0], /^error: /);
    assert.match(lines[0], message);
    if (!usage) assert.equal(lines.length, 1, `one line only, got:\n${res.stderr}`);
    assert.equal(res.stdout, '', 'no verdict is printed');
  }

  test('a missing baseline file', () => refused([file('nope.json'), BASELINE], /^error: baseline report not found: .*nope\.json$/));

  test('a corrupt (truncated) current file', () =>
    refused([BASELINE, save('cut.json', fs.readFileSync(BASELINE, 'utf8').slice(0, 4000))], /current report .*cut\.json is not valid JSON .*cut short/));

  test('JSON that is not a report', () => refused([save('package.json', '{"name": "x"}'), BASELINE], /is not a parallelism-profiler report \(no schemaVersion\)/));

  test('a report of a newer schema version', () =>
    refused([BASELINE, save('v2.json', { ...base, schemaVersion: 2 } as unknown as Report)], /schema version 2, newer than this parallelism-profiler reads \(1\)/));

  test('two reports of different functions', () =>
    refused([BASELINE, save('busy.json', { ...base, target: { ...base.target, function: 'busy_wait', file: '/w/busy_wait.py' } })], /different functions: .*sum_range\.py:sum_range.*busy_wait\.py:busy_wait/));

  test('reports without a common configuration', () =>
    refused([save('threads-only.json', onlyRuns(base, (r) => r.strategy === 'threads')), save('processes-only.json', onlyRuns(base, (r) => r.strategy === 'processes'))], /no configuration measured in both/));

  test('a malformed --max-slowdown', () => refused([BASELINE, SLOWER, '--max-slowdown', 'ten'], /--max-slowdown must be a percentage such as 10%/, true));

  test('a single report file', () => refused([BASELINE], /compare needs two report files/, true));

  test('a profile-only flag', () => refused([BASELINE, BASELINE, '--workers', '2'], /--workers is not an option of compare/, true));
});

/** Tags of an XML document, checked to nest properly: the minimal parse the test needs. */
function xmlElements(xml: string): { name: string; attrs: Record<string, string>; text: string }[] {
  const found: { name: string; attrs: Record<string, string>; text: string; start: number }[] = [];
  const open: { name: string; index: number }[] = [];
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  for (const m of body.matchAll(/<(\/?)([\w:-]+)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/g)) {
    const [, closing, name, attrText, selfClosing] = m;
    if (closing) {
      const top = open.pop();
      assert.equal(top?.name, name, `</${name}> closes <${top?.name}>`);
      found[top!.index].text = body.slice(found[top!.index].start, m.index);
      continue;
    }
    const attrs = Object.fromEntries([...attrText.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
    found.push({ name, attrs, text: '', start: m.index! + m[0].length });
    if (!selfClosing) open.push({ name, index: found.length - 1 });
  }
  assert.deepEqual(open, [], 'every element is closed');
  assert.doesNotMatch(body.replace(/<[^>]*>/g, ''), /[<>]|&(?!(amp|lt|gt|quot|apos);)/, 'text is escaped');
  return found;
}

describe('--summary and --junit', () => {
  test('a regression writes a ❌ summary and a JUnit file with one failing test case for the function', async () => {
    const res = await compare(BASELINE, SLOWER, '--summary', file('fail.md'), '--junit', file('fail.xml'));
    assert.equal(res.code, 4);
    assert.match(res.stderr, /Markdown summary: .*fail\.md\nJUnit XML: .*fail\.xml/);
    const md = fs.readFileSync(file('fail.md'), 'utf8');
    assert.match(md, /^## ❌ sum_range: parallel regression\n/);
    assert.match(md, /\| best wall \[95% CI\] \| processes ×2 3\.80 s \[3\.74 s–3\.86 s\] \| processes ×2 4\.75 s \[4\.68 s–4\.82 s\] \| \+25\.0% \(regression\) \|/);
    assert.match(md, /<details><summary>Every configuration<\/summary>/);
    const xml = xmlElements(fs.readFileSync(file('fail.xml'), 'utf8'));
    const cases = xml.filter((e) => e.name === 'testcase');
    assert.equal(cases.length, 1, 'one test case per profiled function');
    assert.equal(cases[0].attrs.name, 'sum_range');
    assert.match(cases[0].attrs.classname, /sum_range\.py$/);
    const failures = xml.filter((e) => e.name === 'failure');
    assert.equal(failures.length, 1);
    assert.equal(failures[0].attrs.type, 'regression');
    assert.match(failures[0].attrs.message, /^FAIL: the best configuration is 25% slower/);
    assert.equal(xml.find((e) => e.name === 'testsuites')!.attrs.failures, '1');
  });

  test('a pass writes a ✅ summary and a test case without a failure', async () => {
    const res = await compare(BASELINE, NOISE, '--summary', file('pass.md'), '--junit', file('pass.xml'));
    assert.equal(res.code, 0);
    assert.match(fs.readFileSync(file('pass.md'), 'utf8'), /^## ✅ sum_range: no parallel regression\n/);
    const xml = xmlElements(fs.readFileSync(file('pass.xml'), 'utf8'));
    assert.equal(xml.filter((e) => e.name === 'testcase').length, 1);
    assert.equal(xml.filter((e) => e.name === 'failure').length, 0);
    assert.match(xml.find((e) => e.name === 'system-out')!.text, /PASS: 2% slower/);
  });
});

describe('profile --baseline', () => {
  // A small real workload: 4 tasks of 200k additions, serial and processes at 1 and 2 workers, 2 repeats.
  const PROFILE = ['profile', 'examples/sum_range.py:sum_range', '--args', '[(i*200_000, (i+1)*200_000) for i in range(4)]',
    '--strategies', 'serial,processes', '--workers', '1,2', '--repeats', '2', '--budget', '20'];
  let recordedBaseline: string;

  before(async () => {
    const res = await runCli(PROFILE);
    assert.equal(res.code, 0, res.stderr);
    recordedBaseline = save('real-baseline.json', res.report!);
  });

  test('gates the new report against the baseline in one step: exit 0 within a generous threshold', async () => {
    const res = await runCli([...PROFILE, '--baseline', recordedBaseline, '--max-slowdown', '1000%']);
    assert.equal(res.code, 0, `${res.stdout}\n${res.stderr}`);
    assert.match(res.stdout, /Recommendation: /, 'the profile table comes first');
    assert.match(res.stdout, /Compared with the baseline .*real-baseline\.json/);
    assert.match(res.stdout, /\nPASS: /);
    assert.ok(res.report, '--json is still written');
    assert.deepEqual(res.leftovers, []);
  });

  test('exit 4 against a baseline ten times faster, with the summary and JUnit written', async () => {
    const fast = save('fast-baseline.json', scaleWalls(JSON.parse(fs.readFileSync(recordedBaseline, 'utf8')) as Report, 0.1));
    const res = await runCli([...PROFILE, '--baseline', fast, '--summary', file('profile.md'), '--junit', file('profile.xml')]);
    assert.equal(res.code, 4, `${res.stdout}\n${res.stderr}`);
    assert.match(res.stdout, /FAIL: the best configuration is \d+(\.\d)?% slower .*beyond the 10% threshold and beyond the noise/);
    assert.match(fs.readFileSync(file('profile.md'), 'utf8'), /^## ❌ sum_range/);
    assert.equal(xmlElements(fs.readFileSync(file('profile.xml'), 'utf8')).filter((e) => e.name === 'failure').length, 1);
    assert.deepEqual(res.leftovers, []);
  });

  test('a bad baseline is refused before profiling: exit 2 and no profile output', async () => {
    const started = Date.now();
    const missing = await runCli([...PROFILE, '--baseline', file('nope.json')], { json: false });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr.trim(), /^error: baseline report not found: .*nope\.json$/);
    assert.equal(missing.stdout, '');
    const other = await runCli(['profile', 'examples/busy_wait.py:busy_wait', '--baseline', BASELINE], { json: false });
    assert.equal(other.code, 2);
    assert.match(other.stderr.trim(), /^error: the reports are of different functions: the baseline profiled sum_range\.py:sum_range, the current one busy_wait\.py:busy_wait$/);
    assert.ok(Date.now() - started < 10_000, 'no profile ran');
  });

  test('a gate flag without --baseline is a usage error', async () => {
    const res = await runCli([...PROFILE, '--junit', file('x.xml')], { json: false });
    assert.equal(res.code, 2);
    assert.match(res.stderr.split('\n')[0], /^error: --junit needs --baseline REPORT\.json/);
  });
});
