/**
 * A quick look at an interpreter before profiling with it: what it really is (the executable behind a shim or a
 * link), its implementation and version, and whether it is a free-threaded build. Used by `--python auto`.
 */
import { execFile } from 'node:child_process';
import { PROBE_TIMEOUT_S } from '../analysis/thresholds';

/** What one interpreter said about itself. */
export interface ProbeResult {
  /** Real path of sys.executable: two names for one interpreter probe the same. */
  executable: string;
  implementation: string;
  version: string;
  major: number;
  /** Built with Py_GIL_DISABLED (python3.13t and later): the GIL is off unless PYTHON_GIL=1 turns it on. */
  freeThreaded: boolean;
}


// Python 2 syntax too, so a Python 2 on PATH says what it is instead of failing to parse.
const PROBE = [
  'import json, os, platform, sys',
  'try:',
  '    import sysconfig',
  '    ft = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))',
  'except Exception:',
  '    ft = False',
  'print(json.dumps({"executable": os.path.realpath(sys.executable),',
  '    "implementation": platform.python_implementation(),',
  '    "version": platform.python_version(), "major": sys.version_info[0], "freeThreaded": ft}))',
].join('\n');

/** Runs `command -c PROBE`; the probe result, or the reason the command is no usable interpreter. */
export function probeInterpreter(
  command: string, env: NodeJS.ProcessEnv = process.env,
): Promise<ProbeResult | { error: string }> {
  return new Promise((resolve) => {
    const options = { timeout: PROBE_TIMEOUT_S * 1000, killSignal: 'SIGKILL' as const, maxBuffer: 256 * 1024, env };
    execFile(command, ['-c', PROBE], options,
      (err, stdout, stderr) => {
        const line = stdout.trim().split('\n').pop() ?? '';
        try {
          const parsed = JSON.parse(line) as ProbeResult;
          if (typeof parsed.executable === 'string' && typeof parsed.major === 'number') return resolve(parsed);
        } catch {
          // not JSON: fall through to the reason
        }
        const said = `${stderr}`.trim().split('\n').find((l) => l.trim()) ?? '';
        const why = (err as NodeJS.ErrnoException | null)?.code === 'ENOENT' ? 'not found'
          : err?.killed ? `no answer within ${PROBE_TIMEOUT_S} s`
            : said ? `it said "${said.trim().slice(0, 160)}"`
              : `exit code ${(err as { code?: number } | null)?.code ?? '?'}`;
        resolve({ error: why });
      });
  });
}
