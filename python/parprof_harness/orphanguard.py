"""Stops the harness and its pool workers when the driver that started it dies.

The driver enforces timeouts and cancels by signalling the harness's process group, and kills that group when it
exits normally. If the driver itself is killed or crashes (an extension host SIGKILLed), nothing would stop a run
that never ends: this watchdog notices the parent change and kills the whole group, pool workers included.
"""

import os
import signal
import threading

# How often the parent is checked: a dead driver's run stops within this.
POLL_SECONDS = 0.5


def start_orphan_guard() -> None:
    """Start the watchdog thread (POSIX only; only when this process leads its own group, so nothing else is hit)."""
    if os.name != "posix" or os.getpgrp() != os.getpid():
        return
    parent = os.getppid()

    def watch() -> None:
        stop = threading.Event()
        while not stop.wait(POLL_SECONDS):
            if os.getppid() != parent:
                os.killpg(0, signal.SIGKILL)

    threading.Thread(target=watch, name="parprof-orphan-guard", daemon=True).start()
