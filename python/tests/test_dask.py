"""The dask strategy on a real LocalCluster (Debian's python3-distributed, or any Dask of 2022.12 or later).

The runs go through a harness process under an interpreter that has `distributed`: this one when it has it, else
/usr/bin/python3 (Debian installs Dask for that one only). Under PyPy, which has no Dask, the refusal itself is
tested in-process; when no interpreter here has Dask the run tests fail with the fix rather than skip.
"""

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
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

    def nap_square(i, seconds, log=None):
        if log:  # who began which task, written by the task itself: the test's own evidence
            import os
            with open(log, "a") as handle:
                handle.write(f"{i} {os.getpid()}\\n")
        time.sleep(seconds)
        return i * i
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


class ExistingClusterWorkerLostTest(unittest.TestCase):
    """A scheduler and `dask worker --nworkers 2 --nthreads 1` as separate processes; workers killed mid-run."""

    @classmethod
    def setUpClass(cls):
        if DASK_PYTHON is None:
            raise AssertionError(MISSING)
        cls.work = support.Workdir()
        cls.path = cls.work.write("dwork.py", SOURCE)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        cls.address = f"tcp://127.0.0.1:{port}"
        env = dict(os.environ, PYTHONUTF8="1")
        # Each in its own session, so tearDown can end it with its children (the nannies' worker processes).
        cls.procs = [subprocess.Popen(
            [DASK_PYTHON, "-m", f"distributed.cli.dask_{role}", *args, "--no-dashboard"], cwd=cls.work.path, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            for role, args in (("scheduler", ["--host", "127.0.0.1", "--port", str(port)]),
                               ("worker", [cls.address, "--nworkers", "2", "--nthreads", "1", "--host", "127.0.0.1"]))]
        cls.harness = support.HarnessProcess(python=DASK_PYTHON)
        cls.harness.next()  # hello

    @classmethod
    def tearDownClass(cls):
        cls.harness.close()
        for proc in reversed(cls.procs):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=30)
        cls.work.cleanup()

    def run_on_cluster(self, ident, workers=2, **extra):
        cmd = {"cmd": "run", "id": ident, "strategy": "dask", "workers": workers, "chunksize": 1,
               "cluster": {"scheduler": self.address, "connectTimeout": 10}, **extra}
        return self.harness.ask(cmd)

    def ready(self, args):
        """Load nap_square and wait for both workers: a run with fewer is refused, so retry until it is not."""
        loaded = self.harness.ask({"cmd": "load", "file": self.path, "function": "nap_square", "args": args})
        self.assertEqual(loaded["type"], "loaded", loaded)
        deadline = time.monotonic() + 90
        while True:
            done = self.run_on_cluster("warm")
            if done["type"] == "done" or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        self.assertEqual(done["type"], "done", done)
        return {w["address"]: w["pid"] for w in done["cluster"]["workers"]}

    def kill_later(self, pids, seconds):
        def kill():
            for pid in pids:
                os.kill(pid, signal.SIGKILL)
        timer = threading.Timer(seconds, kill)
        timer.start()
        return timer

    def test_1_a_worker_killed_mid_run_the_run_completes_with_the_right_results_and_names_tasks_run_twice(self):
        log = os.path.join(self.work.path, "began.log")
        args = f"[(i, 0.4, {log!r}) for i in range(12)]"
        workers = self.ready(args)
        os.remove(log)  # the warm-up's and the serial run's lines are not evidence
        serial = self.harness.ask({"cmd": "run", "id": "serial", "strategy": "serial", "workers": 1, "chunksize": 1,
                                   "hashResults": True})
        os.remove(log)
        victim = sorted(workers)[0]
        # 12 naps of 0.4 s on two workers: 2.4 s; the kill comes 1 s in, with one task running on the victim.
        timer = self.kill_later([workers[victim]], 1.0)
        done = self.run_on_cluster("killed", hashResults=True)
        timer.join()
        self.assertEqual(done["type"], "done", done)
        self.assertNotIn("error", done)
        self.assertEqual(done["results"]["hash"], serial["results"]["hash"], "the same results as the serial run")
        self.assertEqual(done["results"]["tasks"], 12)
        info = done["cluster"]
        self.assertEqual([w["address"] for w in info["lost"]], [victim])
        with open(log) as handle:
            began = sorted({int(i) for i, pid in (line.split() for line in handle) if int(pid) == workers[victim]})
        self.assertTrue(began, "the victim had begun tasks when it was killed")
        # Exactly the tasks the victim had begun (the one it was running, and those whose results it still held):
        # not the ones only queued there, which moved without running twice.
        self.assertEqual(info["rerun"], began)
        where = {t["index"]: t["worker"] for t in done["tasks"]}
        for index in info["rerun"]:
            self.assertNotEqual(where[index], victim, index)
        self.assertEqual(self.our_events_on_scheduler(), 0, "the start events were taken off the scheduler")

    def our_events_on_scheduler(self) -> int:
        script = textwrap.dedent('''
            import sys
            from distributed import Client
            def count(dask_scheduler=None):
                return sum(1 for events in dask_scheduler.events.values() for _, msg in events
                           if isinstance(msg, dict) and "parprof" in msg)
            with Client(sys.argv[1], timeout=15, set_as_default=False) as client:
                print(client.run_on_scheduler(count))
        ''')
        out = subprocess.run([DASK_PYTHON, "-c", script, self.address], capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr[-2000:])
        return int(out.stdout.split()[-1])

    def test_2_every_chosen_worker_killed_the_run_ends_as_workers_lost_within_seconds_not_at_its_timeout(self):
        workers = self.ready("[(i, 0.5) for i in range(16)]")
        self.assertEqual(len(workers), 2)
        self.procs[1].send_signal(signal.SIGSTOP)  # the nannies: they would restart the workers under new addresses
        try:
            timer = self.kill_later(list(workers.values()), 1.0)
            began = time.monotonic()
            done = self.run_on_cluster("all-lost")
            seconds = time.monotonic() - began
            timer.join()
        finally:
            self.procs[1].send_signal(signal.SIGCONT)
        self.assertEqual(done["type"], "done", done)
        self.assertEqual(done["error"]["type"], "WorkerLost", done["error"])
        message = done["error"]["message"]
        self.assertIn("lost every worker chosen for this run", message)
        for address, pid in workers.items():
            self.assertIn(f"{address} (pid {pid})", message)
        self.assertIn("the cluster has no workers left", message)
        self.assertIn("Fix:", message)
        self.assertLess(seconds, 1.0 + 5.0, "named within a few polls of the loss")
        self.assertEqual(sorted(w["address"] for w in done["cluster"]["lost"]), sorted(workers))
        missing = [t for t in done["tasks"] if t.get("failed")]
        self.assertTrue(missing, "tasks that had nowhere to run are reported as not completed")


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
