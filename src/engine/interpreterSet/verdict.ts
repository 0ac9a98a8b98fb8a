/**
 * The verdict across interpreters. Each interpreter has its own verdict against its own serial run; this one puts
 * them side by side against one reference baseline (the first interpreter's serial run) and names another
 * interpreter only when its choice beats the reference interpreter's choice beyond noise (runFacts.beatsSerial: the
 * whole 95% interval below, and at least MIN_GAIN faster). It then says what switching costs: whether the module
 * imported everywhere, whether the results agree, what the JIT's warm-up costs, and what a build without a GIL offers.
 */
import type { Environment, Recommendation, Report, Run, RunError, WarmUpFigures } from '../../contracts/report';
import { fmtSeconds, fmtSpeedup, fmtSpeedupRange, runLabel } from '../analysis/humanize';
import { beatsSerial, fastest, isOk, parallelRuns, serialRun, speedupOf } from '../analysis/runFacts';
import { ratioEstimate, relativeWidth } from '../analysis/stats';
import {
  HIGH_CONFIDENCE_REPEATS, HIGH_CONFIDENCE_WIDTH, JIT_WARMUP_RATIO, LOW_CONFIDENCE_WIDTH,
} from '../analysis/thresholds';
import { BASELINE, isBaseline, traitsOf } from '../strategies/catalogue';
import { interpreterRunId } from './labels';

/** One interpreter that was profiled. */
export interface Contender {
  id: string;
  label: string;
  /** What to run it with (the command, after any variables). */
  command: string;
  report: Report;
  warmUp?: WarmUpFigures;
}

/** One interpreter that was not profiled, and why. */
export interface Absentee {
  id: string;
  label: string;
  /** 'import-failed' when the module did not load under it; otherwise it never ran. */
  kind: 'unavailable' | 'import-failed' | 'not-run';
  reason: string;
  error?: RunError;
  environment?: Environment;
}

/** The run an interpreter's own verdict chose, when it was measured. */
export function chosenRun(report: Report): Run | undefined {
  const rec = report.recommendation;
  const runs = report.runs;
  const same = (r: Run) => isOk(r) && r.strategy === rec.strategy && r.workers === rec.workers;
  const named = rec.run !== undefined ? runs.find((r) => r.id === rec.run && isOk(r)) : undefined;
  return named ?? runs.find((r) => same(r) && r.chunksize === rec.chunksize) ?? runs.find(same) ?? serialRun(runs);
}

/** An interpreter with the run its own verdict chose. */
interface Choice {
  c: Contender;
  chosen: Run;
}

/** The recommendation across interpreters; `ref` is the interpreter whose serial run every speedup is against. */
export function crossVerdict(
  contenders: readonly Contender[], ref: Contender, absent: readonly Absentee[], resultsSentence?: string,
): Recommendation {
  const refSerial = serialRun(ref.report.runs);
  const refChosen = chosenRun(ref.report);
  const own = ref.report.recommendation;
  if (!refSerial || !refChosen) {
    return { ...own, interpreter: ref.id, reasons: [...own.reasons, ...absentNotes(absent)] };
  }
  const vsRef = (r: Run) => refSerial.wall.median / r.wall.median;
  const measured: Choice[] = contenders.flatMap((c) => {
    const chosen = chosenRun(c.report);
    return chosen ? [{ c, chosen }] : [];
  });
  const best = measured.reduce((a, b) => (b.chosen.wall.median < a.chosen.wall.median ? b : a));
  const switches = best.c !== ref && beatsSerial(best.chosen, refChosen);
  const winner: Choice = switches ? best : { c: ref, chosen: refChosen };
  const ratio = ratioEstimate(refSerial.wall, winner.chosen.wall);
  const others = measured
    .filter((m) => m.c !== winner.c)
    .map((m) => `${m.c.id}: ${runLabel(m.chosen)} ${fmtSpeedup(vsRef(m.chosen))}`);

  const reasons: string[] = switches
    ? switchReasons(winner, ref, refSerial, refChosen)
    : measured.length > 1
      ? [
        `${ref.id} (${ref.label}) keeps its own answer, ${runLabel(refChosen)} at ${fmtSpeedup(vsRef(refChosen))}: ` +
          `no other interpreter's choice beat it beyond noise (${others.join('; ')}, all against ${ref.id}'s ` +
          'serial run).',
      ]
      : [];
  reasons.push(sideBySide(contenders, ref, refSerial));
  for (const item of switchingCosts(winner.c, switches, absent)) reasons.push(item);
  const gil = freeThreadedNote(contenders, ref, refSerial);
  if (gil) reasons.push(gil);
  for (const item of warmUpNotes(contenders)) reasons.push(item);
  if (resultsSentence) reasons.push(resultsSentence);
  if (!switches) for (const reason of own.reasons) reasons.push(reason);

  const mine = winner.c.report.recommendation;
  const serialWins = isBaseline(winner.chosen.strategy);
  const headline = switches
    ? `${winner.c.id} (${winner.c.label}), ${serialWins ? BASELINE : ownDescription(mine)}: ` +
      `${fmtSpeedup(ratio.median)} against ${ref.id} serial${serialWins ? '; no parallelism needed' : ''}; ` +
      others.join('; ')
    : `${ref.id}: ${mine.headline}${others.length ? `; ${others.join('; ')}` : ''}`;
  const switchNote = `# Measured fastest under ${winner.c.label}: run this script with ${winner.c.command}\n`;
  const note = (code: string) => (switches ? switchNote + code : code);
  return {
    ...mine,
    expectedSpeedup: ratio.median,
    expectedSpeedupCi95: ratio.ci95,
    ...(switches
      ? confidence(refSerial, refChosen, winner.chosen)
      : { confidence: mine.confidence, confidenceReason: mine.confidenceReason }),
    headline,
    reasons,
    snippet: mine.snippet ? note(mine.snippet) : mine.snippet,
    // Run ids in a comparison carry the interpreter ("pypy3/serial").
    ...(mine.run !== undefined ? { run: interpreterRunId(winner.c.id, mine.run) } : {}),
    ...(mine.basis ? { basis: mine.basis.map((id) => interpreterRunId(winner.c.id, id)) } : {}),
    ...(mine.snippetInModule ? { snippetInModule: note(mine.snippetInModule) } : {}),
    interpreter: winner.c.id,
  };
}

/** Why another interpreter wins: its time against the reference, and what it did against its own serial run. */
function switchReasons(winner: Choice, ref: Contender, refSerial: Run, refChosen: Run): string[] {
  const ratio = ratioEstimate(refSerial.wall, winner.chosen.wall);
  const { c, chosen } = winner;
  return [
    `${c.id} (${c.label}) ran ${runLabel(chosen)} in ${fmtSeconds(chosen.wall.median)} against ${ref.id}'s serial ` +
      `${fmtSeconds(refSerial.wall.median)}: ${fmtSpeedup(ratio.median)} ` +
      `(95% interval ${fmtSpeedupRange(ratio.ci95)}), ` +
      `beyond noise of ${ref.id}'s own best choice (${runLabel(refChosen)}, ` +
      `${fmtSpeedup(refSerial.wall.median / refChosen.wall.median)}).`,
    isBaseline(chosen.strategy)
      ? `Under ${c.id} no parallel configuration beat its own serial run beyond noise ` +
        `(${c.report.recommendation.headline}): the interpreter is the gain, no parallelism needed.`
      : `Under ${c.id}, ${runLabel(chosen)} ran at ${fmtSpeedup(chosen.speedup)} of its own serial run.`,
  ];
}

/** "processes, 2 workers, chunksize 1": the interpreter's own verdict without its comparisons. */
function ownDescription(rec: Recommendation): string {
  const chunk = traitsOf(rec.strategy).chunked ? `, chunksize ${rec.chunksize}` : '';
  return `${rec.strategy}, ${rec.workers} worker${rec.workers === 1 ? '' : 's'}${chunk}`;
}

/** Each interpreter's serial and best parallel run against the reference serial run, in one sentence. */
function sideBySide(contenders: readonly Contender[], ref: Contender, refSerial: Run): string {
  const parts = contenders.map((c) => {
    const serial = serialRun(c.report.runs);
    const par = fastest(parallelRuns(c.report.runs));
    const bits = [
      serial ? `serial at ${fmtSpeedup(speedupOf(serial, refSerial))}` : 'no serial run',
      // The fastest parallel run, as the table shows it (the same "best" the single-interpreter verdict names).
      ...(par ? [`${runLabel(par)} at ${fmtSpeedup(speedupOf(par, refSerial))}`] : []),
    ];
    return `${c.id} ${bits.join(', ')}`;
  });
  return `Against ${ref.id}'s serial run (${fmtSeconds(refSerial.wall.median)}): ${parts.join('; ')}.`;
}

/** What moving to the winner costs: modules that did not import, and the C-extension caveats of its kind of build. */
function switchingCosts(winner: Contender, switches: boolean, absent: readonly Absentee[]): string[] {
  const out = absentNotes(absent);
  if (!switches) return out;
  const env = winner.report.environment;
  out.push(
    `The module and its task arguments load under ${winner.id}; the rest of your program's imports were not checked.`,
  );
  if (/pypy/i.test(env.implementation)) {
    out.push(
      'Switching to PyPy: C extensions (numpy, pandas and the like) run through its compatibility layer, often ' +
        'slower than under CPython, and some are not built for it at all.',
    );
  }
  if (!env.gilEnabled) {
    out.push(
      `${winner.id} runs without a GIL: C extensions not marked safe for free threading turn the GIL back on when ` +
        'imported (Python warns when it does), and the gain is gone.',
    );
  }
  return out;
}

/**
 * An import error in one line: whitespace collapsed, cut short, and the "Original error was: …" line that numpy and
 * other C-extension packages end their long advice with kept, since it names what is missing.
 */
export function shortError(e: RunError): string {
  const original = /Original error was:\s*(.+)/.exec(e.message)?.[1]?.trim();
  const flat = e.message.replace(/\s+/g, ' ').trim();
  const cut = flat.length > IMPORT_ERROR_CHARS ? `${flat.slice(0, IMPORT_ERROR_CHARS - 1)}…` : flat;
  return `${e.type}: ${cut}${original && !cut.includes(original) ? ` (original error: ${original})` : ''}`;
}

/** Characters of an import error a sentence quotes; the whole error stays in the report's errors. */
const IMPORT_ERROR_CHARS = 200;

/** One sentence per interpreter that was not profiled. */
function absentNotes(absent: readonly Absentee[]): string[] {
  return absent.map((a) => a.kind === 'import-failed'
    ? `The module does not load under ${a.id} (${a.label}): ${a.error ? shortError(a.error) : a.reason}; its runs ` +
      'were skipped. A C extension (numpy, for one) not installed or not built for that interpreter is the usual cause.'
    : `${a.id} was not profiled: ${a.reason}.`);
}

/** For GIL-bound work: what the threads did under a build without a GIL, when one was profiled. */
function freeThreadedNote(contenders: readonly Contender[], ref: Contender, refSerial: Run): string | undefined {
  if (!ref.report.classification.gilBound) return undefined;
  const free = contenders.filter((c) => c !== ref && !c.report.environment.gilEnabled);
  const notes = free.flatMap((c) => {
    const serial = serialRun(c.report.runs);
    const threaded = parallelRuns(c.report.runs).filter((r) => traitsOf(r.strategy).sharesInterpreter && r.workers > 1);
    const threads = fastest(threaded);
    if (!serial || !threads) return [];
    const scales = beatsSerial(threads, serial);
    return [
      `under ${c.id} (${c.label}), which runs without a GIL, ${runLabel(threads)} reached ` +
        `${fmtSpeedup(speedupOf(threads, serial))} of its own serial run ` +
        `(${fmtSpeedup(speedupOf(threads, refSerial))} against ${ref.id} serial)` +
        (scales
          ? ': the free-threaded build runs this code on threads'
          : ', no faster than its serial run: something other than the GIL serialises it'),
    ];
  });
  return notes.length ? `${ref.id}'s threads are held back by the GIL; ${notes.join('; ')}.` : undefined;
}

/**
 * JIT warm-up, for interpreters with a JIT, where the first task ran clearly slower than the same task once warm.
 * CPython has no JIT: a slow first task there is cold caches or a busy machine, and the figures say so on their own.
 */
function warmUpNotes(contenders: readonly Contender[]): string[] {
  return contenders.flatMap((c) => {
    const w = c.warmUp;
    if (!w || !hasJit(c.report.environment) || w.ratio < JIT_WARMUP_RATIO) return [];
    return [
      `JIT warm-up under ${c.id}: the first task took ${fmtSeconds(w.firstTask)} against ${fmtSeconds(w.steadyTask)} ` +
        `once warm (${fmtSpeedup(w.ratio)}); the figures above are steady state, so a short-lived process gains less.` +
        poolNote(c, w),
    ];
  });
}

/** What a JIT interpreter's pool workers paid: warm-up again, or (under fork) not, and how they compare with serial. */
function poolNote(c: Contender, w: WarmUpFigures): string {
  const p = w.workers;
  if (!p) return '';
  const again = p.ratio >= JIT_WARMUP_RATIO;
  const forked = c.report.environment.startMethod === 'fork' && !again;
  // The harness drops PyPy's compiled code before it forks a pool (python/parprof_harness/jitstate.py): forked
  // workers compile afresh, as a fresh script's do; other JITs' forked workers keep the parent's code.
  const dropped = /^PyPy$/i.test(c.report.environment.implementation);
  const why = again ? 'each fresh worker warms up again, which its overhead shows'
    : forked && dropped ? 'each worker compiles afresh (the profiler drops its compiled code before forking, as a ' +
        "fresh script's workers start without it), and that warm-up is small against a task"
      : forked ? 'workers started by fork inherit the warm code' : 'no second warm-up showed';
  const slower = p.laterTask / w.steadyTask;
  const tail = slower >= JIT_WARMUP_RATIO
    ? ` Yet a task took ${fmtSpeedup(slower)} as long in a pool worker as serially (${fmtSeconds(p.laterTask)} ` +
      'against ' +
      `${fmtSeconds(w.steadyTask)}): the pool costs more than the warm-up.`
    : '';
  return ` In its process pool each worker's first task took ${fmtSeconds(p.firstTask)} against ` +
    `${fmtSeconds(p.laterTask)} for its ` +
    `later ones (${fmtSpeedup(p.ratio)}): ${why}.${tail}`;
}

/** Interpreters that compile hot code while it runs, so first calls are slower than later ones. */
function hasJit(env: Environment): boolean {
  return JIT_IMPLEMENTATIONS.test(env.implementation);
}

/** platform.python_implementation() of interpreters with a tracing or method JIT. */
const JIT_IMPLEMENTATIONS = /^(PyPy|GraalVM|GraalPy)$/i;

/** Confidence of a switch: as the single-interpreter rule, on the three runs the claim rests on, with its cause. */
function confidence(refSerial: Run, refChosen: Run, chosen: Run): Pick<Recommendation, 'confidence' | 'confidenceReason'> {
  const runs = [refSerial, refChosen, chosen];
  const repeats = runs.reduce((m, r) => Math.min(m, r.wall.samples.length), Infinity);
  const widest = runs.reduce((a, b) => (relativeWidth(b.wall) > relativeWidth(a.wall) ? b : a));
  const width = relativeWidth(widest.wall);
  const who = (r: Run) => `${r.interpreter ? `${r.interpreter} ` : ''}${runLabel(r)}`;
  const spread = `${who(widest)} varied by ±${Math.round((width / 2) * 100)}% between repeats`;
  if (repeats < 2) {
    const once = [...new Set(runs.filter((r) => r.wall.samples.length < 2).map(who))].join(' and ');
    return { confidence: 'low', confidenceReason: `${once} measured once, so there is no interval to judge the noise by` };
  }
  if (width > LOW_CONFIDENCE_WIDTH) return { confidence: 'low', confidenceReason: spread };
  const doubts = [
    ...(repeats < HIGH_CONFIDENCE_REPEATS ? [`only ${repeats} repeats of the runs the switch rests on`] : []),
    ...(width > HIGH_CONFIDENCE_WIDTH ? [spread] : []),
  ];
  if (doubts.length) return { confidence: 'medium', confidenceReason: doubts.join('; ') };
  return { confidence: 'high', confidenceReason: `at least ${repeats} repeats each, spread within ±${Math.round((width / 2) * 100)}%` };
}
