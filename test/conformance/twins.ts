/**
 * The two runners under the conformance suite, and how each names the twin fixtures' functions. Everything a case
 * needs to differ on lives here; the cases themselves are one list for both.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { RunnerSpec } from '../../src/engine/runners/runnerSpec';
import { nodeRunner } from '../../src/engine/runners/node';
import { pythonRunner } from '../../src/engine/runners/python';
import { ROOT } from '../support/cli';

/** The twin fixtures' functions, by their role (each fixture spells them in its language's style). */
export type TwinFunction = 'square' | 'failsOnTwo' | 'nap' | 'makeAdder' | 'kind' | 'noisy';

/** Which runner a twin is. */
export type TwinLanguage = 'python' | 'node';

/** One runner under test with its fixture. */
export interface Twin {
  language: TwinLanguage;
  /** The engine's spec that starts this runner. */
  spec(): RunnerSpec;
  /** Absolute path of the fixture module. */
  file: string;
  /** The fixture's name for each role. */
  fn: Record<TwinFunction, string>;
  /** An --args expression whose second task passes a function, which cannot cross a process boundary. */
  uncrossableArgs: string;
}

const python = process.env.PARPROF_PYTHON ?? 'python3';

/** Both runners; the Node runner is dist/nodeRunner.js (build with `node esbuild.mjs` first). */
export const TWINS: readonly Twin[] = [
  {
    language: 'python',
    spec: () => pythonRunner({ python }),
    file: path.join(ROOT, 'test', 'fixtures', 'python', 'conformance.py'),
    fn: { square: 'square', failsOnTwo: 'fails_on_two', nap: 'nap', makeAdder: 'make_adder', kind: 'kind', noisy: 'noisy' },
    uncrossableArgs: '[1, lambda: 1]',
  },
  {
    language: 'node',
    spec: () => nodeRunner(),
    file: path.join(ROOT, 'test', 'fixtures', 'node', 'conformance.mjs'),
    fn: { square: 'square', failsOnTwo: 'failsOnTwo', nap: 'nap', makeAdder: 'makeAdder', kind: 'kind', noisy: 'noisy' },
    uncrossableArgs: '[1, () => 1]',
  },
];

/** 1-based line of the first fixture line that matches: where a runner must say a function or a raise is. */
export function fixtureLine(twin: Twin, pattern: RegExp): number {
  const index = readFileSync(twin.file, 'utf8').split('\n').findIndex((line) => pattern.test(line));
  if (index < 0) throw new Error(`${twin.file} has no line matching ${pattern}`);
  return index + 1;
}

/** The line that defines a role's function (`def name(` or `function name(`, async or not, exported or not). */
export function definitionLine(twin: Twin, role: TwinFunction): number {
  return fixtureLine(twin, new RegExp(`^(export )?(async )?(def|function) ${twin.fn[role]}\\(`));
}
