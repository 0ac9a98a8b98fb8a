"""The command loop over real stdio: `python3 python/harness.py` driven with JSON lines, as the Node driver does."""

import json
import os
import unittest

from . import support


class SessionTest(unittest.TestCase):
    """One harness for the whole class, as one profile uses one harness for many commands."""

    @classmethod
    def setUpClass(cls):
        cls.work = support.Workdir()
        cls.path = cls.work.write("session_work.py", support.WORKLOAD)
        cls.harness = support.HarnessProcess()
        cls.hello = cls.harness.next()

    @classmethod
    def tearDownClass(cls):
        cls.harness.close()
        cls.work.cleanup()

    def ask(self, cmd):
        return self.harness.ask(cmd)

    def load(self, function, args=None):
        loaded = self.ask({"cmd": "load", "file": self.path, "function": function, "args": args, "tasks": 3})
        self.assertEqual(loaded["type"], "loaded", loaded)
        return loaded

    def test_hello_comes_first_and_describes_the_interpreter(self):
        hello = self.hello
        self.assertEqual(hello["type"], "hello")
        self.assertEqual(hello["pid"], self.harness.proc.pid)
        self.assertEqual(
            list(hello),
            ["type", "pid", "executable", "implementation", "version", "gilEnabled", "hasInterpreterPool",
             "startMethod", "cpuCount", "now", "limitsNativeThreads", "hasDistributed"],
        )
        self.assertIn(hello["startMethod"], ("fork", "spawn", "forkserver"))

    def test_load_then_run_answers_loaded_then_done(self):
        loaded = self.load("square", "[1, 2, 3]")
        self.assertEqual((loaded["function"], loaded["tasks"], loaded["sampleArgs"]), ("square", 3, "(1,)"))
        done = self.ask({"cmd": "run", "id": "s1", "strategy": "serial", "workers": 1, "chunksize": 1})
        self.assertEqual((done["type"], done["id"]), ("done", "s1"))
        self.assertEqual([t["index"] for t in done["tasks"]], [0, 1, 2])
        self.assertEqual(done["workerPids"], [self.harness.proc.pid])

    def test_a_processes_run_reports_its_workers_before_done(self):
        self.load("square", "list(range(4))")
        done = self.ask({"cmd": "run", "id": "p1", "strategy": "processes", "workers": 2, "chunksize": 2})
        self.assertEqual(done["type"], "done", done)
        self.assertEqual([e["id"] for e in self.harness.skipped], ["p1"])
        self.assertEqual(self.harness.skipped[0]["pids"], done["workerPids"])

    def test_a_failed_task_comes_back_in_done_not_as_an_error_event(self):
        self.load("check", "list(range(5))")
        done = self.ask({"cmd": "run", "id": "f1", "strategy": "threads", "workers": 2})
        self.assertEqual(done["type"], "done")
        self.assertEqual([t.get("failed", False) for t in done["tasks"]], [False, False, False, True, False])
        self.assertEqual(done["error"]["taskIndex"], 3)

    def test_a_refused_strategy_is_a_run_error_under_the_run_id(self):
        self.load("square", "[1]")
        error = self.ask({"cmd": "run", "id": "a1", "strategy": "async"})
        self.assertEqual(
            error,
            {"type": "error", "id": "a1", "kind": "run",
             "error": {"type": "NotApplicable", "message": "async: square is not a coroutine function (async def)"}},
        )

    def test_an_unknown_strategy_is_an_internal_bad_command(self):
        self.load("square", "[1]")
        error = self.ask({"cmd": "run", "id": "u1", "strategy": "gpu"})
        self.assertEqual((error["id"], error["kind"], error["error"]["type"]), ("u1", "internal", "BadCommand"))

    def test_discover_lists_top_level_functions_without_running_the_file(self):
        event = self.ask({"cmd": "discover", "file": self.path})
        self.assertEqual(event["type"], "functions")
        names = [f["name"] for f in event["functions"]]
        self.assertEqual(names[:3], ["square", "spin", "pause"])
        nap = next(f for f in event["functions"] if f["name"] == "nap")
        self.assertEqual((nap["isAsync"], nap["params"]), (True, ["seconds"]))

    def test_discover_of_a_missing_file_reports_the_error_in_the_event(self):
        event = self.ask({"cmd": "discover", "file": os.path.join(self.work.path, "gone.py")})
        self.assertEqual((event["type"], event["functions"], event["error"]["type"]), ("functions", [], "FileNotFound"))

    def test_an_unknown_command_is_a_bad_command_named_after_it(self):
        self.assertEqual(
            self.ask({"cmd": "jump"}),
            {"type": "error", "id": "jump", "kind": "internal", "error": {"type": "BadCommand", "message": "unknown command 'jump'"}},
        )

    def test_an_unreadable_line_is_a_protocol_error_and_the_loop_goes_on(self):
        for line in (b"not json\n", b"[1, 2]\n"):
            with self.subTest(line):
                error = self.ask(line)
                self.assertEqual((error["id"], error["kind"], error["error"]["type"]), ("protocol", "internal", "BadCommand"))
                self.assertTrue(error["error"]["message"].startswith("unreadable command: "))
        self.assertEqual(self.ask({"cmd": "discover", "file": self.path})["type"], "functions")

    def test_a_failed_load_leaves_nothing_runnable(self):
        self.load("square", "[1]")
        error = self.ask({"cmd": "load", "file": self.path, "function": "missing"})
        self.assertEqual((error["id"], error["kind"], error["error"]["type"]), ("load", "input", "FunctionNotFound"))
        error = self.ask({"cmd": "run", "id": "r", "strategy": "serial"})
        self.assertEqual(error["error"], {"type": "NotLoaded", "message": "run before a successful load"})

    def test_a_harness_bug_is_reported_and_the_loop_goes_on(self):
        error = self.ask({"cmd": "load"})  # no file: a KeyError inside the harness
        self.assertEqual((error["id"], error["kind"], error["error"]["type"]), ("load", "internal", "KeyError"))
        self.assertEqual(self.ask({"cmd": "discover", "file": self.path})["type"], "functions")


class StdioTest(unittest.TestCase):
    """What user code can and cannot reach: stdout is the protocol's alone."""

    def setUp(self):
        self.work = support.Workdir()
        self.path = self.work.write("stdio_work.py", "print('printed at import')\n" + support.WORKLOAD)
        self.harness = support.HarnessProcess()
        self.assertEqual(self.harness.next()["type"], "hello")

    def tearDown(self):
        self.harness.close()
        self.work.cleanup()

    def test_prints_and_raw_fd_1_writes_go_to_stderr_and_stdout_carries_only_json_lines(self):
        self.harness.ask({"cmd": "load", "file": self.path, "function": "noisy", "args": "[1, 2]"})
        for strategy in ("serial", "threads", "processes"):
            done = self.harness.ask({"cmd": "run", "id": strategy, "strategy": strategy, "workers": 2})
            self.assertEqual(done["type"], "done", done)
        self.harness.send({"cmd": "exit"})
        self.assertEqual(self.harness.wait(), 0)
        for raw in self.harness.raw_lines:
            self.assertIsInstance(json.loads(raw), dict, raw)
        stderr = self.harness.stderr()
        self.assertIn("printed at import", stderr)
        self.assertEqual(stderr.count("printed 1"), 3)
        self.assertEqual(stderr.count("raw fd-1 write"), 6)

    def test_user_code_reading_stdin_sees_end_of_input_not_the_commands(self):
        self.harness.ask({"cmd": "load", "file": self.path, "function": "read_stdin"})
        done = self.harness.ask({"cmd": "run", "id": "r", "strategy": "serial"})
        self.assertEqual(done["type"], "done")
        self.assertNotIn("error", done, "every task read an empty stdin")

    def test_exit_ends_the_harness_with_status_0_and_nothing_more_is_said(self):
        # One write, so the second command is already in the pipe when the harness leaves.
        self.harness.send((json.dumps({"cmd": "exit"}) + "\n" + json.dumps({"cmd": "discover", "file": self.path}) + "\n").encode())
        self.assertEqual(self.harness.wait(), 0)
        self.assertIsNone(self.harness.next())

    def test_end_of_input_ends_the_harness_with_status_0(self):
        self.harness.proc.stdin.close()
        self.assertEqual(self.harness.wait(), 0)
        self.assertIsNone(self.harness.next())


if __name__ == "__main__":
    unittest.main()
