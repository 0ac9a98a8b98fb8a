/**
 * What belongs to the report's language: its strategies, whether the GIL and chunk sizes mean anything,
 * and the names a user of that language knows each strategy by. Presentation only: the Report decides
 * what was measured, this decides what is worth showing and in whose words.
 */
import type { Report, Run, StrategyName, Target } from '../src/contracts/report';

/**
 * The strategies that exist in the report's language, in report order: the engine lists them in the Report
 * (`strategies`); older reports lack the list, and there a run the runtime could not have is one whose skip reason
 * says so (DESIGN.md §4: `interpreters` and `dask` are Python-only, and listed as skipped in a JavaScript report).
 */
export function strategiesOf(report: Report): readonly StrategyName[] {
  if (report.strategies) return report.strategies;
  const exists = (r: Run) => !(r.status === 'skipped' && /^not available for /.test(r.reason ?? ''));
  return [...new Set(report.runs.filter(exists).map((r) => r.strategy))];
}

/** True for Python reports: the only language where the GIL, chunk sizes and GIL hand-offs mean anything. */
export function isPython(report: Report): boolean {
  return report.target.language === 'python';
}

/** The runs worth a row: every run whose strategy exists in the report's language. */
export function shownRuns(report: Report): Run[] {
  const own = strategiesOf(report);
  return report.runs.filter((r) => own.includes(r.strategy));
}

/** A strategy and worker count as the table writes it: "threads ×2", or "pypy3 · threads ×2" in a comparison. */
export function runLabel(run: Pick<Run, 'strategy' | 'workers'> & { interpreter?: string }): string {
  return `${run.interpreter ? `${run.interpreter} · ` : ''}${run.strategy} ×${run.workers}`;
}

/**
 * The construct a user of the language would write for `strategy` with `workers` workers, e.g.
 * "ProcessPoolExecutor(max_workers=2)" or "piscina with 2 worker threads"; `code` marks text set in a code font.
 */
export function constructFor(language: Target['language'], strategy: StrategyName, workers: number, chunksize: number): { code: string; after: string } {
  const n = workers;
  if (language === 'python') {
    const chunk = chunksize > 1 ? ` with chunksize=${chunksize}` : '';
    switch (strategy) {
      case 'serial': return { code: '', after: 'the plain loop' };
      case 'threads': return { code: `ThreadPoolExecutor(max_workers=${n})`, after: '' };
      case 'processes': return { code: `ProcessPoolExecutor(max_workers=${n})`, after: chunk };
      case 'async': return { code: 'asyncio.gather', after: ` with ${n} at a time` };
      case 'interpreters': return { code: `InterpreterPoolExecutor(max_workers=${n})`, after: chunk };
      case 'dask': return { code: 'dask.distributed', after: ` with ${n} worker${n === 1 ? '' : 's'}${chunk}` };
    }
  }
  switch (strategy) {
    case 'serial': return { code: '', after: 'the plain loop' };
    case 'threads': return { code: 'piscina', after: ` with ${n} worker thread${n === 1 ? '' : 's'}` };
    case 'processes': return { code: 'child_process.fork', after: ` with ${n} child process${n === 1 ? '' : 'es'}` };
    case 'async': return { code: 'Promise.all', after: ` with ${n} at a time` };
    default: return { code: '', after: `${strategy} with ${n} workers` };
  }
}
