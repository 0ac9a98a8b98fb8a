/**
 * The sampler: runs in the Node driver, outside the measured processes, so it takes no GIL and adds no work
 * to the workload. On Linux it polls /proc/<pid>/task/<tid>/schedstat (ns on CPU) and stat field 39 (core last
 * run on) of the tracked process tree and rebuilds which thread ran on which core, when. On every OS it also
 * records per-core utilisation (whole machine) at a lower rate.
 *
 * Cost: file descriptors stay open and are re-read with pread at offset 0 (which makes the kernel regenerate
 * /proc seq files), stat is read only for threads that ran, nothing is read between runs, the task list is
 * re-read only when a process's thread count changes and children files only every `rescanMs`, utilisation
 * rides on the same timer, and the hot loop allocates nothing unless a segment starts. On a VM each /proc read
 * costs ~10 µs cold, so the cost is about hz × (10 µs + 18 µs per running thread). See bench/samplerCost.ts.
 *
 * Known approximations (the price of polling): a thread's whole tick goes to the core it was on at the sample;
 * CPU a thread uses between its last sample and its exit is lost; a thread born between re-listings has its
 * CPU so far squeezed into one tick. Drivers should follow() pool workers as soon as they learn their pids.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import type { CoreTimeline } from '../../contracts/report';
import { parseChildren, parseProcStatCores, schedstatNs, statNumThreads, statProcessor, type CoreTimes } from './procStat';
import { SegmentBuilder } from './segments';

/**
 * Default /proc sampling rate (20 ms resolution). Measured with bench/samplerCost.ts on a 2-vCPU VM: 50 Hz costs
 * ~0.9% of one core in all (self ~0.4–0.6%); 100 Hz ~1.4% (an empty 100 Hz Node timer alone costs 0.66% there).
 */
export const DEFAULT_SAMPLER_HZ = 50;
/** Default period of the utilisation reading (os.cpus or /proc/stat), in ms. */
export const DEFAULT_UTILISATION_MS = 100;
/** Default period of re-listing tasks and children, in ms: new pool workers are seen within this. */
export const DEFAULT_RESCAN_MS = 50;

/** Sampler options. */
export interface SamplerOptions {
  /** Samples per second of /proc (default DEFAULT_SAMPLER_HZ; 0 turns /proc sampling off). */
  hz?: number;
  /** process.hrtime.bigint() at the start of the profile: every time in the result is seconds since it. */
  clockOrigin: bigint;
  /** Utilisation period in ms (default DEFAULT_UTILISATION_MS). */
  utilisationMs?: number;
  /** Task/children re-listing period in ms (default DEFAULT_RESCAN_MS). */
  rescanMs?: number;
  /** Cap on stored segments (default DEFAULT_MAX_SEGMENTS); beyond it segments are dropped and `truncated` is set. */
  maxSegments?: number;
  /** Read /proc for segments (default: on Linux only). Off, the sampler records utilisation only. */
  proc?: boolean;
}

/** What a sampler recorded. */
export interface SamplerResult {
  /**
   * One timeline per logical core: segments (Linux, inside runs only) and utilisation (every OS, whole sampler life).
   */
  cores: CoreTimeline[];
  /** CPU seconds the sampler itself spent sampling (process.cpuUsage deltas around its work). */
  selfCpuSeconds: number;
  /** /proc ticks taken. */
  samples: number;
  /** Seconds from construction to stop(). */
  durationSeconds: number;
  /** The /proc rate in force (0 when /proc was not sampled). */
  hz: number;
  /** True when maxSegments was reached and later segments were dropped. */
  truncated: boolean;
  /** Distinct threads seen. */
  threadsSeen: number;
}

interface ThreadState {
  proc: ProcState;
  pid: number;
  tid: number;
  schedFd: number;
  statFd: number;
  /** /proc/<pid>/task/<tid>/children, opened at the first re-listing; -1 until then or when unavailable. */
  childrenFd: number;
  cpuNs: number;
}

interface ProcState {
  pid: number;
  /** /proc/<pid>/stat, for the thread count: the task directory is re-listed only when it changes. */
  statFd: number;
  /** Threads of this process currently followed. */
  threads: ThreadState[];
}

/** Samples a process tree's threads onto cores; see the module comment. Starts sampling when constructed. */
export class Sampler {
  readonly hz: number;
  private readonly origin: bigint;
  private readonly useProc: boolean;
  private readonly builder: SegmentBuilder;
  private readonly buf = Buffer.alloc(1024);
  private readonly threads: ThreadState[] = [];
  private readonly byTid = new Map<number, ThreadState>();
  /** Tracked processes: the roots, what follow() added, and every descendant found. */
  private readonly procs = new Map<number, ProcState>();
  private readonly deadTids = new Set<number>();
  private threadsSeen = 0;
  private run: string | null = null;
  private readonly startT: number;
  private lastT: number;
  private lastRescan = -Infinity;
  private readonly rescanPeriod: number;
  private readonly utilPeriod: number;
  private prevUtil: CoreTimes[] | null = null;
  private readonly utilisation: { t: number; busy: number }[][] = [];
  private statFd = -1;
  private statBuf: Buffer | null = null;
  private samples = 0;
  private selfUs = 0;
  private timer: NodeJS.Timeout | null = null;
  private utilTimer: NodeJS.Timeout | null = null;
  private nextUtil = 0;
  private result: SamplerResult | null = null;

  /** Create and start a sampler (timers are unref'd: a forgotten sampler never keeps Node alive). */
  constructor(opts: SamplerOptions) {
    this.origin = opts.clockOrigin;
    this.useProc = (opts.proc ?? process.platform === 'linux') && (opts.hz ?? DEFAULT_SAMPLER_HZ) > 0;
    this.hz = this.useProc ? opts.hz ?? DEFAULT_SAMPLER_HZ : 0;
    this.rescanPeriod = (opts.rescanMs ?? DEFAULT_RESCAN_MS) / 1000;
    this.utilPeriod = (opts.utilisationMs ?? DEFAULT_UTILISATION_MS) / 1000;
    // A gap under a quarter tick is sampling skew, not the thread leaving the core.
    this.builder = new SegmentBuilder({ mergeGap: this.hz > 0 ? 0.25 / this.hz : 0, maxSegments: opts.maxSegments });
    this.startT = this.now();
    this.lastT = this.startT;
    const c0 = process.cpuUsage();
    this.sampleUtilisation(this.startT);
    this.addSelf(c0);
    this.nextUtil = this.startT + this.utilPeriod;
    if (this.useProc) {
      // One timer for both: every wake-up of an idle vCPU costs more than the reads it does.
      this.timer = setInterval(() => this.onTimer(), 1000 / this.hz);
      this.timer.unref();
    } else {
      this.utilTimer = setInterval(() => this.onTimer(), this.utilPeriod * 1000);
      this.utilTimer.unref();
    }
  }

  /** Seconds since clockOrigin now. */
  now(): number {
    return Number(process.hrtime.bigint() - this.origin) / 1e9;
  }

  /**
   * Track a process and, automatically, all its descendants (its threads' children files are re-read every rescanMs).
   */
  track(rootPid: number): void {
    this.follow(rootPid);
  }

  /** Track one more pid the driver learned about (e.g. a pool worker), without waiting for the next re-listing. */
  follow(pid: number): void {
    if (!this.useProc || this.result || this.procs.has(pid)) return;
    const c0 = process.cpuUsage();
    // A pid handed in may have run long before: its CPU so far is a baseline, not this tick's work.
    this.scanProcess(pid, false, true);
    this.addSelf(c0);
  }

  /**
   * Start tagging segments with `runId` (ending any run still open). Samples first so earlier CPU is not counted in it.
   */
  beginRun(runId: string): void {
    if (this.result) return;
    this.endRun();
    if (this.useProc) {
      this.run = null;
      this.tick(true);
    }
    this.run = runId;
  }

  /** Stop tagging: takes a last sample so the run's tail is kept, then ignores time until the next beginRun. */
  endRun(): void {
    if (this.result) return;
    if (this.useProc && this.run !== null) this.tick(false);
    this.run = null;
  }

  /** Stop sampling, close every descriptor and return what was recorded (later calls return the same result). */
  stop(): SamplerResult {
    if (this.result) return this.result;
    this.endRun();
    if (this.timer) clearInterval(this.timer);
    if (this.utilTimer) clearInterval(this.utilTimer);
    const end = this.now();
    const c0 = process.cpuUsage();
    this.sampleUtilisation(end);
    this.addSelf(c0);
    for (const th of this.threads) this.closeThread(th);
    this.threads.length = 0;
    this.byTid.clear();
    for (const proc of this.procs.values()) closeQuietly(proc.statFd);
    this.procs.clear();
    if (this.statFd >= 0) closeQuietly(this.statFd);
    const nCores = Math.max(os.cpus().length, this.builder.cores.length, this.utilisation.length);
    const cores: CoreTimeline[] = [];
    for (let c = 0; c < nCores; c++) {
      cores.push({ core: c, segments: this.builder.cores[c] ?? [], utilisation: this.utilisation[c] ?? [] });
    }
    this.result = {
      cores,
      selfCpuSeconds: this.selfUs / 1e6,
      samples: this.samples,
      durationSeconds: end - this.startT,
      hz: this.hz,
      truncated: this.builder.truncated,
      threadsSeen: this.threadsSeen,
    };
    return this.result;
  }

  /** Timer callback: a /proc tick inside runs, and the utilisation reading when it is due. */
  private onTimer(): void {
    if (this.result) return;
    if (this.useProc && this.run !== null) this.tick(false);
    const t = this.now();
    if (t >= this.nextUtil) {
      const c0 = process.cpuUsage();
      this.nextUtil = t + this.utilPeriod;
      this.sampleUtilisation(t);
      this.addSelf(c0);
    }
  }

  /** One /proc sample of every tracked thread; `rescan` forces re-listing tasks and children first. */
  private tick(rescan: boolean): void {
    if (this.result) return;
    const c0 = process.cpuUsage();
    const t = this.now();
    if (rescan || t - this.lastRescan >= this.rescanPeriod) this.rescan(t, rescan);
    const run = this.run;
    if (run !== null) this.builder.beginTick(t, this.lastT, run);
    const buf = this.buf;
    const threads = this.threads;
    for (let i = threads.length - 1; i >= 0; i--) {
      const th = threads[i];
      let n: number;
      try {
        n = fs.readSync(th.schedFd, buf, 0, 128, 0);
      } catch {
        // ESRCH once the thread is gone (reaped); it will not come back, so stop reading it.
        this.dropAt(i);
        continue;
      }
      const ns = schedstatNs(buf, n);
      if (ns < 0) continue;
      const d = ns - th.cpuNs;
      th.cpuNs = ns;
      if (d <= 0 || run === null) continue;
      try {
        n = fs.readSync(th.statFd, buf, 0, buf.length, 0);
      } catch {
        this.dropAt(i);
        continue;
      }
      this.builder.add(statProcessor(buf, n), th.pid, th.tid, d / 1e9);
    }
    if (run !== null) this.builder.endTick();
    this.lastT = t;
    this.samples++;
    this.addSelf(c0);
  }

  /**
   * Re-list the threads and children of every tracked process. Inside a run, listings are at most rescanMs apart,
   * so what is new was born since the last one and all its CPU is new; at beginRun anything found is a baseline.
   * `full` re-lists every task directory even when the thread count did not change.
   */
  private rescan(t: number, full: boolean): void {
    this.lastRescan = t;
    const fresh = this.run !== null;
    for (const pid of [...this.procs.keys()]) this.scanProcess(pid, fresh, full);
  }

  /**
   * Follow a process: list its threads when their count changed (opening new ones) and follow its children.
   * `fresh`: threads found now were born since the last listing, so all their CPU is new and their baseline is 0.
   */
  private scanProcess(pid: number, fresh: boolean, full: boolean): void {
    let proc = this.procs.get(pid);
    if (proc === undefined) {
      try {
        proc = { pid, statFd: fs.openSync(`/proc/${pid}/stat`, 'r'), threads: [] };
      } catch {
        return; // gone already, or not ours to read
      }
      this.procs.set(pid, proc);
      full = true;
    }
    let count: number;
    try {
      count = statNumThreads(this.buf, fs.readSync(proc.statFd, this.buf, 0, this.buf.length, 0));
    } catch {
      this.forgetProcess(proc); // exited and reaped
      return;
    }
    if (full || count !== proc.threads.length) {
      let tids: string[];
      try {
        tids = fs.readdirSync(`/proc/${pid}/task`);
      } catch {
        this.forgetProcess(proc);
        return;
      }
      for (const name of tids) {
        const tid = Number(name);
        if (!this.byTid.has(tid) && !this.deadTids.has(tid)) this.openThread(proc, tid, fresh);
      }
    }
    for (const th of proc.threads) {
      if (th.childrenFd < 0) {
        try {
          th.childrenFd = fs.openSync(`/proc/${pid}/task/${th.tid}/children`, 'r');
        } catch {
          continue; // the thread ended, or the kernel lacks CONFIG_PROC_CHILDREN; the driver can still follow()
        }
      }
      let n: number;
      try {
        n = fs.readSync(th.childrenFd, this.buf, 0, this.buf.length, 0);
      } catch {
        continue; // the thread is gone; the next tick drops it
      }
      if (n === 0) continue; // the usual case: a thread that never forked
      for (const child of parseChildren(this.buf.toString('latin1', 0, n))) {
        // A child first seen now was forked after the previous listing (or was already there at track time).
        if (!this.procs.has(child)) this.scanProcess(child, fresh, true);
      }
    }
  }

  private forgetProcess(proc: ProcState): void {
    closeQuietly(proc.statFd);
    this.procs.delete(proc.pid);
  }

  private openThread(proc: ProcState, tid: number, fresh: boolean): void {
    const pid = proc.pid;
    let schedFd = -1;
    try {
      schedFd = fs.openSync(`/proc/${pid}/task/${tid}/schedstat`, 'r');
      const statFd = fs.openSync(`/proc/${pid}/task/${tid}/stat`, 'r');
      const n = fs.readSync(schedFd, this.buf, 0, 128, 0);
      const ns = schedstatNs(this.buf, n);
      const th: ThreadState = { proc, pid, tid, schedFd, statFd, childrenFd: -1, cpuNs: fresh ? 0 : Math.max(0, ns) };
      this.threads.push(th);
      this.byTid.set(tid, th);
      proc.threads.push(th);
      this.threadsSeen++;
    } catch {
      // Gone between listing and opening, or out of descriptors (EMFILE): the profile goes on without it.
      if (schedFd >= 0) closeQuietly(schedFd);
    }
  }

  private dropAt(i: number): void {
    const th = this.threads[i];
    this.closeThread(th);
    this.byTid.delete(th.tid);
    const mine = th.proc.threads;
    mine.splice(mine.indexOf(th), 1);
    // Remember it: its task directory can linger (zombie) until reaped, and must not be reopened as new.
    this.deadTids.add(th.tid);
    const last = this.threads.pop()!;
    if (i < this.threads.length) this.threads[i] = last;
  }

  private closeThread(th: ThreadState): void {
    closeQuietly(th.schedFd);
    closeQuietly(th.statFd);
    if (th.childrenFd >= 0) closeQuietly(th.childrenFd);
  }

  /** Record each core's busy fraction since the previous reading. */
  private sampleUtilisation(t: number): void {
    if (this.result) return;
    const cur = this.readCoreTimes();
    if (cur && this.prevUtil) {
      for (let c = 0; c < cur.length; c++) {
        const a = this.prevUtil[c];
        const b = cur[c];
        if (!a || !b) continue;
        const total = b.total - a.total;
        if (!(total > 0)) continue;
        (this.utilisation[c] ??= []).push({ t, busy: clamp01((b.busy - a.busy) / total) });
      }
    }
    if (cur) this.prevUtil = cur;
  }

  private readCoreTimes(): CoreTimes[] | null {
    if (process.platform === 'linux') {
      try {
        // /proc/stat is cheaper than os.cpus(), which also reads every core's frequency; the fd is kept open.
        if (this.statFd < 0) {
          this.statFd = fs.openSync('/proc/stat', 'r');
          this.statBuf = Buffer.alloc(256 + 160 * (os.cpus().length + 1));
        }
        const n = fs.readSync(this.statFd, this.statBuf!, 0, this.statBuf!.length, 0);
        const parsed = parseProcStatCores(this.statBuf!.toString('latin1', 0, n));
        if (parsed.length > 0) return parsed;
      } catch {
        // fall through to os.cpus()
      }
    }
    return os.cpus().map((c) => {
      const busy = c.times.user + c.times.nice + c.times.sys + c.times.irq;
      return { busy, total: busy + c.times.idle };
    });
  }

  private addSelf(c0: NodeJS.CpuUsage): void {
    const d = process.cpuUsage(c0);
    this.selfUs += d.user + d.system;
  }
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    /* already closed */
  }
}
