/**
 * Per-core timeline of one run: one lane per logical core, each stretch a thread spent on that core
 * coloured by the worker it served, and under each lane the core's whole-machine utilisation.
 * Under the GIL this shows one busy core at a time hopping between cores; processes fill every core.
 */
import type { CoreSegment, Report, Run, TaskRecord } from '../../src/contracts/report';
import { percent, seconds } from '../format';
import { GUTTER, type TimelineRenderer } from './canvasView';
import { drawAxis, drawLaneFrames, drawLanes, type LaneLayout } from './draw';
import { barAt, makeLane, type Lane } from './lanes';
import { workerColour, type Palette } from './palette';
import type { Range } from './viewport';

const AXIS = 18;
const LANE = 16;
const STRIP = 6;
const PITCH = LANE + 1 + STRIP + 7;

/** Builds the per-core renderer for `run`. */
export function coreTimeline(report: Report, run: Run): TimelineRenderer {
  const cores = report.cores.slice().sort((a, b) => a.core - b.core);
  const segs: CoreSegment[][] = [];
  const lanes: Lane[] = cores.map((c, l) => {
    const mine = c.segments.filter((s) => s.run === run.id);
    segs[l] = mine;
    return makeLane(`CPU ${c.core}`, mine.map((s, i) => ({ start: s.start, end: s.end, colour: workerColour(s.worker), ref: i })));
  });
  const util = cores.map((c) => c.utilisation.slice().sort((a, b) => a.t - b.t));
  const tasksByThread = new Map<string, TaskRecord[]>();
  for (const t of run.tasks) {
    const key = `${t.pid}:${t.tid}`;
    const list = tasksByThread.get(key) ?? [];
    list.push(t);
    tasksByThread.set(key, list);
  }
  const origin = run.window.start;
  const layout = (width: number): LaneLayout => ({ left: GUTTER, width: width - GUTTER - 8, top: AXIS + 4, laneHeight: LANE, pitch: PITCH, gaps: false });

  return {
    laneCount: lanes.length,
    height: () => AXIS + 4 + lanes.length * PITCH,
    draw(ctx, width, range, palette) {
      const lay = layout(width);
      drawAxis(ctx, range, origin, lay, AXIS - 5, lay.top + lanes.length * PITCH - 4, palette);
      drawLaneFrames(ctx, lanes.map((l) => l.label), lay, palette);
      const drawn = drawLanes(ctx, lanes, range, lay, palette);
      drawUtilisation(ctx, util, range, lay, palette);
      return drawn;
    },
    hit(x, y, width, range) {
      const lay = layout(width);
      const l = Math.floor((y - lay.top) / PITCH);
      if (l < 0 || l >= lanes.length) return null;
      const within = y - lay.top - l * PITCH;
      const t = range.start + ((x - lay.left) / lay.width) * (range.end - range.start);
      if (within > LANE) return within <= LANE + 1 + STRIP ? utilisationAt(cores[l].core, util[l], t) : null;
      const i = barAt(lanes[l], t, (range.end - range.start) / lay.width * 2);
      if (i < 0) return [`CPU ${cores[l].core}`, `idle at +${seconds(t - origin)}`];
      const s = segs[l][lanes[l].refs[i]];
      const task = taskAt(tasksByThread.get(`${s.pid}:${s.tid}`), (Math.max(s.start, t) + Math.min(s.end, t)) / 2);
      const lines = [
        task ? `Task ${task.index} · worker ${task.worker}` : s.worker !== undefined && s.worker >= 0 ? `Worker ${s.worker}` : 'Harness thread',
        `CPU ${cores[l].core} · pid ${s.pid} · tid ${s.tid}`,
        `on this core ${seconds(s.end - s.start)} from +${seconds(s.start - origin)}`,
      ];
      if (task) lines.push(`task ${seconds(task.end - task.start)} wall · CPU share ${percent(task.cpu / Math.max(1e-12, task.end - task.start))}`);
      return lines;
    },
  };
}

function taskAt(tasks: TaskRecord[] | undefined, t: number): TaskRecord | undefined {
  return tasks?.find((k) => k.start <= t && t <= k.end);
}

function utilisationAt(core: number, samples: { t: number; busy: number }[], t: number): string[] | null {
  let best: { t: number; busy: number } | undefined;
  for (const s of samples) {
    if (s.t > t) break;
    best = s;
  }
  return best ? [`CPU ${core} utilisation`, `${percent(best.busy)} busy (every process on the machine)`] : null;
}

// The strip is a small area chart: each sample holds until the next one.
function drawUtilisation(ctx: CanvasRenderingContext2D, util: { t: number; busy: number }[][], range: Range, lay: LaneLayout, palette: Palette): void {
  const scale = lay.width / (range.end - range.start);
  ctx.fillStyle = palette.laneBackground;
  for (let l = 0; l < util.length; l++) ctx.fillRect(lay.left, lay.top + l * lay.pitch + LANE + 1, lay.width, STRIP);
  ctx.fillStyle = palette.utilisation;
  ctx.beginPath();
  for (let l = 0; l < util.length; l++) {
    const samples = util[l];
    const base = lay.top + l * lay.pitch + LANE + 1 + STRIP;
    let i = lowerBound(samples, range.start) - 1;
    if (i < 0) i = 0;
    for (; i < samples.length && samples[i].t <= range.end; i++) {
      const next = i + 1 < samples.length ? samples[i + 1].t : samples[i].t + (i > 0 ? samples[i].t - samples[i - 1].t : 0.1);
      const x0 = Math.max(lay.left, lay.left + (samples[i].t - range.start) * scale);
      const x1 = Math.min(lay.left + lay.width, lay.left + (next - range.start) * scale);
      if (x1 <= x0) continue;
      const h = Math.max(0, Math.min(1, samples[i].busy)) * STRIP;
      ctx.rect(x0, base - h, x1 - x0, h);
    }
  }
  ctx.fill();
}

function lowerBound(samples: { t: number }[], t: number): number {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (samples[mid].t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
