/**
 * Every tunable of the measuring loop and the analysis, each with the reason for its value. Change one here and
 * every module that depends on it follows; nothing else in the engine writes these numbers.
 */

// The sweep: what is measured, how often, and when a run is stopped.
/** A run already this many times slower than the best so far is stopped early. */
export const EARLY_STOP_FACTOR = 10;
/** Early stopping never cuts a run shorter than this, so start-up jitter alone never stops one. */
export const EARLY_STOP_FLOOR_S = 1;
/** Configurations within this factor of the best round-one time are contenders and get repeated. */
export const CONTENDER_FACTOR = 1.25;
/** Serial CPU÷wall below which tasks are "mostly waiting", so threads/async are swept past the core count. */
export const WAITING_CPU_RATIO = 0.5;
/** Largest worker count the waiting-work extension tries. */
export const MAX_EXTENDED_WORKERS = 64;
/** An extension step must improve wall time by this fraction to justify the next doubling. */
export const FLATTEN_GAIN = 0.1;
/**
 * Estimated cost of handing one chunk to a process-pool worker and getting its result back (seconds), before
 * pickling. Chunks are sized so that their work dwarfs it.
 */
export const PROCESS_DISPATCH_S = 150e-6;
/** Chunk work should be at least this many times the dispatch cost. */
export const CHUNK_WORK_FACTOR = 20;
/** Chunks per worker kept at least this many, so the pool can still balance the load. */
export const CHUNKS_PER_WORKER = 4;
/** Fewer workers of the best strategy are repeated when within this factor: they decide the worker count. */
export const FEWER_WORKERS_FACTOR = 2;
/**
 * Serial's third sample is left out only when every configuration the verdict compares has its whole interval at
 * least this far below serial's faster sample: to undo the win, the third serial run would have to be a quarter
 * faster than both before it, and a busy machine only ever slows a run down.
 */
export const SERIAL_SETTLED_MARGIN = 0.25;

// Classification: what kind of work this is.
/** CPU ÷ wall at or above which tasks count as CPU-bound: at most a fifth of their time is spent waiting. */
export const CPU_BOUND_MIN_RATIO = 0.8;
/** CPU ÷ wall at or below which tasks count as I/O-bound: they wait at least four fifths of the time. */
export const IO_BOUND_MAX_RATIO = 0.2;
/**
 * Tasks that hold the CPU at least half the time are CPU-heavy enough for the GIL to decide how threads scale:
 * below that, waiting (which releases the GIL) dominates and threads overlap it whatever the GIL does.
 */
export const GIL_CPU_HEAVY_RATIO = 0.5;
/**
 * "About one core": threads that reach at most 1.3 cores of parallelism, or at most 1.3×, did not run side by side.
 * 1.3 leaves room for the harness, the interpreter's own threads and timer noise above a true 1.0.
 */
export const GIL_ONE_CORE_CAP = 1.3;
/**
 * Overhead-bound when the cheapest parallel strategy adds at least half a task's time per task: with w workers the
 * most a task can save is (1 − 1/w) of its time, which is half at 2 workers, so the overhead eats the whole gain.
 */
export const OVERHEAD_SHARE = 0.5;
/** A run whose 95% interval spans more than 20% of its median was measured on a noisy machine. */
export const NOISY_RUN_WIDTH = 0.2;
/** Overlapping runs are only "too noisy to separate" if one spans more than 5%; tighter overlaps are true ties. */
export const SEPARATION_NOISE_WIDTH = 0.05;
/** Fewer repeats than this give intervals that are only rough (three is the least a median means something for). */
export const MIN_REPEATS = 3;

// Recommendation and confidence.
/** Speedups within 3% of the best count as equal: nobody should double the workers for a gain timers barely see. */
export const PRACTICAL_EQUIVALENCE = 0.03;
/**
 * Going past the physical cores (onto hyper-threads) must buy at least 10%: two hyper-threads share one core's
 * execution units, so the gain is small at best and disappears when anything else runs on the machine.
 */
export const HYPERTHREAD_MIN_GAIN = 0.1;
/** High confidence needs both intervals within ±5% (10% wide) of their medians... */
export const HIGH_CONFIDENCE_WIDTH = 0.1;
/** ...and low confidence starts when either spans more than 25%. */
export const LOW_CONFIDENCE_WIDTH = 0.25;
/** Repeats needed for high confidence (fewer give intervals that are only rough). */
export const HIGH_CONFIDENCE_REPEATS = 3;

// What counts as a real difference, and what per-task timing can resolve.
/**
 * A parallel run must be at least this much faster than serial (median speedup ≥ 1.05) to count as a win,
 * even when its interval clears serial's: with one or two repeats the intervals are nearly points, and a
 * few percent is within what timers, frequency scaling and a busy machine move a timing by.
 */
export const MIN_GAIN = 0.05;
/**
 * Below 10 µs a task's own CPU reading is mostly the cost of reading the clocks (a thread CPU clock read costs
 * 0.1–1 µs and brackets the call), so per-task CPU ÷ time stops meaning anything.
 */
export const TASK_TIMING_FLOOR = 10e-6;

// Scaling model.
/** Share of the logical cores busy above which an oversubscribed run counts as limited by the machine. */
export const SATURATED_SHARE = 0.75;

// Warnings.
/** Share of a serial run spent waiting for a free core above which the machine counts as busy. */
export const BUSY_MACHINE_SHARE = 0.1;
/**
 * A run counts as squeezed by other programs when the cores they left free were fewer than this share of the cores
 * the run could use (1 for serial, its workers up to the machine's cores for a pool). On 2 cores, one busy loop
 * beside a 2-worker pool leaves it ~1.3 of 2 (squeezed); beside serial it leaves 1 of 1 (not).
 */
export const SQUEEZED_SHARE = 0.75;

// Warnings (transfers).
/** Pickled bytes per task beyond which moving data between processes is worth a warning of its own. */
export const LARGE_TRANSFER_BYTES_PER_TASK = 8 * 2 ** 20;

// Warm-up and per-task timing in the sweep.
/** The warm-up runs this share of the tasks (at least one): enough to learn task time and CPU share cheaply. */
export const WARMUP_SHARE = 1 / 16;
/**
 * Serial tasks shorter than this (from the warm-up) run without a per-task CPU clock: it would cost more than the task.
 * Half the floor below which the analysis stops trusting per-task CPU anyway, so a task never lands between the two.
 */
export const UNTIMED_CPU_TASK_S = TASK_TIMING_FLOOR / 2;

// Per-task records at scale (issue 11).
/**
 * Runs of at most this many tasks keep every task record (tooltips, the trace and the worker lanes show each one).
 * A record is ~235 bytes of pretty JSON, so a 7-configuration profile at the limit writes ~3.3 MB; 20,000 tasks kept
 * in full wrote 33 MB. Beyond it the runner sends exact aggregates, merged segments and a sample instead.
 */
export const TASK_RECORDS_MAX = 2000;
/** Task records a large run still keeps as examples: every failed one first, then the slowest, then evenly spread. */
export const TASK_SAMPLE_SIZE = 400;
/** Of the sample, this many are the slowest tasks: the stragglers are what a user zooms in to find. */
export const TASK_SAMPLE_SLOWEST = 50;
/**
 * Merged segments a large run keeps for the worker lanes, over all its workers. A worker's consecutive tasks join
 * into one segment unless the gap between them exceeds window × workers ÷ this, so each worker gets at most
 * SEGMENTS_PER_RUN ÷ workers + 1 segments; the gaps left out are under a pixel of a 2,000-pixel lane for up to 8
 * workers. At ~90 bytes of JSON a segment, a run stays under 1.5 MB.
 */
export const SEGMENTS_PER_RUN = 16_000;

// Findings.
/**
 * Page-fault counts that differ by more than this factor are worth naming when a one-worker pool beat the loop:
 * fault counts between two runs of the same work jitter by tens of percent, a fresh heap costs several times more.
 */
export const FAULTS_DIFFER_FACTOR = 2;

/**
 * A pool whose tasks needed this many times the task CPU of the cheapest one-at-a-time run (serial or a one-worker
 * pool) for the same work ran on slower cores: the same tasks' CPU varies by a few percent between runs, while two
 * hyper-threads of one physical core (or a VM's vCPUs on a busy host) cost 30% and more each.
 */
export const SLOWER_CORES_FACTOR = 1.25;
/**
 * Extra serial samples, at most, when a one-worker pool beat serial: serial divides every speedup, and a slow moment
 * of the machine (a neighbour on the VM's host, a clock change) during its few samples moves them all. Three more
 * make five, whose median outvotes two unlucky ones.
 */
export const SERIAL_RECHECKS = 3;

// Libraries with threads of their own (BLAS, OpenMP, numexpr).
/**
 * A serial run whose process tree kept at least this many cores busy ((user + sys) ÷ wall) runs a library's threads
 * beside the loop: one thread cannot exceed 1.0, and 1.3 leaves room, as GIL_ONE_CORE_CAP does, for the harness,
 * the interpreter's own threads and timer noise.
 */
export const NATIVE_PARALLEL_MIN_CORES = 1.3;
/**
 * A thread besides the calling one counts as the library's when it was on a CPU at least this share of the run's
 * wall time (the sampler's per-thread CPU): OpenBLAS workers spin at near 100% while busy, interpreter helper threads
 * use well under 1%.
 */
export const NATIVE_THREAD_MIN_SHARE = 0.1;

// Chunk sizes for process pools.
/**
 * A process pool whose measured overhead per task (beyond pickling, which chunking does not remove) is at least this
 * share of a task gets its chunk size swept: with 2–4 workers a task saves at most half to three quarters of its
 * time, so a quarter spent handing it out decides whether the pool wins at all.
 */
export const CHUNK_SWEEP_OVERHEAD_SHARE = 0.25;
/** Each step of the chunk sweep multiplies or divides the chunk size by this (a factor of 2 is within noise). */
export const CHUNK_SWEEP_FACTOR = 4;
/**
 * Chunk sizes tried at most beyond the first choice: ×4 and ÷4, then two more steps the way that helped, which
 * reaches 64× either way (the first choice is a model's guess, seldom off by more).
 */
export const CHUNK_SWEEP_STEPS = 4;

// Comparing interpreters (--python python3,pypy3 / auto).
/**
 * Seconds one interpreter probe of `auto` may take. A pyenv shim is a shell script: measured here at 2–4 s per start
 * with the load average at 14 on 2 cores, so 20 s leaves room while a broken interpreter still cannot stall the
 * profile.
 */
export const PROBE_TIMEOUT_S = 20;
/** Probes run at once: more only queue for the same cores and push each other past the timeout. */
export const PROBE_CONCURRENCY = 4;
/**
 * A first task at least this many times its steady-state time counts as JIT warm-up worth a sentence: below it the
 * difference is within what a cold cache, page faults and timer noise do to a first call in any interpreter.
 */
export const JIT_WARMUP_RATIO = 1.5;

// Cluster strategies (a Dask scheduler).
/**
 * Seconds connecting to an existing cluster's scheduler may take (capped further by half of --timeout, so the
 * connect error comes before the run's own timeout). A scheduler on the
 * same network answers in milliseconds; Dask's own default is 30 s, and a wrong address should be named sooner.
 */
export const CLUSTER_CONNECT_TIMEOUT_S = 20;
/**
 * A cluster run counts as "about as fast" as a local pool when their speedups are within this share of each other:
 * the same practical-equivalence margin the verdict uses, so the sentence and the verdict agree.
 */
export const CLUSTER_COMPARE_MARGIN = 0.05;
/**
 * Seconds added to a cluster run's early-stop limit: its command starts a LocalCluster first (measured here at
 * 1.1–1.6 s for 1–2 workers on 2 busy cores; spawned interpreters importing distributed), which the wall leaves out.
 */
export const CLUSTER_STARTUP_ALLOWANCE_S = 30;
