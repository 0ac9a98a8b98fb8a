import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { RunnerProcess } from '../runners/driver';
import { pythonRunner } from '../runners/python';
import type { FunctionInfo } from './functionInfo';
import { InputError } from '../request';
import { JsSyntaxError } from './javascript/tokens';
import { scanJsFunctions } from './javascript/functions';

export type { FunctionInfo } from './functionInfo';

const JS_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];

/**
 * List a file's top-level functions without running it, so code lenses work without any language server.
 * Python: Python's own `ast` (through the harness). JavaScript/TypeScript: the exported functions, from a token scan
 * in this process (javascript/functions.ts), since only exported functions can be imported by a worker. A file that
 * does not parse yields an InputError naming the line.
 */
export async function discoverFunctions(file: string, python = 'python3'): Promise<FunctionInfo[]> {
  if (JS_EXTENSIONS.includes(path.extname(file).toLowerCase())) return discoverJs(file);
  const harness = await RunnerProcess.start(pythonRunner({ python }));
  try {
    const answer = await harness.discover(file);
    if (answer.error) {
      const where = answer.error.line ? `${file}:${answer.error.line}` : file;
      throw new InputError(`${answer.error.type} in ${where}: ${answer.error.message}`);
    }
    return answer.functions;
  } finally {
    await harness.close();
  }
}

async function discoverJs(file: string): Promise<FunctionInfo[]> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return scanJsFunctions(text).exported;
  } catch (e) {
    if (e instanceof JsSyntaxError) throw new InputError(`SyntaxError in ${file}:${e.line}: ${e.message}`);
    throw e;
  }
}
