/**
 * Engine messages that point at a fix name the option in the front end's own words: the CLI says "--budget", the
 * extension names its setting. The engine never spells a flag; it asks an OptionNamer the caller passes in.
 */

import type { OptionName } from '../../contracts/codes';

export type { OptionName } from '../../contracts/codes';

/** How a front end names an option ("--budget", "the Budget Seconds setting"). */
export type OptionNamer = (option: OptionName) => string;

/** Names for callers that pass none (tests, library use): plain words. */
export const NEUTRAL_OPTIONS: OptionNamer = (option) => ({
  python: 'the Python interpreter option',
  budget: 'the profiling budget',
  timeout: 'the run timeout',
  memoryLimit: 'the memory limit',
  args: 'the task arguments',
  repeats: 'the repeat count',
  workers: 'the worker counts',
  strategies: 'the strategy list',
})[option];

/** The CLI's names: its flags. */
export const CLI_OPTIONS: OptionNamer = (option) => ({
  python: '--python',
  budget: '--budget',
  timeout: '--timeout',
  memoryLimit: '--memory-limit',
  args: '--args',
  repeats: '--repeats',
  workers: '--workers',
  strategies: '--strategies',
})[option];

/** "raise --budget", "pass --python /path/to/python3": a fix in the caller's words. */
export function optionHint(names: OptionNamer, option: OptionName, verb: 'raise' | 'lower' | 'pass', example?: string): string {
  return `${verb} ${names(option)}${example ? ` ${example}` : ''}`;
}
