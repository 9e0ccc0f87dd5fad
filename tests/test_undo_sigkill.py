"""`prune undo --since` killed with SIGKILL mid-way, then run again: the follow set ends as it
was before the runs, whatever the kills interrupted (the real-process side of
tests/test_undo_properties.py)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from followprune.networks.demo import load_demo_data
from tests.conftest import Invoke
from tests.test_crash import _kill_when_the_journal_grows

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _undo(home: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "FOLLOWPRUNE_HOME": str(home)}
    return subprocess.Popen(
        [sys.executable, "-m", "followprune", "undo", "--demo", "--since", "2000-01-01",
         "--yes"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_killed_range_undo_finishes_back_at_the_start(isolated_env: Path,
                                                        invoke: Invoke) -> None:
    for _ in range(3):
        assert invoke("--demo", "--yes", "--limit", "12").exit_code == 0
    assert invoke("undo", "--demo", "--yes").exit_code == 0  # the last run's 12 come back

    rng = random.Random(9)
    kills = 0
    for _ in range(4):
        proc = _undo(isolated_env)
        _kill_when_the_journal_grows(proc, isolated_env, rng)  # type: ignore[arg-type]
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.communicate(timeout=60)
    for _ in range(5):
        proc = _undo(isolated_env)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert "unfollow @" not in out  # never the reverse of an undo
        if "Nothing to undo" in out:
            break
    else:
        pytest.fail("undo never ran out of work")

    data = load_demo_data()
    initial = {r["account_id"]: (int(r.get("you_follow", True)), int(r.get("muted", False)))
               for r in data["relationships"]}
    with sqlite3.connect(isolated_env / "followprune.sqlite3") as conn:
        state = {row[0]: (row[1], row[2]) for row in conn.execute("SELECT * FROM demo_state")}
        undone = conn.execute("SELECT COUNT(*) FROM actions WHERE undo_of IS NOT NULL"
                              " AND kind = 'unfollow'").fetchone()[0]
        reconciled = conn.execute("SELECT COUNT(*) FROM journal WHERE detail LIKE"
                                  " 'reconciled%'").fetchone()[0]
    gone = {a["id"] for a in data["accounts"] if a.get("state", "active") != "active"}
    # Accounts that are gone cannot be followed again; every other tie is as it was.
    assert state and all(state[a] == initial[a] for a in state if a not in gone)
    assert all(state[a][0] == 0 for a in state if a in gone)
    assert undone == 0
    print(f"\nundo under SIGKILL: {kills} kills, {reconciled} intents reconciled")
