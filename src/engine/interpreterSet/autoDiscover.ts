/**
 * `--python auto`: every Python 3 interpreter on PATH (python3, pypy3, python3.13t, python3.14t, python3.X), each
 * once. Every PATH folder is read, not only the first match of a name, so a system python3 that a pyenv or venv
 * python3 shadows is found too (it often has other packages installed). Two names for one interpreter (a shim and
 * its target, python3 and python3.11) count once: they probe to the same real executable.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { InterpreterChoice } from './choice';
import { probeInterpreter, type ProbeResult } from './probe';
import { PROBE_CONCURRENCY } from '../analysis/thresholds';

/** Names `auto` looks for. */
export const AUTO_NAME = /^(python3(\.\d+)?t?|pypy3(\.\d+)?)$/;

/** What auto discovery found, and what it left out with the reason. */
export interface Discovery {
  choices: Omit<InterpreterChoice, 'id'>[];
  /** Found on PATH but not profiled: "python3.12: it said "pyenv: python3.12: command not found"". */
  leftOut: { command: string; reason: string }[];
}

/** A name's place in the report: python3 first (the reference), then PyPy, free-threaded builds, versioned names. */
function rank(name: string): number[] {
  const version = /(\d+)(?:\.(\d+))?/.exec(name.replace(/^python|^pypy/, ''));
  const minor = version?.[2] ? Number(version[2]) : 0;
  if (name === 'python3') return [0, 0];
  if (name === 'pypy3') return [1, -1000];
  if (name.startsWith('pypy3')) return [1, -minor];
  if (name.endsWith('t')) return [2, -minor];
  return [3, -minor];
}

function compareRank(a: string, b: string): number {
  const [x, y] = [rank(a), rank(b)];
  return x[0] - y[0] || x[1] - y[1] || a.localeCompare(b);
}

/**
 * Every candidate file on PATH, as full paths (the harness must run what was probed, whatever PATH it inherits):
 * each name's first match, which is what a shell runs, comes before the later ones it shadows.
 */
export function candidatesOnPath(pathEnv: string | undefined): string[] {
  const found: { name: string; command: string; order: number }[] = [];
  const dirs = [...new Set((pathEnv ?? '').split(path.delimiter).filter(Boolean))];
  dirs.forEach((dir, order) => {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names.filter((n) => AUTO_NAME.test(n)).sort()) {
      const file = path.join(dir, name);
      try {
        fs.accessSync(file, fs.constants.X_OK);
        if (!fs.statSync(file).isFile()) continue;
      } catch {
        continue;
      }
      found.push({ name, command: file, order });
    }
  });
  // One file under several names (/bin is often /usr/bin; python3 links to python3.11) is probed once, by its best
  // name.
  const files = new Set<string>();
  return found.sort((a, b) => compareRank(a.name, b.name) || a.order - b.order).map((f) => f.command).filter((c) => {
    const real = realpath(c);
    if (files.has(real)) return false;
    files.add(real);
    return true;
  });
}

function realpath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

/** Runs `work` over `items` with at most `limit` at a time, keeping the order of the results. */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await work(items[i]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/** The free-threaded build twice, as PYTHON_GIL=0 and PYTHON_GIL=1: the same interpreter without and with the GIL. */
export function variantsOf(command: string, probe: ProbeResult): Omit<InterpreterChoice, 'id'>[] {
  if (!probe.freeThreaded) return [{ requested: command, command, variables: {} }];
  return ['0', '1'].map((gil) => ({
    requested: `PYTHON_GIL=${gil} ${command}`, command, variables: { PYTHON_GIL: gil },
  }));
}

/** Probes every candidate (in parallel: each is one interpreter start-up) and keeps one choice per real interpreter. */
export async function discoverInterpreters(env: NodeJS.ProcessEnv = process.env): Promise<Discovery> {
  const commands = candidatesOnPath(env.PATH);
  // Probed with the caller's environment (a pyenv shim reads PYENV_VERSION from it), a few at a time: a pyenv shim
  // is a shell script that takes seconds to start on a busy machine, and sixteen at once would all time out.
  const probes = await mapLimited(commands, PROBE_CONCURRENCY, (c) => probeInterpreter(c, env));
  const choices: Omit<InterpreterChoice, 'id'>[] = [];
  const leftOut: Discovery['leftOut'] = [];
  const seen = new Map<string, string>();
  commands.forEach((command, i) => {
    const p = probes[i];
    if ('error' in p) return void leftOut.push({ command, reason: p.error });
    if (p.major !== 3) {
      return void leftOut.push({ command, reason: `${p.implementation} ${p.version} is not Python 3` });
    }
    const key = p.executable;
    const same = seen.get(key);
    if (same) return; // another name for an interpreter already chosen: not worth a line
    seen.set(key, command);
    for (const item of variantsOf(command, p)) choices.push(item);
  });
  return { choices, leftOut };
}
