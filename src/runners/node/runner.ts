/** The `run` command: check the strategy applies, run the tasks once, and build the `done` event. */
import { serialize, deserialize } from 'node:v8';
import type { DoneEvent, HarnessTask, PickleStats, RunCommand } from '../../contracts/runner';
import { runDelayNs } from './usage';
import { fail } from './errors';
import type { RunInput, StrategyModule } from './strategies/outcome';
import { STRATEGIES } from './strategies';
import type { Target } from './loader';
import { summariseTasks } from '../../engine/report/taskStats';

/** Throws RunnerFailure (kind 'run') when the strategy cannot run this target. */
export function checkApplicable(target: Target, strategy: string): StrategyModule {
  const plugin = STRATEGIES.get(strategy);
  // The engine only sends names of the Report contract; one without a module here is a Python-only strategy.
  if (!plugin) throw fail('run', 'NotApplicable', `${JSON.stringify(strategy)}: not available for JavaScript (no such strategy in the Node runner)`);
  const refusal = plugin.unavailable(target);
  if (refusal) throw refusal;
  return plugin;
}

function positive(cmd: RunCommand, key: 'workers' | 'chunksize' | 'taskLimit'): number {
  const v = cmd[key] ?? 1;
  if (!Number.isInteger(v) || v < 1) throw fail('internal', 'BadCommand', `run: ${key} must be a positive integer, got ${JSON.stringify(v)}`);
  return v;
}

/** Bytes and ns of a structured-clone round trip (v8 serialize + deserialize) of each value: what IPC copies cost. */
function cloneCost(values: unknown[]): { bytes: number; ns: number; failures: number } {
  let bytes = 0;
  let failures = 0;
  const t = process.hrtime.bigint();
  for (const v of values) {
    try {
      const data = serialize(v);
      deserialize(data);
      bytes += data.length;
    } catch {
      failures++;
    }
  }
  return { bytes, ns: Number(process.hrtime.bigint() - t), failures };
}

function cpuSeconds(): { user: number; sys: number; minor: number; major: number } {
  // RUSAGE_SELF: every thread of the runner, piscina workers included (those that ended, too).
  const u = process.resourceUsage();
  return { user: u.userCPUTime / 1e6, sys: u.systemCPUTime / 1e6, minor: u.minorPageFault, major: u.majorPageFault };
}

/** Defaults for a run past taskRecords when the command names no sample settings (the engine always does). */
const DEFAULT_SAMPLE = { size: 400, slowest: 50, segments: 16_000 };

/** Run every task once under cmd's strategy and return the `done` event. */
export async function runCommand(
  target: Target, cmd: RunCommand, emitWorkers: (pids: number[]) => void,
): Promise<DoneEvent> {
  const plugin = checkApplicable(target, cmd.strategy);
  const workers = positive(cmd, 'workers');
  const chunksize = positive(cmd, 'chunksize');
  const tasks = cmd.taskLimit !== undefined && cmd.taskLimit !== null ? target.tasks.slice(0, positive(cmd, 'taskLimit')) : target.tasks;
  const input: RunInput = {
    fn: target.fn, file: target.file, name: target.name, tasks, isCoroutine: target.isCoroutine, workers, chunksize,
    precompiled: target.precompiled, onWorkers: emitWorkers,
  };
  const cpu0 = cpuSeconds();
  const delay0 = runDelayNs();
  const out = await plugin.run(input);
  const delay1 = runDelayNs();
  const cpu1 = cpuSeconds();

  let firstFailure: DoneEvent['error'];
  const results: unknown[] = [];
  const taskRecords: HarnessTask[] = out.rows.map((r) => {
    const t: HarnessTask = {
      index: r.index, start: r.start, end: r.end, cpu: r.cpu, pid: r.pid, tid: r.tid, queueWait: r.queueWait,
    };
    if (r.elu !== undefined) t.elu = Math.round(r.elu * 1000) / 1000;
    if (r.ok) results.push(r.value);
    else {
      t.failed = true;
      firstFailure ??= { ...(r.error ?? { type: 'Error', message: 'task failed' }), taskIndex: r.index };
    }
    return t;
  });
  const event: DoneEvent = {
    type: 'done', id: String(cmd.id), t0: out.t0, tLast: out.tLast, t1: out.t1,
    user: cpu1.user - cpu0.user + (out.childCpu?.user ?? 0),
    sys: cpu1.sys - cpu0.sys + (out.childCpu?.sys ?? 0),
    workerPids: out.workerPids, tasks: taskRecords, mechanism: out.mechanism,
    faults: {
      minor: cpu1.minor - cpu0.minor + (out.childFaults?.minor ?? 0),
      major: cpu1.major - cpu0.major + (out.childFaults?.major ?? 0),
    },
  };
  const limit = cmd.taskRecords;
  if (limit !== undefined && limit !== null && taskRecords.length > limit) {
    // Past the limit the event carries aggregates, merged segments and a sample: a bounded line at any task count.
    const s = summariseTasks(taskRecords, out.t0, out.t1, { ...DEFAULT_SAMPLE, ...cmd.taskSample });
    event.tasks = s.tasks;
    event.taskStats = s.taskStats;
    event.taskSegments = s.taskSegments;
  }
  if (delay0 !== null && delay1 !== null) event.runDelay = delay1 - delay0;
  const error = out.error ?? firstFailure;
  if (error) event.error = error;
  if (cmd.measurePickle) {
    const a = cloneCost(tasks);
    const r = cloneCost(results);
    const pickle: PickleStats = {
      argBytes: a.bytes, resultBytes: r.bytes, argNs: a.ns, resultNs: r.ns, tasks: tasks.length,
    };
    if (a.failures + r.failures) pickle.unpicklable = a.failures + r.failures;
    event.pickle = pickle;
  }
  return event;
}
