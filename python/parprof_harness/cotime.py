"""CPU time of one coroutine among many on an event loop."""

from time import thread_time_ns


class TimedAwait:
    """Awaits a coroutine and adds up the thread CPU time of its own steps only.

    Under asyncio.gather the coroutines interleave on one thread, so a thread_time delta around the
    whole await would also count every other task's work.
    """

    __slots__ = ("coro", "cpu")

    def __init__(self, coro) -> None:
        self.coro = coro
        self.cpu = 0

    def __await__(self):
        # Drives the inner coroutine by hand, as `yield from` would, timing each send/throw.
        coro = self.coro
        sent = None
        thrown = None
        while True:
            cpu0 = thread_time_ns()
            try:
                yielded = coro.send(sent) if thrown is None else coro.throw(thrown)
            except StopIteration as stop:
                self.cpu += thread_time_ns() - cpu0
                return stop.value
            except BaseException:
                self.cpu += thread_time_ns() - cpu0
                raise
            self.cpu += thread_time_ns() - cpu0
            try:
                sent = yield yielded
                thrown = None
            except BaseException as exc:  # cancellation and errors set on awaited futures
                sent = None
                thrown = exc
