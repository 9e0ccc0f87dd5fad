"""`prune sync` against the fake X server: reads, freshness, since_id, resume, costs."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Invoke
from tests.fakex import FakeX, ServerConfig, faults, make_post, snowflake
from tests.fakex.harness import (
    connect,
    finish_fake,
    serve_connected,
    start_fake,
)
from tests.fakex.state import DEFAULT_NOW

FOLLOWING = r"/2/users/\d+/following"
FOLLOWERS = r"/2/users/\d+/followers"


@pytest.fixture
def xfx(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeX]:
    yield from serve_connected(monkeypatch)


def followed(home: Path) -> dict[str, tuple[int, int]]:
    conn = sqlite3.connect(home / "followprune.sqlite3")
    rows = conn.execute("SELECT account_id, follows_you, muted FROM follows WHERE following = 1")
    return {r[0]: (r[1], r[2]) for r in rows}


def test_first_sync_reads_the_list_in_one_page_and_no_followers(
    xfx: FakeX, invoke: Invoke, isolated_env: Path
) -> None:
    result = invoke("sync")
    assert result.exit_code == 0, result.output
    assert "Following 30 (30 new, 0 no longer followed)." in result.stdout
    assert len(xfx.calls("GET", FOLLOWING)) == 1
    assert xfx.calls("GET", FOLLOWING)[0].query["max_results"] == "1000"
    assert xfx.calls("GET", FOLLOWERS) == []  # connection_status told who follows back
    ties = followed(isolated_env)
    assert set(ties) == set(xfx.state.following)
    assert {a for a, (back, _) in ties.items() if back} == (
        set(xfx.state.following) & set(xfx.state.followers))
    # Estimate and actual are reported on stderr.
    assert "estimated $" in result.stderr and "spent about $" in result.stderr
    # Every call: me, following, my posts, mentions, likes.
    assert len(xfx.requests) == 5


def test_profiles_carry_last_activity_and_pinned_text(
    xfx: FakeX, invoke: Invoke, isolated_env: Path
) -> None:
    assert invoke("sync").exit_code == 0
    conn = sqlite3.connect(isolated_env / "followprune.sqlite3")
    profiles = {r[0]: json.loads(r[1]) for r in conn.execute("SELECT account_id, profile"
                                                             " FROM accounts")}
    for uid in xfx.state.following:
        user = xfx.state.users[uid]
        if "most_recent_post_id" in user:
            assert profiles[uid]["last_active_at"] is not None
        if "pinned_post_id" in user:
            assert profiles[uid]["pinned_text"] == xfx.state.posts[user["pinned_post_id"]]["text"]


def test_second_sync_within_freshness_reads_no_list_and_only_new_posts(
    xfx: FakeX, invoke: Invoke, isolated_env: Path
) -> None:
    assert invoke("sync").exit_code == 0
    before = len(xfx.requests)
    # Something new since: a reply of mine and a mention of me.
    me, target = xfx.state.me_id, xfx.state.following[0]
    when = DEFAULT_NOW.replace(year=2027)
    xfx.state.add_post(make_post(snowflake(when, 1), me, "@x nice", in_reply_to_user_id=target))
    result = invoke("sync")
    assert result.exit_code == 0, result.output
    assert "Reusing: following list" in result.stderr
    new_calls = xfx.requests[before:]
    assert not [r for r in new_calls if "following" in r.path or "followers" in r.path]
    timeline = [r for r in new_calls if r.path.endswith(("/tweets", "/mentions"))]
    assert timeline and all("since_id" in r.query for r in timeline)
    tweets = next(r for r in new_calls if r.path.endswith("/tweets"))
    assert tweets.response["meta"]["result_count"] == 1
    conn = sqlite3.connect(isolated_env / "followprune.sqlite3")
    assert conn.execute("SELECT COUNT(*) FROM interactions WHERE account_id = ?"
                        " AND kind = 'reply' AND source_id = ?",
                        (target, snowflake(when, 1))).fetchone()[0] == 1


def test_refresh_reads_the_list_again(xfx: FakeX, invoke: Invoke) -> None:
    assert invoke("sync").exit_code == 0
    assert invoke("sync", "--refresh").exit_code == 0
    assert len(xfx.calls("GET", FOLLOWING)) == 2


def test_freshness_window_passed_reads_again(
    xfx: FakeX, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke("sync").exit_code == 0
    monkeypatch.setenv("FOLLOWPRUNE_X_FRESHNESS_HOURS", "0")
    assert invoke("sync").exit_code == 0
    assert len(xfx.calls("GET", FOLLOWING)) == 2


def test_unfollowed_elsewhere_is_marked_gone(xfx: FakeX, invoke: Invoke,
                                             isolated_env: Path) -> None:
    assert invoke("sync").exit_code == 0
    gone = xfx.state.following.pop(0)
    result = invoke("sync", "--refresh")
    assert "1 no longer followed" in result.stdout
    assert gone not in followed(isolated_env)


def test_cost_over_max_cost_stops_before_reading(xfx: FakeX, invoke: Invoke) -> None:
    result = invoke("sync", "--max-cost", "0.01")
    assert result.exit_code == 9
    assert "more than the $0.01 allowed; nothing was read" in result.stderr
    assert "--max-cost" in result.stderr
    assert xfx.calls("GET", FOLLOWING) == []
    assert [r.path for r in xfx.requests] == ["/2/users/me"]


@pytest.mark.parametrize("where", ["flag", "config"])
def test_a_max_cost_below_the_profile_read_reads_nothing_at_all(
    xfx: FakeX, invoke: Invoke, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """The estimate starts from your own profile ($0.01): `--max-cost 0` (or 0 in the
    config, with nobody to ask) spends nothing, so not even that is read."""
    if where == "flag":
        result = invoke("sync", "--max-cost", "0")
    else:
        monkeypatch.setenv("FOLLOWPRUNE_X_MAX_COST", "0")
        result = invoke("sync")  # no terminal: nobody to ask, so the config's limit holds
    assert result.exit_code == 9, result.output
    assert "costs $0.010 (your own profile), more than the $0.00 allowed; nothing was read" \
        in result.stderr
    assert xfx.requests == []


def test_max_cost_from_the_config_applies_too(
    xfx: FakeX, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWPRUNE_X_MAX_COST", "0.02")
    assert invoke("sync").exit_code == 9


def test_interactive_sync_asks_before_spending(
    xfx: FakeX, invoke: Invoke, interactive: None
) -> None:
    result = invoke("sync", input="n\n")
    assert result.exit_code == 0
    assert "Spend about $" in result.output and "Nothing was read." in result.output
    assert xfx.calls("GET", FOLLOWING) == []
    result = invoke("sync", input="y\n")
    assert result.exit_code == 0, result.output
    assert len(xfx.calls("GET", FOLLOWING)) == 1


def test_owned_reads_setting_changes_the_estimate(
    xfx: FakeX, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    owned = invoke("sync", "--max-cost", "0.01")  # the profile read, which the estimate needs
    monkeypatch.setenv("FOLLOWPRUNE_X_OWNED_READS", "false")
    full = invoke("sync", "--max-cost", "0.01")

    def estimate(text: str) -> float:
        return float(text.split("would cost about $")[1].split(",")[0])

    assert estimate(full.stderr) > estimate(owned.stderr)


def test_connection_status_absent_reads_the_followers_list(
    monkeypatch: pytest.MonkeyPatch, invoke: Invoke, isolated_env: Path
) -> None:
    fx = start_fake(ServerConfig(fill_connection_status=False), n_followers=20)
    try:
        connect(fx, monkeypatch)
        assert invoke("sync").exit_code == 0
        assert len(fx.calls("GET", FOLLOWERS)) == 1
        ties = followed(isolated_env)
        assert {a for a, (back, _) in ties.items() if back} == (
            set(fx.state.following) & set(fx.state.followers))
        # Remembered: the next plan counts the followers list in its estimate.
        result = invoke("sync", "--refresh", "--max-cost", "0.01")
        assert "followers list: 20 accounts" in result.stderr
    finally:
        finish_fake(fx)


@pytest.mark.parametrize("spelling", ["old", "new"])
def test_both_spellings_and_the_fallback_is_remembered(
    spelling: str, monkeypatch: pytest.MonkeyPatch, invoke: Invoke, isolated_env: Path
) -> None:
    fx = start_fake(ServerConfig(spelling=spelling))  # type: ignore[arg-type]
    try:
        connect(fx, monkeypatch)
        assert invoke("sync").exit_code == 0
        assert invoke("sync", "--refresh").exit_code == 0
        refused = [r for r in fx.requests if r.status == 400]
        # New spelling: only the very first call is refused, once; the choice is remembered.
        assert len(refused) == (1 if spelling == "new" else 0)
        conn = sqlite3.connect(isolated_env / "followprune.sqlite3")
        active = conn.execute("SELECT COUNT(*) FROM accounts WHERE"
                              " json_extract(profile, '$.last_active_at') IS NOT NULL")
        assert active.fetchone()[0] > 10
    finally:
        finish_fake(fx)


def test_interrupted_sync_resumes_from_the_saved_pages(
    monkeypatch: pytest.MonkeyPatch, invoke: Invoke, isolated_env: Path
) -> None:
    fx = start_fake(n=2500, n_my_posts=5, n_likes=5, n_mentions=2)
    try:
        connect(fx, monkeypatch)
        # The second page fails for good: 5 tries, then the run stops (exit 6).
        first_page_done = {"n": 0}
        fx.inject(FOLLOWING, faults.server_error(503), method="GET", times=0)
        original = fx._take_fault

        def fail_second_page(method: str, path: str) -> faults.Fault | None:
            if method == "GET" and path.endswith("/following"):
                first_page_done["n"] += 1
                if 2 <= first_page_done["n"] <= 6:
                    return faults.server_error(503)
            return original(method, path)

        monkeypatch.setattr(fx, "_take_fault", fail_second_page)
        result = invoke("sync", "--max-cost", "10")
        assert result.exit_code == 6, result.output
        assert "X is failing (503" in result.stderr
        assert followed(isolated_env) == {}  # no half snapshot
        result = invoke("sync", "--max-cost", "10")
        assert result.exit_code == 0, result.output
        assert "1000 accounts already read by an interrupted sync" in result.stderr
        pages = [r for r in fx.calls("GET", FOLLOWING) if r.status == 200]
        # Page 1 once, then pages 2 and 3 after resuming: nothing read twice.
        assert len(pages) == 3
        assert "pagination_token" in pages[1].query
        assert len(followed(isolated_env)) == 2500
    finally:
        finish_fake(fx)


def test_cost_limit_mid_sync_keeps_what_was_read(
    monkeypatch: pytest.MonkeyPatch, invoke: Invoke, isolated_env: Path
) -> None:
    fx = start_fake(n=2500, n_my_posts=5, n_likes=5, n_mentions=2)
    try:
        connect(fx, monkeypatch)
        # The profile says 10 followed, so the estimate is small; the list is far longer.
        fx.state.me["public_metrics"]["following_count"] = 10
        result = invoke("sync", "--max-cost", "1.5")
        assert result.exit_code == 9, result.output
        assert "stopped before reading your following list" in result.stderr
        assert len([r for r in fx.calls("GET", FOLLOWING) if r.status == 200]) == 1
        fx.state.me["public_metrics"]["following_count"] = 2500
        assert invoke("sync", "--max-cost", "10").exit_code == 0
        assert len(fx.calls("GET", FOLLOWING)) == 3
    finally:
        finish_fake(fx)


def test_profiles_only_hydrates_ids_in_batches_of_100(
    xfx: FakeX, invoke: Invoke, isolated_env: Path
) -> None:
    from followprune.models import Account, Graph, Relationship
    from followprune.store import Store

    ids = list(xfx.state.following)
    ids.append("999999999")  # gone from X
    with Store(isolated_env / "followprune.sqlite3") as store:
        identity = store.identity("x", xfx.state.me_id, "me_fake")
        me = Account(id=xfx.state.me_id, handle="me_fake", profile_known=False)
        graph = Graph(me=me, accounts=[Account(id=i, handle=i, profile_known=False)
                                       for i in ids],
                      relationships=[Relationship(account_id=i) for i in ids], interactions=[])
        store.snapshots.save_graph(identity, graph, DEFAULT_NOW)
        store.snapshots.save_profiles(identity, [me], DEFAULT_NOW)
    result = invoke("sync", "--profiles-only", "--max-cost", "0.2")
    assert result.exit_code == 9  # 31 profiles at $0.01
    result = invoke("sync", "--profiles-only", "--max-cost", "1")
    assert result.exit_code == 0, result.output
    lookups = xfx.calls("GET", "/2/users")
    assert len(lookups) == 1 and len(lookups[0].query["ids"].split(",")) == 31
    conn = sqlite3.connect(isolated_env / "followprune.sqlite3")
    rows = dict(conn.execute("SELECT account_id, profile FROM accounts").fetchall())
    assert json.loads(rows[ids[0]])["profile_known"] is True
    assert json.loads(rows["999999999"])["state"] == "deleted"
    # Known now: a second run reads nothing.
    assert invoke("sync", "--profiles-only").exit_code == 0
    assert len(xfx.calls("GET", "/2/users")) == 1


def test_interrupted_followers_read_resumes_from_the_saved_token(
    monkeypatch: pytest.MonkeyPatch, invoke: Invoke, isolated_env: Path
) -> None:
    # No connection_status: who follows back comes from the followers list, 3 pages long.
    fx = start_fake(ServerConfig(fill_connection_status=False), n=40, n_followers=2500,
                    n_my_posts=5, n_likes=5, n_mentions=2)
    try:
        connect(fx, monkeypatch)
        seen = {"n": 0}
        original = fx._take_fault

        def fail_second_page(method: str, path: str) -> faults.Fault | None:
            if method == "GET" and path.endswith("/followers"):
                seen["n"] += 1
                if 2 <= seen["n"] <= 6:  # every try of page 2: the run gives up
                    return faults.server_error(503)
            return original(method, path)

        monkeypatch.setattr(fx, "_take_fault", fail_second_page)
        result = invoke("sync", "--max-cost", "10")
        assert result.exit_code == 6, result.output
        assert followed(isolated_env) == {}  # no half snapshot
        result = invoke("sync", "--max-cost", "10")
        assert result.exit_code == 0, result.output
        assert "1000 followers already read by an interrupted sync" in result.stderr
        # The following list was read once; followers page 1 once, then 2 and 3.
        assert len([r for r in fx.calls("GET", FOLLOWING) if r.status == 200]) == 1
        pages = [r for r in fx.calls("GET", FOLLOWERS) if r.status == 200]
        assert len(pages) == 3
        assert "pagination_token" not in pages[0].query
        assert pages[1].query["pagination_token"] == pages[0].response["meta"]["next_token"]
        ties = followed(isolated_env)
        assert set(ties) == set(fx.state.following)
        assert {a for a, (back, _) in ties.items() if back} == (
            set(fx.state.following) & set(fx.state.followers))
        # Finished: the saved pages are gone, and the next read starts over.
        conn = sqlite3.connect(isolated_env / "followprune.sqlite3")
        assert conn.execute("SELECT COUNT(*) FROM sync_state WHERE key LIKE 'x:followers:%'"
                            ).fetchone()[0] == 0
    finally:
        finish_fake(fx)


def test_auto_runs_use_the_priced_sync_and_reuse_fresh_data(
    xfx: FakeX, invoke: Invoke, isolated_env: Path
) -> None:
    """--auto reads X like `prune sync` does: within the budget, and without reading the
    following list again inside the freshness window."""
    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.toml").write_text(
        '[[auto.rules]]\nname = "low"\nkeep_below = 0.5\n', encoding="utf-8")
    assert invoke("--auto", "--quiet").exit_code == 3  # first sighting: cooling off
    before = len(xfx.requests)
    assert invoke("--auto", "--quiet").exit_code == 3
    assert not [r for r in xfx.requests[before:] if r.path.endswith("/following")
                and r.method == "GET"]
    over_budget = invoke("--auto", "--quiet", "--network", "x",
                         env={"FOLLOWPRUNE_X_MAX_COST": "0", "FOLLOWPRUNE_X_FRESHNESS_HOURS": "0"})
    assert over_budget.exit_code == 9, over_budget.output


def test_a_creation_date_before_x_existed_is_an_unknown_age(
    xfx: FakeX, invoke: Invoke, isolated_env: Path
) -> None:
    """1970-01-01 (a placeholder) had been an account 56 years old, whose posts per year then
    made a sparse-posting bot signal; X's own first day is still a date."""
    placeholder, first_day = xfx.state.following[3], xfx.state.following[4]
    xfx.state.users[placeholder]["created_at"] = "1970-01-01T00:00:00.000Z"
    xfx.state.users[first_day]["created_at"] = "2006-03-21T20:50:14.000Z"
    result = invoke("sync")
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(isolated_env / "followprune.sqlite3")
    profiles = {r[0]: json.loads(r[1]) for r in conn.execute(
        "SELECT account_id, profile FROM accounts WHERE account_id IN (?, ?)",
        (placeholder, first_day))}
    assert profiles[placeholder]["created_at"] is None
    assert profiles[first_day]["created_at"].startswith("2006-03-21T20:50:14")
    explained = invoke("explain", xfx.state.users[placeholder]["username"])
    assert explained.exit_code == 0, explained.output
    # Had been "only 23 posts in 57 years", "on 0 lists after 57 years".
    assert not re.search(r"\d+ years", explained.stdout), explained.stdout
