/** The Python runner: python/harness.py under the user's interpreter. */
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { installRoot } from '../platform/installRoot';
import { InputError } from '../request';
import { optionHint, type OptionNamer, NEUTRAL_OPTIONS } from '../report/messages';
import type { RunnerSpec, StartFailure } from './runnerSpec';

/** Where python/harness.py lives: beside dist/ in a build and the .vsix, beside src/ when run from source. */
export function harnessPath(): string {
  return path.join(installRoot(), 'python', 'harness.py');
}

/** Options of the Python runner. */
export interface PythonRunnerOptions {
  python: string;
  /** Per-process memory ceiling in MB for the harness and its pool workers (0 or unset: none). */
  memoryLimitMb?: number;
  /** How the front end names its options, for the fixes messages suggest. */
  options?: OptionNamer;
  /** Environment variables of an interpreter variant (PYTHON_GIL=0), set for the harness and so its pool workers. */
  variables?: Record<string, string>;
}

/** The spec that starts python/harness.py with `python`. */
export function pythonRunner(opts: PythonRunnerOptions): RunnerSpec {
  const { python } = opts;
  const options = opts.options ?? NEUTRAL_OPTIONS;
  const choose = optionHint(options, 'python', 'pass', '/path/to/python3');
  return {
    tag: 'python',
    processName: 'Python process',
    executable: python,
    command() {
      const env: NodeJS.ProcessEnv = { PYTHONUTF8: '1', PYTHONUNBUFFERED: '1', PYTHONIOENCODING: 'utf-8' };
      // The harness applies it with setrlimit before importing user code; pool workers inherit it (memlimit.py).
      if (opts.memoryLimitMb) env.PARPROF_MEMORY_LIMIT_MB = String(Math.round(opts.memoryLimitMb));
      Object.assign(env, opts.variables);
      return { file: python, args: ['-X', 'utf8', '-u', harnessPath()], env };
    },
    async startError(f: StartFailure) {
      if (f.kind === 'spawn') {
        if (f.error.code === 'ENOENT') return new InputError(`Python interpreter not found: ${python} (install Python 3 or ${choose})`);
        if (isDirectory(python)) {
          return new InputError(`${python} is a directory, not a Python interpreter: pass the executable, e.g. ${path.join(python, 'bin', 'python3')}`);
        }
        return new InputError(`cannot start Python interpreter ${python}: ${f.error.message}`);
      }
      const version = await probeVersion(python);
      if (version && !/^Python 3\./.test(version)) return new InputError(`${python} is ${version}; Python 3 is required (${choose})`);
      // CPython's start-up failures ("Fatal Python error: ...") put the cause first and the state after it.
      const fatal = f.stderr?.split('\n').find((l) => /^Fatal Python error:/.test(l.trim()))?.trim();
      if (fatal) return new InputError(`${python} could not start: ${fatal.slice(0, 300)}`);
      return new InputError(
        `${python} is not a usable Python 3 interpreter` + (f.said ? `: it said "${f.said.trim().slice(0, 200)}"` : ' (no answer)') +
          (version ? ` (\`--version\` says "${version}")` : ''),
      );
    },
    checkHello(hello) {
      if (Number(hello.version.split('.')[0]) < 3) throw new InputError(`${python} is Python ${hello.version}; Python 3 is required`);
    },
    signalHint: (signal) => {
      if (signal === 'SIGKILL') {
        return `; nothing in the profiler sent SIGKILL here: the kernel's OOM killer is the usual sender (${optionHint(options, 'memoryLimit', 'lower')})`;
      }
      return NATIVE_SIGNAL_HINTS[signal] ?? '';
    },
  };
}

/** What a signal usually means for a process running native code, so a crash message says where to look. */
export const NATIVE_SIGNAL_HINTS: Record<string, string> = {
  SIGSEGV: '; a segmentation fault is an invalid memory access in C code (ctypes, an extension module)',
  SIGABRT: '; SIGABRT comes from os.abort() or a failed assertion in C code',
  SIGBUS: '; a bus error is a bad memory access in C code',
};

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** `<python> --version` in a few words ("Python 2.7.18"), or null: names what a refused interpreter actually is. */
function probeVersion(python: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(python, ['--version'], { timeout: 3000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 }, (_err, stdout, stderr) => {
      // Python 2 prints its version on stderr, Python 3 on stdout.
      const line = `${stdout}\n${stderr}`.split('\n').map((l) => l.trim()).find((l) => /^(Python|PyPy)\s+\d/i.test(l));
      resolve(line ? line.slice(0, 100) : null);
    });
  });
}
