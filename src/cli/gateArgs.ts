/**
 * The command line of the CI gate: `compare BASELINE CURRENT` and the gate flags `profile` shares with it
 * (--max-slowdown, --fail-on-strategy-change, --summary, --junit).
 */
import { DEFAULT_GATE, InputError, type GateOptions } from '../engine/index';

/** The gate's settings and the CI files to write. */
export interface GateCliOptions {
  gate: GateOptions;
  /** Markdown summary path (e.g. $GITHUB_STEP_SUMMARY). */
  summary?: string;
  /** JUnit XML path. */
  junit?: string;
}

/** `compare BASELINE CURRENT ...`, parsed. */
export interface CompareCliOptions extends GateCliOptions {
  command: 'compare';
  baseline: string;
  current: string;
  /** Print only the PASS/FAIL line. */
  quiet: boolean;
}

/** The parseArgs option table of the gate flags (profile adds --baseline). */
export const GATE_FLAGS = {
  'max-slowdown': { type: 'string' },
  'fail-on-strategy-change': { type: 'boolean' },
  summary: { type: 'string' },
  junit: { type: 'string' },
} as const;

/** Names of the gate flags, for "needs --baseline" checks. */
export const GATE_FLAG_NAMES = Object.keys(GATE_FLAGS) as (keyof typeof GATE_FLAGS)[];

/**
 * "10%" or "10" → 0.1: a slowdown in percent (a bare 0.1 would be ambiguous between 10% and 0.1%, so percent it is).
 */
export function parseSlowdown(v: string | undefined): number {
  if (v === undefined) return DEFAULT_GATE.maxSlowdown;
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(v);
  if (!m) throw new InputError(`--max-slowdown must be a percentage such as 10%, got "${v}"`);
  return Number(m[1]) / 100;
}

/** The gate part of parsed flags. */
export function gateFrom(v: { 'max-slowdown'?: string; 'fail-on-strategy-change'?: boolean; summary?: string; junit?: string }): GateCliOptions {
  return {
    gate: { maxSlowdown: parseSlowdown(v['max-slowdown']), failOnStrategyChange: v['fail-on-strategy-change'] ?? false },
    summary: v.summary,
    junit: v.junit,
  };
}

/**
 * `compare BASELINE CURRENT` from flags parsed with the profile table (a superset), so options may come anywhere;
 * a profile-only flag is refused by name rather than silently ignored.
 */
export function compareFrom(v: Record<string, string | boolean | undefined>, files: string[]): CompareCliOptions {
  const foreign = Object.keys(v).find((k) => v[k] !== undefined && !(k in GATE_FLAGS) && k !== 'quiet');
  if (foreign) throw new InputError(`--${foreign} is not an option of compare (it takes ${GATE_FLAG_NAMES.map((n) => `--${n}`).join(', ')})`);
  const [baseline, current, ...extra] = files;
  if (!baseline || !current) throw new InputError('compare needs two report files: compare BASELINE.json CURRENT.json');
  if (extra.length) throw new InputError(`unexpected argument "${extra[0]}" (compare takes exactly two report files)`);
  return { command: 'compare', baseline, current, quiet: v.quiet === true, ...gateFrom(v as Parameters<typeof gateFrom>[0]) };
}
