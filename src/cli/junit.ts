/**
 * JUnit XML for CI systems that draw test results natively (GitLab, Jenkins, GitHub test reporters): one test case per
 * profiled function, a <failure> when the gate fails it, and the comparison's text as its output.
 */
import type { Comparison } from '../engine/index';
import { displayPath, outcomeText } from './compareFormat';
import { formatComparison } from './compareText';

// XML 1.0 cannot carry most control characters even escaped; a function's output could hold any of them.
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text escaped for an XML attribute or element, with characters XML cannot hold removed. */
export function xmlEscape(s: string): string {
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/**
 * The JUnit document: one <testsuite> holding one <testcase> per comparison; `baseline` names the baseline's source.
 */
export function junitXml(comparisons: readonly Comparison[], baseline: string, cwd?: string): string {
  const failures = comparisons.filter((c) => !c.passed).length;
  const time = comparisons.reduce((s, c) => s + (c.current.duration || 0), 0);
  const cases = comparisons.map((c) => {
    const t = c.current.target;
    const attrs = `classname="${xmlEscape(displayPath(t.file, cwd))}" name="${xmlEscape(t.function)}" time="${(c.current.duration || 0).toFixed(3)}"`;
    const failure = c.passed ? '' : `\n      <failure type="${c.failures.map((f) => f.code).join(',')}" message="${xmlEscape(outcomeText(c))}">${xmlEscape(c.failures.map((f) => f.message).join('\n'))}</failure>`;
    return `    <testcase ${attrs}>${failure}\n      <system-out>${xmlEscape(formatComparison(c, baseline))}</system-out>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="parallelism-profiler" tests="${comparisons.length}" failures="${failures}" time="${time.toFixed(3)}">`,
    `  <testsuite name="parallelism-profiler compare" tests="${comparisons.length}" failures="${failures}" errors="0" skipped="0" time="${time.toFixed(3)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
