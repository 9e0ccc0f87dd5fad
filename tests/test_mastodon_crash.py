"""Kill `prune --auto --network mastodon` with SIGKILL at random moments, in a process of
its own, against the fake instance (threads of this test process), rerun, and check from
the instance's own log and state, and from the journal, that every intended unfollow
happened exactly once in effect, nothing else was touched, and every intent has exactly one
outcome — the guarantees test_crash_x.py checks on X.

Mastodon's unfollow is idempotent, so an intent a killed run left without an outcome is
settled by repeating the call (reconcile_in_flight); the fake logs each action before it
answers, so it knows what the killed client never learnt.
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
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakemasto import FakeMastodon, make_state

pytestmark = [pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
              pytest.mark.timeout(180)]

N_FOLLOWING = 40
# Silent for a year and not following back (5 of the 40): per_run = 1 spreads them over
# five acting runs, more moments to kill in.
CONFIG = """
network = "mastodon"
[auto]
cooling_off_hours = 0
[[auto.rules]]
name = "stale"
inactive_days = 365
follows_you = false
[actions]
per_run = 1
per_day = 10000
per_15_minutes = 10000
delay_seconds = 0
jitter_seconds = 0
"""
BUDGET_SECONDS = 12.0
MAX_KILLS = 20


@pytest.fixture
def fake() -> Iterator[FakeMastodon]:
    server = FakeMastodon(make_state(N_FOLLOWING)).start()
    yield server
    server.close()
    assert not server.errors, server.errors[:5]


def _start(home: Path, fake: FakeMastodon, token: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "FOLLOWPRUNE_HOME": str(home),
           "FOLLOWPRUNE_MASTODON_INSTANCE": fake.base_url, "MASTODON_ACCESS_TOKEN": token}
    env.pop("FOLLOWPRUNE_NETWORK", None)
    return subprocess.Popen([sys.executable, "-m", "followprune", "--auto", "--quiet"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _run(home: Path, fake: FakeMastodon, token: str) -> int:
    proc = _start(home, fake, token)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (0, 3, 4), err.decode()
    return proc.returncode


def _db(home: Path) -> sqlite3.Connection:
    return sqlite3.connect(home / "followprune.sqlite3", timeout=5)


def _journal_rows(home: Path) -> int:
    try:
        with _db(home) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM journal").fetchone()[0])
    except sqlite3.Error:
        return -1


def _in_flight(home: Path) -> dict[int, str]:
    if not (home / "followprune.sqlite3").exists():
        return {}
    with _db(home) as conn:
        return dict(conn.execute(
            "SELECT id, account_id FROM actions a WHERE 'intent' ="
            " (SELECT phase FROM journal WHERE action_id = a.id ORDER BY seq DESC LIMIT 1)"))


def test_sigkill_never_loses_or_repeats_an_unfollow(tmp_path: Path, fake: FakeMastodon) -> None:
    rng = random.Random(int(os.environ.get("CRASH_SEED", "7")))
    home = tmp_path / "crashed"
    home.mkdir()
    (home / "config.toml").write_text(CONFIG, encoding="utf-8")
    token = fake.issue_token()
    before = set(fake.state.following())
    started = time.monotonic()
    assert _run(home, fake, token) == 3  # the first run only records matches
    run_seconds = time.monotonic() - started
    with _db(home) as conn:
        intended = {r[0] for r in conn.execute("SELECT account_id FROM rule_matches")}
    assert 4 <= len(intended) <= 15, intended
    assert not intended & fake.state.followed_by

    kills = kills_in_flight = 0
    deadline = time.monotonic() + BUDGET_SECONDS
    while time.monotonic() < deadline and kills < MAX_KILLS:
        pending = _in_flight(home)
        proc = _start(home, fake, token)
        if rng.random() < 0.6:
            # Just after the journal grows: between an intent and its outcome is where a
            # kill hurts, and it lasts milliseconds.
            target = _journal_rows(home) + rng.randint(1, 3)
            while proc.poll() is None and _journal_rows(home) < target:
                time.sleep(0.0005)
            time.sleep(rng.uniform(0, 0.004))
        else:
            time.sleep(rng.uniform(0.0, 1.1) * run_seconds)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        _, err = proc.communicate(timeout=60)
        if proc.returncode == -signal.SIGKILL:
            kills_in_flight += bool(set(_in_flight(home).items()) - set(pending.items()))
        else:
            assert proc.returncode in (0, 3, 4), err.decode()
            if proc.returncode == 3:
                break
    for _ in range(20):
        if _run(home, fake, token) == 3:
            break
    else:
        pytest.fail("automatic runs never ran out of work")

    with _db(home) as conn:
        actions = {r[0]: r[1:] for r in conn.execute(
            "SELECT id, account_id, kind, rule FROM actions")}
        phases: dict[int, list[str]] = {}
        details: dict[int, str] = {}
        for action_id, phase, detail in conn.execute(
                "SELECT action_id, phase, detail FROM journal ORDER BY seq"):
            phases.setdefault(action_id, []).append(phase)
            details[action_id] = detail
    assert sorted(account for account, _, _ in actions.values()) == sorted(intended)
    assert all(kind == "unfollow" and rule == "stale" for _, kind, rule in actions.values())
    assert {a: phases.get(a) for a in actions} == {a: ["intent", "done"] for a in actions}
    reconciled = {actions[a][0] for a, d in details.items() if d and d.startswith("reconciled")}

    # The instance: what it carried out, whatever the client learnt of it.
    assert {op for op, _ in fake.applied} == {"postAccountUnfollow"}
    unfollows = Counter(account for _, account in fake.applied)
    assert set(unfollows) == intended
    repeated = {account for account, n in unfollows.items() if n > 1}
    assert repeated <= reconciled, repeated - reconciled
    assert fake.state.following() == before - intended
    print(f"\nMastodon crash test: {kills} kills, {kills_in_flight} between an intent and"
          f" its outcome, {len(reconciled)} reconciled, {len(intended)} unfollows,"
          f" run {run_seconds:.2f}s")
    # A handful of unfollows can all be done after two kills (the loop stops when no work
    # is left): the guarantees above are the test; this only checks that it killed at all.
    assert kills >= 1
