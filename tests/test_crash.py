"""Kill `prune --auto --demo` with SIGKILL at random moments, rerun, and check from the journal
and the demo network's state that every intended action happened exactly once and that no
intent is left without an outcome.

tests/test_crash_x.py does the same against the fake X server, checking its request log.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.test_rules import RULES_TOML, write_config

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

CONFIG = RULES_TOML + """
[actions]
per_run = 10
per_day = 10000
per_15_minutes = 10000
delay_seconds = 0
jitter_seconds = 0
"""
BUDGET_SECONDS = 12.0  # for the kill loop; the whole test takes about 25 s
MAX_KILLS = 40
MIN_KILLS = 5  # a loaded machine runs slower: the budget stretches (up to 3x) to reach these


def _start(home: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "FOLLOWPRUNE_HOME": str(home)}
    return subprocess.Popen([sys.executable, "-m", "followprune", "--auto", "--quiet"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _run(home: Path) -> int:
    proc = _start(home)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (0, 3, 4), err.decode()
    return proc.returncode


def _run_to_the_end(home: Path) -> None:
    for _ in range(40):
        if _run(home) == 3:
            return
    pytest.fail("automatic runs never ran out of work")


def _journal_rows(home: Path) -> int:
    try:
        with sqlite3.connect(home / "followprune.sqlite3", timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM journal").fetchone()[0])
    except sqlite3.Error:
        return -1


def _kill_when_the_journal_grows(proc: subprocess.Popen[bytes], home: Path,
                                 rng: random.Random) -> None:
    """Aim inside the acting phase: a run spends most of its time reading and scoring, and
    only milliseconds between an intent and its outcome."""
    before = _journal_rows(home)
    skip = rng.randint(0, 12)  # let a few journal entries through first
    while proc.poll() is None:
        now = _journal_rows(home)
        if now > before + skip:
            time.sleep(rng.uniform(0, 0.004))
            break
        time.sleep(0.0005)


def _journal(home: Path) -> list[tuple[str, str, str, str]]:
    """(account, kind, latest phase, detail) for every action."""
    with sqlite3.connect(home / "followprune.sqlite3") as conn:
        return conn.execute(
            "SELECT a.account_id, a.kind, j.phase, j.detail FROM actions a JOIN journal j"
            " ON j.seq = (SELECT MAX(seq) FROM journal WHERE action_id = a.id) ORDER BY a.id"
        ).fetchall()


def _demo_state(home: Path) -> dict[str, tuple[int, int]]:
    with sqlite3.connect(home / "followprune.sqlite3") as conn:
        return {r[0]: (r[1], r[2]) for r in conn.execute("SELECT * FROM demo_state")}


def test_sigkill_at_random_moments_never_loses_or_repeats_an_action(
    tmp_path: Path, isolated_env: Path
) -> None:
    rng = random.Random(int(os.environ.get("CRASH_SEED", "5")))
    # Reference: the same rules, never interrupted.
    reference = tmp_path / "reference"
    write_config(reference, CONFIG.replace("per_run = 10", "per_run = 1000"))
    _run(reference)
    _run_to_the_end(reference)
    expected = Counter((account, kind) for account, kind, _, _ in _journal(reference))

    home = tmp_path / "crashed"
    write_config(home, CONFIG)
    began = time.monotonic()
    assert _run(home) == 3  # the first run only records matches (cooling-off)
    run_seconds = time.monotonic() - began
    kills = 0
    started = time.monotonic()

    def more() -> bool:
        spent = time.monotonic() - started
        return kills < MAX_KILLS and (spent < BUDGET_SECONDS
                                      or (kills < MIN_KILLS and spent < 3 * BUDGET_SECONDS))

    while more():
        proc = _start(home)
        if rng.random() < 0.7:
            _kill_when_the_journal_grows(proc, home, rng)
        else:  # anywhere: while starting, syncing, scoring, acting or finishing
            time.sleep(rng.uniform(0.0, 1.1) * run_seconds)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
        if proc.returncode == 3:
            break  # everything is done already
    _run_to_the_end(home)

    journal = _journal(home)
    assert [row for row in journal if row[2] == "intent"] == []  # every intent has an outcome
    assert all(phase == "done" for _, _, phase, _ in journal)
    acted = Counter((account, kind) for account, kind, _, _ in journal)
    assert acted == expected  # the same actions as an uninterrupted run, each exactly once
    assert max(acted.values()) == 1
    state = _demo_state(home)
    for account, kind in acted:
        following, muted = state[account]
        assert (following == 0) if kind == "unfollow" else (muted == 1)
    assert set(state) == {account for account, _ in acted}  # no change without a record
    reconciled = sum(1 for *_, detail in journal if detail.startswith("reconciled"))
    print(f"\ncrash test: {kills} kills, {reconciled} in-flight intents reconciled,"
          f" {len(journal)} actions, run {run_seconds:.2f}s")
    assert kills >= MIN_KILLS
