"""`prune undo` settles what a killed run left in flight even when nothing can be restored
(persona round 8): the real CLI against the fake Bluesky service, the run killed with SIGKILL
while the service carries out the unfollow of a dead account."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Invoke
from tests.fakebsky import FakeBluesky, make_state
from tests.fakebsky import point_cli_at as bsky_cli_at

pytestmark = [pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
              pytest.mark.timeout(120)]

N = 10  # the last one is dead (its profile is gone)
DEAD = f"did:plc:acct{N - 1:020d}"


@pytest.fixture
def fake(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeBluesky]:
    server = FakeBluesky(make_state(N, dead=1)).start()
    bsky_cli_at(server, monkeypatch, timeout="10")
    yield server
    server.close()
    assert not server.errors, server.errors[:5]


def _phases(home: Path) -> dict[str, str]:
    """Each action's account and its latest journal phase."""
    with sqlite3.connect(home / "followprune.sqlite3", timeout=5) as conn:
        return {row[0]: row[1] for row in conn.execute(
            "SELECT a.account_id, (SELECT phase FROM journal WHERE action_id = a.id"
            " ORDER BY seq DESC LIMIT 1) FROM actions a")}


def _kill_during_the_unfollow_of_the_dead(home: Path, fake: FakeBluesky) -> None:
    fake.slow = {"com.atproto.repo.deleteRecord": 1.5}
    proc = subprocess.Popen([sys.executable, "-m", "followprune", "--yes", "--limit", "1"],
                            env=dict(os.environ), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        if "com.atproto.repo.deleteRecord" in fake.slow and fake.count(
                "com.atproto.repo.deleteRecord") == 0 and _journal_has_intent(home):
            time.sleep(0.3)  # the request has reached the fake, which is still sleeping
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    while fake.count("com.atproto.repo.deleteRecord") == 0 and time.monotonic() < deadline:
        time.sleep(0.05)  # the fake carries the delete out all the same
    fake.slow = {}


def _journal_has_intent(home: Path) -> bool:
    try:
        return "intent" in _phases(home).values()
    except sqlite3.Error:
        return False


def test_undo_settles_an_unfollow_of_a_dead_account_left_in_flight(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path
) -> None:
    assert invoke("--dry-run").exit_code == 0
    _kill_during_the_unfollow_of_the_dead(isolated_env, fake)
    assert _phases(isolated_env) == {DEAD: "intent"}
    assert DEAD not in fake.state.following()  # the service did it; the run never knew

    result = invoke("undo", "--yes")
    assert result.exit_code == 0, result.output
    # Settled with the service (the repeat finds the record gone), then reported as what it
    # is: done, and not restorable.
    assert "Finished 1 action an interrupted run had left in flight." in result.stderr
    assert f"Cannot be restored, the account is gone: @{DEAD}" in result.stderr
    assert "Nothing to undo in run 2." in result.stdout
    assert _phases(isolated_env) == {DEAD: "done"}
    history = invoke("history")
    assert "intent" not in history.stdout and "reconciled after an interrupted run" in (
        history.stdout)
    # Nothing followed again, nothing left to settle: a second undo has nothing to say of it.
    assert not [w for w in fake.writes if w[0] == "createRecord"]
    again = invoke("undo", "--yes", "--since", "2020-01-01")
    assert again.exit_code == 0 and "in flight" not in again.stderr
