/**
 * Draws GIL hand-offs as thin connectors from where thread A left one core to where thread B picked up
 * on another: subtle (one pixel, muted), visited only in the visible range, one per pixel column at most.
 */
import type { LaneLayout } from './draw';
import { firstHandoffFrom, type Handoff } from './handoffs';
import type { Palette } from './palette';
import type { Range } from './viewport';

/** Draws the hand-offs in `range`; returns how many connectors were drawn. */
export function drawHandoffs(
  ctx: CanvasRenderingContext2D, handoffs: readonly Handoff[], range: Range, lay: LaneLayout, palette: Palette,
): number {
  if (handoffs.length === 0) return 0;
  const scale = lay.width / (range.end - range.start);
  ctx.strokeStyle = palette.handoff;
  ctx.lineWidth = 1;
  ctx.beginPath();
  let drawn = 0;
  let lastColumn = -Infinity;
  let lastPair = -1;
  for (let i = firstHandoffFrom(handoffs, range.start); i < handoffs.length && handoffs[i].t1 <= range.end; i++) {
    const h = handoffs[i];
    const x1 = lay.left + (h.t1 - range.start) * scale;
    const x0 = Math.max(lay.left, lay.left + (h.t0 - range.start) * scale);
    const column = Math.round(x1);
    const pair = h.from * 65536 + h.to;
    if (column === lastColumn && pair === lastPair) continue;
    lastColumn = column;
    lastPair = pair;
    // From the bottom of A's lane down to the top of B's (or up, when B's core is above A's).
    const down = h.to > h.from;
    const yA = lay.top + h.from * lay.pitch + (down ? lay.laneHeight : 0);
    const yB = lay.top + h.to * lay.pitch + (down ? 0 : lay.laneHeight);
    ctx.moveTo(x0, yA);
    ctx.lineTo(x1, yB);
    // A small tick into B's lane marks where it took over.
    ctx.moveTo(x1, yB);
    ctx.lineTo(x1, yB + (down ? 4 : -4));
    drawn++;
  }
  ctx.stroke();
  return drawn;
}
