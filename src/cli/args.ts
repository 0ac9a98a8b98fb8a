import { parseArgs } from 'node:util';
import {
  InputError, isStrategyName, splitInterpreterList, strategyNames, type ProfileRequest, type StrategyName,
} from '../engine';
import { compareFrom, GATE_FLAG_NAMES, GATE_FLAGS, gateFrom, type CompareCliOptions, type GateCliOptions } from './gateArgs';

/** Parsed `profile` command line: the engine request plus what to write where. */
export interface CliOptions {
  command: 'profile';
  request: ProfileRequest;
  json?: string;
  html?: string;
  trace?: string;
  quiet: boolean;
  /** --baseline FILE and the gate flags: compare the new report with the baseline and exit 4 on a regression. */
  gate?: GateCliOptions & { baseline: string };
}

/** The usage text printed by --help and after a usage error. */
export const USAGE = `usage: parallelism-profiler profile <file>:<function> [--args EXPR] [--tasks N]
    [--strategies serial,threads,processes,async,interpreters,dask] [--workers 1,2,4] [--repeats N]
    [--budget SECONDS] [--timeout SECONDS] [--python PATH[,PATH...]|auto] [--sampler-hz HZ] [--memory-limit MB]
    [--no-wait] [--no-early-stop] [--scheduler tcp://HOST:PORT] [--project-workers N]
    [--json FILE] [--html FILE] [--trace FILE] [--quiet]
    [--baseline REPORT.json [--max-slowdown 10%] [--fail-on-strategy-change] [--summary FILE.md] [--junit FILE.xml]]
   or: parallelism-profiler compare BASELINE.json CURRENT.json [--max-slowdown 10%] [--fail-on-strategy-change]
    [--summary FILE.md] [--junit FILE.xml] [--quiet]

  --args EXPR      task arguments: a Python expression evaluated in the module's namespace that yields a list of
                   tuples, e.g. "[(0, 10**6), (10**6, 2*10**6)]". Without it, a function with no parameters is called
                   --tasks times (default 8).
  --python LIST    the interpreter, or several to compare in one report: "python3,pypy3" (the first one's serial run
                   is the reference), "auto" for every Python 3 on PATH; "PYTHON_GIL=0 python3.13t" runs a variant.
  --budget S       seconds the whole profile may take (default 60); --timeout S stops one hung run (default 60).
  --memory-limit MB  memory ceiling per process (the harness and each pool worker), default 2048 or half the RAM;
                   0 turns it off. A task that passes it fails with "out of memory (limit N MB)".
  --scheduler ADDR  run the dask strategy on the existing Dask cluster at ADDR (tcp://host:port): the sweep uses
                   1, 2, 4 … of its workers, never more than it has, and leaves it as found. Without it, dask starts a
                   LocalCluster of single-threaded worker processes per worker count. connecting may take half of
                   --timeout (at most 20 s).
  --project-workers N  project dask's speedup to a cluster of N workers from the scaling fit of the workers measured
                   (an extrapolation, labelled as one; at most the task count).
  --no-wait        fail at once (exit 2) instead of waiting while another profile runs on this machine.
  --no-early-stop  measure every configuration to the end, even one already 10× slower than the best (the full
                   curve; by default such a run is stopped and reported as stopped).
  --json/--html/--trace FILE   write the Report as JSON, a self-contained HTML page, or a Chrome trace (Perfetto).

  compare, and profile --baseline: compare with a baseline report (a --json of the same function).
  --max-slowdown P  fail (exit 4) when the best configuration's wall time is more than P percent slower than the
                   baseline's AND the two 95% intervals do not overlap (default 10%).
  --fail-on-strategy-change   also fail when the recommended strategy changed (it is always reported).
  --summary FILE   write a Markdown summary (for a CI job summary); --junit FILE a JUnit XML file, one test case per
                   function. compare --quiet prints only the PASS/FAIL line.

exit codes: 0 report made (and no regression); 2 bad input; 3 the workload failed under every strategy;
4 slower than the baseline beyond the threshold and the noise; 130 cancelled.`;

function positiveNumber(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InputError(`--${name} must be a positive number, got "${v}"`);
  return n;
}

function positiveInt(name: string, v: string | undefined): number | undefined {
  const n = positiveNumber(name, v);
  if (n !== undefined && !Number.isInteger(n)) throw new InputError(`--${name} must be a whole number, got "${v}"`);
  return n;
}

/** Parse `profile <file>:<function> ...` or `compare A B ...`; InputError (exit 2) on anything malformed. */
export function parseCli(argv: string[]): CliOptions | CompareCliOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        args: { type: 'string' }, tasks: { type: 'string' }, strategies: { type: 'string' }, workers: { type: 'string' },
        repeats: { type: 'string' }, budget: { type: 'string' }, timeout: { type: 'string' }, python: { type: 'string' },
        'sampler-hz': { type: 'string' }, json: { type: 'string' }, html: { type: 'string' }, trace: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' }, help: { type: 'boolean', short: 'h' },
        'memory-limit': { type: 'string' }, 'no-wait': { type: 'boolean' }, 'no-early-stop': { type: 'boolean' },
        scheduler: { type: 'string' }, 'project-workers': { type: 'string' },
        baseline: { type: 'string' }, ...GATE_FLAGS,
      },
    });
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  const { values: v, positionals } = parsed;
  if (v.help) return 'help';
  const [command, spec, ...extra] = positionals;
  if (command === 'compare') return compareFrom(v, positionals.slice(1));
  if (command !== 'profile') throw new InputError(command ? `unknown command "${command}" (the commands are "profile" and "compare")` : 'missing command "profile" or "compare"');
  if (!spec) throw new InputError('missing <file>:<function>, e.g. examples/sum_range.py:sum_range');
  if (extra.length) throw new InputError(`unexpected argument "${extra[0]}" (quote --args expressions)`);
  const colon = spec.lastIndexOf(':');
  if (colon <= 0 || colon === spec.length - 1) throw new InputError(`"${spec}" is not <file>:<function>, e.g. examples/sum_range.py:sum_range`);
  const strategies = v.strategies?.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of strategies ?? []) {
    if (!isStrategyName(s)) throw new InputError(`unknown strategy "${s}" (choose from ${strategyNames().join(', ')})`);
  }
  const workers = v.workers?.split(',').map((w) => positiveInt('workers', w.trim())!);
  const memoryLimit = v['memory-limit'] === undefined ? undefined : Number(v['memory-limit']);
  if (memoryLimit !== undefined && !(Number.isInteger(memoryLimit) && memoryLimit >= 0)) {
    throw new InputError(`--memory-limit must be a whole number of MB (0 for none), got "${v['memory-limit']}"`);
  }
  const samplerHz = v['sampler-hz'] === undefined ? undefined : Number(v['sampler-hz']);
  if (samplerHz !== undefined && !(samplerHz >= 0 && samplerHz <= 1000)) throw new InputError('--sampler-hz must be between 0 and 1000');
  const orphan = GATE_FLAG_NAMES.find((n) => v[n] !== undefined);
  if (orphan && v.baseline === undefined) throw new InputError(`--${orphan} needs --baseline REPORT.json (or use "compare BASELINE.json CURRENT.json")`);
  return {
    command: 'profile',
    request: {
      file: spec.slice(0, colon),
      function: spec.slice(colon + 1),
      args: v.args ?? null,
      tasks: positiveInt('tasks', v.tasks),
      strategies: strategies as StrategyName[] | undefined,
      workers,
      repeats: positiveInt('repeats', v.repeats),
      budget: positiveNumber('budget', v.budget),
      timeout: positiveNumber('timeout', v.timeout),
      python: v.python === undefined ? undefined : splitInterpreterList(v.python),
      samplerHz,
      memoryLimitMb: memoryLimit,
      lock: v['no-wait'] ? 'fail' : 'wait',
      ...(v['no-early-stop'] ? { earlyStop: false } : {}),
      ...(v.scheduler !== undefined ? { scheduler: schedulerAddress(v.scheduler) } : {}),
      ...(v['project-workers'] !== undefined ? { projectWorkers: positiveInt('project-workers', v['project-workers']) } : {}),
    },
    json: v.json,
    html: v.html,
    trace: v.trace,
    quiet: v.quiet ?? false,
    gate: v.baseline === undefined ? undefined : { baseline: v.baseline, ...gateFrom(v) },
  };
}

/** A scheduler address as Dask takes it: tcp://host:port (tls:// too); a bare host:port gets tcp://. */
function schedulerAddress(raw: string): string {
  const value = raw.trim();
  const full = /^[a-z]+:\/\//.test(value) ? value : `tcp://${value}`;
  if (!/^(tcp|tls):\/\/[^\s/:]+:\d+$/.test(full)) {
    throw new InputError(`--scheduler must be a Dask scheduler address like tcp://127.0.0.1:8786, got "${raw}"`);
  }
  return full;
}
