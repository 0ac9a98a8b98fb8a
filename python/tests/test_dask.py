"""The dask strategy on a real LocalCluster (Debian's python3-distributed, or any Dask of 2022.12 or later).

The runs go through a harness process under an interpreter that has `distributed`: this one when it has it, else
/usr/bin/python3 (Debian installs Dask for that one only). Under PyPy, which has no Dask, the refusal itself is
tested in-process; when no interpreter here has Dask the run tests fail with the fix rather than skip.
"""

import importlib.util
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

from parprof_harness.strategies import STRATEGIES

from . import support

dask = STRATEGIES["dask"]


def _has_distributed(python: str) -> bool:
    try:
        return subprocess.run([python, "-c", "import distributed"], capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


HERE_HAS_DASK = _has_distributed(sys.executable)  # found is not enough: PyPy finds Debian's but cannot import it
DASK_PYTHON = sys.executable if HERE_HAS_DASK else ("/usr/bin/python3" if _has_distributed("/usr/bin/python3") else None)
MISSING = (
    f"no interpreter here can import distributed (tried {sys.executable} and /usr/bin/python3); "
    f"these tests need Dask: {dask.FIX}"
)

SOURCE = textwrap.dedent(
    '''
    import time

    def spin(n):
        total = 0
        for i in range(n):
            total += i * i
        return total

    def check(i):
        if i == 2:
            raise ValueError(f"value {i} is not allowed")
        return i

    def make_generator(i):
        return (x for x in range(i))

    def call_it(f, x):
        return f(x)
    '''
).lstrip()


class AvailabilityTest(unittest.TestCase):
    def test_refuses_with_the_reason_and_the_fix_when_distributed_cannot_be_imported(self):
        target = support.load(support.Workdir().write("w.py", SOURCE), "spin", "[(10,)]")
        problem = dask.unavailable(target)
        if HERE_HAS_DASK:
            self.assertIsNone(problem)
        else:
            self.assertEqual(problem.error["type"], "NotApplicable")
            self.assertIn("cannot import distributed", problem.error["message"])
            self.assertIn("apt-get install python3-distributed", problem.error["message"])
            self.assertIn("pip install 'dask[distributed]'", problem.error["message"])

    def test_hello_says_whether_distributed_is_found_without_importing_it(self):
        from parprof_harness.hello import hello_event

        self.assertEqual(hello_event()["hasDistributed"], importlib.util.find_spec("distributed") is not None)


class LocalClusterTest(unittest.TestCase):
    """One harness, one LocalCluster per worker count, several runs."""

    @classmethod
    def setUpClass(cls):
        if DASK_PYTHON is None:
            raise AssertionError(MISSING)
        cls.work = support.Workdir()
        cls.path = cls.work.write("dwork.py", SOURCE)
        cls.harness = support.HarnessProcess(python=DASK_PYTHON)
        cls.harness.next()  # hello

    @classmethod
    def tearDownClass(cls):
        cls.harness.close()
        cls.work.cleanup()

    def load(self, function, args):
        loaded = self.harness.ask({"cmd": "load", "file": self.path, "function": function, "args": args})
        self.assertEqual(loaded["type"], "loaded", loaded)

    def run_dask(self, workers, ident):
        done = self.harness.ask({"cmd": "run", "id": ident, "strategy": "dask", "workers": workers, "chunksize": 1})
        return done, self.harness.skipped

    def test_a_run_reports_tasks_per_worker_with_addresses_pids_and_the_start_up_on_its_own(self):
        self.load("spin", "[(20000,)] * 8")
        done, before = self.run_dask(2, "two")
        self.assertEqual(done["type"], "done", done)
        self.assertNotIn("error", done)
        self.assertEqual(len(done["tasks"]), 8)
        addresses = {t["worker"] for t in done["tasks"]}
        self.assertEqual(len(addresses), 2, done["tasks"])
        self.assertTrue(all(a.startswith("tcp://127.0.0.1:") for a in addresses), addresses)
        pids = {t["pid"] for t in done["tasks"]}
        self.assertEqual(pids, set(done["workerPids"]))
        self.assertNotIn(self.harness.proc.pid, pids)
        self.assertEqual(before[0]["pids"], sorted(pids), "the sampler is told the local workers' pids")
        for t in done["tasks"]:
            self.assertLessEqual(done["t0"], t["start"])
            self.assertLessEqual(t["start"], t["end"])
            self.assertLessEqual(t["end"], done["t1"])
            self.assertGreater(t["cpu"], 0)
        info = done["cluster"]
        self.assertEqual(info["cluster"], "local")
        self.assertTrue(info["startupFresh"])
        self.assertGreater(info["startup"], 0)
        self.assertLess(done["t1"] - done["t0"], info["startup"] * 10, "the start-up is not inside the wall")
        self.assertIn("LocalCluster", done["mechanism"])
        self.assertGreater(done["user"], 0.0, "the workers' CPU is counted")

        again, _ = self.run_dask(2, "two-again")
        self.assertFalse(again["cluster"]["startupFresh"], "the same worker count reuses the cluster")
        self.assertEqual(again["cluster"]["startup"], info["startup"])

    def test_a_task_that_raises_is_reported_with_its_index_and_the_line_in_the_users_file(self):
        self.load("check", "[(i,) for i in range(4)]")
        done, _ = self.run_dask(1, "raise")
        self.assertEqual(done["error"]["type"], "ValueError")
        self.assertEqual(done["error"]["taskIndex"], 2)
        self.assertEqual(done["error"]["line"], 11)
        self.assertEqual([t.get("failed", False) for t in done["tasks"]], [False, False, True, False])

    def test_a_result_that_cannot_be_serialised_is_reported_per_task(self):
        self.load("make_generator", "[(i,) for i in range(3)]")
        done, _ = self.run_dask(1, "unserialisable")
        self.assertEqual(done["error"]["type"], "NotSerialisable")
        self.assertIn("cannot be serialised", done["error"]["message"])
        self.assertTrue(all(t.get("failed") for t in done["tasks"]))

    def test_arguments_whose_first_item_is_callable_are_passed_not_called(self):
        self.load("call_it", "[(abs, -i) for i in range(3)]")
        done, _ = self.run_dask(1, "callable-args")
        self.assertNotIn("error", done)
        self.assertEqual(len(done["tasks"]), 3)

    def test_scratch_directories_of_harnesses_that_are_gone_are_removed(self):
        dead = 2 ** 22 + 12345  # above the default pid_max, so never a live process
        stale = tempfile.mkdtemp(prefix=f"parprof-dask-{dead}-")
        self.load("spin", "[(10,)] * 2")
        self.run_dask(4, "sweep")  # a new worker count: a new LocalCluster, which sweeps first
        self.assertFalse(os.path.exists(stale), stale)
        mine = [n for n in os.listdir(tempfile.gettempdir()) if n.startswith(f"parprof-dask-{self.harness.proc.pid}-")]
        self.assertEqual(len(mine), 1, "only the live cluster's own directory")

    def test_nothing_listens_beyond_127_0_0_1(self):
        self.load("spin", "[(10,)] * 2")
        self.run_dask(1, "listen")
        pids = {self.harness.proc.pid} | set(_children(self.harness.proc.pid))
        inodes = set()
        for pid in pids:
            try:
                for fd in os.listdir(f"/proc/{pid}/fd"):
                    link = os.readlink(f"/proc/{pid}/fd/{fd}")
                    if link.startswith("socket:["):
                        inodes.add(link[8:-1])
            except OSError:
                pass
        listening = []
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            with open(table) as handle:
                for line in handle.readlines()[1:]:
                    fields = line.split()
                    if fields[3] == "0A" and fields[9] in inodes:  # LISTEN
                        listening.append(fields[1])
        self.assertTrue(listening, "the scheduler and workers listen somewhere")
        for local in listening:
            host = local.split(":")[0]
            self.assertEqual(host, "0100007F", f"a socket listens on {local} (not 127.0.0.1)")


def _children(pid: int) -> list:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    stat = handle.read()
                if int(stat[stat.rindex(")") + 2 :].split()[1]) == pid:
                    found.append(int(entry))
                    found.extend(_children(int(entry)))
            except (OSError, ValueError):
                pass
    return found


if __name__ == "__main__":
    unittest.main()
