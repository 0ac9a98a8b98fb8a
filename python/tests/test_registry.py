"""The strategy registry: every strategy is a module filed under its NAME, and the runner knows no names."""

import inspect
import os
import sys
import types
import unittest

from parprof_harness import runner, strategies
from parprof_harness.errors import HarnessFailure
from parprof_harness.strategies import STRATEGIES
from parprof_harness.strategies.common import Outcome, not_applicable

from . import support

# The Python column of DESIGN.md §4.
EXPECTED = {"serial", "threads", "processes", "async", "interpreters", "dask"}


class RegistryTest(unittest.TestCase):
    def test_every_strategy_is_registered_under_its_wire_name(self):
        self.assertEqual(set(STRATEGIES), EXPECTED)
        for name, module in STRATEGIES.items():
            with self.subTest(name):
                self.assertEqual(module.NAME, name)

    def test_each_strategy_lives_in_its_own_module(self):
        files = {name: os.path.basename(module.__file__) for name, module in STRATEGIES.items()}
        self.assertEqual(len(set(files.values())), len(files), files)
        self.assertEqual(files["async"], "async_.py")

    def test_each_module_offers_unavailable_and_run_with_the_common_signature(self):
        for name, module in STRATEGIES.items():
            with self.subTest(name):
                self.assertEqual(list(inspect.signature(module.unavailable).parameters), ["target"])
                params = inspect.signature(module.run).parameters
                self.assertEqual(list(params)[:4], ["target", "workers", "chunksize", "on_workers"])
                self.assertTrue(
                    any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()),
                    "run accepts **opts, so a switch meant for one strategy does not break another",
                )

    def test_register_files_a_module_by_its_name(self):
        try:
            strategies.register("serial")  # registering again is idempotent: same module, same key
            self.assertIs(STRATEGIES["serial"].run, strategies.serial.run)
        finally:
            self.assertEqual(set(STRATEGIES), EXPECTED)

    def test_the_runner_names_no_strategy(self):
        with open(runner.__file__, encoding="utf-8") as handle:
            source = handle.read()
        for name in EXPECTED:
            with self.subTest(name):
                self.assertNotIn(f'"{name}"', source)
                self.assertNotIn(f"'{name}'", source)


class UnknownStrategyTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = support.Workdir()
        cls.target = support.load(cls.work.write("reg_work.py", support.WORKLOAD), "square", "[1, 2]")

    @classmethod
    def tearDownClass(cls):
        cls.work.cleanup()

    def test_an_unknown_strategy_is_a_bad_command_from_the_driver(self):
        with self.assertRaises(HarnessFailure) as caught:
            support.run(self.target, "gpu")
        self.assertEqual(caught.exception.kind, "internal")
        self.assertEqual(caught.exception.error, {"type": "BadCommand", "message": "unknown strategy 'gpu'"})

    def test_the_name_is_checked_before_workers(self):
        with self.assertRaises(HarnessFailure) as caught:
            support.run(self.target, "gpu", workers=0)
        self.assertEqual(caught.exception.error["message"], "unknown strategy 'gpu'")


class PluginTest(unittest.TestCase):
    """Adding a strategy is one module and one register line: the runner needs nothing else."""

    MODULE = "parprof_harness.strategies.tests_only_plugin"

    def setUp(self):
        self.work = support.Workdir()
        self.path = self.work.write("plugin_work.py", support.WORKLOAD)
        plugin = types.ModuleType(self.MODULE)
        plugin.NAME = "reverse"

        def unavailable(target):
            return not_applicable("reverse: needs arguments") if all(args == () for args in target.tasks) else None

        def run(target, workers, chunksize, on_workers, **opts):
            records = [(i, 1, 2, 0, os.getpid(), 0, 0, True, target.fn(*args)) for i, args in enumerate(target.tasks)]
            return Outcome(0, 2, 3, list(reversed(records)), [], f"reversed, {workers} workers")

        plugin.unavailable, plugin.run = unavailable, run
        sys.modules[self.MODULE] = plugin  # stands in for a file strategies/tests_only_plugin.py
        strategies.register("tests_only_plugin")

    def tearDown(self):
        STRATEGIES.pop("reverse", None)
        sys.modules.pop(self.MODULE, None)
        self.work.cleanup()

    def test_a_registered_module_is_run_by_its_name(self):
        done, _ = support.run(support.load(self.path, "square", "[1, 2, 3]"), "reverse", workers=3)
        self.assertEqual(done["mechanism"], "reversed, 3 workers")
        self.assertEqual([t["index"] for t in done["tasks"]], [0, 1, 2], "the runner puts records in index order")
        self.assertEqual(done["workerPids"], [os.getpid()], "no worker pids means the harness itself")

    def test_its_unavailable_answer_is_what_the_runner_raises(self):
        with self.assertRaises(HarnessFailure) as caught:
            support.run(support.load(self.path, "tick", None, 2), "reverse")
        self.assertEqual((caught.exception.kind, caught.exception.error["message"]), ("run", "reverse: needs arguments"))


if __name__ == "__main__":
    unittest.main()
