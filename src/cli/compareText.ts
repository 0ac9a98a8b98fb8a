/**
 * The terminal's view of a comparison: the best configuration, the recommendation, every configuration, the caveats.
 */
import type { Comparison } from '../engine/index';
import { bestText, machineText, outcomeText, recommendationChange, recommendationText, signedPercent, speedupText, wallText } from './compareFormat';

/** The comparison as plain text; `baseline` names where the baseline came from (its path). */
export function formatComparison(c: Comparison, baseline: string): string {
  const { best } = c;
  const when = [c.baseline.createdAt.slice(0, 16).replace('T', ' '), c.baseline.commit && `commit ${c.baseline.commit.slice(0, 7)}`].filter(Boolean).join(', ');
  const out: string[] = [`Compared with the baseline ${baseline} (${when}):`];
  const rows: [string, string][] = [
    ['best wall', `${bestText(best.baseline)}  →  ${bestText(best.current)}  (${signedPercent(best.change)})`],
    ['speedup', `${speedupText(best.baseline.speedup)}  →  ${speedupText(best.current.speedup)}`],
    ['recommendation', `${recommendationText(c.recommendation.baseline)}  →  ${recommendationText(c.recommendation.current)}  (${recommendationChange(c)})`],
  ];
  if (c.differences.some((d) => d.kind !== 'workload')) rows.push(['machine', `${machineText(c.baseline)}  →  ${machineText(c.current)}`]);
  for (const [k, v] of rows) out.push(`  ${k.padEnd(15)} ${v}`);
  out.push('  per configuration (a change counts only when the 95% intervals do not overlap):');
  const widest = (texts: string[]) => texts.reduce((m, t) => Math.max(m, t.length), -Infinity);
  const [wc, wb, wa] = [
    widest(c.configurations.map((x) => x.config)),
    widest(c.configurations.map((x) => wallText(x.before))),
    widest(c.configurations.map((x) => wallText(x.after))),
  ];
  for (const x of c.configurations) {
    const change = (x.change === undefined ? '' : signedPercent(x.change)).padStart(7);
    out.push(`    ${x.config.padEnd(wc)}  ${wallText(x.before).padEnd(wb)}  →  ${wallText(x.after).padEnd(wa)}  ${change}  ${x.verdict}`);
  }
  for (const n of c.notes) out.push(`  note: ${n}`);
  out.push(outcomeText(c));
  return out.join('\n');
}
