"""evaluate_tasks: the --args expression (or a task count) becomes a list of argument tuples, or a BadArgs error."""

import collections
import unittest

from parprof_harness.errors import HarnessFailure
from parprof_harness.taskargs import evaluate_tasks


def one(x):
    return x


def two(a, b):
    return a + b


def none():
    return None


Pair = collections.namedtuple("Pair", "a b")


class EvaluateTasksTest(unittest.TestCase):
    def bad(self, expr, fn=one, count=8, namespace=None):
        with self.assertRaises(HarnessFailure) as caught:
            evaluate_tasks(expr, namespace or {}, fn, count)
        self.assertEqual((caught.exception.kind, caught.exception.error["type"]), ("input", "BadArgs"))
        return caught.exception.error

    def test_elements_become_argument_tuples(self):
        cases = [
            ("tuples spread into arguments", "[(1, 2), (3, 4)]", two, [(1, 2), (3, 4)]),
            ("a bare value is one argument", "[1, 2]", one, [(1,), (2,)]),
            ("a list is one argument, not spread", "[[1, 2]]", one, [([1, 2],)]),
            ("a namedtuple spreads like a tuple", "[Pair(1, 2)]", two, [(1, 2)]),
            ("any iterable of tasks works", "range(3)", one, [(0,), (1,), (2,)]),
            ("a generator works", "(i for i in range(2))", one, [(0,), (1,)]),
        ]
        for title, expr, fn, expected in cases:
            with self.subTest(title):
                self.assertEqual(evaluate_tasks(expr, {"Pair": Pair}, fn, 8), expected)

    def test_without_an_expression_the_function_is_called_count_times_with_no_arguments(self):
        for expr in (None, "", "   "):
            with self.subTest(expr=expr):
                self.assertEqual(evaluate_tasks(expr, {}, none, 3), [(), (), ()])

    def test_the_task_count_must_be_a_positive_integer(self):
        for count in (0, -1, True, 2.0, "3"):
            with self.subTest(count=count):
                self.assertEqual(self.bad(None, none, count)["message"], f"--tasks must be a positive integer, got {count!r}")

    def test_the_expression_sees_the_module_namespace(self):
        self.assertEqual(evaluate_tasks("[N, N + 1]", {"N": 5}, one, 8), [(5,), (6,)])

    def test_an_expression_that_raises_is_bad_args_with_a_traceback(self):
        error = self.bad("[1 / 0]")
        self.assertEqual(error["message"], "--args raised ZeroDivisionError: division by zero")
        self.assertIn("ZeroDivisionError", error["traceback"])

    def test_system_exit_in_the_expression_is_still_bad_args(self):
        self.assertEqual(self.bad("exit(3)", namespace={"exit": exit})["message"], "--args raised SystemExit: 3")

    def test_values_that_are_not_a_list_of_tasks_are_refused(self):
        for expr, kind in (("'abc'", "str"), ("b'ab'", "bytes"), ("{1: 2}", "dict"), ("42", "int"), ("None", "NoneType")):
            with self.subTest(expr):
                self.assertEqual(self.bad(expr)["message"], f"--args must yield a list of argument tuples, got {kind}")

    def test_an_empty_list_is_refused(self):
        self.assertEqual(self.bad("[]")["message"], "--args yielded an empty list: there is nothing to run")

    def test_an_iterable_that_fails_while_iterating_is_bad_args(self):
        error = self.bad("(1 / 0 for _ in range(1))")
        self.assertEqual(error["message"], "--args could not be iterated: ZeroDivisionError: division by zero")

    def test_the_arity_is_checked_once_before_anything_runs(self):
        message = self.bad("[(1, 2), (1,)]", two)["message"]
        self.assertTrue(message.startswith("task 1: two(a, b) cannot be called with 1 argument(s): "), message)

    def test_a_function_that_needs_arguments_without_args_hints_at_args(self):
        message = self.bad(None, one, 2)["message"]
        self.assertTrue(message.startswith("task 0: one(x) cannot be called with 0 argument(s): "), message)
        self.assertTrue(message.endswith(" (pass --args)"))

    def test_a_callable_without_a_readable_signature_is_left_for_the_run_to_judge(self):
        self.assertEqual(evaluate_tasks("[(1, 2, 3)]", {}, NoSignature(), 8), [(1, 2, 3)])


class NoSignature:
    """A callable that inspect.signature cannot read (as some builtins and C extensions are)."""

    __signature__ = "unreadable"

    def __call__(self, *args):
        return args


if __name__ == "__main__":
    unittest.main()
