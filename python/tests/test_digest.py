"""The results digest: equal plain values hash equally under any interpreter; addresses make it incomparable."""

import hashlib
import unittest

from parprof_harness.digest import results_digest

from . import support


class DigestTest(unittest.TestCase):
    def test_the_hash_is_sha256_of_each_repr_in_task_order(self):
        expected = hashlib.sha256(b"1\x00[2, 'x']\x00{'a': 3.5}\x00").hexdigest()
        digest = results_digest([1, [2, "x"], {"a": 3.5}])
        self.assertEqual(digest, {"hash": expected, "tasks": 3, "preview": "1", "comparable": True})

    def test_order_matters_and_so_does_every_value(self):
        self.assertNotEqual(results_digest([1, 2])["hash"], results_digest([2, 1])["hash"])
        self.assertNotEqual(results_digest([1, 2])["hash"], results_digest([1, 3])["hash"])

    def test_a_repr_with_a_memory_address_is_marked_incomparable(self):
        self.assertFalse(results_digest([1, object()])["comparable"])

    def test_a_long_first_result_is_previewed_truncated(self):
        preview = results_digest(["x" * 1000])["preview"]
        self.assertEqual(len(preview), 120)
        self.assertTrue(preview.endswith("..."))

    def test_large_bytes_are_hashed_raw_not_through_repr(self):
        # repr of 100 MB of bytes would be a 400 MB string: bytes-like results are hashed as they are.
        class Watched(bytes):
            def __repr__(self):
                raise AssertionError("repr of a bytes result was built")

        digest = results_digest([Watched(100 << 20), bytearray(b"ab")])
        self.assertTrue(digest["comparable"])
        self.assertTrue(digest["preview"].startswith("b'\\x00"))
        self.assertTrue(digest["preview"].endswith("(104857600 bytes)"))
        self.assertEqual(digest["hash"], results_digest([Watched(100 << 20), bytearray(b"ab")])["hash"])
        self.assertNotEqual(digest["hash"], results_digest([Watched(100 << 20), bytearray(b"ac")])["hash"])

    def test_bytes_and_the_same_text_hash_differently(self):
        self.assertNotEqual(results_digest([b"1"])["hash"], results_digest([1])["hash"])
        self.assertNotEqual(results_digest([b"1"])["hash"], results_digest([bytearray(b"1")])["hash"])

    def test_a_repr_that_raises_does_not_fail_the_digest(self):
        class Bad:
            def __repr__(self):
                raise RuntimeError("no")

        self.assertEqual(results_digest([Bad()])["preview"], "<repr failed: RuntimeError>")


class HashResultsRunTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = support.Workdir()
        cls.path = cls.work.write("digest_work.py", support.WORKLOAD)

    @classmethod
    def tearDownClass(cls):
        cls.work.cleanup()

    def test_hash_results_adds_the_digest_of_the_runs_return_values(self):
        done, _ = support.run(support.load(self.path, "square", "list(range(4))"), "serial", hashResults=True)
        self.assertEqual(done["results"], results_digest([0, 1, 4, 9]))

    def test_without_hash_results_there_is_no_digest(self):
        done, _ = support.run(support.load(self.path, "square", "list(range(4))"), "serial")
        self.assertNotIn("results", done)


if __name__ == "__main__":
    unittest.main()
