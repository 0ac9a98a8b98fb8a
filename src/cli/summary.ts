/**
 * The Markdown summary for a CI job page (GitHub's $GITHUB_STEP_SUMMARY, GitLab's job artefacts): the verdict first,
 * then the numbers behind it, then every configuration folded away.
 */
import type { Comparison } from '../engine/index';
import {
  bestText, displayPath, machineText, recommendationChange, recommendationText, signedPercent, speedupText,
  thresholdText, wallText,
} from './compareFormat';

// User strings (function names, paths, exception-free but arbitrary) must not break out of a table cell.
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

/** One section per comparison: a heading with ✅ or ❌, a baseline-vs-current table, notes, and the configurations. */
export function summaryMarkdown(comparisons: readonly Comparison[], cwd?: string): string {
  return comparisons.map((c) => section(c, cwd)).join('\n');
}

function section(c: Comparison, cwd?: string): string {
  const t = c.current.target;
  const lines: string[] = [];
  const verdict = c.passed ? `✅ ${cell(t.function)}: no parallel regression` : `❌ ${cell(t.function)}: parallel regression`;
  lines.push(`## ${verdict}`, '');
  lines.push(`\`${cell(displayPath(t.file, cwd))}\` · threshold ${thresholdText(c.options.maxSlowdown)}${c.options.failOnStrategyChange ? ' · strategy changes fail' : ''}`, '');
  if (!c.passed) for (const f of c.failures) lines.push(`- **${cell(f.message)}**`);
  else lines.push(`Best configuration: ${cell(c.best.sentence)}.`);
  lines.push('');
  lines.push('| | baseline | current | change |', '|---|---|---|---|');
  lines.push(`| best wall [95% CI] | ${bestText(c.best.baseline)} | ${bestText(c.best.current)} | ${signedPercent(c.best.change)} (${c.best.verdict}) |`);
  lines.push(`| speedup | ${speedupText(c.best.baseline.speedup)} | ${speedupText(c.best.current.speedup)} | |`);
  lines.push(`| recommendation | ${cell(recommendationText(c.recommendation.baseline))} | ${cell(recommendationText(c.recommendation.current))} | ${recommendationChange(c)} |`);
  lines.push(`| machine | ${cell(machineText(c.baseline))} | ${cell(machineText(c.current))} | |`);
  lines.push(`| recorded | ${c.baseline.createdAt}${c.baseline.commit ? ` (${c.baseline.commit.slice(0, 7)})` : ''} | ${c.current.createdAt}${c.current.commit ? ` (${c.current.commit.slice(0, 7)})` : ''} | |`);
  lines.push('');
  for (const n of c.notes) lines.push(`> ⚠ ${cell(n)}`, '');
  lines.push('<details><summary>Every configuration</summary>', '');
  lines.push('| configuration | baseline [95% CI] | current [95% CI] | change | |', '|---|---|---|---|---|');
  for (const x of c.configurations) {
    const flag = x.verdict === 'slower' ? '**⚠ slower**' : x.verdict === 'faster' ? '**faster**' : x.verdict;
    lines.push(`| ${x.config} | ${wallText(x.before)} | ${wallText(x.after)} | ${x.change === undefined ? '—' : signedPercent(x.change)} | ${flag} |`);
  }
  lines.push('', '_A change counts only when the two 95% intervals of the wall time do not overlap._', '', '</details>', '');
  return lines.join('\n');
}
