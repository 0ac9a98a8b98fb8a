"""Runs past `taskRecords` (aggregates instead of every record), page faults, and native-thread limits, end to end."""

import os
import textwrap
import unittest

from parprof_harness import nativethreads, taskstats

from . import support

# Workload functions for these tests: real work, and a way to see the environment a pool worker runs with.
SCALE_WORKLOAD = textwrap.dedent(
    '''
    import os


    def add_one(x):
        return x + 1


    def fail_every_100(x):
        if x % 100 == 0:
            raise ValueError(x)
        return x


    def omp_threads(_):
        return os.environ.get("OMP_NUM_THREADS"), os.environ.get("OPENBLAS_NUM_THREADS")
    '''
)

SAMPLE = {"size": 50, "slowest": 10, "segments": 200}


class LargeRunTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = support.Workdir()
        cls.path = cls.work.write("scale_work.py", SCALE_WORKLOAD)

    @classmethod
    def tearDownClass(cls):
        cls.work.cleanup()

    def run_large(self, strategy, function="add_one", n=3000, **fields):
        target = support.load(self.path, function, f"[(i,) for i in range({n})]")
        done, _ = support.run(target, strategy, taskRecords=1000, taskSample=SAMPLE, **fields)
        return done

    def assert_aggregated(self, done, n, failed=0):
        stats = done["taskStats"]
        self.assertEqual(stats["all"]["count"], n)
        self.assertEqual(stats["all"]["failed"], failed)
        self.assertEqual(sum(w["count"] for w in stats["workers"]), n)
        self.assertEqual(sum(s["tasks"] for s in done["taskSegments"]), n, "every task is in one segment")
        self.assertLessEqual(len(done["tasks"]), SAMPLE["size"])
        indices = [t["index"] for t in done["tasks"]]
        self.assertEqual(indices, sorted(set(indices)))
        all_ = stats["all"]
        self.assertTrue(done["t0"] <= all_["firstStart"] <= all_["lastEnd"] <= done["t1"])
        d = all_["duration"]
        self.assertTrue(0 <= d["min"] <= d["p50"] <= d["p90"] <= d["p99"] <= d["max"])

    def test_serial_past_the_limit_sends_aggregates_segments_and_a_sample(self):
        self.assert_aggregated(self.run_large("serial"), 3000)

    def test_threads_and_processes_aggregate_per_worker(self):
        for strategy, chunk in (("threads", 1), ("processes", 100)):
            with self.subTest(strategy=strategy):
                done = self.run_large(strategy, chunksize=chunk)
                self.assert_aggregated(done, 3000)
                self.assertGreaterEqual(len(done["taskStats"]["workers"]), 1)

    def test_failed_tasks_are_counted_and_kept_in_the_sample(self):
        done = self.run_large("serial", function="fail_every_100")
        self.assert_aggregated(done, 3000, failed=30)
        failed = sum(1 for t in done["tasks"] if t.get("failed"))
        self.assertGreaterEqual(failed, 25, "failures come first, up to half the sample")
        self.assertGreater(len(done["tasks"]) - failed, 20, "and never crowd out the rest of the picture")
        self.assertEqual(done["error"]["taskIndex"], 0)

    def test_at_or_below_the_limit_every_record_comes_as_before(self):
        target = support.load(self.path, "add_one", "[(i,) for i in range(1000)]")
        done, _ = support.run(target, "serial", taskRecords=1000)
        self.assertEqual(len(done["tasks"]), 1000)
        self.assertNotIn("taskStats", done)
        self.assertNotIn("taskSegments", done)

    def test_page_faults_are_reported(self):
        done = self.run_large("serial")
        self.assertGreaterEqual(done["faults"]["minor"], 0)
        self.assertGreaterEqual(done["faults"]["major"], 0)

    def test_run_cpu_is_read_at_t0_and_t1_so_record_building_does_not_count(self):
        # 200,000 tasks of one addition: building the records after t1 costs more than the loop itself.
        target = support.load(self.path, "add_one", "[(i,) for i in range(200000)]")
        done, _ = support.run(target, "serial", taskCpu=False, taskRecords=1000, taskSample=SAMPLE)
        wall = (done["t1"] - done["t0"]) / 1e9
        self.assertLess(done["user"] + done["sys"], wall * 1.2 + 0.02, "one thread cannot use more CPU than wall time")


class NativeThreadsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = support.Workdir()
        cls.path = cls.work.write("native_work.py", SCALE_WORKLOAD)

    @classmethod
    def tearDownClass(cls):
        cls.work.cleanup()

    def test_pool_workers_get_the_variables_and_the_harness_gets_its_own_back(self):
        before = {k: os.environ.get(k) for k in nativethreads.ENV_VARS}
        target = support.load(self.path, "omp_threads", "[(i,) for i in range(4)]")
        for strategy in ("processes", "threads"):
            with self.subTest(strategy=strategy):
                done, _ = support.run(target, strategy, nativeThreads=1, measurePickle=True)
                self.assertEqual(done["nativeThreads"], 1)
                self.assertIn("native thread pools limited to 1", done["mechanism"])
                self.assertEqual({k: os.environ.get(k) for k in nativethreads.ENV_VARS}, before)
        # What the tasks saw: the function returns the variables inside the worker.
        from parprof_harness.strategies import processes

        outcome = processes.run(target, 2, 1, lambda pids: None, native_threads=1)
        self.assertEqual({r[8] for r in outcome.records}, {("1", "1")})

    def test_limit_and_restore_round_trip_on_whatever_this_process_has_loaded(self):
        counts = nativethreads.thread_counts()
        state = nativethreads.limit(1)
        self.assertTrue(all(c == 1 for c in nativethreads.thread_counts()))
        nativethreads.restore(state)
        self.assertEqual(nativethreads.thread_counts(), counts)

    def test_bad_native_thread_counts_are_the_drivers_mistake(self):
        target = support.load(self.path, "add_one", "[(1,)]")
        for bad in (0, -1, "2", True):
            with self.subTest(bad=bad), self.assertRaises(Exception) as caught:
                support.run(target, "serial", nativeThreads=bad)
            self.assertEqual(getattr(caught.exception, "kind", None), "internal")


class AggregateTest(unittest.TestCase):
    def test_quantiles_interpolate_between_order_statistics(self):
        d = taskstats.distribution([10, 0, 30, 20])
        self.assertEqual((d["sum"], d["min"], d["max"]), (60, 0, 30))
        self.assertAlmostEqual(d["p50"], 15)
        self.assertAlmostEqual(d["p90"], 27)

    def test_segments_split_at_gaps_longer_than_the_resolution(self):
        rec = lambda i, s, e: (i, s, e, e - s, 1, 1, 0, True, None)  # noqa: E731
        groups = taskstats.by_worker([rec(0, 0, 10), rec(1, 11, 20), rec(2, 50, 60)])
        segs = taskstats.segments(groups, 100, 20)
        self.assertEqual([(s["start"], s["end"], s["tasks"]) for s in segs], [(0, 20, 2), (50, 60, 1)])


if __name__ == "__main__":
    unittest.main()


NUMPY_WORKLOAD = textwrap.dedent(
    '''
    import numpy
    from parprof_harness import nativethreads

    MATRIX = numpy.random.default_rng(3).random((200, 200))
    SEEN = []  # pool sizes the tasks saw, for tasks that run in this process (threads)


    def blas_threads(_):
        (MATRIX @ MATRIX).trace()
        counts = nativethreads.thread_counts()
        SEEN.append(counts)
        return counts
    '''
)


def _numpy_available() -> bool:
    try:
        import numpy  # noqa: F401
    except ImportError:
        return False
    return True


@unittest.skipUnless(_numpy_available(), "needs numpy for this interpreter (Debian python3-numpy: /usr/bin/python3)")
class NumpyNativeThreadsTest(unittest.TestCase):
    """A real BLAS: its thread pool is limited inside each pool worker and left alone outside."""

    @classmethod
    def setUpClass(cls):
        cls.work = support.Workdir()
        cls.path = cls.work.write("numpy_work.py", NUMPY_WORKLOAD)

    @classmethod
    def tearDownClass(cls):
        cls.work.cleanup()

    def test_process_workers_run_the_blas_with_one_thread(self):
        from parprof_harness.strategies import processes

        target = support.load(self.path, "blas_threads", "[(i,) for i in range(4)]")
        default = nativethreads.thread_counts()
        self.assertTrue(default, "numpy's BLAS exposes its thread count (openblas_get_num_threads or the like)")
        outcome = processes.run(target, 2, 1, lambda pids: None, native_threads=1)
        self.assertEqual({tuple(r[8]) for r in outcome.records}, {tuple([1] * len(default))})
        self.assertEqual(nativethreads.thread_counts(), default, "the harness's own pool is untouched")

    def test_thread_workers_run_limited_and_the_harness_gets_its_pool_back(self):
        target = support.load(self.path, "blas_threads", "[(i,) for i in range(4)]")
        seen = target.fn.__globals__["SEEN"]
        default = nativethreads.thread_counts()
        seen.clear()
        done, _ = support.run(target, "threads", nativeThreads=1)
        self.assertNotIn("error", done)
        self.assertEqual({tuple(c) for c in seen}, {tuple([1] * len(default))})
        self.assertEqual(nativethreads.thread_counts(), default)
        seen.clear()
        support.run(target, "threads")
        self.assertEqual({tuple(c) for c in seen}, {tuple(default)}, "without the field the library keeps its default")
