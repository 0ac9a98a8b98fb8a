"""run_command end to end on a real module: the `done` event each strategy produces, and the run-level checks."""

import os
import unittest
from threading import get_native_id

from parprof_harness.errors import HarnessFailure

from . import support

# Task fields every record carries; `failed` is added only to a failed one.
TASK_FIELDS = ["index", "start", "end", "cpu", "pid", "tid", "queueWait"]
DONE_FIELDS = ["type", "id", "t0", "tLast", "t1", "user", "sys", "workerPids", "tasks", "mechanism"]


class RunCase(unittest.TestCase):
    """A workload module loaded fresh for each test."""

    @classmethod
    def setUpClass(cls):
        cls.work = support.Workdir()
        cls.path = cls.work.write("run_work.py", support.WORKLOAD)

    @classmethod
    def tearDownClass(cls):
        cls.work.cleanup()

    def run_strategy(self, function, args, strategy, **fields):
        return support.run(support.load(self.path, function, args), strategy, **fields)

    def assert_well_formed(self, done, count, failed=()):
        """Every index once and in order, intervals inside the run, the protocol's fields and nothing else."""
        self.assertEqual(list(done)[: len(DONE_FIELDS)], DONE_FIELDS)
        self.assertEqual(done["type"], "done")
        self.assertEqual([t["index"] for t in done["tasks"]], list(range(count)))
        self.assertTrue(done["t0"] <= done["tLast"] <= done["t1"])
        for task in done["tasks"]:
            with self.subTest(task=task["index"]):
                expected = TASK_FIELDS + (["failed"] if task["index"] in failed else [])
                self.assertEqual(list(task), expected)
                self.assertTrue(task["start"] <= task["end"])
                self.assertTrue(done["t0"] <= task["start"] and task["end"] <= done["tLast"])
                self.assertTrue(task["cpu"] >= 0 and task["queueWait"] >= 0)
        self.assertTrue(done["user"] >= 0 and done["sys"] >= 0)
        if not failed:
            self.assertNotIn("error", done)


class SerialTest(RunCase):
    def test_serial_runs_every_task_in_order_on_the_harness_thread(self):
        done, emitted = self.run_strategy("spin", "[(2000,)] * 5", "serial", workers=1)
        self.assert_well_formed(done, 5)
        self.assertEqual(done["mechanism"], "plain loop")
        self.assertEqual(emitted, [], "no workers event without worker processes")
        self.assertEqual(done["workerPids"], [os.getpid()])
        tasks = done["tasks"]
        self.assertEqual({(t["pid"], t["tid"]) for t in tasks}, {(os.getpid(), get_native_id())})
        self.assertEqual({t["queueWait"] for t in tasks}, {0})
        for before, after in zip(tasks, tasks[1:]):
            self.assertTrue(before["end"] <= after["start"], "one task at a time")

    def test_serial_without_task_cpu_leaves_the_per_task_clock_out(self):
        done, _ = self.run_strategy("tick", None, "serial", taskCpu=False)
        self.assert_well_formed(done, 8)
        self.assertEqual({t["cpu"] for t in done["tasks"]}, {0})

    def test_task_cpu_false_is_ignored_by_strategies_that_do_not_use_it(self):
        done, _ = self.run_strategy("tick", None, "threads", taskCpu=False)
        self.assert_well_formed(done, 8)

    def test_serial_awaits_a_coroutine_function_one_task_at_a_time(self):
        done, _ = self.run_strategy("nap", "[(0.001,)] * 3", "serial")
        self.assert_well_formed(done, 3)
        self.assertEqual(done["mechanism"], "asyncio.run, awaiting one task at a time")


class ThreadsTest(RunCase):
    def test_threads_run_tasks_on_pool_threads_of_the_harness_process(self):
        done, emitted = self.run_strategy("pause", "[(0.05,)] * 4", "threads", workers=4)
        self.assert_well_formed(done, 4)
        self.assertEqual(done["mechanism"], "concurrent.futures.ThreadPoolExecutor(max_workers=4)")
        self.assertEqual(emitted, [])
        self.assertEqual({t["pid"] for t in done["tasks"]}, {os.getpid()})
        tids = {t["tid"] for t in done["tasks"]}
        self.assertNotIn(get_native_id(), tids)
        self.assertGreater(len(tids), 1, "blocking tasks submitted together use several pool threads")

    def test_threads_run_a_coroutine_function_in_an_event_loop_per_task(self):
        done, _ = self.run_strategy("nap", "[(0.001,)] * 3", "threads")
        self.assert_well_formed(done, 3)


class ProcessesTest(RunCase):
    def test_processes_send_chunks_to_worker_processes_and_report_their_pids_first(self):
        done, emitted = self.run_strategy("spin", "[(1000,)] * 5", "processes", workers=2, chunksize=2)
        self.assert_well_formed(done, 5)
        self.assertTrue(done["mechanism"].startswith("concurrent.futures.ProcessPoolExecutor ("))
        self.assertTrue(done["mechanism"].endswith("), chunksize 2"))
        self.assertEqual(len(emitted), 1)
        workers = emitted[0]
        self.assertEqual((workers["type"], workers["id"]), ("workers", "t"))
        self.assertEqual(done["workerPids"], workers["pids"])
        self.assertEqual(workers["pids"], sorted(workers["pids"]))
        self.assertNotIn(os.getpid(), workers["pids"])
        pids = [t["pid"] for t in done["tasks"]]
        self.assertTrue(set(pids) <= set(workers["pids"]))
        self.assertEqual(pids[0], pids[1], "tasks 0 and 1 are one chunk, run by one worker")
        self.assertEqual(pids[2], pids[3], "tasks 2 and 3 are one chunk")

    def test_processes_run_a_coroutine_function_in_the_workers(self):
        done, _ = self.run_strategy("nap", "[(0.001,)] * 3", "processes", chunksize=3)
        self.assert_well_formed(done, 3)

    def test_a_worker_that_exits_outright_is_a_worker_crash_with_its_exit_code(self):
        done, _ = self.run_strategy("maybe_die", "list(range(4))", "processes")
        self.assertEqual(done["error"]["type"], "WorkerCrash")
        self.assertEqual(done["error"]["exitCode"], 3)
        self.assertIn("a worker process died: exit code 3", done["error"]["message"])
        self.assertLess(len(done["tasks"]), 4)


class AsyncTest(RunCase):
    def test_async_gathers_coroutines_on_the_harness_thread(self):
        done, emitted = self.run_strategy("nap", "[(0.02,)] * 4", "async", workers=2)
        self.assert_well_formed(done, 4)
        self.assertEqual(done["mechanism"], "asyncio.gather bounded by asyncio.Semaphore(2)")
        self.assertEqual(emitted, [])
        self.assertEqual({(t["pid"], t["tid"]) for t in done["tasks"]}, {(os.getpid(), get_native_id())})
        first, second, third = sorted(done["tasks"], key=lambda t: t["start"])[:3]
        self.assertTrue(second["start"] < first["end"], "two tasks at a time overlap")
        self.assertTrue(third["start"] >= min(first["end"], second["end"]), "the semaphore holds the third back")


class FailedTaskTest(RunCase):
    def test_a_failed_task_is_marked_and_the_first_failure_becomes_the_run_error(self):
        for strategy in ("serial", "threads", "processes"):
            with self.subTest(strategy):
                done, _ = self.run_strategy("check", "list(range(5))", strategy, chunksize=2)
                self.assert_well_formed(done, 5, failed={3})
                error = done["error"]
                self.assertEqual((error["type"], error["message"], error["taskIndex"]),
                                 ("ValueError", "value 3 is not allowed", 3))
                self.assertEqual(error["file"], self.path)
                self.assertTrue(error["traceback"].startswith("Traceback (most recent call last):\n  File \"" + self.path))
                self.assertNotIn("parprof_harness", error["traceback"], "the harness's own frames are dropped")

    def test_a_failed_coroutine_is_marked_under_async_and_serial(self):
        for strategy in ("async", "serial"):
            with self.subTest(strategy):
                done, _ = self.run_strategy("afail", "list(range(3))", strategy)
                self.assert_well_formed(done, 3, failed={1})
                self.assertEqual((done["error"]["type"], done["error"]["taskIndex"]), ("KeyError", 1))
                self.assertNotIn("parprof_harness", done["error"]["traceback"])


class RunCommandTest(RunCase):
    def test_the_done_event_carries_the_run_id_as_a_string(self):
        done, _ = support.run(support.load(self.path, "square", "[1]"), "serial", id=7)
        self.assertEqual(done["id"], "7")

    def test_task_limit_runs_only_the_first_tasks(self):
        done, _ = self.run_strategy("square", "list(range(6))", "threads", taskLimit=2)
        self.assert_well_formed(done, 2)

    def test_measure_pickle_reports_argument_and_result_sizes(self):
        done, _ = self.run_strategy("square", "list(range(6))", "serial", measurePickle=True)
        stats = done["pickle"]
        self.assertEqual(stats["tasks"], 6)
        self.assertTrue(stats["argBytes"] > 0 and stats["resultBytes"] > 0)
        self.assertNotIn("unpicklable", stats)

    def test_workers_chunksize_and_task_limit_must_be_positive_integers(self):
        target = support.load(self.path, "square", "[1]")
        for key, value in (("workers", 0), ("chunksize", -1), ("workers", True), ("taskLimit", 0), ("workers", "2")):
            with self.subTest(key=key, value=value):
                with self.assertRaises(HarnessFailure) as caught:
                    support.run(target, "serial", **{key: value})
                self.assertEqual(caught.exception.kind, "internal")
                self.assertEqual(caught.exception.error,
                                 {"type": "BadCommand", "message": f"run: {key} must be a positive integer, got {value!r}"})

    def test_a_strategy_that_does_not_apply_is_refused_before_workers_are_checked(self):
        target = support.load(self.path, "square", "[1]")
        with self.assertRaises(HarnessFailure) as caught:
            support.run(target, "async", workers=0)
        self.assertEqual(caught.exception.error["type"], "NotApplicable")


if __name__ == "__main__":
    unittest.main()
