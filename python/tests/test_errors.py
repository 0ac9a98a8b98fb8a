"""describe_exception and HarnessFailure: errors as the protocol's HarnessError objects, located in user code."""

import os
import unittest

from parprof_harness.errors import HarnessFailure, describe_exception, innermost_user_frame, same_file
from parprof_harness.memlimit import ENV

from . import support

USER = """\
def outer(x):
    return inner(x)


def inner(x):
    raise ValueError(f"bad {x}")
"""

WRAPPER = """\
def call(fn, *args):
    return fn(*args)
"""


def caught(fn, *args):
    try:
        fn(*args)
    except BaseException as exc:  # noqa: BLE001 - the exception is the subject of the test
        return exc
    raise AssertionError("did not raise")


class DescribeExceptionTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = support.Workdir()
        cls.user_file = cls.work.write("err_user.py", USER)
        cls.wrapper_file = cls.work.write("err_wrapper.py", WRAPPER)
        cls.user, cls.wrapper = {}, {}
        exec(compile(USER, cls.user_file, "exec"), cls.user)
        exec(compile(WRAPPER, cls.wrapper_file, "exec"), cls.wrapper)

    @classmethod
    def tearDownClass(cls):
        cls.work.cleanup()

    def test_type_message_and_traceback_text(self):
        error = describe_exception(caught(self.user["outer"], 1))
        self.assertEqual((error["type"], error["message"]), ("ValueError", "bad 1"))
        self.assertTrue(error["traceback"].startswith("Traceback (most recent call last):\n"))
        self.assertTrue(error["traceback"].endswith("ValueError: bad 1\n"))
        self.assertNotIn("file", error, "no user file given, so no location")

    def test_the_location_is_the_innermost_frame_in_the_user_s_file(self):
        error = describe_exception(caught(self.user["outer"], 1), self.user_file)
        self.assertEqual((error["file"], error["line"]), (self.user_file, 6))

    def test_leading_frames_of_wrapper_files_are_dropped(self):
        exc = caught(self.wrapper["call"], self.user["outer"], 2)
        kept = describe_exception(exc, self.user_file)["traceback"]
        skipped = describe_exception(exc, self.user_file, (self.wrapper_file, __file__))["traceback"]
        self.assertIn("err_wrapper.py", kept)
        self.assertNotIn("err_wrapper.py", skipped)
        self.assertTrue(skipped.startswith(f'Traceback (most recent call last):\n  File "{self.user_file}", line 2, in outer'))

    def test_an_exception_without_a_message_is_described_by_its_type(self):
        self.assertEqual(describe_exception(KeyboardInterrupt())["message"], "KeyboardInterrupt")

    def test_a_syntax_error_is_located_at_its_own_file_and_line(self):
        exc = caught(compile, "x = (\n", "broken.py", "exec")
        error = describe_exception(exc)
        self.assertEqual(error["type"], "SyntaxError")
        self.assertEqual(error["file"], "broken.py")
        self.assertIsInstance(error["line"], int)

    def test_memory_error_names_the_profiler_s_limit_when_one_is_set(self):
        saved = os.environ.get(ENV)
        try:
            os.environ.pop(ENV, None)
            self.assertEqual(describe_exception(MemoryError())["message"], "out of memory")
            os.environ[ENV] = "256"
            self.assertTrue(describe_exception(MemoryError())["message"].startswith("out of memory (limit 256 MB per process)"))
        finally:
            if saved is None:
                os.environ.pop(ENV, None)
            else:
                os.environ[ENV] = saved

    def test_innermost_user_frame_is_none_outside_user_code(self):
        exc = caught(self.user["outer"], 1)
        self.assertIsNone(innermost_user_frame(exc.__traceback__, None))
        self.assertIsNone(innermost_user_frame(exc.__traceback__, self.wrapper_file))

    def test_same_file_resolves_relative_paths(self):
        self.assertTrue(same_file(self.user_file, os.path.relpath(self.user_file)))
        self.assertFalse(same_file(self.user_file, self.wrapper_file))
        self.assertFalse(same_file(self.user_file, None))


class HarnessFailureTest(unittest.TestCase):
    def test_it_carries_the_event_kind_and_the_error_fields_without_empty_extras(self):
        failure = HarnessFailure("input", "BadArgs", "no", traceback="tb", file=None, line=0)
        self.assertEqual(failure.kind, "input")
        self.assertEqual(failure.error, {"type": "BadArgs", "message": "no", "traceback": "tb", "line": 0})
        self.assertEqual(str(failure), "no")


if __name__ == "__main__":
    unittest.main()
