/**
 * Side-by-side comparison of two reports of the same function, as Markdown (opened in VS Code's preview).
 * A change counts as real only when the two 95% intervals of the wall time do not overlap: anything else is noise.
 * Pure, no `vscode`.
 */
import type { Report, Run } from '../../contracts/report';
import { formatSpeedup, shortCommit, verdictText } from './verdictText';

/** How one configuration moved between two reports. */
export interface RunChange {
  config: string;
  before?: Run;
  after?: Run;
  /** after ÷ before − 1 of the median wall time (0.1 = 10% slower). */
  change?: number;
  verdict: 'slower' | 'faster' | 'within noise' | 'too few repeats' | 'only before' | 'only after' | 'not measured';
}

const measured = (r: Run | undefined): r is Run & { status: 'ok' } => !!r && r.status === 'ok' && Number.isFinite(r.wall.median);

/** Pairs the runs of two reports by strategy and worker count and says which moved beyond the noise. */
export function compareRuns(before: Report, after: Report): RunChange[] {
  const key = (r: Run): string => `${r.strategy} ×${r.workers}`;
  const keys = [...new Set([...before.runs.map(key), ...after.runs.map(key)])];
  return keys.map((config) => {
    const b = before.runs.find((r) => key(r) === config);
    const a = after.runs.find((r) => key(r) === config);
    if (measured(b) && measured(a)) {
      const change = a.wall.median / b.wall.median - 1;
      // One sample gives a zero-width "interval": that says nothing about the noise, so no claim either way.
      if (sampleCount(a) < 2 || sampleCount(b) < 2) return { config, before: b, after: a, change, verdict: 'too few repeats' };
      const verdict = a.wall.ci95[0] > b.wall.ci95[1] ? 'slower' : a.wall.ci95[1] < b.wall.ci95[0] ? 'faster' : 'within noise';
      return { config, before: b, after: a, change, verdict };
    }
    if (measured(b) && !a) return { config, before: b, verdict: 'only before' };
    if (measured(a) && !b) return { config, after: a, verdict: 'only after' };
    return { config, before: b, after: a, verdict: 'not measured' };
  });
}

const sampleCount = (r: Run): number => (Array.isArray(r.wall.samples) ? r.wall.samples.length : r.repeats);
const seconds = (x: number): string => (x >= 10 ? `${x.toFixed(1)} s` : x >= 0.1 ? `${x.toFixed(2)} s` : `${(x * 1000).toFixed(1)} ms`);
const wall = (r: Run | undefined): string =>
  measured(r) ? `${seconds(r.wall.median)} [${seconds(r.wall.ci95[0])}–${seconds(r.wall.ci95[1])}]` : r ? r.status : '—';
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

/** The comparison document: what each report recommended, then one row per configuration with the change. */
export function compareMarkdown(before: Report, after: Report, labels: { before: string; after: string }): string {
  const t = after.target;
  const lines: string[] = [];
  lines.push(`# ${cell(t.function)}: ${cell(labels.after)} vs ${cell(labels.before)}`, '');
  lines.push(`File: \`${t.file}\``, '');
  lines.push('| | before | after |', '|---|---|---|');
  lines.push(`| when | ${cell(labels.before)} | ${cell(labels.after)} |`);
  lines.push(`| commit | ${shortCommit(before.commit) ?? '—'} | ${shortCommit(after.commit) ?? '—'} |`);
  lines.push(`| verdict | ${cell(verdictText(before.recommendation))} | ${cell(verdictText(after.recommendation))} |`);
  lines.push(`| classification | ${cell(before.classification.summary)} | ${cell(after.classification.summary)} |`);
  lines.push(`| interpreter | ${cell(before.environment.version)} | ${cell(after.environment.version)} |`);
  lines.push(`| arguments | ${cell(before.target.args ?? `${before.target.tasks} calls`)} | ${cell(after.target.args ?? `${after.target.tasks} calls`)} |`);
  lines.push('');
  const caveats: string[] = [];
  if (before.target.sourceHash && after.target.sourceHash && before.target.sourceHash !== after.target.sourceHash) {
    caveats.push('The function\'s source changed between the two runs.');
  }
  if (before.environment.interpreter !== after.environment.interpreter || before.environment.version !== after.environment.version) {
    caveats.push('Different interpreters: part of the change may be the interpreter, not the code.');
  }
  if (before.environment.logicalCores !== after.environment.logicalCores || before.environment.cpuModel !== after.environment.cpuModel) {
    caveats.push('Different machines: compare speedups rather than times.');
  }
  if ((before.target.args ?? '') !== (after.target.args ?? '') || before.target.tasks !== after.target.tasks) {
    caveats.push('Different task arguments: the workloads are not the same.');
  }
  for (const c of caveats) lines.push(`> ⚠ ${c}`, '');
  lines.push('| configuration | wall before [95% CI] | wall after [95% CI] | change | speedup before | speedup after | |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const c of compareRuns(before, after)) {
    const flag = c.verdict === 'slower' ? '**⚠ slower**' : c.verdict === 'faster' ? '**faster**' : c.verdict;
    lines.push(
      `| ${cell(c.config)} | ${wall(c.before)} | ${wall(c.after)} | ${c.change === undefined ? '—' : pct(c.change)} | ` +
        `${measured(c.before) ? formatSpeedup(c.before.speedup) : '—'} | ${measured(c.after) ? formatSpeedup(c.after.speedup) : '—'} | ${flag} |`,
    );
  }
  lines.push('', '_A change is flagged only when the two 95% intervals of the wall time do not overlap; it takes at least two repeats per configuration._', '');
  return lines.join('\n');
}
