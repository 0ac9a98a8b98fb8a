/**
 * The CI gate's two entry points: `compare BASELINE CURRENT`, and the step after `profile --baseline`. Both judge with
 * the engine's compareReports, print the comparison, and write the --summary and --junit files; the caller turns the
 * Comparison into the exit code (0 pass, 4 regression) and a CompareInputError into exit 2.
 */
import type { Report } from '../contracts/report';
import { compareReports, readReportFile, type Comparison } from '../engine/index';
import { writeFileAtomic } from '../engine';
import { outcomeText } from './compareFormat';
import { formatComparison } from './compareText';
import type { CompareCliOptions, GateCliOptions } from './gateArgs';
import { junitXml } from './junit';
import { summaryMarkdown } from './summary';

/** `compare BASELINE CURRENT`: reads both reports (CompareInputError when one is unusable) and gates the second. */
export async function compareCommand(opts: CompareCliOptions): Promise<Comparison> {
  const [baseline, current] = await Promise.all([readReportFile(opts.baseline, 'baseline'), readReportFile(opts.current, 'current')]);
  return gate(baseline, opts.baseline, current, opts, opts.quiet);
}

/** After `profile --baseline`: gates the report just made against the baseline read before profiling. */
export function gateProfile(
  baseline: Report, baselinePath: string, current: Report, opts: GateCliOptions,
): Promise<Comparison> {
  return gate(baseline, baselinePath, current, opts, false);
}

async function gate(
  baseline: Report, baselinePath: string, current: Report, opts: GateCliOptions, quiet: boolean,
): Promise<Comparison> {
  const comparison = compareReports(baseline, current, opts.gate);
  process.stdout.write(`${quiet ? outcomeText(comparison) : formatComparison(comparison, baselinePath)}\n`);
  if (opts.summary) {
    await writeFileAtomic(opts.summary, summaryMarkdown([comparison]));
    process.stderr.write(`Markdown summary: ${opts.summary}\n`);
  }
  if (opts.junit) {
    await writeFileAtomic(opts.junit, junitXml([comparison], baselinePath));
    process.stderr.write(`JUnit XML: ${opts.junit}\n`);
  }
  return comparison;
}
