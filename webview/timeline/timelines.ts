/**
 * The timelines section: the per-core and per-worker canvases of the selected run, sharing one
 * visible range so zooming or panning either moves both, with a caption and a colour key.
 */
import type { Report, Run } from '../../src/contracts/report';
import { clear, el, userText } from '../dom';
import { seconds } from '../format';
import { isPython, runLabel } from '../language';
import { recordsOf } from '../records';
import { TimelineCanvas } from './canvasView';
import { coreTimeline } from './coreTimeline';
import { WORKER_COLOURS } from './palette';
import { TimeViewport } from './viewport';
import { workersOf, workerTimeline } from './workerTimeline';

// Strategies whose map() takes a chunk size; elsewhere "chunksize 1" says nothing.
const CHUNKED = new Set(['processes', 'interpreters', 'dask']);

/** The section element and its canvases. */
export class TimelinesSection {
  /** The element to insert into the page; data-run-id names the run shown. */
  readonly element: HTMLElement;
  private readonly viewport = new TimeViewport();
  private readonly cores: TimelineCanvas;
  private readonly workers: TimelineCanvas;
  private readonly caption = el('p', { class: 'run-caption' });
  private readonly legend = el('div', { class: 'legend', 'aria-label': 'timeline colours' });
  private readonly empty = el('p', { class: 'timeline-empty', hidden: true });
  private readonly hint = el('p', { class: 'hint' });
  private readonly body: HTMLElement;

  constructor() {
    this.cores = new TimelineCanvas(this.viewport, 'Per-core timeline', 'cores');
    this.workers = new TimelineCanvas(this.viewport, 'Per-worker task timeline', 'workers');
    this.body = el(
      'div',
      { class: 'timeline-body' },
      el('h3', {}, 'Per-core timeline'),
      this.hint,
      this.legend,
      this.cores.element,
      el('h3', {}, 'Per-worker tasks'),
      this.workers.element,
    );
    this.element = el('section', { class: 'card timelines', id: 'timelines', 'aria-labelledby': 'timelines-title' },
      el('h2', { id: 'timelines-title' }, 'Timelines'), this.caption, this.empty, this.body);
  }

  /** Shows `run` of `report`, resetting the zoom to the run's window. */
  show(report: Report, run: Run): void {
    this.element.dataset.runId = run.id;
    // The strategy's colour: worker shades in both canvases and the key are mixed from it.
    for (const c of [...this.element.classList]) if (c.startsWith('series-')) this.element.classList.remove(c);
    this.element.classList.add(`series-${run.strategy}`);
    const drawable = run.status !== 'skipped' && recordsOf(run, 'tasks').length > 0;
    this.empty.hidden = drawable;
    this.body.hidden = !drawable;
    this.caption.hidden = !drawable;
    clear(this.caption);
    clear(this.empty);
    if (!drawable) {
      // A run that never ran gets no caption as if it had: one line saying what it is and why there is nothing to draw.
      this.empty.append(userText(runLabel(run), 'run-name'), run.status === 'skipped' ? ' was not run' : ` has no timeline: ${run.status}`,
        run.reason ? ': ' : '', run.reason ? userText(run.reason) : '');
      this.cores.setRenderer(null);
      this.workers.setRenderer(null);
      return;
    }
    // Only a thread pool under CPython's GIL passes the lock between its workers; elsewhere the pattern means nothing.
    const markHandoffs = isPython(report) && report.environment.gilEnabled && run.strategy === 'threads';
    const cores = coreTimeline(report, run, markHandoffs);
    this.renderCaption(report, run, cores.handoffs.length);
    this.renderHint(markHandoffs && cores.handoffs.length > 0);
    this.renderLegend(run, cores.handoffs.length > 0);
    this.cores.element.dataset.handoffs = String(cores.handoffs.length);
    this.viewport.reset(run.window.end > run.window.start ? run.window : spanOfTasks(run));
    this.cores.setRenderer(cores);
    this.workers.setRenderer(workerTimeline(run));
  }

  /** Redraws with fresh theme colours. */
  themeChanged(): void {
    this.cores.themeChanged();
    this.workers.themeChanged();
  }

  private renderCaption(report: Report, run: Run, handoffs: number): void {
    // Chunk size once: only where it is a knob (Python's map), and not when the mechanism text already says it.
    const chunk = isPython(report) && CHUNKED.has(run.strategy) && !/chunk/i.test(run.mechanism) ? ` · chunksize ${run.chunksize}` : '';
    this.caption.append(userText(runLabel(run), 'run-name'), chunk, ' · ', userText(run.mechanism),
      run.status === 'ok' ? ` · ${seconds(run.wall.median)} wall (representative repeat)` : ` · ${run.status}`);
    if (handoffs > 0) {
      this.caption.append(' · ', el('span', { class: 'handoff-count', 'data-testid': 'handoffs' },
        `${handoffs} GIL hand-off${handoffs === 1 ? '' : 's'} between cores (marked)`));
    }
  }

  private renderHint(handoffs: boolean): void {
    this.hint.textContent =
      'One lane per logical core, shaded by worker; the strip under each lane is that core\u2019s utilisation, 0\u2013100% (every process on the machine). ' +
      (handoffs ? 'A thin connector marks a GIL hand-off: one thread stops and another thread of the same process starts on another core. ' : '') +
      'Wheel to zoom, drag to pan, double-click to reset.';
  }

  private renderLegend(run: Run, handoffs: boolean): void {
    clear(this.legend);
    const workers = workersOf(run);
    this.legend.append(el('span', { class: 'legend-item legend-title' }, el('span', { class: `swatch series-${run.strategy}` }), `${run.strategy}:`));
    for (const w of workers.slice(0, 16)) {
      this.legend.append(el('span', { class: 'legend-item' }, el('span', { class: `swatch worker-${w % WORKER_COLOURS}` }), `worker ${w}`));
    }
    if (workers.length > 16) this.legend.append(el('span', { class: 'legend-item' }, `… ${workers.length - 16} more (shades repeat every ${WORKER_COLOURS})`));
    this.legend.append(el('span', { class: 'legend-item' }, el('span', { class: 'swatch worker-other' }), 'harness / other'));
    if (raised(run)) this.legend.append(el('span', { class: 'legend-item' }, el('span', { class: 'swatch failed' }), 'task raised'));
    if (handoffs) this.legend.append(el('span', { class: 'legend-item' }, el('span', { class: 'swatch handoff' }), 'GIL hand-off'));
    this.legend.append(el('span', { class: 'legend-item' }, el('span', { class: 'swatch utilisation' }), 'core utilisation'));
  }
}

function raised(run: Run): boolean {
  const tasks = recordsOf(run, 'tasks');
  return tasks.has('failed') && tasks.numbers('failed').some((f) => f > 0);
}

function spanOfTasks(run: Run): { start: number; end: number } {
  const tasks = recordsOf(run, 'tasks');
  const starts = tasks.numbers('start');
  const ends = tasks.numbers('end');
  let start = Infinity;
  let end = -Infinity;
  for (let i = 0; i < tasks.length; i++) {
    start = Math.min(start, starts[i]);
    end = Math.max(end, ends[i]);
  }
  return { start, end };
}
