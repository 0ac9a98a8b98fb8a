/** A generated Report for paint benchmarks: one processes run with `tasks` short tasks, one core segment each. */
import type { CoreTimeline, Report, Run, TaskRecord } from '../src/contracts/report';

/** Builds a Report with `tasks` tasks over `cores` cores (one worker per core), each task one core segment. */
export function syntheticReport(tasks = 100_000, cores = 8): Report {
  const perWorker = Math.ceil(tasks / cores);
  const taskTime = 10 / perWorker; // every worker busy for about 10 s
  const records: TaskRecord[] = [];
  const timelines: CoreTimeline[] = Array.from(
    { length: cores }, (_, core) => ({ core, segments: [], utilisation: [] }),
  );
  for (let i = 0; i < tasks; i++) {
    const worker = i % cores;
    const k = Math.floor(i / cores);
    // Deterministic jitter so bars differ in width without a random generator.
    const start = 0.05 + k * taskTime + ((i * 7919) % 97) * 1e-7;
    const end = start + taskTime * (0.55 + ((i * 104729) % 40) / 100);
    records.push({ index: i, start, end, cpu: (end - start) * 0.97, worker, pid: 5000 + worker, tid: 5000 + worker });
    timelines[worker].segments.push({ start, end, run: 'processes-8', pid: 5000 + worker, tid: 5000 + worker, worker });
  }
  for (const t of timelines) for (let s = 0; s < 10.2; s += 0.1) t.utilisation.push({ t: s, busy: 0.9 });
  const zero = {
    startup: 0.05, shutdown: 0.01, queueWait: 0, argBytes: 0, resultBytes: 0, serialization: 0, total: 0.1,
  };
  const est = (m: number) => ({ median: m, ci95: [m * 0.98, m * 1.02] as [number, number], samples: [m] });
  const run = (id: string, strategy: Run['strategy'], workers: number, wall: number, t: TaskRecord[]): Run => ({
    id, strategy, workers, chunksize: 1, mechanism: strategy, status: 'ok', wall: est(wall), user: wall * workers, sys: 0.1,
    speedup: 80 / wall, efficiency: 80 / wall / workers, parallelism: workers, overhead: zero, tasks: t,
    window: { start: 0, end: 10.2 }, repeats: 1, error: null,
  });
  return {
    schemaVersion: 1,
    tool: { name: 'parallelism-profiler', version: 'bench' },
    createdAt: new Date(0).toISOString(),
    duration: 10.2,
    target: { language: 'python', file: '/bench/synthetic.py', function: 'tiny', args: null, tasks, isAsync: false },
    environment: { platform: 'linux', arch: 'x64', logicalCores: cores, physicalCores: cores, cpuModel: 'synthetic', interpreter: 'python3',
      version: 'CPython 3.11', implementation: 'CPython', gilEnabled: true },
    settings: { strategies: ['serial', 'processes'], workers: [1, cores], repeats: 1, budget: 60, timeout: 60, samplerHz: 100 },
    runs: [run('serial', 'serial', 1, 80, []), run('processes-8', 'processes', cores, 10.2, records)],
    cores: timelines,
    classification: { kind: 'cpu-bound', cpuRatio: 0.97, gilBound: true, evidence: ['synthetic'], summary: 'synthetic' },
    model: { strategy: 'processes', serialFraction: 0, usl: { sigma: 0, kappa: 0 }, projection: [], peakWorkers: null, points: [] },
    recommendation: { strategy: 'processes', workers: cores, chunksize: 1, expectedSpeedup: 7.8, expectedSpeedupCi95: [7.6, 8], confidence: 'high',
      confidenceReason: 'synthetic', headline: 'synthetic', reasons: [], snippet: '' },
    warnings: [],
    errors: [],
  };
}
