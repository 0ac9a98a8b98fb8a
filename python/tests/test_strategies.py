"""Each strategy's unavailable(): which targets it refuses, with which error, before anything runs."""

import concurrent.futures
import unittest

from parprof_harness.errors import HarnessFailure
from parprof_harness.strategies import STRATEGIES

from . import support

HAS_INTERPRETER_POOL = hasattr(concurrent.futures, "InterpreterPoolExecutor")


def refusal(strategy, target):
    """(kind, type, message) of the strategy's refusal, or None when it accepts the target."""
    problem = STRATEGIES[strategy].unavailable(target)
    if problem is None:
        return None
    assert isinstance(problem, HarnessFailure), problem
    return problem.kind, problem.error["type"], problem.error["message"]


class UnavailableTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = support.Workdir()
        cls.path = cls.work.write("avail_work.py", support.WORKLOAD)

    @classmethod
    def tearDownClass(cls):
        cls.work.cleanup()

    def target(self, function, args="[1, 2]"):
        return support.load(self.path, function, args)

    def test_serial_and_threads_accept_plain_coroutine_and_unpicklable_functions(self):
        for function in ("square", "nap", "square_lambda", "add_one"):
            target = self.target(function, "[(0,)]")
            for strategy in ("serial", "threads"):
                with self.subTest(strategy=strategy, function=function):
                    self.assertIsNone(refusal(strategy, target))

    def test_async_refuses_a_function_that_is_not_a_coroutine_function(self):
        self.assertEqual(
            refusal("async", self.target("square")),
            ("run", "NotApplicable", "async: square is not a coroutine function (async def)"),
        )

    def test_async_accepts_a_coroutine_function(self):
        self.assertIsNone(refusal("async", self.target("nap", "[(0,)]")))

    def test_processes_accept_a_module_level_function(self):
        self.assertIsNone(refusal("processes", self.target("square")))

    def test_processes_refuse_a_lambda_with_the_pickling_reason(self):
        target = self.target("square_lambda")
        kind, type_, message = refusal("processes", target)
        self.assertEqual((kind, type_), ("run", "NotPicklable"))
        self.assertEqual(message, "processes: " + target.picklable["reason"])
        self.assertIn("the function <lambda> cannot be pickled", message)

    def test_processes_refuse_a_closure(self):
        kind, type_, message = refusal("processes", self.target("add_one"))
        self.assertEqual((kind, type_), ("run", "NotPicklable"))
        self.assertIn("make_adder.<locals>.add cannot be pickled", message)

    def test_processes_refuse_arguments_that_cannot_be_pickled(self):
        kind, type_, message = refusal("processes", self.target("square", "[(1,), (__import__('threading').Lock(),)]"))
        self.assertEqual((kind, type_), ("run", "NotPicklable"))
        self.assertIn("the arguments of task 1 cannot be pickled", message)

    @unittest.skipIf(HAS_INTERPRETER_POOL, "this Python has InterpreterPoolExecutor")
    def test_interpreters_need_python_3_14(self):
        for function in ("square", "square_lambda"):  # the version is checked before picklability
            with self.subTest(function):
                self.assertEqual(
                    refusal("interpreters", self.target(function)),
                    (
                        "run",
                        "NotApplicable",
                        "interpreters: this Python has no concurrent.futures.InterpreterPoolExecutor (3.14+)",
                    ),
                )

    @unittest.skipUnless(HAS_INTERPRETER_POOL, "InterpreterPoolExecutor is 3.14+")
    def test_interpreters_refuse_an_unpicklable_function_on_3_14(self):
        kind, type_, message = refusal("interpreters", self.target("square_lambda"))
        self.assertEqual((kind, type_), ("run", "NotPicklable"))
        self.assertTrue(message.startswith("interpreters: the function <lambda> cannot be pickled"))

    @unittest.skipUnless(HAS_INTERPRETER_POOL, "InterpreterPoolExecutor is 3.14+")
    def test_interpreters_accept_a_module_level_function_on_3_14(self):
        self.assertIsNone(refusal("interpreters", self.target("square")))

    def test_the_runner_raises_the_refusal_unchanged(self):
        target = self.target("square")
        with self.assertRaises(HarnessFailure) as caught:
            support.run(target, "async")
        self.assertEqual(caught.exception.kind, "run")
        self.assertEqual(caught.exception.error, STRATEGIES["async"].unavailable(target).error)


if __name__ == "__main__":
    unittest.main()
