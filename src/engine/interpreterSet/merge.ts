/**
 * One Report out of several interpreters' Reports. Each interpreter's runs keep their own speedups (against their own
 * serial run) and gain `speedupVsReference`; run ids become "<interpreter>/<config>" so timelines, errors and core
 * segments stay unambiguous. Interpreters that did not run appear as one skipped row each, with the reason.
 */
import type {
  CoreTimeline, Environment, InterpreterProfile, Report, ResultDigest, Run, RunError, Settings, Warning, WarmUpFigures,
} from '../../contracts/report';
import { serialRun } from '../analysis/runFacts';
import { BASELINE } from '../strategies/catalogue';
import type { InterpreterChoice } from './choice';
import { interpreterLabel, interpreterRunId } from './labels';
import { compareResults } from './results';
import { crossVerdict, type Absentee, type Contender } from './verdict';

/** What happened to one interpreter of the comparison. */
export type InterpreterPart =
  | { choice: InterpreterChoice; kind: 'profiled'; report: Report; warmUp?: WarmUpFigures; results?: ResultDigest }
  | { choice: InterpreterChoice; kind: 'unavailable' | 'not-run'; reason: string; environment?: Environment }
  | { choice: InterpreterChoice; kind: 'import-failed'; reason: string; error: RunError; environment?: Environment };

/** What the comparison as a whole knows besides its parts. */
export interface MergeContext {
  createdAt: string;
  duration: number;
  /** The settings the user asked for (the whole budget, not one interpreter's share). */
  settings: Settings;
  /** Warnings about the comparison itself (budget shares, interpreters auto left out). */
  warnings: Warning[];
  cancelled: boolean;
}

type Profiled = Extract<InterpreterPart, { kind: 'profiled' }>;

/** Merges the parts (at least one profiled) into the comparison's Report. */
export function mergeInterpreterReports(parts: readonly InterpreterPart[], m: MergeContext): Report {
  const profiled = parts.filter((p): p is Profiled => p.kind === 'profiled');
  if (profiled.length === 0) throw new Error('mergeInterpreterReports: no interpreter was profiled');
  const refPart = profiled.find((p) => serialRun(p.report.runs)) ?? profiled[0];
  const refSerial = serialRun(refPart.report.runs);
  const base = refPart.report;
  const warnings: Warning[] = [...m.warnings];
  if (parts[0] !== refPart) {
    warnings.push({
      code: 'reference-interpreter',
      message: `${parts[0].choice.id} has no serial run to compare with, so ${refPart.choice.id}'s serial run is the ` +
        'reference baseline',
    });
  }

  const runs: Run[] = [];
  const errors: RunError[] = [];
  const interpreters: InterpreterProfile[] = [];
  for (const part of parts) {
    const id = part.choice.id;
    if (part.kind === 'profiled') {
      const r = part.report;
      for (const item of r.runs.map((run) => renamed(run, id, refSerial))) runs.push(item);
      for (const e of r.errors) errors.push(e.run ? { ...e, run: interpreterRunId(id, e.run) } : e);
      for (const item of r.warnings.map((w) => ({ ...w, message: `${id}: ${w.message}` }))) warnings.push(item);
      interpreters.push(profileOf(part, part === refPart, refSerial));
    } else {
      const placeholder = skippedRow(id, part.reason);
      runs.push(placeholder);
      if (part.kind === 'import-failed') errors.push({ ...part.error, run: placeholder.id });
      const code = part.kind === 'import-failed' ? 'interpreter-import' : 'interpreter-unavailable';
      const fix = part.kind === 'unavailable' ? { fix: 'python' as const } : {};
      warnings.push({ code, message: `${id}: ${part.reason}`, ...fix });
      interpreters.push({
        id, requested: part.choice.requested, ...variablesOf(part.choice),
        label: interpreterLabel(part.choice, part.environment),
        reference: false, status: part.kind, reason: part.reason,
        ...(part.environment ? { environment: part.environment } : {}),
        import: part.kind === 'import-failed' ? { ok: false, error: part.error } : null,
        duration: 0,
      });
    }
  }

  const results = compareResults(profiled.flatMap((p) => (p.results ? [{ id: p.choice.id, digest: p.results }] : [])));
  if (results.warning) warnings.push(results.warning);
  const contenders: Contender[] = profiled.map((p) => ({
    id: p.choice.id, label: interpreterLabel(p.choice, p.report.environment), command: p.choice.requested,
    report: p.report, warmUp: p.warmUp,
  }));
  const absent: Absentee[] = parts.flatMap((p) => (p.kind === 'profiled' ? [] : [{
    id: p.choice.id, label: interpreterLabel(p.choice, p.environment), kind: p.kind, reason: p.reason,
    ...(p.kind === 'import-failed' ? { error: p.error } : {}), ...(p.environment ? { environment: p.environment } : {}),
  }]));
  const recommendation = crossVerdict(contenders, contenders[profiled.indexOf(refPart)], absent, results.sentence);
  const cancelled = m.cancelled || profiled.some((p) => p.report.cancelled);
  const findings = profiled.flatMap((p) =>
    (p.report.findings ?? []).map((f) => ({ ...f, message: `${p.choice.id}: ${f.message}` })));

  return {
    schemaVersion: base.schemaVersion,
    tool: base.tool,
    createdAt: m.createdAt,
    duration: m.duration,
    target: base.target,
    ...(base.strategies ? { strategies: base.strategies } : {}),
    environment: base.environment,
    settings: { ...m.settings, strategies: base.settings.strategies },
    runs,
    cores: mergeCores(profiled),
    classification: base.classification,
    model: base.model,
    recommendation,
    warnings: dedupe(warnings),
    ...(findings.length ? { findings } : {}),
    errors,
    ...(cancelled ? { cancelled: true } : {}),
    sampler: {
      hz: m.settings.samplerHz,
      samples: profiled.reduce((a, p) => a + (p.report.sampler?.samples ?? 0), 0),
      cpuSeconds: profiled.reduce((a, p) => a + (p.report.sampler?.cpuSeconds ?? 0), 0),
    },
    interpreters,
  };
}

function variablesOf(choice: InterpreterChoice): { variables?: Record<string, string> } {
  return Object.keys(choice.variables).length ? { variables: { ...choice.variables } } : {};
}

/** A run under its interpreter's id, with its speedup against the reference serial run. */
function renamed(run: Run, interpreter: string, refSerial: Run | undefined): Run {
  const measured = run.repeats > 0 && run.wall.median > 0;
  return {
    ...run,
    id: interpreterRunId(interpreter, run.id),
    interpreter,
    ...(refSerial && measured ? { speedupVsReference: refSerial.wall.median / run.wall.median } : {}),
    ...(run.error?.run ? { error: { ...run.error, run: interpreterRunId(interpreter, run.error.run) } } : {}),
    ...(run.variantOf ? { variantOf: interpreterRunId(interpreter, run.variantOf) } : {}),
  };
}

/** The one row an interpreter without runs gets, so the table says what happened to it. */
function skippedRow(interpreter: string, reason: string): Run {
  return {
    id: interpreterRunId(interpreter, BASELINE), strategy: BASELINE, workers: 1, chunksize: 1, mechanism: 'not run',
    status: 'skipped', reason, wall: { median: 0, ci95: [0, 0], samples: [] }, user: 0, sys: 0, speedup: 0,
    efficiency: 0, parallelism: 0,
    overhead: { startup: 0, shutdown: 0, queueWait: 0, argBytes: 0, resultBytes: 0, serialization: 0, total: 0 },
    tasks: [], window: { start: 0, end: 0 }, repeats: 0, error: null, interpreter,
  };
}

function profileOf(part: Profiled, reference: boolean, refSerial: Run | undefined): InterpreterProfile {
  const { report, choice } = part;
  const serial = serialRun(report.runs);
  const pool = part.warmUp?.workers;
  const warmUp = pool
    ? { ...part.warmUp!, workers: { ...pool, run: interpreterRunId(choice.id, pool.run) } }
    : part.warmUp;
  return {
    id: choice.id,
    requested: choice.requested,
    ...variablesOf(choice),
    label: interpreterLabel(choice, report.environment),
    reference,
    status: report.runs.some((r) => r.status === 'ok' && r.repeats > 0) ? 'ok' : 'failed',
    ...(report.cancelled ? { reason: 'cancelled: its part holds the runs that finished' } : {}),
    environment: report.environment,
    import: { ok: true },
    ...(serial ? {
      baseline: {
        run: interpreterRunId(choice.id, serial.id), wall: serial.wall,
        speedupVsReference: refSerial ? refSerial.wall.median / serial.wall.median : 1,
      },
    } : {}),
    ...(warmUp ? { warmUp } : {}),
    ...(part.results ? { results: part.results } : {}),
    classification: report.classification,
    model: report.model,
    recommendation: report.recommendation,
    duration: report.duration,
  };
}

/** Every interpreter's core segments on one set of cores (their times never overlap: they ran one after another). */
function mergeCores(parts: readonly Profiled[]): CoreTimeline[] {
  const byCore = new Map<number, CoreTimeline>();
  for (const part of parts) {
    for (const c of part.report.cores) {
      const cur = byCore.get(c.core) ?? { core: c.core, segments: [], utilisation: [] };
      for (const s of c.segments) cur.segments.push({ ...s, run: interpreterRunId(part.choice.id, s.run) });
      for (const item of c.utilisation) cur.utilisation.push(item);
      byCore.set(c.core, cur);
    }
  }
  return [...byCore.values()]
    .sort((a, b) => a.core - b.core)
    .map((c) => ({ ...c, utilisation: c.utilisation.sort((a, b) => a.t - b.t) }));
}

function dedupe(warnings: Warning[]): Warning[] {
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const key = `${w.code}\u0000${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
