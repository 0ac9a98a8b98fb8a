/**
 * Turns per-tick CPU deltas into per-core segments (which thread ran on which core, when).
 * Pure: it knows nothing of /proc, so tests drive it with recorded readings.
 *
 * The sampler only knows, per tick, how much CPU each thread used (Δcpu) and the core it was on at the sample.
 * So within one tick the segments are a reconstruction: each thread gets min(Δcpu, tick) ending at the sample
 * time; threads that shared a core in the same tick are packed back to back so a core never runs two things
 * at once; the thread that was already on the core goes first, so a busy thread's ticks join into one segment.
 */
import type { CoreSegment } from '../../contracts/report';

/** Default cap on stored segments: ~25 MB of objects; enough for minutes of 16 busy, hopping threads at 100 Hz. */
export const DEFAULT_MAX_SEGMENTS = 250_000;

/** Options for a SegmentBuilder. */
export interface SegmentBuilderOptions {
  /** Gap (seconds) up to which a thread's next stretch on the same core extends its last segment. */
  mergeGap: number;
  /** Segments kept at most; later ones are dropped and `truncated` is set. */
  maxSegments?: number;
}

/** Accumulates ticks of readings into per-core segment lists. */
export class SegmentBuilder {
  /** Segments per core, in time order. */
  readonly cores: CoreSegment[][] = [];
  /** True once maxSegments was reached and segments were dropped. */
  truncated = false;
  /** Segments stored so far. */
  count = 0;

  private readonly mergeGap: number;
  private readonly maxSegments: number;
  // This tick's readings, in reusable typed arrays so a tick allocates nothing unless a new segment starts.
  private n = 0;
  private eCore: Int32Array = new Int32Array(64);
  private ePid: Int32Array = new Int32Array(64);
  private eTid: Int32Array = new Int32Array(64);
  private eLen: Float64Array = new Float64Array(64);
  private eDone: Uint8Array = new Uint8Array(64);
  private coreSum: Float64Array = new Float64Array(8);
  private cursor: Float64Array = new Float64Array(8);
  private t = 0;
  private lo = 0;
  private run = '';

  /** Make a builder; see SegmentBuilderOptions. */
  constructor(opts: SegmentBuilderOptions) {
    this.mergeGap = opts.mergeGap;
    this.maxSegments = opts.maxSegments ?? DEFAULT_MAX_SEGMENTS;
  }

  /** Start a tick: readings that follow happened in (prevT, t] and belong to run `run`. */
  beginTick(t: number, prevT: number, run: string): void {
    this.n = 0;
    this.t = t;
    this.lo = prevT;
    this.run = run;
  }

  /** One thread's CPU seconds during this tick, and the core it was last on. */
  add(core: number, pid: number, tid: number, cpuSeconds: number): void {
    if (!(cpuSeconds > 0) || core < 0) return;
    if (this.n === this.eCore.length) this.growEntries();
    if (core >= this.coreSum.length) this.growCores(core + 1);
    const i = this.n++;
    this.eCore[i] = core;
    this.ePid[i] = pid;
    this.eTid[i] = tid;
    this.eLen[i] = cpuSeconds;
  }

  /** Finish the tick: place this tick's readings as segments. */
  endTick(): void {
    const window = this.t - this.lo;
    const n = this.n;
    this.n = 0;
    if (n === 0 || !(window > 0)) return;
    for (let i = 0; i < n; i++) this.coreSum[this.eCore[i]] = 0;
    for (let i = 0; i < n; i++) this.coreSum[this.eCore[i]] += this.eLen[i];
    // Everything that ran on a core this tick ends at the sample time and starts no earlier than the last one.
    for (let i = 0; i < n; i++) {
      const c = this.eCore[i];
      this.cursor[c] = this.t - Math.min(this.coreSum[c], window);
    }
    // First the thread already on each core (so it joins its previous segment), then the rest in reading order.
    const done = this.eDone;
    for (let i = 0; i < n; i++) {
      const list = this.cores[this.eCore[i]];
      const last = list !== undefined && list.length > 0 ? list[list.length - 1] : undefined;
      done[i] = 0;
      if (last !== undefined && last.tid === this.eTid[i]) {
        this.placeEntry(i, window, last);
        done[i] = 1;
      }
    }
    for (let i = 0; i < n; i++) {
      if (done[i] === 1) continue;
      const list = this.cores[this.eCore[i]];
      this.placeEntry(i, window, list !== undefined && list.length > 0 ? list[list.length - 1] : undefined);
    }
  }

  private placeEntry(i: number, window: number, last: CoreSegment | undefined): void {
    const c = this.eCore[i];
    // When Δcpu over-reads (sampling skew) the core's sum can exceed the tick; shrink all alike.
    const sum = this.coreSum[c];
    const len = sum > window ? (this.eLen[i] * window) / sum : this.eLen[i];
    const start = this.cursor[c];
    const end = start + len;
    this.cursor[c] = end;
    this.place(c, this.ePid[i], this.eTid[i], start, end, last);
  }

  private place(
    core: number, pid: number, tid: number, start: number, end: number, last: CoreSegment | undefined,
  ): void {
    if (last !== undefined && last.tid === tid && last.run === this.run
      && start - last.end <= this.mergeGap && start >= last.start) {
      if (end > last.end) last.end = end;
      return;
    }
    if (this.count >= this.maxSegments) {
      this.truncated = true;
      return;
    }
    let list = this.cores[core];
    if (list === undefined) {
      for (let c = this.cores.length; c <= core; c++) this.cores[c] = [];
      list = this.cores[core];
    }
    list.push({ start, end, run: this.run, pid, tid });
    this.count++;
  }

  private growEntries(): void {
    const size = this.eCore.length * 2;
    const grow32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.eCore = grow32(this.eCore);
    this.ePid = grow32(this.ePid);
    this.eTid = grow32(this.eTid);
    const len = new Float64Array(size);
    len.set(this.eLen);
    this.eLen = len;
    this.eDone = new Uint8Array(size);
  }

  private growCores(size: number): void {
    const s = Math.max(size, this.coreSum.length * 2);
    this.coreSum = new Float64Array(s);
    this.cursor = new Float64Array(s);
  }
}
