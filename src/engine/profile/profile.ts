import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Report, Target } from '../../contracts/report';
import { DEFAULTS } from './plan';
import { InputError, type ProfileHooks, type ProfileRequest } from '../request';
import { acquireProfileLock } from '../platform/lock';
import { comparesInterpreters } from '../interpreterSet/choice';
import { openScope, profileOne } from './profileOne';
import { profileInterpreters } from './profileInterpreters';

/**
 * Profile one function: warm up, sweep every applicable strategy and worker count with interleaved repeats, sample
 * every core, then analyse and recommend. Returns a Report even when runs fail or the user cancels (with what
 * finished); throws InputError for the user's mistakes (missing file or function, bad args, unusable interpreter).
 */
export async function profile(req: ProfileRequest, hooks: ProfileHooks = {}): Promise<Report> {
  const file = path.resolve(req.file);
  if (!fs.existsSync(file)) throw new InputError(`file not found: ${req.file}`);
  const language = languageOf(file);
  // One profile per machine at a time: two sweeps on the same cores would corrupt each other's measurements.
  const lock = req.lock === 'off' ? null : await acquireProfileLock({
    wait: req.lock !== 'fail',
    target: `${path.basename(file)}:${req.function}`,
    signal: hooks.signal,
    onWait: (holder) => {
      hooks.onLockWait?.(holder);
      hooks.onProgress?.({ message: `${lockWaitMessage(holder)}`, done: 0, total: 1 });
    },
  });
  try {
    const report = await profileLocked(req, hooks, file, language);
    if (lock?.waitedFor) {
      report.warnings.unshift({ code: 'waited', message: `waited ${lock.waited.toFixed(1)} s for another profile (pid ${lock.waitedFor.pid}) to finish first` });
    }
    return report;
  } finally {
    lock?.release();
  }
}

/** "another profile is running (pid N, file.py:f); waiting…": what a queued profile tells the user. */
export function lockWaitMessage(holder: { pid: number; target?: string }): string {
  return `another profile is running (pid ${holder.pid}${holder.target ? `, ${holder.target}` : ''}); waiting…`;
}

async function profileLocked(req: ProfileRequest, hooks: ProfileHooks, file: string, language: Target['language']): Promise<Report> {
  const scope = openScope(req, hooks, file, language);
  // Comparing interpreters is a Python question (JavaScript has one runner); one interpreter keeps today's path.
  if (language === 'python' && comparesInterpreters(req.python)) return profileInterpreters(scope, req.python);
  const python = typeof req.python === 'string' ? req.python : req.python?.[0];
  const one = await profileOne(scope, { python: python ?? DEFAULTS.python, budget: scope.settings.budget, since: 0 });
  const captured = scope.output.result();
  if (captured) one.report.output = captured;
  return one.report;
}

/** The language of a source file, from its extension; InputError for anything else. */
export function languageOf(file: string): Target['language'] {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.py') return 'python';
  if (['.js', '.mjs', '.cjs'].includes(ext)) return 'javascript';
  if (['.ts', '.mts', '.cts'].includes(ext)) return 'typescript';
  throw new InputError(`${path.basename(file)}: cannot profile ${ext || 'extension-less'} files (Python .py, JavaScript .js/.mjs/.cjs, TypeScript .ts/.mts/.cts)`);
}

