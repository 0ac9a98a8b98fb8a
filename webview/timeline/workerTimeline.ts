/**
 * Per-worker task timeline of one run: one lane per worker, a start/stop bar per task (as in the
 * idle-vs-busy plots), so queueing, idle workers and stragglers are visible. A run with more tasks than the report
 * keeps one by one draws its merged segments instead (consecutive tasks of a worker as one bar), so the lanes stay
 * complete at any task count.
 */
import type { Run, TaskSegment } from '../../src/contracts/report';
import { percent, seconds } from '../format';
import { recordsOf, type Records } from '../records';
import { GUTTER, type TimelineRenderer } from './canvasView';
import { drawAxis, drawLaneFrames, drawLanes, type LaneLayout } from './draw';
import { barAt, makeLane, refsBy, type Lane } from './lanes';
import { FAILED_COLOUR, workerColour } from './palette';

const AXIS = 18;
const LANE = 14;
const PITCH = LANE + 5;

/** Where the lanes go in a canvas `width` pixels wide. */
function laneLayout(width: number): LaneLayout {
  return { left: GUTTER, width: width - GUTTER - 8, top: AXIS + 4, laneHeight: LANE, pitch: PITCH, gaps: true };
}

/** The worker numbers of a run, ascending (from its segments when it has them: its tasks are then a sample). */
export function workersOf(run: Run): number[] {
  const workers = (run.taskSegments ? recordsOf(run, 'taskSegments') : recordsOf(run, 'tasks')).numbers('worker');
  const seen = new Set<number>();
  for (let i = 0; i < workers.length; i++) seen.add(workers[i]);
  return [...seen].sort((a, b) => a - b);
}

/** One lane per worker of `workers`, with a bar per item of `items` (tasks or merged segments). */
function workerLanes<T extends { start: number; end: number; worker: number; failed?: unknown }>(
  workers: readonly number[], items: Records<T>,
): Lane[] {
  const laneOf = new Map(workers.map((w, l) => [w, l]));
  const worker = items.numbers('worker');
  // A task's `failed` is true, a segment's the number of tasks that raised: either way, > 0 means some did.
  const failed = items.has('failed') ? items.numbers('failed') : null;
  const refs = refsBy(items.length, workers.length, (i) => laneOf.get(worker[i]) ?? -1);
  const starts = items.numbers('start');
  const ends = items.numbers('end');
  return workers.map((w, l) => makeLane(`worker ${w}`, {
    refs: refs[l], starts, ends,
    colour: (i) => (failed && failed[i] > 0 ? FAILED_COLOUR : workerColour(worker[i])),
  }));
}

/** Builds the per-worker renderer for `run`. */
export function workerTimeline(run: Run): TimelineRenderer {
  if (run.taskSegments) return segmentTimeline(run, recordsOf(run, 'taskSegments'));
  const tasks = recordsOf(run, 'tasks');
  const workers = workersOf(run);
  const lanes = workerLanes(workers, tasks);
  const origin = run.window.start;
  const layout = laneLayout;

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
      const task = tasks.at(lanes[l].refs[i]);
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

/** The lanes of a large run: one bar per merged segment, with its task count and how full it was in the tooltip. */
function segmentTimeline(run: Run, segments: Records<TaskSegment>): TimelineRenderer {
  const workers = workersOf(run);
  const lanes = workerLanes(workers, segments);
  const origin = run.window.start;
  const layout = laneLayout;
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
      const g = segments.at(lanes[l].refs[i]);
      const span = Math.max(1e-12, g.end - g.start);
      return [
        `${g.tasks} tasks from task ${g.first} · worker ${g.worker}${g.failed ? ` · ${g.failed} raised` : ''}`,
        `busy ${seconds(g.busy)} of ${seconds(g.end - g.start)} (${percent(g.busy / span)}) · CPU ${seconds(g.cpu)}`,
        `from +${seconds(g.start - origin)} to +${seconds(g.end - origin)}`,
      ];
    },
  };
}
