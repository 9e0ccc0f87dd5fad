"""What every command that acts shares: the run lock (interactive `prune`, `prune undo` and
`prune --auto` never overlap) and visible waits (a countdown on a terminal, a line otherwise,
always a line in the log file)."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from rich.console import Console

from followprune.app.lock import run_lock
from followprune.cli.progress import visible_waiter
from followprune.cli.state import CliState
from followprune.errors import LockedError
from followprune.paths import resolve_paths
from followprune.render.console import Consoles
from tests.conftest import Invoke
from tests.fakex import FakeX, faults
from tests.fakex.harness import serve_connected

FOLLOW = r"/2/users/\d+/following"


def journal_rows(home: Path) -> int:
    with sqlite3.connect(home / "followprune.sqlite3") as conn:
        return int(conn.execute("SELECT COUNT(*) FROM journal").fetchone()[0])


def undo_runs(home: Path) -> int:
    with sqlite3.connect(home / "followprune.sqlite3") as conn:
        return int(conn.execute("SELECT COUNT(*) FROM runs WHERE mode = 'undo'").fetchone()[0])


@contextmanager
def held_elsewhere() -> Iterator[None]:
    """The lock held by another process, as a cron run would hold it."""
    code = ("import sys; from pathlib import Path; from followprune.app.lock import run_lock\n"
            "with run_lock(Path(sys.argv[1])):\n"
            "    print('held', flush=True); sys.stdin.read()\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(resolve_paths().lock_file)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=os.environ)
    assert proc.stdout is not None and proc.stdin is not None
    try:
        assert proc.stdout.readline() == b"held\n"
        yield
    finally:
        proc.stdin.close()  # its read() returns, it leaves the block and exits
        proc.wait(timeout=30)


# --- the lock ----------------------------------------------------------------------------------

def test_interactive_prune_and_undo_are_refused_while_another_run_acts(
    invoke: Invoke, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Mutes: the demo's worst three are gone accounts, which an undo could not follow again.
    monkeypatch.setenv("FOLLOWPRUNE_PROPOSALS_ACTION", "mute")
    with run_lock(resolve_paths().lock_file):
        result = invoke("--demo", "--yes", "--limit", "3")
    assert result.exit_code == 7, result.output
    assert "another prune run is in progress (pid " in result.stderr
    assert journal_rows(isolated_env) == 0  # refused before the first intent

    assert invoke("--demo", "--yes", "--limit", "3").exit_code == 0  # the lock went with it
    acted = journal_rows(isolated_env)
    assert acted == 6  # 3 intents, 3 outcomes

    with run_lock(resolve_paths().lock_file):
        result = invoke("undo", "--demo", "--yes")
    assert result.exit_code == 7, result.output
    assert "this one did nothing" in result.stderr
    assert journal_rows(isolated_env) == acted
    assert undo_runs(isolated_env) == 0  # not even the undo run is recorded

    result = invoke("undo", "--demo", "--yes")
    assert result.exit_code == 0, result.output
    assert journal_rows(isolated_env) == 2 * acted and undo_runs(isolated_env) == 1


def test_a_lock_held_by_another_process_refuses_prune_and_undo(
    invoke: Invoke, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Mutes: the demo's worst two are gone accounts, which an undo could not follow again.
    monkeypatch.setenv("FOLLOWPRUNE_PROPOSALS_ACTION", "mute")
    assert invoke("--demo", "--yes", "--limit", "2").exit_code == 0
    before = journal_rows(isolated_env)
    with held_elsewhere():
        assert invoke("--demo", "--yes", "--limit", "2").exit_code == 7
        assert invoke("undo", "--demo", "--yes").exit_code == 7
    assert journal_rows(isolated_env) == before


def test_nesting_is_refused_unless_the_holder_allows_it(tmp_path: Path) -> None:
    path = tmp_path / "run.lock"
    # flock is per open file: the same process is refused like any other.
    with run_lock(path), pytest.raises(LockedError), run_lock(path):
        pass
    with run_lock(path, reentrant=True):
        with run_lock(path):
            pass
        with run_lock(path):  # still held by the outer block after the inner one ended
            code = ("import sys; from pathlib import Path; from followprune.app.lock import"
                    " run_lock\nwith run_lock(Path(sys.argv[1])): pass\n")
            other = subprocess.run([sys.executable, "-c", code, str(path)],
                                   capture_output=True, text=True, timeout=30)
            assert other.returncode != 0 and "LockedError" in other.stderr
    # Released, and not left reentrant for later holders.
    with run_lock(path), pytest.raises(LockedError), run_lock(path):
        pass


# --- visible waits -----------------------------------------------------------------------------

def state_with(*, terminal: bool, quiet: bool = False) -> tuple[CliState, io.StringIO]:
    err = io.StringIO()
    consoles = Consoles(Console(file=io.StringIO()),
                        Console(file=err, force_terminal=terminal, width=100), quiet)
    state = CliState(quiet=quiet)
    state._consoles = consoles
    return state, err


def test_a_terminal_gets_a_countdown_others_a_line_short_waits_nothing() -> None:
    sleeps: list[float] = []
    state, err = state_with(terminal=True)
    visible_waiter(state)(7.0, "pacing", sleeps.append)
    assert sleeps == [1.0] * 7  # counted down second by second
    assert "Waiting" in err.getvalue() and "pacing" in err.getvalue()

    for line, quiet, shown in ((True, False, True), (True, True, False), (False, False, False)):
        sleeps.clear()
        state, err = state_with(terminal=False, quiet=quiet)
        visible_waiter(state, line=line)(7.0, "pacing", sleeps.append)
        assert sleeps == [7.0]
        assert (err.getvalue() == "Waiting 7 s: pacing.\n") is shown, (line, quiet)

    sleeps.clear()
    state, err = state_with(terminal=True)
    visible_waiter(state)(4.9, "pacing", sleeps.append)
    assert sleeps == [4.9] and err.getvalue() == ""


@pytest.fixture
def xfx(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeX]:
    yield from serve_connected(monkeypatch)


@pytest.fixture
def pacer_sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The Pacer's real sleep, replaced for the commands the test runs in-process."""
    sleeps: list[float] = []
    monkeypatch.setattr("followprune.app.actions.pause", sleeps.append)
    return sleeps


def log_text() -> str:
    return resolve_paths().log_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("quiet", [False, True])
def test_undo_shows_the_pacer_and_the_rate_limit_waits(
    xfx: FakeX, invoke: Invoke, monkeypatch: pytest.MonkeyPatch, pacer_sleeps: list[float],
    quiet: bool,
) -> None:
    assert invoke("--yes", "--limit", "2", "--max-cost", "5").exit_code == 0
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_DELAY_SECONDS", "6")
    xfx.inject(FOLLOW, faults.too_many_requests(), method="POST")
    result = invoke(*(["--quiet"] if quiet else []), "undo", "--yes")
    assert result.exit_code == 0, result.output
    assert len(xfx.calls("POST", FOLLOW)) == 3  # 429, then both re-follows
    assert pacer_sleeps and all(5 < s <= 6 for s in pacer_sleeps)
    log = log_text()
    # One log line for every wait, whichever command acts (app/acting.py).
    assert "sleeping 6.0s (pacing)" in log and "rate limit for" in log  # always in the file
    if quiet:
        assert "Waiting" not in result.stderr
    else:
        assert "Waiting 6 s: pacing." in result.stderr
        assert "s: rate limit for following" in result.stderr


@pytest.mark.parametrize("quiet", [False, True])
def test_auto_shows_the_pacer_and_the_rate_limit_waits(
    xfx: FakeX, invoke: Invoke, isolated_env: Path, monkeypatch: pytest.MonkeyPatch,
    pacer_sleeps: list[float], quiet: bool,
) -> None:
    (isolated_env / "config.toml").parent.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.toml").write_text(
        '[auto]\ncooling_off_hours = 0\n[[auto.rules]]\nname = "low"\nkeep_below = 0.5\n'
        "[actions]\nper_run = 2\n", encoding="utf-8")
    flags = ["--quiet"] if quiet else []
    assert invoke(*flags, "--auto").exit_code == 3  # matches recorded, nothing acted on
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_DELAY_SECONDS", "6")
    xfx.inject(r"/2/users/\d+/following/\d+", faults.too_many_requests(), method="DELETE")
    result = invoke(*flags, "--auto")
    assert result.exit_code == 4, result.output  # per-run cap reached: partial
    assert pacer_sleeps and all(5 < s <= 6 for s in pacer_sleeps)
    log = log_text()
    assert "sleeping 6.0s (pacing)" in log and "rate limit for" in log
    if quiet:
        assert "sleeping" not in result.stderr and "rate limit" not in result.stderr
    else:  # the log's echo is the line; no second copy from the waiter
        assert result.stderr.count("(pacing)") == 1 and "Waiting" not in result.stderr
        assert "rate limit for" in result.stderr
