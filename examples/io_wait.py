"""I/O-bound work: tasks that wait on a reply rather than compute. Threads and asyncio overlap the waiting.

    parallelism-profiler profile examples/io_wait.py:fetch --tasks 32
    parallelism-profiler profile examples/io_wait.py:fetch_async --tasks 32
"""
import asyncio
import socket
import threading
import time

# A tiny local server that answers each request after a delay, like a slow web service, on a free loopback port.
# Threads only (no processes), so importing this module stays safe; it is started on first use, in each process.
DELAY = 0.05
_server = {"port": None}
_lock = threading.Lock()


def _serve(listener):
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=_answer, args=(conn,), daemon=True).start()


def _answer(conn):
    with conn:
        if conn.recv(64):
            time.sleep(DELAY)
            conn.sendall(b"pong\n")


def _port():
    with _lock:
        if _server["port"] is None:
            listener = socket.create_server(("127.0.0.1", 0), backlog=256)
            _server["port"] = listener.getsockname()[1]
            threading.Thread(target=_serve, args=(listener,), daemon=True).start()
        return _server["port"]


def fetch():
    """Send a request to the local server and wait for its delayed answer (blocking socket I/O)."""
    with socket.create_connection(("127.0.0.1", _port())) as s:
        s.sendall(b"ping\n")
        return s.recv(64)


async def fetch_async():
    """The same request with asyncio streams, so many can wait at once on one thread."""
    reader, writer = await asyncio.open_connection("127.0.0.1", _port())
    writer.write(b"ping\n")
    await writer.drain()
    reply = await reader.read(64)
    writer.close()
    await writer.wait_closed()
    return reply
