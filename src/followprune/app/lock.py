"""One automatic run at a time: an exclusive, non-blocking lock on `paths.lock_file`.

The kernel releases the lock when the process dies, however it dies, so a run killed by
SIGKILL or a power cut never leaves a stale lock behind (a lock *file* that merely exists
would). Standard library only: `fcntl.flock` on Unix, `msvcrt.locking` on Windows.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from followprune.errors import FollowpruneError, LockedError


def _try_lock(handle: IO[str]) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder(path: Path) -> str:
    try:
        pid = path.read_text(encoding="utf-8").strip()
    except OSError:
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""


@contextmanager
def run_lock(path: Path) -> Iterator[None]:
    """Hold the lock for the duration of the block, or raise LockedError at once."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # "a+" never truncates: the holder's pid stays readable for the error message.
        handle = path.open("a+", encoding="utf-8")
    except OSError as exc:
        raise FollowpruneError(f"cannot open the lock file {path}: {exc.strerror}") from None
    try:
        if not _try_lock(handle):
            raise LockedError(
                f"another prune run is in progress{_holder(path)}; this one did nothing",
                hint=f"it holds {path}; the lock goes when that run ends or is killed",
            )
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        # Closing the file releases the lock; the file itself stays (deleting it would
        # let a third run lock a new file while the second still holds the old one).
        handle.close()
