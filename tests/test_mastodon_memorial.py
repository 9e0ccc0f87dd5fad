"""Mastodon memorial accounts (`memorial: true`, the account of someone who has died): read
as their own state, never proposed by a review or acted on by any rule, explained as such,
and never called dead or deactivated. End to end against the fake instance on loopback."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from followprune.app.rules import evaluate
from followprune.config import AutoRule
from followprune.models import Account, AccountState, Relationship
from followprune.networks.mastodon.convert import state_of
from followprune.scoring.blend import ScoringPolicy, score_all
from followprune.store import Store
from tests.conftest import Invoke, proposals_json
from tests.fakemasto import FakeMastodon, make_state
from tests.fakemasto import point_cli_at as masto_cli_at
from tests.fakemasto.server import account

N = 12  # followed: the last is on a gone instance, then a suspended, a moved, a memorial one
MEMORIAL = str(100 + N - 4)
SUSPENDED = str(100 + N - 2)
IN_MEMORIAM = "memorial account (in memoriam)"
NOW = datetime(2026, 12, 1, tzinfo=UTC)
# Words that must never be said of a memorial account.
HURTFUL = ("dead", "deactivated", "deleted", "suspended", "gone")


@pytest.fixture
def fake(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeMastodon]:
    server = FakeMastodon(make_state(N, memorial=1)).start()
    memorial = server.state.accounts[MEMORIAL]
    assert memorial["memorial"] is True
    # Everything else about it argues for unfollowing: silent for years, no follow back, a
    # profile with nothing in common with yours.
    memorial.update(last_status_at="2021-03-02", note="<p>gardening</p>", fields=[])
    server.state.followed_by.discard(MEMORIAL)
    masto_cli_at(server, monkeypatch, retries=None)
    yield server
    server.close()
    assert not server.errors, server.errors[:5]


def _config(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(text, encoding="utf-8")


def test_memorial_is_its_own_state_even_when_suspended_too() -> None:
    assert state_of(account("7", "ann", memorial=True)) is AccountState.MEMORIAL
    assert state_of(account("7", "ann", memorial=True, suspended=True)) is AccountState.MEMORIAL
    assert state_of(account("7", "ann", suspended=True)) is AccountState.SUSPENDED
    assert state_of(account("7", "ann")) is AccountState.ACTIVE
    assert not AccountState.MEMORIAL.dead


def test_a_memorial_account_is_synced_kept_and_exported_with_its_reason(
    invoke: Invoke, fake: FakeMastodon, isolated_env: Path
) -> None:
    listed = proposals_json(invoke("--dry-run", "--format", "json", "--all"))
    by_id = {a["account_id"]: a for a in listed["accounts"]}
    memorial = by_id[MEMORIAL]
    assert memorial["proposed"] is False and memorial["action"] is None
    assert memorial["dead"] is False
    assert memorial["keep"] < listed["threshold"]  # its score alone would propose it
    assert memorial["guard"] == IN_MEMORIAM
    assert memorial["reasons"] == [IN_MEMORIAM]
    # The suspended account beside it is still dead and proposed: only the memorial is kept.
    assert by_id[SUSPENDED]["proposed"] and by_id[SUSPENDED]["dead"]
    # The store keeps the state as synced (the profile's JSON, state as text).
    store = Store(isolated_env / "followprune.sqlite3")
    try:
        identity = store.stored_identity("mastodon")
        assert identity is not None
        graph = store.snapshots.load_graph(identity)
        assert graph is not None
        stored = {a.id: a for a in graph.accounts}[MEMORIAL]
        assert stored.state is AccountState.MEMORIAL
    finally:
        store.close()
    # Only proposals by default: it is not among them.
    proposed = proposals_json(invoke("--dry-run", "--format", "json"))
    assert MEMORIAL not in {a["account_id"] for a in proposed["accounts"]}
    rows = csv.DictReader(io.StringIO(invoke("--dry-run", "--format", "csv", "--all").stdout))
    row = next(r for r in rows if r["account_id"] == MEMORIAL)
    assert (row["proposed"], row["dead"], row["guard"]) == ("False", "False", IN_MEMORIAM)
    assert IN_MEMORIAM in row["reasons"]
    html = invoke("--dry-run", "--format", "html", "--all")
    assert html.exit_code == 0, html.output
    assert IN_MEMORIAM in html.stdout


def test_explain_names_a_memorial_account_and_never_calls_it_dead(
    invoke: Invoke, fake: FakeMastodon
) -> None:
    assert invoke("sync").exit_code == 0
    text = invoke("explain", MEMORIAL)
    assert text.exit_code == 0, text.output
    assert f"never proposed: {IN_MEMORIAM}" in text.stdout
    assert not [word for word in HURTFUL if word in text.stdout.lower()], text.stdout
    as_json = invoke("explain", MEMORIAL, "--format", "json")
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.stdout)
    assert data["account"]["state"] == "memorial"
    assert data["guard"] == IN_MEMORIAM and data["verdict"] == f"never proposed: {IN_MEMORIAM}"
    assert data["proposed"] is False and data["dead"] is False


def test_a_review_that_says_yes_to_everything_leaves_it_followed(
    invoke: Invoke, fake: FakeMastodon
) -> None:
    result = invoke("--yes")
    assert result.exit_code in (0, 4), result.output  # 4: the gone instance refuses
    following = fake.state.following()
    assert SUSPENDED not in following
    assert MEMORIAL in following


def test_no_rule_acts_on_a_memorial_account_whatever_it_says(
    invoke: Invoke, fake: FakeMastodon, isolated_env: Path
) -> None:
    # Each would take it: it is silent for years, rates low, and is not dead.
    _config(isolated_env, '[auto]\ncooling_off_hours = 0\n'
            '[[auto.rules]]\nname = "silent"\ninactive_days = 30\n'
            '[[auto.rules]]\nname = "alive and low"\ndead = false\nkeep_below = 1.0\n'
            '[[auto.rules]]\nname = "mute the rest"\naction = "mute"\nkeep_below = 1.0\n')
    checked = invoke("rules", "check", "--format", "json")
    assert checked.exit_code == 0, checked.output
    data = json.loads(checked.stdout)
    protected = [p for p in data["protected"] if p["handle"].startswith(f"user{N - 4}@")]
    # Matched by the first rule that takes it, and blocked, saying why.
    assert protected == [{"handle": protected[0]["handle"], "rule": "silent",
                          "why": IN_MEMORIAM}]
    taken = {a["account_id"] for rule in data["rules"] for a in rule["accounts"]}
    assert MEMORIAL not in taken
    first = invoke("--auto")
    assert first.exit_code == 3, first.output  # matches recorded, cooling off
    second = invoke("--auto")
    assert second.exit_code in (0, 4), second.output
    assert fake.count("postAccountUnfollow") >= 5  # the rules did act, on the others
    assert MEMORIAL in fake.state.following()
    assert MEMORIAL not in fake.state.muted
    assert not [c for c in fake.calls if f"/accounts/{MEMORIAL}/" in c]


def test_the_guard_comes_before_every_other_protection() -> None:
    """Kept, mutual and muted too: the memorial guard is the one named, and alone."""
    policy = ScoringPolicy(weights={"relevance": 1, "interaction": 1, "geography": 1,
                                    "quality": 1}, threshold=0.99,
                           keep_handles=frozenset({"ann@local.example"}), keep_mutuals=True)
    ann = Account(id="7", handle="ann@local.example", state=AccountState.MEMORIAL,
                  last_active_at=datetime(2020, 1, 1, tzinfo=UTC))
    rel = Relationship(account_id="7", follows_you=True, muted=True)
    (score,) = score_all([ann], [rel], [], policy, NOW)
    assert score.guard == IN_MEMORIAM and not score.proposed and not score.dead
    assert score.reasons() == [IN_MEMORIAM]
    # A rule's `dead = false` holds for it, but not as "account is active".
    assert evaluate(AutoRule(name="alive", dead=False), score, NOW) == (IN_MEMORIAM,)
