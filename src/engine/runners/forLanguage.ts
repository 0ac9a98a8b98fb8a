/** Which runner profiles a language: the one place a language is mapped to its runner. */
import type { Target } from '../../contracts/report';
import type { OptionNamer } from '../report/messages';
import { nodeRunner } from './node';
import { pythonRunner } from './python';
import type { RunnerSpec } from './runnerSpec';

/** What choosing a runner may need. */
export interface RunnerChoice {
  python: string;
  memoryLimitMb?: number;
  options?: OptionNamer;
  /** Environment variables of an interpreter variant (PYTHON_GIL=0). */
  variables?: Record<string, string>;
}

/** The runner spec for a target language: Python's harness, or the Node runner for JavaScript and TypeScript. */
export function runnerFor(language: Target['language'], choice: RunnerChoice): RunnerSpec {
  return language === 'python' ? pythonRunner(choice) : nodeRunner();
}
