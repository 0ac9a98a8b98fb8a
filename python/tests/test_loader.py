"""The loader: imports the user's file by path as a plain module and resolves the function and its tasks."""

import json
import os
import sys
import unittest

from parprof_harness.errors import HarnessFailure
from parprof_harness.loader import load_target, loaded_event

from . import support


class LoaderTest(unittest.TestCase):
    def setUp(self):
        self.work = support.Workdir()
        self.path = self.work.write("load_work.py", support.WORKLOAD)

    def tearDown(self):
        self.work.cleanup()

    def failure(self, *args):
        with self.assertRaises(HarnessFailure) as caught:
            load_target(*args)
        return caught.exception

    def test_the_file_is_imported_by_path_as_a_module_named_after_it_not_as_main(self):
        target = load_target(self.path, "square", "[1, 2]", 8)
        module = sys.modules["load_work"]
        self.assertEqual(module.LOADED_AS, "load_work", "the __main__ guard at the bottom did not run")
        self.assertEqual(module.__file__, self.path)
        self.assertEqual(target.module_name, "load_work")
        self.assertIs(target.fn, module.square)
        self.assertEqual(sys.path[0], self.work.path, "sibling imports work as when the file runs as a script")

    def test_the_target_describes_the_function_and_its_tasks(self):
        target = load_target(self.path, "square", "[1, (2,), [3]]", 8)
        self.assertEqual(target.file, self.path)
        self.assertEqual(target.name, "square")
        self.assertEqual(target.tasks, [(1,), (2,), ([3],)])
        self.assertFalse(target.is_coroutine)
        self.assertEqual(target.line, 11)
        self.assertRegex(target.source_hash, "^[0-9a-f]{64}$")
        self.assertEqual(target.picklable, {"ok": True})

    def test_a_relative_path_is_made_absolute(self):
        cwd = os.getcwd()
        os.chdir(self.work.path)
        try:
            self.assertEqual(load_target("load_work.py", "tick", None, 2).file, self.path)
        finally:
            os.chdir(cwd)

    def test_a_coroutine_function_is_recognised(self):
        self.assertTrue(load_target(self.path, "nap", "[0]", 8).is_coroutine)

    def test_without_args_a_function_is_called_tasks_times_with_no_arguments(self):
        self.assertEqual(load_target(self.path, "tick", None, 3).tasks, [(), (), ()])

    def test_the_loaded_event_summarises_the_target(self):
        event = loaded_event(load_target(self.path, "square", "[(i,) for i in range(5)]", 8))
        self.assertEqual(
            event,
            {
                "type": "loaded",
                "function": "square",
                "line": 11,
                "isCoroutine": False,
                "tasks": 5,
                "sourceHash": event["sourceHash"],
                "picklable": {"ok": True},
                "sampleArgs": "(0,)",
            },
        )
        json.dumps(event)  # plain data

    def test_the_previous_module_is_dropped_on_the_next_load(self):
        load_target(self.path, "square", "[1]", 8)
        other = self.work.write("load_other.py", "def f():\n    return 1\n")
        load_target(other, "f", None, 1)
        self.assertNotIn("load_work", sys.modules)
        self.assertIn("load_other", sys.modules)

    def test_a_missing_file_is_file_not_found(self):
        missing = os.path.join(self.work.path, "nope.py")
        failure = self.failure(missing, "f", None, 8)
        self.assertEqual((failure.kind, failure.error), ("input", {"type": "FileNotFound", "message": f"file not found: {missing}"}))

    def test_a_missing_function_is_function_not_found_listing_the_module_s_own_functions(self):
        failure = self.failure(self.path, "squares", None, 8)
        self.assertEqual((failure.kind, failure.error["type"]), ("input", "FunctionNotFound"))
        self.assertTrue(failure.error["message"].startswith(f"no function 'squares' in {self.path}; functions defined there: "))
        self.assertIn("afail, check, make_adder", failure.error["message"])

    def test_a_dotted_name_walks_attributes(self):
        self.work.write("load_cls.py", "class Box:\n    @staticmethod\n    def go(x):\n        return x\n")
        target = load_target(os.path.join(self.work.path, "load_cls.py"), "Box.go", "[1]", 8)
        self.assertEqual(target.fn(5), 5)

    def test_a_name_that_is_not_callable_is_not_callable(self):
        failure = self.failure(self.path, "NOT_A_FUNCTION", None, 8)
        self.assertEqual(failure.error["type"], "NotCallable")
        self.assertEqual(failure.error["message"], f"'NOT_A_FUNCTION' in {self.path} is a int, not a function")

    def test_a_bad_args_expression_is_bad_args_with_its_traceback(self):
        failure = self.failure(self.path, "square", "[undefined_name]", 8)
        self.assertEqual((failure.kind, failure.error["type"]), ("input", "BadArgs"))
        self.assertEqual(failure.error["message"], "--args raised NameError: name 'undefined_name' is not defined")
        self.assertIn("NameError", failure.error["traceback"])

    def test_args_are_evaluated_in_the_module_s_namespace(self):
        self.assertEqual(load_target(self.path, "square", "[NOT_A_FUNCTION]", 8).tasks, [(42,)])

    def test_an_exception_at_import_is_reported_with_the_user_s_line(self):
        broken = self.work.write("load_broken.py", "x = 1\nimport no_such_module_here\n")
        failure = self.failure(broken, "f", None, 8)
        self.assertEqual(failure.error["type"], "ModuleNotFoundError")
        self.assertTrue(failure.error["message"].startswith(f"importing {broken} raised ModuleNotFoundError: "))
        self.assertEqual((failure.error["file"], failure.error["line"]), (broken, 2))
        self.assertNotIn("load_broken", sys.modules)

    def test_system_exit_at_import_is_a_user_error_not_the_end_of_the_harness(self):
        leaving = self.work.write("load_exit.py", "import sys\nsys.exit(4)\n")
        self.assertEqual(self.failure(leaving, "f", None, 8).error["type"], "SystemExit")

    def test_a_syntax_error_names_the_file_and_line(self):
        bad = self.work.write("load_syntax.py", "def f(:\n    pass\n")
        failure = self.failure(bad, "f", None, 8)
        self.assertEqual(failure.error["type"], "SyntaxError")
        self.assertEqual((failure.error["file"], failure.error["line"]), (bad, 1))
        self.assertIn(f"({bad}, line 1)", failure.error["message"])

    def test_starting_a_process_at_import_is_refused(self):
        spawning = self.work.write(
            "load_spawn.py",
            "import multiprocessing\n\ndef f():\n    pass\n\nmultiprocessing.Process(target=f).start()\n",
        )
        failure = self.failure(spawning, "f", None, 8)
        self.assertEqual(failure.error["type"], "ImportTimeSpawn")
        self.assertEqual((failure.error["file"], failure.error["line"]), (spawning, 6))
        self.assertIn('if __name__ == "__main__":', failure.error["message"])

    def test_a_file_named_like_an_imported_module_loads_but_is_not_picklable(self):
        shadow = self.work.write("json.py", "def f():\n    return 1\n")
        real_json = sys.modules["json"]
        target = load_target(shadow, "f", None, 2)
        self.assertIs(sys.modules["json"], real_json, "the harness's own json is put back")
        self.assertFalse(target.picklable["ok"])
        self.assertIn("has the name of the module 'json'", target.picklable["reason"])


if __name__ == "__main__":
    unittest.main()
