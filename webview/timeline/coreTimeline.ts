/**
 * Per-core timeline of one run: one lane per logical core, each stretch a thread spent on that core
 * shaded by the worker it served, and under each lane the core's whole-machine utilisation with its scale.
 * Under the GIL this shows one busy core at a time hopping between cores; the hops (GIL hand-offs) are marked.
 */
import type { Report, Run, TaskRecord } from '../../src/contracts/report';
import { percent, seconds } from '../format';
import { recordsOf, type Records } from '../records';
import { GUTTER, type TimelineRenderer } from './canvasView';
import { drawAxis, drawLaneFrames, drawLanes, type LaneLayout } from './draw';
import { findHandoffs, type Handoff } from './handoffs';
import { drawHandoffs } from './handoffMarks';
import { barAt, makeLane, refsBy, type Lane } from './lanes';
import { workerColour } from './palette';
import { drawUtilisation, utilisationAt } from './utilisationStrip';

const AXIS = 18;
const LANE = 16;
// Tall enough to read a level off (the first version's 6 px read as a hairline).
const STRIP = 10;
const PITCH = LANE + 1 + STRIP + 7;

/** The per-core renderer, plus the GIL hand-offs it marks. */
export interface CoreTimelineRenderer extends TimelineRenderer {
  readonly handoffs: readonly Handoff[];
}

/** Builds the per-core renderer for `run`; `markHandoffs` (Python with the GIL) finds and draws the hand-offs. */
export function coreTimeline(report: Report, run: Run, markHandoffs: boolean): CoreTimelineRenderer {
  const cores = report.cores.slice().sort((a, b) => a.core - b.core);
  // Each core's segments are read by column: a core of a large run holds ~10^5 of them, and this run's are a subset.
  const records = cores.map((c) => recordsOf(c, 'segments'));
  const mine = records.map((segments) => {
    const { dict, codes } = segments.strings('run');
    const code = dict.indexOf(run.id);
    return refsBy(segments.length, 1, (i) => (codes[i] === code ? 0 : -1))[0];
  });
  const lanes: Lane[] = cores.map((c, l) => {
    const segments = records[l];
    const worker = segments.numbers('worker');
    return makeLane(`CPU ${c.core}`, {
      refs: mine[l],
      starts: segments.numbers('start'),
      ends: segments.numbers('end'),
      colour: (i) => workerColour(Number.isNaN(worker[i]) ? undefined : worker[i]),
    });
  });
  // The hand-off finder reads objects; it runs for thread pools only, whose segments are few (one process).
  const handoffs = markHandoffs
    ? findHandoffs(mine.map((refs, l) => Array.from(refs, (i) => records[l].at(i))), report.settings.samplerHz)
    : [];
  const util = cores.map((c) => c.utilisation.slice().sort((a, b) => a.t - b.t));
  // Only the tooltip needs the tasks by thread: grouped on the first hover, not before the first paint.
  const tasks = recordsOf(run, 'tasks');
  let byThread: Map<string, number[]> | null = null;
  const tasksByThread = (): Map<string, number[]> => {
    if (byThread) return byThread;
    byThread = new Map();
    const pid = tasks.numbers('pid');
    const tid = tasks.numbers('tid');
    for (let i = 0; i < tasks.length; i++) {
      const key = `${pid[i]}:${tid[i]}`;
      const list = byThread.get(key) ?? [];
      list.push(i);
      byThread.set(key, list);
    }
    return byThread;
  };
  const origin = run.window.start;
  const layout = (width: number): LaneLayout => ({
    left: GUTTER, width: width - GUTTER - 8, top: AXIS + 4, laneHeight: LANE, pitch: PITCH, gaps: false,
  });
  const strip = { offset: LANE + 1, height: STRIP };

  return {
    laneCount: lanes.length,
    handoffs,
    height: () => AXIS + 4 + lanes.length * PITCH,
    draw(ctx, width, range, palette) {
      const lay = layout(width);
      drawAxis(ctx, range, origin, lay, AXIS - 5, lay.top + lanes.length * PITCH - 4, palette);
      drawLaneFrames(ctx, lanes.map((l) => l.label), lay, palette);
      const drawn = drawLanes(ctx, lanes, range, lay, palette);
      drawUtilisation(ctx, util, range, lay, strip, palette);
      drawHandoffs(ctx, handoffs, range, lay, palette);
      return drawn;
    },
    hit(x, y, width, range) {
      const lay = layout(width);
      const l = Math.floor((y - lay.top) / PITCH);
      if (l < 0 || l >= lanes.length) return null;
      const within = y - lay.top - l * PITCH;
      const t = range.start + ((x - lay.left) / lay.width) * (range.end - range.start);
      if (within > LANE) {
        return within <= LANE + 1 + STRIP + 2 ? utilisationAt(cores[l].core, util[l], t, origin) : null;
      }
      const i = barAt(lanes[l], t, (range.end - range.start) / lay.width * 2);
      if (i < 0) return [`CPU ${cores[l].core}`, `idle at +${seconds(t - origin)}`];
      const s = records[l].at(lanes[l].refs[i]);
      const task = taskAt(tasks, tasksByThread().get(`${s.pid}:${s.tid}`), (Math.max(s.start, t) + Math.min(s.end, t)) / 2);
      const lines = [
        task ? `Task ${task.index} · worker ${task.worker}` : s.worker !== undefined && s.worker >= 0 ? `Worker ${s.worker}` : 'Harness thread',
        `CPU ${cores[l].core} · pid ${s.pid} · tid ${s.tid}`,
        `on this core ${seconds(s.end - s.start)} from +${seconds(s.start - origin)}`,
      ];
      if (task) lines.push(`task ${seconds(task.end - task.start)} wall · CPU share ${percent(task.cpu / Math.max(1e-12, task.end - task.start))}`);
      if (handoffs.some((h) => h.to === l && Math.abs(h.t1 - s.start) < 1e-9)) lines.push('took the GIL over from another thread here');
      return lines;
    },
  };
}

// The task of `refs` (indices into `tasks`) that was running at `t`.
function taskAt(tasks: Records<TaskRecord>, refs: number[] | undefined, t: number): TaskRecord | undefined {
  const starts = tasks.numbers('start');
  const ends = tasks.numbers('end');
  const ref = refs?.find((i) => starts[i] <= t && t <= ends[i]);
  return ref === undefined ? undefined : tasks.at(ref);
}
