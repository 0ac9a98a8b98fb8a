/**
 * The chart's series: one per strategy, or, in a report that compares interpreters, one per interpreter and
 * strategy, plotted against the reference interpreter's serial run so the interpreters share one scale.
 */
import type { Report, Run, StrategyName } from '../../src/contracts/report';
import { shownRuns } from '../language';

/** One line of the chart. */
export interface Series {
  /** Legend and tooltip name: "threads", or "pypy3 · threads". */
  name: string;
  strategy: StrategyName;
  /** Interpreter id, in a comparison. */
  interpreter?: string;
  /** 0-based position of the interpreter in the report (the line's dash pattern); 0 for single reports. */
  interpreterIndex: number;
  /** Measured points, by worker count. */
  points: { run: Run; workers: number; speedup: number }[];
}

/** True when the chart plots speedups against the reference serial run. */
export function againstReference(report: Report): boolean {
  return !!report.interpreters?.length;
}

/** Groups the measured runs into series, in report order, serial ones last. */
export function chartSeries(report: Report): Series[] {
  const vsRef = againstReference(report);
  const order = (report.interpreters ?? []).map((i) => i.id);
  const out = new Map<string, Series>();
  for (const run of shownRuns(report)) {
    const speedup = vsRef ? run.speedupVsReference : run.speedup;
    if (run.status !== 'ok' || speedup === undefined || !Number.isFinite(speedup) || speedup <= 0) continue;
    const key = `${run.interpreter ?? ''}\u0000${run.strategy}`;
    let s = out.get(key);
    if (!s) {
      s = {
        name: run.interpreter ? `${run.interpreter} · ${run.strategy}` : run.strategy,
        strategy: run.strategy,
        ...(run.interpreter ? { interpreter: run.interpreter } : {}),
        interpreterIndex: Math.max(0, order.indexOf(run.interpreter ?? '')),
        points: [],
      };
      out.set(key, s);
    }
    s.points.push({ run, workers: run.workers, speedup });
  }
  for (const s of out.values()) s.points.sort((a, b) => a.workers - b.workers);
  // Serial last, drawn as a ring on top: at 1 worker it sits where every strategy's ×1 point does.
  const serialLast = (s: Series) => Number(s.strategy === 'serial');
  return [...out.values()].sort((a, b) => serialLast(a) - serialLast(b));
}
