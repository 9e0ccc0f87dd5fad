"""`prune suggest` against the fake X server: the estimate before any paid read, owned reads
first and mutuals' lists only within --max-cost, confirm-to-follow with caps and undo, and a
parked account that comes back (looked up at most once a day)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Invoke
from tests.fakex import FakeX, make_post, make_user, snowflake
from tests.fakex.harness import serve_connected

# followprune scores as of the real now (the fake's clock only paces its rate limits), so the
# people made here post relative to it.
NOW = datetime.now(UTC)

FOLLOWERS = r"/2/users/\d+/followers"
LOOKUP = r"/2/users$"
FOLLOW = r"/2/users/\d+/following$"


@pytest.fixture
def xfx(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeX]:
    yield from serve_connected(monkeypatch)


def person(fx: FakeX, seq: int, username: str, bio: str, *, posted_days_ago: float,
           posts: int = 2000) -> str:
    """A live account with a post `posted_days_ago`, so its last activity is known."""
    st = fx.state
    user_id = snowflake(NOW - timedelta(days=900), 900 + seq)
    st.add_user(make_user(user_id, username, description=bio, location="Berlin, Germany",
                          profile_image_url=f"https://pbs.twimg.com/profile_images/{seq}/me.jpg",
                          name=username.title(), url=f"https://{username}.example",
                          public_metrics={"followers_count": 800, "following_count": 300,
                                          "post_count": posts, "listed_count": 12,
                                          "like_count": 500}))
    st.add_post(make_post(snowflake(NOW - timedelta(days=posted_days_ago), 900 + seq),
                          user_id, f"{bio} — a post"))
    return user_id


def people(fx: FakeX) -> dict[str, str]:
    """A follower you don't follow back, someone who mentioned you, and someone your mutuals
    follow; returns their ids by username."""
    st = fx.state
    fan = person(fx, 1, "rustfan", "Rust and open source, distributed systems", posted_days_ago=1)
    st.add_follower(fan)
    caller = person(fx, 2, "pythonista", "Python packaging and open source", posted_days_ago=2)
    st.add_post(make_post(
        snowflake(NOW - timedelta(days=1), 950), caller, "@me_fake great thread",
        entities={"mentions": [{"start": 0, "end": 8, "username": "me_fake", "id": st.me_id}]}))
    friend = person(fx, 3, "gridhacker", "Climate tech and open source grids", posted_days_ago=3)
    for mutual in set(st.following) & set(st.followers):
        st.following_of[mutual] = [friend]
        # Short lists, so reading three of them stays within the default max cost.
        st.users[mutual]["public_metrics"]["following_count"] = 1
    st.me["public_metrics"]["followers_count"] = len(st.followers)
    return {"rustfan": fan, "pythonista": caller, "gridhacker": friend}


def suggest_json(invoke: Invoke, *args: str) -> dict[str, Any]:
    result = invoke("suggest", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_the_estimate_comes_before_any_paid_read_and_a_no_reads_nothing(
    xfx: FakeX, invoke: Invoke, interactive: None
) -> None:
    people(xfx)
    assert invoke("sync", "--yes").exit_code == 0
    before = len(xfx.requests)
    declined = invoke("suggest", input="n\n")
    assert declined.exit_code == 0, declined.output
    assert "Suggest reads about" in declined.stderr and "estimated $" in declined.stderr
    assert "Spend about $" in declined.stderr and "Nothing was read." in declined.stderr
    # Only the profile read that prices the plan (your follower count): no list, no lookup.
    assert [r.path for r in xfx.requests[before:]] == ["/2/users/me"]


def test_owned_reads_then_lookups_then_mutuals_lists_with_reasons(
    xfx: FakeX, invoke: Invoke
) -> None:
    ids = people(xfx)
    assert invoke("sync", "--yes").exit_code == 0
    before = len(xfx.requests)
    result = invoke("suggest", "--format", "json", "--yes")
    assert result.exit_code == 0, result.output
    paths = [r.path for r in xfx.requests[before:]]
    assert paths[0] == "/2/users/me"
    assert paths[1].endswith("/followers")
    assert paths[2] == "/2/users"  # the mention's author, 100 ids a call
    mutual_reads = [p for p in paths[3:] if p.endswith("/following")]
    assert len(mutual_reads) == 3  # suggest.mutuals_read
    assert "spent about $" in result.stderr
    data = json.loads(result.stdout)
    assert data["estimate"] > 0 and data["spent"] > 0
    rows = {r["handle"]: r for r in data["suggestions"]}
    assert rows["rustfan"]["reasons"][0] == "follows you; you don't follow back"
    assert rows["pythonista"]["reasons"][0].startswith("mentioned you once")
    assert rows["gridhacker"]["reasons"][0].startswith(
        "followed or engaged by 3 people you engage with: @")
    assert not set(ids.values()) & set(xfx.state.following)  # nothing followed
    # The author's profile was kept: the next suggest does not buy it again.
    again = len(xfx.requests)
    assert suggest_json(invoke, "--yes")["suggestions"]
    assert [r.path for r in xfx.requests[again:]].count("/2/users") == 0


def test_max_cost_leaves_out_the_mutuals_lists(xfx: FakeX, invoke: Invoke) -> None:
    people(xfx)
    assert invoke("sync", "--yes").exit_code == 0
    before = len(xfx.requests)
    # Your profile, your followers and one author's profile fit; the mutuals' lists do not.
    result = invoke("suggest", "--format", "json", "--max-cost", "0.08")
    assert result.exit_code == 0, result.output
    assert "left out, over the $0.08 max cost" in result.stderr
    me = xfx.state.me_id
    assert not [r for r in xfx.requests[before:]
                if r.path.endswith("/following") and f"/{me}/" not in r.path]
    handles = {r["handle"] for r in json.loads(result.stdout)["suggestions"]}
    assert {"rustfan", "pythonista"} <= handles and "gridhacker" not in handles


def test_confirm_to_follow_is_capped_and_undone(
    xfx: FakeX, invoke: Invoke, interactive: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    people(xfx)
    assert invoke("sync", "--yes").exit_code == 0
    monkeypatch.setenv("FOLLOWPRUNE_SUGGEST_FOLLOWS_PER_DAY", "1")
    first = suggest_json(invoke, "--yes")["suggestions"][0]
    result = invoke("suggest", "--yes", input="follow 1-2\n")
    assert result.exit_code == 4, result.output  # the cap stopped the second follow
    assert "daily follow cap of 1 reached" in result.stderr
    follows = xfx.calls("POST", FOLLOW)
    assert len(follows) == 1 and follows[0].body == {"target_user_id": first["account_id"]}
    assert first["account_id"] in xfx.state.following
    undone = invoke("undo", "--yes")
    assert undone.exit_code == 0, undone.output
    assert first["account_id"] not in xfx.state.following
    assert len(xfx.calls("DELETE", r"/2/users/\d+/following/\d+")) == 1


def test_a_parked_account_that_posts_again_is_suggested(
    xfx: FakeX, invoke: Invoke, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_PER_15_MINUTES", "1000")  # no 15-minute wait
    sleepy = person(xfx, 4, "sleepycyclist", "Cycling and urbanism, Berlin",
                    posted_days_ago=420, posts=1500)
    xfx.state.follow(sleepy)
    assert invoke("sync", "--yes").exit_code == 0
    assert invoke("--yes").exit_code in (0, 4)  # unfollows the proposals, the silent one too
    assert sleepy not in xfx.state.following
    # The first suggest parks it and looks it up: still silent.
    first = suggest_json(invoke, "--yes")
    assert sleepy not in {r["account_id"] for r in first["suggestions"]}
    looked_up = [r for r in xfx.requests if r.path == "/2/users" and sleepy in
                 r.query.get("ids", "")]
    assert len(looked_up) == 1
    # It posts again, 30 times; a lookup the same day is not made again (once a day).
    xfx.state.add_post(make_post(snowflake(NOW + timedelta(hours=1), 990), sleepy,
                                 "Back on the bike"))
    xfx.state.users[sleepy]["public_metrics"]["post_count"] = 1530
    same_day = invoke("suggest", "--format", "json", "--yes")
    assert "looked up less than 24 h ago" in same_day.stderr
    assert len([r for r in xfx.requests if r.path == "/2/users" and sleepy in
                r.query.get("ids", "")]) == 1
    # A day later (the store is told so: the lookup's time is what "once a day" reads).
    db = sqlite3.connect(isolated_env / "followprune.sqlite3")
    with db:
        db.execute("UPDATE sync_state SET value = ? WHERE key = 'suggest.parked_lookup_at'",
                   ((NOW - timedelta(hours=25)).isoformat(),))
    db.close()
    data = suggest_json(invoke, "--yes")
    back = next(r for r in data["suggestions"] if r["account_id"] == sleepy)
    assert back["came_back"] == ("@sleepycyclist was silent for 14 months when you unfollowed"
                                 " it; it has posted 30 times since")
    assert back["reasons"][0] == back["came_back"]
    review = invoke("--dry-run")
    assert "Back: @sleepycyclist was silent for 14 months" in review.stderr


def test_names_from_strangers_are_shown_as_written(xfx: FakeX, invoke: Invoke) -> None:
    fan = person(xfx, 5, "mallory", "Rust and open source, distributed systems",
                 posted_days_ago=1)
    xfx.state.users[fan]["name"] = "[red]Mallory[/red] [link=https://evil.example]x[/link]"
    xfx.state.add_follower(fan)
    xfx.state.me["public_metrics"]["followers_count"] = len(xfx.state.followers)
    assert invoke("sync", "--yes").exit_code == 0
    result = invoke("suggest", "--yes", "--limit", "50")
    assert result.exit_code == 0, result.output
    assert "[red]Mallory[/red]" in result.stdout
    page = invoke("suggest", "--yes", "--format", "html", "--limit", "50").stdout
    assert "[red]Mallory[/red]" in page and "<a href=\"https://evil" not in page


def test_a_muted_silent_account_that_posts_again_is_offered_an_unmute_undone_by_undo(
    xfx: FakeX, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWPRUNE_PROPOSALS_ACTION", "mute")
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_PER_15_MINUTES", "1000")
    quiet = person(xfx, 6, "quietmapper", "Maps and urbanism", posted_days_ago=500, posts=800)
    xfx.state.follow(quiet)
    assert invoke("sync", "--yes").exit_code == 0
    assert invoke("--yes").exit_code in (0, 4)  # mutes the proposals, the silent one too
    assert quiet in xfx.state.muting and quiet in xfx.state.following
    # It posts again; muted accounts are still followed, so the next full sync sees it.
    xfx.state.add_post(make_post(snowflake(NOW - timedelta(hours=3), 991), quiet, "New map"))
    xfx.state.users[quiet]["public_metrics"]["post_count"] = 812
    review = invoke("--dry-run", "--refresh")
    assert review.exit_code == 0, review.output
    assert ("Back: @quietmapper was silent for 16 months when you muted it; it has posted"
            " 12 times since") in review.stderr
    data = suggest_json(invoke, "--yes")
    offer = data["muted_comebacks"][0]
    assert (offer["row"], offer["account_id"], offer["handle"]) == (1, quiet, "quietmapper")
    assert offer["came_back"].startswith("@quietmapper was silent for 16 months")
    assert quiet not in {r["account_id"] for r in data["suggestions"]}  # already followed
    # Offered to be unmuted, under the table with its own number; nothing followed.
    monkeypatch.setattr("followprune.render.console.stdin_is_interactive", lambda: True)
    table = invoke("suggest", "--yes", input="unmute 1\nquit\n")
    assert table.exit_code == 0, table.output
    assert "Muted, and back from silence (`unmute 1` to see them again):" in table.stdout
    assert "  1  @quietmapper was silent for 16 months when you muted it" in table.stdout
    assert "Done: 1 unmute." in table.stdout
    unmutes = xfx.calls("DELETE", r"/2/users/\d+/muting/\d+")
    assert len(unmutes) == 1 and unmutes[0].path.endswith(f"/muting/{quiet}")
    assert quiet not in xfx.state.muting and quiet in xfx.state.following
    assert not xfx.calls("POST", FOLLOW)
    # No longer muted: the next suggest offers nothing to unmute.
    assert suggest_json(invoke, "--yes")["muted_comebacks"] == []
    # `prune undo` mutes it again.
    undone = invoke("undo", "--yes")
    assert undone.exit_code == 0, undone.output
    assert quiet in xfx.state.muting


def test_suggest_before_any_sync_says_what_to_do(xfx: FakeX, invoke: Invoke) -> None:
    result = invoke("suggest", "--yes")
    assert result.exit_code == 2
    assert "nothing is known yet about your x follow list" in result.stderr
    assert "run `prune sync` first" in result.stderr
    assert not xfx.calls("GET", FOLLOWERS)
