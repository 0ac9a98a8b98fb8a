/**
 * Lanes of time bars in a layout made for fast culling: struct-of-arrays sorted by start, plus a running
 * maximum of ends, so the first bar that can reach into the visible range is one binary search away
 * even when bars overlap or one bar is long.
 */

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

/** Where a lane's bars come from: `refs` index the record columns `starts` and `ends`, and name each bar's record. */
export interface BarSource {
  refs: Int32Array;
  starts: ArrayLike<number>;
  ends: ArrayLike<number>;
  colour: (ref: number) => number;
}

/**
 * Packs the bars of `from` into a Lane sorted by start. Reads the record columns straight into typed arrays: 100,000
 * bars make no object each.
 */
export function makeLane(label: string, from: BarSource): Lane {
  const { refs, colour } = from;
  const n = refs.length;
  // One pass copies the bars and checks their order; bars usually come in start order, so it usually is the only one.
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  const maxEnds = new Float64Array(n);
  const colours = new Uint16Array(n);
  let sorted = true;
  let maxEnd = -Infinity;
  for (let i = 0; i < n; i++) {
    const r = refs[i];
    const s = from.starts[r];
    const e = from.ends[r];
    starts[i] = s;
    ends[i] = e;
    if (i > 0 && (starts[i - 1] > s || (starts[i - 1] === s && ends[i - 1] > e))) sorted = false;
    if (e > maxEnd) maxEnd = e;
    maxEnds[i] = maxEnd;
    colours[i] = colour(r);
  }
  if (sorted) return { label, starts, ends, maxEnds, colours, refs };
  const order = everyRef(n).sort((a, b) => starts[a] - starts[b] || ends[a] - ends[b]);
  const s = starts.slice();
  const e = ends.slice();
  const c = colours.slice();
  const sortedRefs = new Int32Array(n);
  maxEnd = -Infinity;
  for (let i = 0; i < n; i++) {
    starts[i] = s[order[i]];
    ends[i] = e[order[i]];
    colours[i] = c[order[i]];
    sortedRefs[i] = refs[order[i]];
    if (ends[i] > maxEnd) maxEnd = ends[i];
    maxEnds[i] = maxEnd;
  }
  return { label, starts, ends, maxEnds, colours, refs: sortedRefs };
}

/** The indices 0..n−1 grouped by `group` (0..groups−1; a negative group drops the index), in index order. */
export function refsBy(n: number, groups: number, group: (i: number) => number): Int32Array[] {
  // One call of `group` per index: its answer is kept for the filling pass.
  const of = new Int32Array(n);
  const counts = new Int32Array(groups);
  for (let i = 0; i < n; i++) {
    const g = group(i);
    of[i] = g;
    if (g >= 0) counts[g]++;
  }
  const out = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(groups);
  for (let i = 0; i < n; i++) {
    const g = of[i];
    if (g >= 0) out[g][fill[g]++] = i;
  }
  return out;
}

/** Refs 0..n−1: every record of the source, in order. */
export function everyRef(n: number): Int32Array {
  const refs = new Int32Array(n);
  for (let i = 0; i < n; i++) refs[i] = i;
  return refs;
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
