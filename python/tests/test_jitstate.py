"""Process pools under PyPy: forked workers start without the harness's compiled code, as a fresh script's do."""

import multiprocessing
import platform
import unittest
from unittest import mock

from parprof_harness import jitstate
from parprof_harness.strategies import processes

from . import support

PYPY = platform.python_implementation() == "PyPy"


def _loop(n):
    total = 0
    for i in range(n):
        total += i
    return total


class ReleaseTest(unittest.TestCase):
    @unittest.skipIf(PYPY, "CPython and other interpreters without pypyjit")
    def test_without_pypys_jit_there_is_nothing_to_release(self):
        self.assertIsNone(jitstate.pypyjit)
        self.assertFalse(jitstate.release_compiled_code())

    @unittest.skipUnless(PYPY, "PyPy only")
    def test_under_pypy_the_compiled_loops_are_freed(self):
        _loop(200_000)  # long enough for the JIT to compile the loop
        used_before = jitstate.pypyjit.get_stats_asmmemmgr()[1]
        self.assertTrue(jitstate.release_compiled_code())
        self.assertLess(jitstate.pypyjit.get_stats_asmmemmgr()[1], used_before)


class ProcessesReleaseTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = support.Workdir()
        cls.path = cls.work.write("jit_work.py", support.WORKLOAD)

    @classmethod
    def tearDownClass(cls):
        cls.work.cleanup()

    def run_processes(self):
        calls = []
        real_stamp = processes.stamp

        def stamp():
            calls.append("t1" if "t0" in calls else "t0")
            return real_stamp()

        with mock.patch.object(processes, "release_compiled_code", lambda: calls.append("release")), \
                mock.patch.object(processes, "stamp", stamp):
            done, _ = support.run(support.load(self.path, "square", "[(1,), (2,)]"), "processes")
        self.assertNotIn("error", done)
        return calls

    @unittest.skipUnless(multiprocessing.get_start_method() == "fork", "the default start method here is not fork")
    def test_a_fork_pool_releases_the_compiled_code_before_t0(self):
        self.assertEqual(self.run_processes(), ["release", "t0", "t1"])

    def test_spawn_and_forkserver_pools_have_nothing_to_release(self):
        with mock.patch.object(processes.multiprocessing, "get_start_method", lambda: "spawn"):
            # The pool itself still forks here (the default context); only the decision is under test.
            self.assertEqual(self.run_processes(), ["t0", "t1"])


if __name__ == "__main__":
    unittest.main()
