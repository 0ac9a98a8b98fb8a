"""The Channel: one compact JSON object a line out, command lines in, safe to share between threads."""

import json
import os
import threading
import unittest

from parprof_harness.protocol import Channel


class ChannelTest(unittest.TestCase):
    def setUp(self):
        self.cmd_read, self.cmd_write = os.pipe()
        self.out_read, self.out_write = os.pipe()
        self.channel = Channel(self.cmd_read, self.out_write)  # owns cmd_read from here on
        self.open_fds = {self.cmd_write, self.out_read, self.out_write}

    def tearDown(self):
        self.channel._in.close()
        for fd in list(self.open_fds):
            self.close(fd)

    def close(self, fd: int) -> None:
        """Close one of our fds once (a second close could hit an fd reused by someone else)."""
        if fd in self.open_fds:
            self.open_fds.discard(fd)
            os.close(fd)

    def written(self) -> bytes:
        """Everything sent so far, once the write end is closed."""
        self.close(self.out_write)
        return self._drain()

    def test_an_event_is_one_compact_json_line(self):
        self.channel.send({"type": "done", "id": "r1", "tasks": [1, 2]})
        self.assertEqual(self.written(), b'{"type":"done","id":"r1","tasks":[1,2]}\n')

    def test_the_wire_is_ascii_even_for_odd_strings(self):
        self.channel.send({"file": "caf\u00e9-\udc80.py"})
        data = self.written()
        data.decode("ascii")
        self.assertEqual(json.loads(data)["file"], "caf\u00e9-\udc80.py")

    def test_values_json_cannot_encode_are_sent_as_their_str(self):
        self.channel.send({"value": frozenset([1])})
        self.assertEqual(json.loads(self.written())["value"], "frozenset({1})")

    def test_events_sent_from_many_threads_never_interleave(self):
        big = "x" * 100_000  # larger than a pipe buffer, so each send takes several writes
        reader_chunks = []
        reader = threading.Thread(target=lambda: reader_chunks.append(self._drain()))
        reader.start()
        senders = [
            threading.Thread(target=lambda n=n: [self.channel.send({"n": n, "pad": big}) for _ in range(5)])
            for n in range(4)
        ]
        for thread in senders:
            thread.start()
        for thread in senders:
            thread.join()
        self.close(self.out_write)
        reader.join()
        lines = reader_chunks[0].splitlines()
        self.assertEqual(len(lines), 20)
        self.assertEqual(sorted(json.loads(line)["n"] for line in lines), sorted(list(range(4)) * 5))

    def _drain(self) -> bytes:
        chunks = []
        while True:
            chunk = os.read(self.out_read, 65536)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)

    def test_commands_are_the_non_blank_lines_stripped(self):
        os.write(self.cmd_write, b'{"cmd":"load"}\n\n   \n  {"cmd":"exit"}  \r\n')
        self.close(self.cmd_write)
        self.assertEqual(list(self.channel.commands()), [b'{"cmd":"load"}', b'{"cmd":"exit"}'])


if __name__ == "__main__":
    unittest.main()
