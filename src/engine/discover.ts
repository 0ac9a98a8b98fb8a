import { PythonHarness } from './pythonDriver';
import { InputError } from './request';

/** A top-level function found in a source file (1-based lines). */
export interface FunctionInfo {
  name: string;
  line: number;
  endLine: number;
  params: string[];
  isAsync: boolean;
}

/**
 * List a Python file's top-level functions with Python's own `ast` (through the harness), so code lenses work without
 * any language server. Nothing in the file is executed. A file that does not parse yields an InputError naming the line.
 */
export async function discoverFunctions(file: string, python = 'python3'): Promise<FunctionInfo[]> {
  const harness = await PythonHarness.start({ python });
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
