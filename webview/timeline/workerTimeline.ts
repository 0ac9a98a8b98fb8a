/**
 * Per-worker task timeline of one run: one lane per worker, a start/stop bar per task (as in the
 * idle-vs-busy plots), so queueing, idle workers and stragglers are visible.
 */
import type { Run } from '../../src/contracts/report';
import { percent, seconds } from '../format';
import { GUTTER, type TimelineRenderer } from './canvasView';
import { drawAxis, drawLaneFrames, drawLanes, type LaneLayout } from './draw';
import { barAt, makeLane, type Lane } from './lanes';
import { FAILED_COLOUR, workerColour } from './palette';

const AXIS = 18;
const LANE = 14;
const PITCH = LANE + 5;

/** Builds the per-worker renderer for `run`. */
export function workerTimeline(run: Run): TimelineRenderer {
  const workers = [...new Set(run.tasks.map((t) => t.worker))].sort((a, b) => a - b);
  const lanes: Lane[] = workers.map((w) =>
    makeLane(
      `worker ${w}`,
      run.tasks.flatMap((t, i) => {
        if (t.worker !== w) return [];
        return [{ start: t.start, end: t.end, colour: t.failed ? FAILED_COLOUR : workerColour(w), ref: i }];
      }),
    ),
  );
  const origin = run.window.start;
  const layout = (width: number): LaneLayout => ({
    left: GUTTER, width: width - GUTTER - 8, top: AXIS + 4, laneHeight: LANE, pitch: PITCH, gaps: true,
  });

  return {
    laneCount: lanes.length,
    height: () => AXIS + 4 + Math.max(1, lanes.length) * PITCH,
    draw(ctx, width, range, palette) {
      const lay = layout(width);
      drawAxis(ctx, range, origin, lay, AXIS - 5, lay.top + lanes.length * PITCH - 4, palette);
      drawLaneFrames(ctx, lanes.map((l) => l.label), lay, palette);
      return drawLanes(ctx, lanes, range, lay, palette);
    },
    hit(x, y, width, range) {
      const lay = layout(width);
      const l = Math.floor((y - lay.top) / PITCH);
      if (l < 0 || l >= lanes.length || y - lay.top - l * PITCH > LANE) return null;
      const t = range.start + ((x - lay.left) / lay.width) * (range.end - range.start);
      const i = barAt(lanes[l], t, ((range.end - range.start) / lay.width) * 2);
      if (i < 0) return [`worker ${workers[l]}`, `idle at +${seconds(t - origin)}`];
      const task = run.tasks[lanes[l].refs[i]];
      const wall = task.end - task.start;
      const lines = [
        `Task ${task.index} · worker ${task.worker}${task.failed ? ' · raised' : ''}`,
        `duration ${seconds(wall)} · CPU ${seconds(task.cpu)} (CPU share ${percent(task.cpu / Math.max(1e-12, wall))})`,
        `from +${seconds(task.start - origin)} to +${seconds(task.end - origin)}`,
        `pid ${task.pid} · tid ${task.tid}`,
      ];
      if (task.queueWait !== undefined) lines.push(`waited ${seconds(task.queueWait)} in the queue`);
      return lines;
    },
  };
}
