/**
 * The timelines section: the per-core and per-worker canvases of the selected run, sharing one
 * visible range so zooming or panning either moves both.
 */
import type { Report, Run } from '../../src/contracts/report';
import { clear, el, userText } from '../dom';
import { seconds } from '../format';
import { TimelineCanvas } from './canvasView';
import { coreTimeline } from './coreTimeline';
import { WORKER_COLOURS } from './palette';
import { TimeViewport } from './viewport';
import { workersOf, workerTimeline } from './workerTimeline';

/** The section element and its canvases. */
export class TimelinesSection {
  /** The element to insert into the page; data-run-id names the run shown. */
  readonly element: HTMLElement;
  private readonly viewport = new TimeViewport();
  private readonly cores: TimelineCanvas;
  private readonly workers: TimelineCanvas;
  private readonly caption = el('p', { class: 'run-caption' });
  private readonly legend = el('div', { class: 'legend', 'aria-label': 'worker colours' });
  private readonly empty = el('p', { class: 'timeline-empty', hidden: true });
  private readonly body: HTMLElement;

  constructor() {
    this.cores = new TimelineCanvas(this.viewport, 'Per-core timeline', 'cores');
    this.workers = new TimelineCanvas(this.viewport, 'Per-worker task timeline', 'workers');
    this.body = el(
      'div',
      { class: 'timeline-body' },
      el('h3', {}, 'Per-core timeline'),
      el('p', { class: 'hint' }, 'One lane per logical core, coloured by worker; the strip under each lane is that core\u2019s utilisation. Wheel to zoom, drag to pan, double-click to reset.'),
      this.cores.element,
      el('h3', {}, 'Per-worker tasks'),
      this.workers.element,
      this.legend,
    );
    this.element = el('section', { class: 'card timelines', id: 'timelines', 'aria-labelledby': 'timelines-title' },
      el('h2', { id: 'timelines-title' }, 'Timelines'), this.caption, this.empty, this.body);
  }

  /** Shows `run` of `report`, resetting the zoom to the run's window. */
  show(report: Report, run: Run): void {
    this.element.dataset.runId = run.id;
    clear(this.caption);
    this.caption.append(userText(`${run.strategy} ×${run.workers}`, 'run-name'), ` · chunksize ${run.chunksize} · `, userText(run.mechanism),
      run.status === 'ok' ? ` · ${seconds(run.wall.median)} wall (representative repeat)` : '');
    const drawable = run.status !== 'skipped' && run.tasks.length > 0;
    this.empty.hidden = drawable;
    this.body.hidden = !drawable;
    clear(this.empty);
    if (!drawable) {
      this.empty.append(`No timeline for this run: ${run.status}`, run.reason ? ' \u2014 ' : '', run.reason ? userText(run.reason) : '');
      this.cores.setRenderer(null);
      this.workers.setRenderer(null);
      return;
    }
    this.renderLegend(run);
    this.viewport.reset(run.window.end > run.window.start ? run.window : spanOfTasks(run));
    this.cores.setRenderer(coreTimeline(report, run));
    this.workers.setRenderer(workerTimeline(run));
  }

  /** Redraws with fresh theme colours. */
  themeChanged(): void {
    this.cores.themeChanged();
    this.workers.themeChanged();
  }

  private renderLegend(run: Run): void {
    clear(this.legend);
    const workers = workersOf(run);
    for (const w of workers.slice(0, 16)) {
      this.legend.append(el('span', { class: 'legend-item' }, el('span', { class: `swatch worker-${w % WORKER_COLOURS}` }), `worker ${w}`));
    }
    if (workers.length > 16) this.legend.append(el('span', { class: 'legend-item' }, `… ${workers.length - 16} more (colours repeat every ${WORKER_COLOURS})`));
    this.legend.append(el('span', { class: 'legend-item' }, el('span', { class: 'swatch worker-other' }), 'harness / other'));
  }
}

function spanOfTasks(run: Run): { start: number; end: number } {
  let start = Infinity;
  let end = -Infinity;
  for (const t of run.tasks) {
    start = Math.min(start, t.start);
    end = Math.max(end, t.end);
  }
  return { start, end };
}
