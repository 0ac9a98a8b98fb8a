"""Picklability of a target (what process pools need) and the cost of pickling its arguments and results."""

import pickle
import threading
import unittest

from parprof_harness.pickling import check_picklable, measure_pickle


def module_level(x):
    return x


class CheckPicklableTest(unittest.TestCase):
    def test_a_module_level_function_with_plain_arguments_is_picklable(self):
        self.assertEqual(check_picklable(module_level, [(1,), ("a", [2])]), {"ok": True})

    def test_a_lambda_or_a_nested_function_is_not_and_the_reason_says_how_to_fix_it(self):
        def nested(x):
            return x

        for fn, name in ((lambda x: x, "<lambda>"), (nested, "nested")):
            with self.subTest(name):
                result = check_picklable(fn, [(1,)])
                self.assertFalse(result["ok"])
                self.assertIn(f"the function {fn.__qualname__} cannot be pickled (", result["reason"])
                self.assertIn("move it to module level and define it with def", result["reason"])

    def test_the_first_unpicklable_argument_tuple_is_named_by_task_index(self):
        result = check_picklable(module_level, [(1,), (2,), (threading.Lock(),), (threading.Lock(),)])
        self.assertFalse(result["ok"])
        self.assertTrue(result["reason"].startswith("the arguments of task 2 cannot be pickled ("), result["reason"])


class MeasurePickleTest(unittest.TestCase):
    def test_sizes_are_the_pickled_bytes_of_every_argument_tuple_and_result(self):
        tasks, results = [(1,), ("two", 2.0)], [1, [1, 2, 3], {"k": "v"}]
        stats = measure_pickle(tasks, results)
        self.assertEqual(stats["argBytes"], sum(len(pickle.dumps(t)) for t in tasks))
        self.assertEqual(stats["resultBytes"], sum(len(pickle.dumps(r)) for r in results))
        self.assertTrue(stats["argNs"] >= 0 and stats["resultNs"] >= 0)
        self.assertEqual(set(stats), {"argBytes", "resultBytes", "argNs", "resultNs"})

    def test_values_that_cannot_be_pickled_are_counted_not_raised(self):
        stats = measure_pickle([(1,), (threading.Lock(),)], [lambda: 0, 5])
        self.assertEqual(stats["unpicklable"], 2)
        self.assertEqual(stats["argBytes"], len(pickle.dumps((1,))))
        self.assertEqual(stats["resultBytes"], len(pickle.dumps(5)))

    def test_nothing_to_measure_is_zero(self):
        self.assertEqual(measure_pickle([], [])["argBytes"], 0)


if __name__ == "__main__":
    unittest.main()
