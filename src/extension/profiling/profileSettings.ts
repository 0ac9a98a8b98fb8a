/**
 * Validates setting values and builds the engine's ProfileRequest from them. Pure, no `vscode` (config.ts reads them).
 */
import { isStrategyName, type StrategyName } from '../../engine';
import type { ProfileRequest } from '../../engine';

/**
 * The settings that shape a profile, already validated (unset or invalid values become `undefined` = engine default).
 */
export interface ProfileSettings {
  strategies?: StrategyName[];
  workers?: number[];
  tasks?: number;
  repeats?: number;
  budget?: number;
  timeout?: number;
  samplerHz?: number;
  /** Per-process memory ceiling in MB; 0 turns it off. */
  memoryLimitMb?: number;
  /** An existing Dask cluster's scheduler (tcp://host:port); absent: a LocalCluster per worker count. */
  scheduler?: string;
  /** Project the cluster strategy's speedup to this many workers (an extrapolation); absent: no projection. */
  projectWorkers?: number;
}

const positive = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);

/** Validates raw setting values: empty lists and zeros mean "let the engine decide". */
export function settingsFromValues(raw: Partial<Record<keyof ProfileSettings, unknown>>): ProfileSettings {
  const strategies = Array.isArray(raw.strategies)
    ? raw.strategies.filter((s): s is StrategyName => typeof s === 'string' && isStrategyName(s))
    : [];
  const workers = Array.isArray(raw.workers)
    ? [...new Set(raw.workers.filter((w): w is number => Number.isInteger(w) && w > 0))].sort((a, b) => a - b)
    : [];
  const tasks = positive(raw.tasks);
  const repeats = positive(raw.repeats);
  const projectWorkers = Number.isInteger(raw.projectWorkers) ? positive(raw.projectWorkers) : undefined;
  return {
    strategies: strategies.length ? strategies : undefined,
    workers: workers.length ? workers : undefined,
    tasks: tasks ? Math.round(tasks) : undefined,
    repeats: repeats ? Math.round(repeats) : undefined,
    budget: positive(raw.budget),
    timeout: positive(raw.timeout),
    // 0 is meaningful for the sampler (it turns /proc sampling off), so only negatives fall back.
    samplerHz: typeof raw.samplerHz === 'number' && raw.samplerHz >= 0 ? raw.samplerHz : undefined,
    // Like samplerHz, 0 means something (no limit); only set when given, so older callers' objects stay the same.
    ...(typeof raw.memoryLimitMb === 'number' && raw.memoryLimitMb >= 0 ? { memoryLimitMb: Math.round(raw.memoryLimitMb) } : {}),
    ...(typeof raw.scheduler === 'string' && raw.scheduler.trim() ? { scheduler: raw.scheduler.trim() } : {}),
    ...(projectWorkers ? { projectWorkers } : {}),
  };
}

/** The request for one function with one argument expression under these settings. */
export function buildRequest(
  file: string, fn: string, args: string | null, python: string | readonly string[], settings: ProfileSettings,
): ProfileRequest {
  return { file, function: fn, args, python, ...settings };
}

/**
 * The interpreters a profile runs: the selected one alone, or, when the extraInterpreters setting lists more, the
 * selected one first (its serial run is the reference) and then the extras, each once.
 */
export function interpretersToProfile(selected: string, extras: readonly string[]): string | string[] {
  const more = extras.map((e) => e.trim()).filter((e) => e && e !== selected);
  return more.length ? [selected, ...new Set(more)] : selected;
}
