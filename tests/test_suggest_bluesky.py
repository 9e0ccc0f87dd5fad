"""`prune suggest` against the fake Bluesky service: the network's suggestions, accounts like
your mutuals and the people behind your notifications, each with its reasons, every request
and answer checked against the lexicons; following the rows picked, and undoing it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Invoke
from tests.fakebsky import FakeBluesky, make_state
from tests.fakebsky import point_cli_at as bsky_cli_at
from tests.fakebsky.server import ME_DID, Notice

NEWFAN, REPLIER, PICK, FRIEND, LATEFAN, LISTED, SPAMMER = (
    f"did:plc:{name:0<26}"[:34] for name in
    ("newfan", "replier", "netpick", "friend", "latefan", "listed", "spammer"))


def profile(did: str, handle: str, bio: str) -> dict[str, Any]:
    return {"did": did, "handle": handle, "displayName": handle.split(".")[0].title(),
            "description": bio, "followersCount": 900, "followsCount": 300,
            "postsCount": 2500, "createdAt": "2023-05-01T00:00:00.000Z",
            "indexedAt": "2026-11-01T00:00:00.000Z", "avatar": f"https://cdn.example/{handle}"}


def notification(author: str, reason: str, n: int) -> Notice:
    # Days before the run, whatever day it runs: the reasons say how long ago ("3 days ago"),
    # and a fixed date had turned into "2 weeks ago" as the calendar moved on.
    at = datetime.now(UTC).replace(microsecond=0) - timedelta(days=3) + timedelta(minutes=n)
    return Notice(author, reason, at.strftime("%Y-%m-%dT%H:%M:%S.000Z"), f"3lnote{n:06d}")


@pytest.fixture
def fake(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeBluesky]:
    state = make_state(30)
    for did, handle, bio in ((NEWFAN, "newfan.bsky.social", "python and databases"),
                             (REPLIER, "replier.bsky.social", "databases, postgres, python"),
                             (PICK, "netpick.bsky.social", "python developer"),
                             (FRIEND, "friend.bsky.social", "database internals")):
        state.profiles[did] = profile(did, handle, bio)
    state.followed_by.add(NEWFAN)
    followed = sorted(state.following())
    # The network also offers someone you already follow: dropped.
    state.suggested = [PICK, followed[5]]
    state.similar = {did: [FRIEND] for did in state.followed_by}
    state.notifications = [notification(NEWFAN, "follow", 1), notification(REPLIER, "reply", 2),
                           notification(REPLIER, "mention", 3)]
    server = FakeBluesky(state).start()
    bsky_cli_at(server, monkeypatch)
    yield server
    server.close()
    assert not server.errors, server.errors[:5]


def test_suggestions_from_the_network_mutuals_and_notifications_with_reasons(
    invoke: Invoke, fake: FakeBluesky
) -> None:
    result = invoke("suggest", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {r["account_id"]: r for r in json.loads(result.stdout)["suggestions"]}
    assert set(rows) == {NEWFAN, REPLIER, PICK, FRIEND}
    assert rows[NEWFAN]["reasons"][0] == "follows you; you don't follow back"
    tie = rows[REPLIER]["reasons"][0]
    assert "replied to you once" in tie and "mentioned you once" in tie and "days ago" in tie
    assert rows[PICK]["reasons"][0] == "suggested by bluesky"
    assert rows[FRIEND]["reasons"][0].startswith("followed or engaged by 3 people you engage")
    assert fake.count("app.bsky.actor.getSuggestions") == 1
    assert fake.count("app.bsky.graph.getSuggestedFollowsByActor") == 3  # suggest.mutuals_read
    # One read, by the sync: suggest takes its candidates from what it read.
    assert fake.count("app.bsky.notification.listNotifications") == 1
    assert ME_DID not in rows


def test_later_suggests_remember_followers_and_read_only_new_notifications(
    invoke: Invoke, fake: FakeBluesky
) -> None:
    assert invoke("suggest", "--format", "json").exit_code == 0
    first = fake.count("app.bsky.notification.listNotifications")
    profiles = fake.count("app.bsky.actor.getProfiles")
    # Nothing new since: the sync's read stops at what it saw; the follower and the replier
    # are still suggested, from the sync's state and the store, with their reasons.
    again = invoke("suggest", "--format", "json")
    assert again.exit_code == 0, again.output
    rows = {r["account_id"]: r for r in json.loads(again.stdout)["suggestions"]}
    assert rows[NEWFAN]["reasons"][0] == "follows you; you don't follow back"
    assert "replied to you once" in rows[REPLIER]["reasons"][0]
    assert fake.count("app.bsky.notification.listNotifications") == first + 1
    # A new follower later: the next sync's read finds it, and suggest offers it.
    fake.state.profiles[LATEFAN] = profile(LATEFAN, "latefan.bsky.social", "python")
    fake.state.notifications.append(notification(LATEFAN, "follow", 30))
    third = invoke("suggest", "--format", "json")
    rows = {r["account_id"]: r for r in json.loads(third.stdout)["suggestions"]}
    assert rows[LATEFAN]["reasons"][0] == "follows you; you don't follow back"
    assert NEWFAN in rows
    assert fake.count("app.bsky.notification.listNotifications") == first + 2
    assert fake.count("app.bsky.actor.getProfiles") > profiles


def test_follow_a_row_then_undo(invoke: Invoke, fake: FakeBluesky, interactive: None) -> None:
    first = json.loads(invoke("suggest", "--format", "json").stdout)["suggestions"][0]
    result = invoke("suggest", input="follow 1\n")
    assert result.exit_code == 0, result.output
    assert "Done: 1 follow." in result.stdout
    assert first["account_id"] in fake.state.following()
    assert fake.count("com.atproto.repo.createRecord") == 1
    undone = invoke("undo", "--yes")
    assert undone.exit_code == 0, undone.output
    assert first["account_id"] not in fake.state.following()


def test_members_of_lists_you_saved_as_feeds_are_suggested_but_not_of_moderation_lists(
    invoke: Invoke, fake: FakeBluesky
) -> None:
    for did, handle in ((LISTED, "listed.bsky.social"), (SPAMMER, "spammer.bsky.social")):
        fake.state.profiles[did] = profile(did, handle, "python and postgres")
    curated = "at://did:plc:listmaker000000000000000/app.bsky.graph.list/3kdb"
    blocklist = "at://did:plc:listmaker000000000000000/app.bsky.graph.list/3kmod"
    fake.state.lists = {curated: ("Database people", "curatelist", [LISTED, REPLIER]),
                        blocklist: ("Spam", "modlist", [SPAMMER])}
    gone = "at://did:plc:listmaker000000000000000/app.bsky.graph.list/3kgone"
    fake.state.saved_lists = [curated, blocklist, gone]
    result = invoke("suggest", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {r["account_id"]: r for r in json.loads(result.stdout)["suggestions"]}
    assert "in a list you follow: Database people" in rows[LISTED]["reasons"]
    assert "in a list you follow: Database people" in rows[REPLIER]["reasons"]
    assert SPAMMER not in rows
    # One preferences read, then one page of each saved list (the deleted one answers 400).
    assert fake.count("app.bsky.actor.getPreferences") == 1
    assert fake.count("app.bsky.graph.getList") == 3
