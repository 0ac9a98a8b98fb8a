import { lockWaitMessage, profile } from '../engine';
import { CancelledError, LockWaitCancelled } from '../engine';
import type { Report } from '../contracts/report';
import { InputError } from '../engine';
import { toChromeTrace } from '../exporters/trace';
import { standaloneHtml, readWebviewAssets } from '../exporters/standaloneHtml';
import { parseCli, USAGE, type CliOptions } from './args';
import { assertSameFunction, CompareInputError, readReportFile, type Comparison } from '../engine/index';
import { compareCommand, gateProfile } from './compare';
import { formatReport } from './table';
import { writeFileAtomic } from '../engine';
import { CLI_OPTIONS } from '../engine';
import { ProgressLine } from './progress';

/** Exit codes (DESIGN.md §4). */
export const EXIT = { ok: 0, input: 2, workloadFailed: 3, regression: 4, cancelled: 130 } as const;

async function main(argv: string[]): Promise<number> {
  let opts: ReturnType<typeof parseCli>;
  try {
    opts = parseCli(argv);
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n${USAGE}\n`);
    return EXIT.input;
  }
  if (opts === 'help') {
    process.stdout.write(USAGE + '\n');
    return EXIT.ok;
  }
  if (opts.command === 'compare') {
    const compareOpts = opts;
    return gateExit(() => compareCommand(compareOpts));
  }
  // Read the baseline before profiling: a missing or foreign baseline must not cost a whole profile first.
  let baseline: Report | undefined;
  if (opts.gate) {
    try {
      baseline = await readReportFile(opts.gate.baseline, 'baseline');
      assertSameFunction(baseline.target, { function: opts.request.function, file: opts.request.file });
    } catch (e) {
      if (!(e instanceof CompareInputError)) throw e;
      process.stderr.write(`error: ${e.message}\n`);
      return EXIT.input;
    }
  }
  const controller = new AbortController();
  const onSignal = () => {
    if (!controller.signal.aborted) process.stderr.write('\ncancelling: stopping every process...\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const progress = new ProgressLine(process.stderr, opts.quiet);
  const quiet = opts.quiet;
  let report: Report;
  try {
    report = await profile(opts.request, {
      options: CLI_OPTIONS,
      signal: controller.signal,
      onProgress: (p) => progress.update(p),
      log: process.env.PP_DEBUG ? (l) => process.stderr.write(`${l}\n`) : undefined,
      // Said even with --quiet: a CLI that sits silent while another profile runs looks hung. Without --quiet the
      // progress line already says it.
      onLockWait: (holder) => {
        if (quiet) process.stderr.write(`${lockWaitMessage(holder)}\n`);
      },
    });
  } catch (e) {
    progress.clear();
    if (e instanceof LockWaitCancelled) {
      process.stderr.write(`${e.message}\n`);
      return EXIT.cancelled;
    }
    // Cancelled before any run finished (while the module loaded): nothing to report, and not an internal error.
    if (e instanceof CancelledError) {
      process.stderr.write('cancelled before any run finished: no report\n');
      return EXIT.cancelled;
    }
    if (e instanceof InputError) {
      process.stderr.write(`error: ${e.message}\n`);
      if (e.detail && process.env.PP_DEBUG) process.stderr.write(`${e.detail}\n`);
      return EXIT.input;
    }
    throw e;
  }
  progress.clear();
  await writeOutputs(report, opts);
  process.stdout.write(formatReport(report) + '\n');
  if (report.cancelled) return EXIT.cancelled;
  if (!report.runs.some((r) => r.status === 'ok' && r.repeats > 0)) return EXIT.workloadFailed;
  if (baseline && opts.gate) {
    const { gate } = opts;
    process.stdout.write('\n');
    return gateExit(() => gateProfile(baseline, gate.baseline, report, gate));
  }
  return EXIT.ok;
}

/** The gate's exit code: 0 pass, 4 regression, 2 with one `error:` line when the reports cannot be compared. */
async function gateExit(run: () => Promise<Comparison>): Promise<number> {
  try {
    return (await run()).passed ? EXIT.ok : EXIT.regression;
  } catch (e) {
    if (!(e instanceof CompareInputError)) throw e;
    process.stderr.write(`error: ${e.message}\n`);
    return EXIT.input;
  }
}

/** Write --json, --html and --trace; each path is announced so the user can open it. */
async function writeOutputs(report: Report, opts: CliOptions): Promise<void> {
  const written: string[] = [];
  if (opts.json) {
    await writeFileAtomic(opts.json, JSON.stringify(report, null, 2));
    written.push(`JSON report: ${opts.json}`);
  }
  if (opts.html) {
    await writeFileAtomic(opts.html, standaloneHtml(report, readWebviewAssets(__dirname)));
    written.push(`HTML report: ${opts.html}`);
  }
  if (opts.trace) {
    await writeFileAtomic(opts.trace, JSON.stringify(toChromeTrace(report)));
    written.push(`Chrome trace: ${opts.trace} (open in https://ui.perfetto.dev or chrome://tracing)`);
  }
  for (const w of written) process.stderr.write(`${w}\n`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`error: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(1);
  },
);
