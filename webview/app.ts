/**
 * Lays out a Report: header, the one-line answer, timelines, scaling chart and table, the verdict's
 * details, problems. Holds the selected run; everything else is a pure function of the Report.
 */
import type { Report, Run } from '../src/contracts/report';
import { clear, el } from './dom';
import { header } from './header';
import type { Host } from './host';
import { problemsSection } from './problems/problems';
import { answerCard } from './recommendation/answerLine';
import { verdictCard } from './recommendation/verdictCard';
import { scalingChart } from './charts/scalingChart';
import { scalingTable, type ScalingTable } from './table/scalingTable';
import { TimelinesSection } from './timeline/timelines';
import { isRecommendedRun } from './recommendedRun';
import { interpretersCard } from './interpreters/interpretersCard';

/** The rendered page for one report at a time. */
export class App {
  private report: Report | null = null;
  private table: ScalingTable | null = null;
  private readonly timelines = new TimelinesSection();
  private readonly notice = el('div', { class: 'notice', role: 'status', hidden: true });

  constructor(private readonly root: HTMLElement, private readonly host: Host) {
    root.dataset.mode = host.mode;
  }

  /** The report on screen, if any. */
  get current(): { report: Report; runId: string | undefined } | null {
    return this.report ? { report: this.report, runId: this.timelines.element.dataset.runId } : null;
  }

  /** Draws `report`, showing `runId` (default: the recommended run) in the timelines. */
  show(report: Report, runId?: string): void {
    this.report = report;
    clear(this.root);
    this.table = scalingTable(report, (id) => this.selectRun(id, true));
    const problems = problemsSection(report, this.host);
    // The answer first, then the measurements that show it (timelines, scaling), then the details behind it.
    this.root.append(
      header(report, this.host),
      this.notice,
      answerCard(report, this.host),
      this.timelines.element,
      el('section', { class: 'card scaling', id: 'scaling', 'aria-labelledby': 'scaling-title' },
        el('h2', { id: 'scaling-title' }, 'Scaling'),
        el('div', { class: 'scaling-grid' }, scalingChart(report), this.table.element)),
      // A comparison of interpreters: each one's environment, imports, baseline and warm-up (absent otherwise).
      interpretersCard(report) ?? '',
      verdictCard(report, this.host),
      problems ?? '',
    );
    this.selectRun(pickRun(report, runId)?.id, false);
    this.root.dataset.state = 'ready';
  }

  /** Selects a run (from the table, the extension or restored state); `fromUser` tells the host. */
  selectRun(runId: string | undefined, fromUser: boolean): void {
    const report = this.report;
    const run = report?.runs.find((r) => r.id === runId);
    if (!report || !run) return;
    this.table?.select(run.id);
    this.timelines.show(report, run);
    if (fromUser) this.host.selectRun(run.id);
    this.host.saveState({ version: 1, report, runId: run.id });
  }

  /** Shows a short status line from the extension. */
  showNotice(level: 'info' | 'error', text: string): void {
    this.notice.textContent = text;
    this.notice.className = `notice notice-${level}`;
    this.notice.hidden = false;
  }

  /** Redraws canvases with the new theme's colours. */
  themeChanged(): void {
    this.timelines.themeChanged();
  }
}

/** The run to show first: the one asked for, else the recommended one, else the fastest measured, else the first. */
function pickRun(report: Report, runId?: string): Run | undefined {
  const rec = report.recommendation;
  return (
    report.runs.find((r) => r.id === runId) ??
    report.runs.find((r) => isRecommendedRun(r, rec)) ??
    report.runs.filter((r) => r.status === 'ok').sort((a, b) => b.speedup - a.speedup)[0] ??
    report.runs[0]
  );
}
