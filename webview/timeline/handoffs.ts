/**
 * GIL hand-offs in a per-core timeline: a stretch of thread A ends and thread B of the same process
 * starts on another core right after, with no overlap, while no other thread of that process runs.
 * Under CPython's GIL that is the interpreter passing the lock, not the threads running side by side.
 * This only finds the pattern in the Report's core segments, to point it out; it measures nothing.
 */
import type { CoreSegment } from '../../src/contracts/report';

/** One hand-off: from the end of A (lane `from`) to the start of B (lane `to`), in report seconds. */
export interface Handoff {
  t0: number;
  t1: number;
  from: number;
  to: number;
}

// Sampled segments meet at sample boundaries; allow a hair of overlap from rounding, no more.
const OVERLAP_TOLERANCE = 1e-6;

/**
 * Hand-offs among `segs` (one array per lane) of worker threads, sorted by t1. `samplerHz` sets "directly":
 * B must start within 1.5 sampling periods of A's end (the sampler cannot see a finer gap).
 */
export function findHandoffs(segs: readonly CoreSegment[][], samplerHz: number): Handoff[] {
  const maxGap = samplerHz > 0 ? 1.5 / samplerHz : 0.015;
  const byPid = new Map<number, { seg: CoreSegment; lane: number }[]>();
  const tids = new Map<number, Set<number>>();
  segs.forEach((lane, l) => {
    for (const seg of lane) {
      // The harness's own threads (worker -1) are not the workload's threads taking turns.
      if (seg.worker === undefined || seg.worker < 0) continue;
      let list = byPid.get(seg.pid);
      if (!list) byPid.set(seg.pid, (list = []));
      list.push({ seg, lane: l });
      let set = tids.get(seg.pid);
      if (!set) tids.set(seg.pid, (set = new Set()));
      set.add(seg.tid);
    }
  });
  const out: Handoff[] = [];
  for (const [pid, list] of byPid) {
    // One thread per process (processes, serial) cannot hand anything to itself: skip the sort.
    if (tids.get(pid)!.size < 2) continue;
    list.sort((a, b) => a.seg.start - b.seg.start || a.seg.end - b.seg.end);
    let last = list[0];
    for (let i = 1; i < list.length; i++) {
      const next = list[i];
      const gap = next.seg.start - last.seg.end;
      if (gap >= -OVERLAP_TOLERANCE && gap <= maxGap && next.seg.tid !== last.seg.tid && next.lane !== last.lane) {
        out.push({ t0: last.seg.end, t1: next.seg.start, from: last.lane, to: next.lane });
      }
      // `last` is the segment of the process that ends latest: a start before that end is an overlap, not a hand-off.
      if (next.seg.end >= last.seg.end) last = next;
    }
  }
  return out.sort((a, b) => a.t1 - b.t1);
}

/** Index of the first hand-off with t1 ≥ t (hand-offs sorted by t1). */
export function firstHandoffFrom(handoffs: readonly Handoff[], t: number): number {
  let lo = 0;
  let hi = handoffs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (handoffs[mid].t1 < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
