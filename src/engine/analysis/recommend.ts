/**
 * The recommendation: which measured configuration to use, how sure we are, and why, in sentences that quote
 * the measurements. Rules, in order:
 * 1. Only measured ('ok') runs with two or more workers are candidates (a one-worker pool runs one task at a time:
 *    when it beats the loop, that is a finding, not parallelism); a candidate must beat serial beyond noise
 *    (runFacts.beatsSerial: its 95% wall interval lies wholly below serial's and it is at least MIN_GAIN faster).
 * 2. The best is the candidate with the highest median speedup. Every candidate within noise of it (overlapping
 *    intervals) or within PRACTICAL_EQUIVALENCE of its speedup counts as just as good; among those the fewest
 *    workers win (less memory, less start-up, more room for other work), then the higher speedup.
 * 3. CPU-bound process pools (and interpreter pools) stay at or below the physical core count unless a larger
 *    count was measured clearly better: beyond noise and by at least HYPERTHREAD_MIN_GAIN.
 * 4. When nothing beats serial, the answer is serial, with the fastest pool quoted (the classification's evidence
 *    holds the task time and what each strategy charged per task).
 * The reasons never repeat the classification (its summary and evidence are shown beside them), and each strategy
 * that was not run is explained once.
 */
import type { Classification, Environment, Recommendation, Run, ScalingModel, StrategyName, Target } from '../../contracts/report';
import type { RunStatus } from '../../contracts/codes';
import { fmtPercent, fmtSeconds, fmtSpeedup, fmtSpeedupRange, runLabel, sig } from './humanize';
import {
  beatsSerial, bestPerStrategy, cheapestOverheads, fastest, fastestPerStrategy, inseparablePairs, meanTaskTime,
  overheadPerTask, parallelRuns, poolRuns, serialRun, speedupOf, taskTotals, withinNoise,
} from './runFacts';
import { oneWorkerWins } from './findings';
import { clusterSentences } from './clusterCompare';
import { amdahlSpeedup } from './scalingModel';
import { maxOf, minOf, ratioEstimate, relativeWidth } from './stats';
import { busiest, squeezedRuns } from './otherLoad';
import { snippetFor } from '../languages/snippet';
import { BASELINE, isBaseline, reportOrder, strategiesFor, traitsOf } from '../strategies/catalogue';
import { runtimeOf } from '../strategies/strategy';
import { MIN_GAIN, PRACTICAL_EQUIVALENCE, HYPERTHREAD_MIN_GAIN, HIGH_CONFIDENCE_WIDTH, LOW_CONFIDENCE_WIDTH, HIGH_CONFIDENCE_REPEATS } from './thresholds';


type Confidence = Recommendation['confidence'];

/** Pools of local processes or interpreters: for CPU-bound work their useful size is the physical core count. */
const coreBoundPool = (s: StrategyName): boolean => traitsOf(s).crossesProcess && traitsOf(s).boundedByLocalCores;

/** Pick the strategy, workers and chunk size the measurements support, with reasons and a snippet. */
export function recommend(
  runs: Run[], classification: Classification, model: ScalingModel, env: Environment, target: Target,
): Recommendation {
  const serial = serialRun(runs);
  const par = poolRuns(runs);
  if (!serial) return withoutBaseline(runs, par.length ? par : parallelRuns(runs), target);
  const sp = (r: Run) => speedupOf(r, serial);
  const winners = par.filter((r) => beatsSerial(r, serial));
  if (winners.length === 0) return serialVerdict(runs, serial, classification, env, target, model);

  const reasons: string[] = [];
  const best = winners.reduce((a, b) => (sp(b) > sp(a) ? b : a));
  const equivalent = winners.filter((r) => withinNoise(r, best) || sp(r) >= sp(best) * (1 - PRACTICAL_EQUIVALENCE));
  let chosen = equivalent.reduce((a, b) =>
    (b.workers < a.workers || (b.workers === a.workers && sp(b) > sp(a)) ? b : a));

  // Rule 3: physical cores for CPU-bound process pools.
  let coresNote: string | undefined;
  if (classification.kind === 'cpu-bound' && coreBoundPool(chosen.strategy) && chosen.workers > env.physicalCores) {
    const alt = fastest(winners.filter((r) => r.strategy === chosen.strategy && r.workers <= env.physicalCores));
    if (alt && (withinNoise(chosen, alt) || sp(chosen) < sp(alt) * (1 + HYPERTHREAD_MIN_GAIN))) {
      coresNote =
        `${alt.workers} workers for the ${env.physicalCores} physical cores: ${chosen.workers} workers reached ${fmtSpeedup(sp(chosen))} ` +
        `against ${fmtSpeedup(sp(alt))}, not clearly better (that needs ${Math.round(HYPERTHREAD_MIN_GAIN * 100)}% beyond noise)`;
      chosen = alt;
    } else if (alt) {
      coresNote = `${chosen.workers} workers exceed the ${env.physicalCores} physical cores, but measured clearly better than ${alt.workers} (${fmtSpeedup(sp(chosen))} against ${fmtSpeedup(sp(alt))})`;
    } else {
      coresNote = `${chosen.workers} workers exceed the ${env.physicalCores} physical cores; no smaller count beat serial`;
    }
  } else if (classification.kind === 'cpu-bound' && coreBoundPool(chosen.strategy) && env.logicalCores > env.physicalCores && chosen.workers === env.physicalCores) {
    coresNote = `${chosen.workers} workers match the physical cores; cpu_count() reports ${env.logicalCores}, counting hyper-threads`;
  }

  const ratio = ratioEstimate(serial.wall, chosen.wall);
  reasons.push(
    `${capitalise(runLabel(chosen))} took ${fmtSeconds(chosen.wall.median)} against serial's ${fmtSeconds(serial.wall.median)}: ` +
      `${fmtSpeedup(ratio.median)} (${intervalClause(serial, chosen, ratio.ci95)}).`,
  );
  // The classification (its summary, the GIL sentence) is shown beside the reasons: it is not repeated here.
  if (chosen !== best && !coresNote?.startsWith(`${chosen.workers} workers for`)) {
    reasons.push(
      `${runLabel(best)} reached ${fmtSpeedup(sp(best))}, within noise of ${fmtSpeedup(sp(chosen))}: ` +
        `${chosen.workers === 1 ? '1 worker does' : `${chosen.workers} workers do`} the same job with less memory and start-up.`,
    );
  }
  if (coresNote) reasons.push(capitalise(coresNote) + '.');
  if (coreBoundPool(chosen.strategy)) {
    const n = taskTotals(chosen).count || target.tasks;
    const c = Math.max(1, chosen.chunksize);
    const trips = Math.ceil(n / c);
    const work = meanTaskTime(serial, target.tasks) * Math.min(c, n);
    const cost = overheadPerTask(chosen, target.tasks) * Math.min(c, n);
    reasons.push(
      `Chunksize ${c}: ${n} tasks go out in ${trips} batch${trips === 1 ? '' : 'es'}; each carries ${fmtSeconds(work)} of work ` +
        `against ${fmtSeconds(cost)} of measured overhead (start-up, pickling, queueing).`,
    );
  }
  const chunks = chunkSentence(par, chosen);
  if (chunks) reasons.push(chunks);
  const flat = notFlattened(par, chosen, serial, classification, target.tasks);
  if (flat) reasons.push(flat);
  const modelNote = modelSentence(model, chosen);
  if (modelNote) reasons.push(modelNote);
  for (const x of otherStrategies(runs, serial, chosen, target)) reasons.push(x);
  for (const x of clusterSentences(runs)) reasons.push(x);
  const one = oneWorkerNote(runs, serial);
  if (one) reasons.push(one);
  const native = chosen.nativeThreads;
  const judged = confidenceFor(serial, chosen, ratio.ci95, par, runs, env);

  return {
    strategy: chosen.strategy,
    workers: chosen.workers,
    chunksize: chosen.chunksize,
    ...(native !== undefined ? { nativeThreads: native } : {}),
    expectedSpeedup: ratio.median,
    expectedSpeedupCi95: ratio.ci95,
    confidence: judged.confidence,
    confidenceReason: judged.reason,
    headline: headline(chosen.strategy, chosen.workers, chosen.chunksize, ratio.median, runs, serial, native),
    reasons,
    snippet: snippetFor({
      strategy: chosen.strategy, workers: chosen.workers, chunksize: chosen.chunksize, nativeThreads: native,
      ...(chosen.cluster?.scheduler ? { scheduler: chosen.cluster.scheduler } : {}),
    }, target),
    run: chosen.id,
    basis: basisOf([
      serial, chosen, best, ...equivalent.filter((r) => withinNoise(r, chosen)), ...rivalsOf(runs, chosen),
    ]),
  };
}

/** When several chunk sizes were measured for the chosen pool: each one's wall, and that the choice is the fastest. */
function chunkSentence(par: Run[], chosen: Run): string | undefined {
  const same = par.filter((r) =>
    r.strategy === chosen.strategy && r.workers === chosen.workers && r.nativeThreads === chosen.nativeThreads);
  if (same.length < 2) return undefined;
  const list = same.sort((a, b) => a.chunksize - b.chunksize).map((r) => `${r.chunksize} → ${fmtSeconds(r.wall.median)}`).join(', ');
  const fastestChunk = fastest(same)!;
  const why = fastestChunk === chosen ? 'the fastest measured' : `within noise of the fastest (${fastestChunk.chunksize})`;
  return `Chunk sizes measured for ${chosen.strategy} ×${chosen.workers}: ${list}; chunksize ${chosen.chunksize} is ${why}.`;
}

/** Ids of the runs a verdict compared, once each: the sweep repeats these first. */
function basisOf(runs: Run[]): string[] {
  return [...new Set(runs.map((r) => r.id))];
}

/** The other strategies' leaders within noise of the choice: the verdict's strategy rests on beating them. */
function rivalsOf(runs: Run[], chosen: Run): Run[] {
  return [...fastestPerStrategy(runs).values()].filter((r) => r.strategy !== chosen.strategy && withinNoise(r, chosen));
}

/** "95% interval 1.8–2.0×", or why there is none yet: one sample has no spread to draw an interval from. */
function intervalClause(serial: Run, other: Run, ci: [number, number]): string {
  const once = [serial, other].filter((r) => r.wall.samples.length < 2).map((r) => runLabel(r));
  if (once.length) return `no interval: ${once.join(' and ')} measured once`;
  return `95% interval ${fmtSpeedupRange(ci)}`;
}

/**
 * The reason line when a one-worker pool beat the loop: why it is still not the answer (the finding has the numbers).
 */
function oneWorkerNote(runs: Run[], serial: Run): string | undefined {
  const one = oneWorkerWins(runs)[0];
  if (!one) return undefined;
  return `${capitalise(runLabel(one))} beat serial (${fmtSpeedup(speedupOf(one, serial))}) running one task at a time: ` +
    'a pool of one worker is not parallelism, so it is never the answer (the finding on one-worker pools says why it was faster).';
}

/** Nothing beat serial: say so, with the task time and what each strategy charged per task. */
function serialVerdict(
  runs: Run[], serial: Run, classification: Classification, env: Environment, target: Target, model: ScalingModel,
): Recommendation {
  const par = poolRuns(runs);
  const reasons: string[] = [];
  const fastestPar = fastest(par);
  if (fastestPar) {
    const r = ratioEstimate(serial.wall, fastestPar.wall);
    reasons.push(
      `No parallel configuration beat serial (${fmtSeconds(serial.wall.median)}) beyond noise: the fastest with two or more ` +
        `workers, ${runLabel(fastestPar)}, ` +
        `ran at ${fmtSpeedup(r.median)} (${intervalClause(serial, fastestPar, r.ci95)}).`,
    );
    // What each strategy charged per task against the task's own time is evidence of the classification, shown there.
    const taskTime = meanTaskTime(serial, target.tasks);
    const cheapest = minOf(cheapestOverheads(runs, target.tasks).map((o) => o.perTask));
    if (classification.kind === 'overhead-bound' && taskTime > 0) {
      reasons.push(
        `Handing out a task costs ${sig(cheapest / taskTime)} times the task itself: put more work into each task ` +
          '(bigger slices of the input) before parallelising.',
      );
    }
  } else if (parallelRuns(runs).length) {
    reasons.push(
      `Only one-worker pools were measured: they run one task at a time, so serial (${fmtSeconds(serial.wall.median)}) stays the answer; ` +
        'measure two or more workers to see whether running tasks side by side pays.',
    );
  } else {
    reasons.push(`No parallel configuration completed, so serial (${fmtSeconds(serial.wall.median)}) is the only measured option.`);
  }
  if (env.logicalCores < 2) reasons.push(`This machine has ${env.logicalCores} logical core: there is nothing to run side by side on.`);
  for (const x of otherStrategies(runs, serial, serial, target)) reasons.push(x);
  for (const x of clusterSentences(runs)) reasons.push(x);
  const one = oneWorkerNote(runs, serial);
  if (one) reasons.push(one);
  if (model.label) reasons.push(`${model.label}.`);
  const judged = confidenceFor(serial, serial, [1, 1], par, runs, env);
  return {
    strategy: BASELINE,
    workers: 1,
    chunksize: 1,
    expectedSpeedup: 1,
    expectedSpeedupCi95: [1, 1],
    confidence: judged.confidence,
    confidenceReason: judged.reason,
    headline: headline(BASELINE, 1, 1, 1, runs, serial),
    reasons,
    snippet: snippetFor({ strategy: BASELINE, workers: 1, chunksize: 1 }, target),
    run: serial.id,
    basis: basisOf([serial, ...(fastestPar ? [fastestPar] : []), ...par.filter((r) => withinNoise(r, serial))]),
  };
}

/** No serial baseline: the fastest completed run, at low confidence, or serial when nothing completed. */
function withoutBaseline(runs: Run[], par: Run[], target: Target): Recommendation {
  const best = fastest(par);
  const strategy = best?.strategy ?? BASELINE;
  const workers = best?.workers ?? 1;
  const chunksize = best?.chunksize ?? 1;
  const s = best && Number.isFinite(best.speedup) && best.speedup > 0 ? best.speedup : 1;
  const why = best
    ? `The serial run did not complete, so ${runLabel(best)} (${fmtSeconds(best.wall.median)}, the fastest that did) cannot be compared with a baseline.`
    : 'No configuration completed: there is nothing to recommend beyond the plain loop.';
  const failed = runs.filter((r) => r.status !== 'ok').map((r) => `${runLabel(r)}: ${r.status}${r.reason ? ` (${r.reason})` : ''}`);
  return {
    strategy, workers, chunksize,
    expectedSpeedup: s,
    expectedSpeedupCi95: [s, s],
    confidence: 'low',
    confidenceReason: best
      ? 'the serial run did not complete, so no speedup could be measured against it'
      : 'no configuration completed, so nothing was measured',
    headline: `${describe(strategy, workers, chunksize)}, no serial baseline to compare with`,
    reasons: [why, ...(failed.length ? [`Not measured: ${failed.join('; ')}.`] : [])],
    snippet: snippetFor({ strategy, workers, chunksize }, target),
  };
}

/**
 * For waiting work chosen at the largest count measured: the curve had not flattened, so more may pay, but never
 * past the task count (a run of 8 tasks has nothing for a ninth worker).
 */
function notFlattened(
  par: Run[], chosen: Run, serial: Run, classification: Classification, tasks: number,
): string | undefined {
  if (classification.kind !== 'io-bound' && classification.kind !== 'mixed') return undefined;

  const same = par.filter((r) => r.strategy === chosen.strategy && r.workers < chosen.workers);
  const maxWorkers = maxOf(par.filter((r) => r.strategy === chosen.strategy).map((r) => r.workers));
  if (chosen.workers !== maxWorkers || same.length === 0) return undefined;
  const prev = same.reduce((a, b) => (b.workers > a.workers ? b : a));
  const gain = speedupOf(chosen, serial) / speedupOf(prev, serial);
  if (gain < 1 + MIN_GAIN * 2) return undefined;
  return (
    `Gains had not flattened at ${chosen.workers} workers (${prev.workers} workers: ${fmtSpeedup(speedupOf(prev, serial))}, ` +
    `${chosen.workers}: ${fmtSpeedup(speedupOf(chosen, serial))})` +
    (tasks > 0 && chosen.workers >= tasks
      ? `, but ${chosen.workers} workers already run all ${tasks} tasks at once: a larger pool would have nothing to run.`
      : `: the tasks mostly wait, so more concurrency may pay further, up to one worker per task (${tasks}).`)
  );
}

/**
 * What the fitted model adds, when it describes the chosen strategy from at least two worker counts: in plain words
 * first (where adding workers stops paying, the ceiling, the share of the work that runs one task at a time), then the
 * fitted numbers in brackets.
 */
function modelSentence(model: ScalingModel, chosen: Run): string | undefined {
  if (model.strategy !== chosen.strategy || model.points.filter((p) => p.workers > 1).length < 2) return undefined;
  const cap = model.maxWorkers;
  const peak = model.peakWorkers === null || !Number.isFinite(model.peakWorkers) ? undefined : model.peakWorkers;
  const plain: string[] = [];
  if (peak !== undefined) {
    plain.push(cap !== undefined && peak > cap
      ? `more workers keep paying up to one for each of the ${cap} tasks`
      : `adding workers stops paying near ${Math.round(peak)} workers`);
  }
  plain.push(cap !== undefined
    ? `at most ${fmtSpeedup(amdahlSpeedup(model.serialFraction, cap))} with one worker for each of the ${cap} tasks`
    : model.serialFraction > 0 ? `at most ${fmtSpeedup(1 / model.serialFraction)} however many workers` : 'no ceiling in sight');
  // A share that rounds to 0% says nothing in words; the bracket still gives the fitted fraction.
  const share = model.serialFraction >= 0.005 ? `, as about ${fmtPercent(model.serialFraction)} of the time does not run side by side` : '';
  const fit = `fit over ${model.points.length} worker counts: Amdahl serial fraction ${sig(model.serialFraction)}` +
    (peak !== undefined ? `; USL σ ${sig(model.usl.sigma)}, κ ${sig(model.usl.kappa)}` : '');
  return `${capitalise(plain.join('; '))}${share} (${fit}).`;
}

/**
 * The other strategies: one sentence with each measured one's best configuration (the one the table shows fastest),
 * then one per strategy of the target's language that was not measured, saying why once.
 */
function otherStrategies(runs: Run[], serial: Run, chosen: Run, target: Target): string[] {
  const best = bestPerStrategy(runs);
  const out: string[] = [];
  const measured: string[] = [];
  // Only the strategies of the target's language: a JavaScript verdict has nothing to say about subinterpreters.
  for (const s of strategiesFor(runtimeOf(target.language))) {
    if (isBaseline(s) || s === chosen.strategy) continue;
    const r = best.get(s);
    if (r) {
      measured.push(`${runLabel(r)} at ${fmtSpeedup(speedupOf(r, serial))}`);
      continue;
    }
    const notOk = runs.find((x) => x.strategy === s && x.status !== 'ok');
    if (notOk) out.push(notRunSentence(notOk));
  }
  if (measured.length) out.unshift(`Best of the other strategies: ${measured.join('; ')}.`);
  return out;
}

/** Why a strategy has no measurement, once: "async was not run: the function is not a coroutine function." */
function notRunSentence(run: Run): string {
  const why = run.reason ?? (run.error ? `${run.error.type}: ${run.error.message}` : '');
  return `${run.strategy} ${NOT_RUN[run.status]}${why ? `: ${why}` : ''}.`;
}

const NOT_RUN: Record<RunStatus, string> = {
  ok: 'completed', failed: 'failed', timeout: 'timed out', stopped: 'was stopped early', skipped: 'was not run',
};

/** "processes, 2 workers, chunksize 3, expected 1.9×; threads ×1: 0.97×" (each other strategy's best configuration). */
function headline(
  strategy: StrategyName, workers: number, chunksize: number, expected: number, runs: Run[], serial: Run,
  native?: number,
): string {
  const others = [...bestPerStrategy(runs).values()]
    .filter((r) => r.strategy !== strategy)
    .sort((a, b) => reportOrder(a.strategy) - reportOrder(b.strategy))
    .map((r) => `${runLabel(r)}: ${fmtSpeedup(speedupOf(r, serial))}`);
  const threads = native !== undefined ? `, ${native} native thread${native === 1 ? '' : 's'} each` : '';
  const main = isBaseline(strategy)
    ? `${strategy}: nothing beat it beyond noise`
    : `${describe(strategy, workers, chunksize)}${threads}, expected ${fmtSpeedup(expected)}`;
  return [main, ...others].join('; ');
}

function describe(strategy: StrategyName, workers: number, chunksize: number): string {
  if (isBaseline(strategy)) return strategy;
  const chunk = coreBoundPool(strategy) ? `, chunksize ${chunksize}` : '';
  return `${strategy}, ${workers} worker${workers === 1 ? '' : 's'}${chunk}`;
}

/** A confidence level and what in the measurements set it. */
interface Judged {
  confidence: Confidence;
  reason: string;
}

/** "serial and processes ×2" */
const labels = (runs: readonly Run[]): string => {
  const names = [...new Set(runs.map((r) => runLabel(r)))];
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0] ?? '';
};

/**
 * high: ≥3 repeats, both intervals within ±5%, the speedup interval clears 1 + 2·MIN_GAIN (or, for serial, every
 * parallel run is clearly slower), and no other strategy is within noise of the choice.
 * low: fewer than 2 repeats, an interval wider than ±12.5%, or an inseparable warning about the choice (its
 * strategy's leader and another cannot be told apart), or other programs squeezed serial, the choice or another
 * strategy's fastest run (the busy-machine warning): the confidence never contradicts the warnings. medium otherwise.
 * The reason names what set the level (the repeats, the spread, the overlap of the leaders), with its numbers.
 */
function confidenceFor(
  serial: Run, chosen: Run, speedupCi: [number, number], par: Run[], runs: Run[], env: Environment,
): Judged {
  const pair = chosen === serial ? [serial] : [serial, chosen];
  const crowded = squeezedRuns([...new Set([...pair, ...fastestPerStrategy(par).values()])], env);
  const repeats = pair.reduce((m, r) => Math.min(m, r.wall.samples.length), Infinity);
  const widest = pair.reduce((a, b) => (relativeWidth(b.wall) > relativeWidth(a.wall) ? b : a));
  const width = relativeWidth(widest.wall);
  const spread = `${runLabel(widest)} varied by ±${fmtPercent(width / 2)} between repeats`;
  const low = (reason: string): Judged => ({ confidence: 'low', reason });
  // A busy machine first: it explains the spread and the overlaps that would otherwise be named.
  if (crowded.length) {
    const most = busiest(crowded);
    return low(
      `other programs kept ${(most.otherLoad ?? 0).toFixed(1)} of the ${env.logicalCores} cores busy while ${labels(crowded)} ran, ` +
      'so the comparison measures their load as much as this code',
    );
  }
  if (repeats < 2) {
    return low(`${labels(pair.filter((r) => r.wall.samples.length < 2))} measured once, so there is no interval to judge the noise by`);
  }
  if (width > LOW_CONFIDENCE_WIDTH) return low(spread);
  const concerns = (r: Run) => r === chosen || r.strategy === chosen.strategy;
  const tied = inseparablePairs(runs).filter(([a, b]) => concerns(a) || concerns(b));
  if (tied.length) {
    return low(tied.map(([a, b]) => `${runLabel(a)} and ${runLabel(b)} cannot be told apart: their 95% intervals overlap`).join('; '));
  }
  const doubts: string[] = [];
  if (repeats < HIGH_CONFIDENCE_REPEATS) {
    doubts.push(`only ${repeats} repeats of ${labels(pair.filter((r) => r.wall.samples.length < HIGH_CONFIDENCE_REPEATS))}`);
  }
  if (width > HIGH_CONFIDENCE_WIDTH) doubts.push(spread);
  if (chosen === serial) {
    const close = par.filter((r) => !(r.wall.ci95[0] > serial.wall.ci95[1]));
    if (close.length) doubts.push(`${labels(close)} not clearly slower than serial (the 95% intervals touch)`);
  } else {
    if (speedupCi[0] < 1 + 2 * MIN_GAIN) doubts.push(`the speedup's 95% interval starts at ${fmtSpeedup(speedupCi[0])}, close to no gain`);
    const rivals = [...fastestPerStrategy(par).values()]
      .filter((r) => r.strategy !== chosen.strategy && withinNoise(r, chosen));
    if (rivals.length) doubts.push(`${labels(rivals)} within noise of ${runLabel(chosen)}`);
  }
  if (doubts.length) return { confidence: 'medium', reason: doubts.join('; ') };
  const clear = chosen === serial ? 'every parallel run clearly slower' : 'no other strategy within noise';
  return { confidence: 'high', reason: `at least ${repeats} repeats each, spread within ±${fmtPercent(width / 2)}, ${clear}` };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
