"""Work handed to a forked child, its result passed back as bytes (issue 17: both cores).

A child made by `os.fork` starts with the parent's whole heap, shared until either side
writes a page, so a list read once can be worked on in two processes without being sent
anywhere; only results cross, as bytes the parent turns back into objects. Nothing is ever
trusted to the child alone: whenever it fails, is killed or sends too little, the caller
does the work itself, and any error it meets is raised as it would be with no child.
"""

from __future__ import annotations

import gc
import math
import os
import signal
import threading
from collections.abc import Callable
from types import TracebackType

# Below this many accounts a second process costs more (starting it, copying the pages it
# writes, passing the results) than the half of the work it takes over saves.
PARALLEL_FROM = 20_000
# Above this many, no child: every page either process writes while both run is copied,
# and scoring reads (so writes the reference counts of) every account in both, so a child
# costs about what the accounts hold, ~1 KB each. Measured summed peak RSS: 363 -> 460 MB
# at 100,000 accounts, 2.4 -> 3.3 GB at 1,000,000, where memory, not time, is the further
# goal (issue 17: < 1.5 GB) and the child would save ~6 s of ~80.
PARALLEL_UP_TO = 250_000


def can_fork() -> bool:
    """Whether a child can be forked safely and to some purpose: `os.fork` exists, no other
    thread runs (a lock held by another thread would stay held forever in the child), and
    a core is idle. On a busy machine the child only adds work: it copies every page either
    process writes, and its results must still be turned back into objects (measured: 10 %
    more CPU at 100,000 accounts, and no time saved with the other core taken)."""
    return (hasattr(os, "fork") and threading.active_count() == 1
            and _cores() - _load() >= IDLE_CORE)


# How much of a core the last minute's load must have left idle for a child to be worth it.
IDLE_CORE = 0.5


def _load() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:  # the load is not known: assume the machine is busy
        return math.inf


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Child:
    """`work()` run in a forked child; `result()` is its bytes, or None if it failed.

    Used as a context manager, so the child is ended (if still running) and collected
    however the parent's side ends: no zombie, and no orphan left computing."""

    def __init__(self, work: Callable[[], bytes]) -> None:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            _run_child(work, write_end)
        os.close(write_end)
        self.pid = pid
        self._pipe = os.fdopen(read_end, "rb")

    def result(self) -> bytes | None:
        """Wait for the child's bytes; None when it did not send them whole."""
        head = self._pipe.read(8)
        if len(head) != 8:
            return None
        size = int.from_bytes(head, "little")
        body = self._pipe.read(size)
        return body if len(body) == size else None

    def __enter__(self) -> Child:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._pipe.close()
        reap(self.pid)


def _run_child(work: Callable[[], bytes], write_end: int) -> None:
    status = 1
    try:
        gc.disable()  # short-lived: nothing it makes needs collecting
        data = work()
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(len(data).to_bytes(8, "little"))
            pipe.write(data)
        status = 0
    finally:
        # Never return into the parent's code, and run none of its clean-up: its buffered
        # output and open files are the parent's to flush. Whatever went wrong, the parent
        # sees too little and does the work itself.
        os._exit(status)


def reap(pid: int) -> None:
    """End child `pid` if it still runs and collect it."""
    try:
        finished, _ = os.waitpid(pid, os.WNOHANG)
        if finished == 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    except ChildProcessError:
        pass
