/**
 * Lanes of time bars in a layout made for fast culling: struct-of-arrays sorted by start, plus a running
 * maximum of ends, so the first bar that can reach into the visible range is one binary search away
 * even when bars overlap or one bar is long.
 */

/** One bar before packing: `colour` indexes the palette, `ref` points back at the source record. */
export interface Bar {
  start: number;
  end: number;
  colour: number;
  ref: number;
}

/** A packed, sorted lane. */
export interface Lane {
  label: string;
  starts: Float64Array;
  ends: Float64Array;
  /** maxEnds[i] = max(ends[0..i]); non-decreasing, so it can be binary-searched. */
  maxEnds: Float64Array;
  colours: Uint16Array;
  refs: Int32Array;
}

/** Sorts bars by start and packs them into a Lane. */
export function makeLane(label: string, bars: Bar[]): Lane {
  // Bars usually come in start order already; sorting 100,000 of them then only costs a check.
  const sorted = inOrder(bars) ? bars : bars.slice().sort(byStartThenEnd);
  const n = sorted.length;
  const lane: Lane = {
    label,
    starts: new Float64Array(n),
    ends: new Float64Array(n),
    maxEnds: new Float64Array(n),
    colours: new Uint16Array(n),
    refs: new Int32Array(n),
  };
  let maxEnd = -Infinity;
  for (let i = 0; i < n; i++) {
    const b = sorted[i];
    lane.starts[i] = b.start;
    lane.ends[i] = b.end;
    maxEnd = Math.max(maxEnd, b.end);
    lane.maxEnds[i] = maxEnd;
    lane.colours[i] = b.colour;
    lane.refs[i] = b.ref;
  }
  return lane;
}

function byStartThenEnd(a: Bar, b: Bar): number {
  return a.start - b.start || a.end - b.end;
}

function inOrder(bars: readonly Bar[]): boolean {
  for (let i = 1; i < bars.length; i++) if (byStartThenEnd(bars[i - 1], bars[i]) > 0) return false;
  return true;
}

/** Index of the first bar whose end could be at or after `t` (every earlier bar ends before t). */
export function firstVisible(lane: Lane, t: number): number {
  let lo = 0;
  let hi = lane.maxEnds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lane.maxEnds[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the bar under time `t` (within `tolerance` seconds, nearest first), or -1. */
export function barAt(lane: Lane, t: number, tolerance: number): number {
  let best = -1;
  let bestDist = Infinity;
  for (let i = firstVisible(lane, t - tolerance); i < lane.starts.length && lane.starts[i] <= t + tolerance; i++) {
    const d = t < lane.starts[i] ? lane.starts[i] - t : t > lane.ends[i] ? t - lane.ends[i] : 0;
    if (d <= tolerance && d < bestDist) {
      best = i;
      bestDist = d;
      if (d === 0) break;
    }
  }
  return best;
}

/** Total number of bars in a set of lanes. */
export function barCount(lanes: readonly Lane[]): number {
  return lanes.reduce((n, l) => n + l.starts.length, 0);
}
