/**
 * Side-by-side comparison of two reports of the same function, as Markdown (opened in VS Code's preview).
 * The judging is the engine's (src/engine/compare), the same code the CLI's `compare` and CI gate run; this file only
 * lays it out. Pure, no `vscode`.
 */
import type { Report, Run } from '../../contracts/report';
import {
  CompareInputError, compareConfigurations, compareReports, isMeasured, sampleCount, DEFAULT_GATE, type Comparison, type ConfigChange,
} from '../../engine';
import { formatSpeedup, shortCommit, verdictText } from './verdictText';

/** How one configuration moved between two reports (the engine's ConfigChange). */
export type RunChange = ConfigChange;

/** Pairs the runs of two reports by strategy and worker count and says which moved beyond the noise. */
export function compareRuns(before: Report, after: Report): RunChange[] {
  return compareConfigurations(before.runs, after.runs);
}

const seconds = (x: number): string => (x >= 10 ? `${x.toFixed(1)} s` : x >= 0.1 ? `${x.toFixed(2)} s` : `${(x * 1000).toFixed(1)} ms`);
// One sample has no interval: "3.04 s [once]", never "3.04 s–3.04 s".
const wall = (r: Run | undefined): string => {
  if (!isMeasured(r)) return r ? r.status : '—';
  if (sampleCount(r) < 2) return `${seconds(r.wall.median)} [once]`;
  return `${seconds(r.wall.median)} [${seconds(r.wall.ci95[0])}–${seconds(r.wall.ci95[1])}]`;
};
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

/** The engine's comparison, or the reason there is none (e.g. no configuration measured in both). */
function judged(before: Report, after: Report): Comparison | string {
  try {
    return compareReports(before, after, DEFAULT_GATE);
  } catch (e) {
    if (e instanceof CompareInputError) return e.message;
    throw e;
  }
}

/** The comparison document: the best configuration's verdict, what each report recommended, then one row per configuration. */
export function compareMarkdown(before: Report, after: Report, labels: { before: string; after: string }): string {
  const t = after.target;
  const comparison = judged(before, after);
  const lines: string[] = [];
  lines.push(`# ${cell(t.function)}: ${cell(labels.after)} vs ${cell(labels.before)}`, '');
  lines.push(`File: \`${t.file}\``, '');
  if (typeof comparison === 'string') lines.push(`> ⚠ No verdict: ${cell(comparison)}.`, '');
  else lines.push(`**Best configuration: ${cell(comparison.best.sentence)}.**`, '');
  lines.push('| | before | after |', '|---|---|---|');
  lines.push(`| when | ${cell(labels.before)} | ${cell(labels.after)} |`);
  lines.push(`| commit | ${shortCommit(before.commit) ?? '—'} | ${shortCommit(after.commit) ?? '—'} |`);
  lines.push(`| verdict | ${cell(verdictText(before.recommendation))} | ${cell(verdictText(after.recommendation))} |`);
  lines.push(`| classification | ${cell(before.classification.summary)} | ${cell(after.classification.summary)} |`);
  lines.push(`| interpreter | ${cell(before.environment.version)} | ${cell(after.environment.version)} |`);
  lines.push(`| arguments | ${cell(before.target.args ?? `${before.target.tasks} calls`)} | ${cell(after.target.args ?? `${after.target.tasks} calls`)} |`);
  lines.push('');
  if (typeof comparison !== 'string') for (const note of comparison.notes) lines.push(`> ⚠ ${cell(note)}`, '');
  lines.push('| configuration | wall before [95% CI] | wall after [95% CI] | change | speedup before | speedup after | |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const c of compareRuns(before, after)) {
    const flag = c.verdict === 'slower' ? '**⚠ slower**' : c.verdict === 'faster' ? '**faster**' : c.verdict;
    lines.push(
      `| ${cell(c.config)} | ${wall(c.before)} | ${wall(c.after)} | ${c.change === undefined ? '—' : pct(c.change)} | ` +
        `${isMeasured(c.before) ? formatSpeedup(c.before.speedup) : '—'} | ${isMeasured(c.after) ? formatSpeedup(c.after.speedup) : '—'} | ${flag} |`,
    );
  }
  lines.push(
    '',
    `_A change is flagged only when the two 95% intervals of the wall time do not overlap; it takes at least two repeats per configuration. ` +
      `The CLI's \`compare\` gives the same verdicts (\`--max-slowdown ${DEFAULT_GATE.maxSlowdown * 100}%\`)._`,
    '',
  );
  return lines.join('\n');
}
