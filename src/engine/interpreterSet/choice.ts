/**
 * Which interpreters a profile compares: the request's `python` as a list of choices, each a command or path with
 * the environment variables of its variant ("PYTHON_GIL=0 python3.13t"), and a stable id for run ids and labels.
 */
import * as path from 'node:path';
import { InputError } from '../request';

/** The list entry that stands for every Python interpreter on PATH. */
export const AUTO = 'auto';

/** One interpreter to profile. */
export interface InterpreterChoice {
  /** Unique within the profile: "python3", "pypy3", "python3.13t[PYTHON_GIL=1]", "python3#2" for a second python3. */
  id: string;
  /** The entry as given (variables first, then the command). */
  requested: string;
  /** What to execute. */
  command: string;
  /** Variables of this variant; empty for a plain interpreter. */
  variables: Record<string, string>;
}

const VARIABLE = /^([A-Za-z_][A-Za-z0-9_]*)=(\S*)$/;

/** True when the request asks for a comparison (a list of two or more, or "auto"), not one interpreter as before. */
export function comparesInterpreters(python: string | readonly string[] | undefined): python is readonly string[] {
  if (typeof python !== 'object') return false;
  const entries = [...new Set(python.map((p) => p.trim()).filter(Boolean))];
  return entries.length > 1 || entries.includes(AUTO);
}

/** Splits "--python python3,pypy3" into entries; a single entry stays a plain string, as it always was. */
export function splitInterpreterList(value: string): string | string[] {
  const entries = value.split(',').map((p) => p.trim()).filter(Boolean);
  if (entries.length === 0) throw new InputError(`--python needs an interpreter, got "${value}"`);
  return entries.length === 1 && entries[0] !== AUTO ? entries[0] : entries;
}

/** One entry ("PYTHON_GIL=0 python3.13t") as command and variables; InputError when it names no command. */
export function parseEntry(entry: string): Omit<InterpreterChoice, 'id'> {
  const words = entry.trim().split(/\s+/);
  const variables: Record<string, string> = {};
  let i = 0;
  for (; i < words.length; i++) {
    const m = VARIABLE.exec(words[i]);
    if (!m) break;
    variables[m[1]] = m[2];
  }
  // A path may hold spaces: everything after the variables is the command.
  const command = words.slice(i).join(' ');
  if (!command) {
    throw new InputError(
      `interpreter entry "${entry}" sets variables but names no interpreter (e.g. "PYTHON_GIL=0 python3.13t")`,
    );
  }
  return { requested: entry.trim(), command, variables };
}

/** A readable id: the command's file name (or the whole command), then the variables in brackets. */
export function baseId(choice: Omit<InterpreterChoice, 'id'>, whole = false): string {
  const vars = Object.entries(choice.variables).map(([k, v]) => `${k}=${v}`);
  return `${whole ? choice.command : path.basename(choice.command)}${vars.length ? `[${vars.join(',')}]` : ''}`;
}

/**
 * Gives each choice a unique id, in order: the file name ("python3"); for a later one with the same file name, the
 * whole command ("/usr/bin/python3"); "#2" only when even that repeats.
 */
export function withIds(choices: readonly Omit<InterpreterChoice, 'id'>[]): InterpreterChoice[] {
  const used = new Set<string>();
  return choices.map((c) => {
    let id = baseId(c);
    if (used.has(id)) id = baseId(c, true);
    for (let n = 2; used.has(id); n++) id = `${baseId(c, true)}#${n}`;
    used.add(id);
    return { ...c, id };
  });
}

/** The explicit entries as choices, the same entry twice counted once ("auto" is expanded by the caller). */
export function parseInterpreterList(entries: readonly string[]): Omit<InterpreterChoice, 'id'>[] {
  const seen = new Set<string>();
  const out: Omit<InterpreterChoice, 'id'>[] = [];
  for (const raw of entries) {
    const entry = raw.trim().replace(/\s+/g, ' ');
    if (!entry || seen.has(entry)) continue;
    seen.add(entry);
    out.push(parseEntry(entry));
  }
  return out;
}
