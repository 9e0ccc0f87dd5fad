"""One run per account at a time: non-blocking locks the kernel holds for us.

Two levels: every run holds `paths.lock_file` *shared* and its account's own lock file
exclusively, so runs on different accounts (your X and your Bluesky, two X logins) go side
by side while two runs on one account do not; store-wide work (`prune store vacuum`) takes
`paths.lock_file` exclusively, which waits for no run and is refused while any runs.

The kernel releases the lock when the process dies, however it dies, so a run killed by
SIGKILL or a power cut never leaves a stale lock behind (a lock *file* that merely exists
would). Standard library only: `fcntl.flock` on Unix, `msvcrt.locking` on Windows.

Every command that acts takes it: `prune --auto` for its whole run, `prune undo` around its run
record and its actions, interactive `prune` only once the person said go (a review waiting at
its prompt must not hold cron back), `prune import-archive` while it replaces the follow list.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from followprune.errors import FollowpruneError, LockedError
from followprune.paths import Paths


def _try_lock(handle: IO[str], shared: bool) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        # msvcrt has no shared locks: runs on different accounts then take turns.

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder(path: Path) -> str:
    try:
        pid = path.read_text(encoding="utf-8").strip()
    except OSError:
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""


# (thread, lock file) pairs whose holder lets the code it calls take the lock again. flock is
# per open file, not per process: a second `run_lock` on the same file in the same process
# would be refused like another process, so nesting has to be allowed here, explicitly.
_REENTRANT: set[tuple[int, Path]] = set()


@contextmanager
def run_lock(path: Path, *, reentrant: bool = False, shared: bool = False) -> Iterator[None]:
    """Hold the lock for the duration of the block, or raise LockedError at once.

    `reentrant`: code this thread runs inside the block may take the same lock again (a
    no-op), as `prune undo` does around the shared acting code. Off by default, so a holder
    that did not ask for it still keeps everything else out, its own callees included.
    `shared`: other shared holders are let in; only an exclusive holder is kept out.
    """
    key = (threading.get_ident(), path.absolute())
    if key in _REENTRANT:
        yield
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # "a+" never truncates: the holder's pid stays readable for the error message.
        handle = path.open("a+", encoding="utf-8")
    except OSError as exc:
        raise FollowpruneError(f"cannot open the lock file {path}: {exc.strerror}") from None
    try:
        if not _try_lock(handle, shared):
            raise LockedError(
                f"another prune run is in progress{_holder(path)}; this one did nothing",
                hint=f"it holds {path}; the lock goes when that run ends or is killed",
            )
        if not shared:  # shared holders are many: the pid names the exclusive one
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
        if reentrant:
            _REENTRANT.add(key)
        yield
    finally:
        _REENTRANT.discard(key)
        # Closing the file releases the lock; the file itself stays (deleting it would
        # let a third run lock a new file while the second still holds the old one).
        handle.close()


@contextmanager
def account_lock(paths: Paths, network: str, account_id: str) -> Iterator[None]:
    """What every run that acts holds: the store-wide lock shared, its account's exclusively.
    Reentrant, so the acting code inside a locked command takes it again as a no-op."""
    with run_lock(paths.lock_file, reentrant=True, shared=True), \
            run_lock(paths.account_lock_file(network, account_id), reentrant=True):
        yield
