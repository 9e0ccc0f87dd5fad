"""Bluesky answers the lexicons allow that had been read wrong, through the real CLI against
the fake service: empty pages that still carry a cursor, profiles without `viewer`, posts
dated before or after the moment they were indexed. Each answer is checked against the
lexicons by the fake, so each is one a real service may send."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from followprune.networks.bluesky.network import BlueskyNetwork
from followprune.networks.bluesky.session import Login, login_files
from followprune.networks.bluesky.xrpc import Xrpc
from tests.conftest import Invoke, proposals_json
from tests.fakebsky import APP_PASSWORD, FakeBluesky, make_state
from tests.fakebsky import point_cli_at as bsky_cli_at
from tests.fakebsky.server import FOLLOW, LIKE, POST, FeedItem, stamp

N = 30  # followed accounts, the last three dead; activity by i % 4 (see make_state)
LIVE = range(N - 3)
REASONS = ("like", "repost", "reply", "mention", "quote", "follow")

JSON = dict[str, Any]


def did(i: int) -> str:
    return f"did:plc:acct{i:020d}"


@pytest.fixture
def fake(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeBluesky]:
    server = FakeBluesky(make_state(N)).start()
    bsky_cli_at(server, monkeypatch)
    yield server
    server.close()
    assert not server.errors, server.errors[:5]


def listed(invoke: Invoke) -> dict[str, dict[str, Any]]:
    out = proposals_json(invoke("--dry-run", "--format", "json", "--all"))
    return {a["account_id"]: a for a in out["accounts"]}


def interactions(home: Path) -> set[tuple[str, str, str]]:
    with sqlite3.connect(home / "followprune.sqlite3") as conn:
        return {(str(a), str(k), str(d)) for a, k, d in conn.execute(
            "SELECT account_id, kind, direction FROM interactions")}


# --- paging: only a missing cursor ends a list ----------------------------------------------

def test_an_empty_page_that_carries_a_cursor_does_not_end_any_list(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Found: `{"records": [], "cursor": "…"}` (a PDS that filtered a page away) ended the
    # follow list there: exit 0, "10 followed" of 30, the rest dropped without a word. The
    # notifications, your likes and the timeline stopped the same way.
    records = fake._com_atproto_repo_listRecords
    emptied: set[str] = set()

    def list_records(params: JSON, body: JSON) -> JSON:
        collection, cursor = params["collection"], params.get("cursor")
        if collection == FOLLOW:
            params = {**params, "limit": 10}  # three pages, and an empty one after the first
            if cursor and cursor.endswith("~"):
                params["cursor"] = cursor[:-1]
            elif cursor and FOLLOW not in emptied:
                emptied.add(FOLLOW)
                fake.listed.append(FOLLOW)
                return {"records": [], "cursor": cursor + "~"}
        elif collection == LIKE and not cursor:
            fake.listed.append(LIKE)
            return {"records": [], "cursor": "3l99999999999"}  # the newest first, all of them
        return records(params, body)

    notifications = fake._app_bsky_notification_listNotifications
    timeline = fake._app_bsky_feed_getTimeline

    def first_page_empty(served: Any, key: str) -> Any:
        def answer(params: JSON, body: JSON) -> JSON:
            if not params.get("cursor"):
                return {key: [], "cursor": "0"}  # the fake's cursor: where the next page starts
            out: JSON = served(params, body)
            return out
        return answer

    monkeypatch.setattr(fake, "_com_atproto_repo_listRecords", list_records)
    monkeypatch.setattr(fake, "_app_bsky_notification_listNotifications",
                        first_page_empty(notifications, "notifications"))
    monkeypatch.setattr(fake, "_app_bsky_feed_getTimeline", first_page_empty(timeline, "feed"))

    result = invoke("--dry-run", "--format", "json", "--all")
    by_id = {a["account_id"]: a for a in proposals_json(result)["accounts"]}
    assert set(by_id) == {did(i) for i in range(N)}
    assert fake.pages_of(FOLLOW) == 4  # 10, the empty one, 10 and the last 10
    explained = invoke("explain", "@user25.bsky.social")
    assert explained.exit_code == 0, explained.output

    found = interactions(isolated_env)
    them = {(a, k) for a, k, d in found if d == "from_them" and a.startswith("did:plc:acct")}
    assert them == {(did(i), REASONS[(i // 2) % 6]) for i in LIVE
                    if i % 2 == 0 and REASONS[(i // 2) % 6] != "follow"}
    liked = {a for a, k, d in found if (k, d) == ("like", "from_you")}
    assert liked == {did(i) for i in LIVE if i % 7 == 0}
    # Posters (i % 4 == 0) are dated by the timeline's second page, not left unknown.
    now = datetime.now(UTC)
    for i in LIVE:
        if i % 4 == 0:
            last = by_id[did(i)]["last_active"]
            assert last is not None and now - datetime.fromisoformat(last) < timedelta(days=4), i


def test_empty_follow_pages_with_ever_new_cursors_stop_the_sync_loudly(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review round 11: with empty pages no longer an end, a service answering empty pages
    with a new cursor each time had the sync page for ever. Twenty in a row stop it (exit
    6), and nothing is stored as the follow list."""
    pages = iter(range(10**6))

    def list_records(params: JSON, body: JSON) -> JSON:
        return {"records": [], "cursor": f"c{next(pages)}"}

    monkeypatch.setattr(fake, "_com_atproto_repo_listRecords", list_records)
    result = invoke("--dry-run", "--format", "json", "--all")
    assert result.exit_code == 6, result.output
    assert "20 empty pages in a row of your follow records" in result.stderr
    assert next(pages) == 20  # twenty pages asked for, then stopped
    with sqlite3.connect(isolated_env / "followprune.sqlite3") as conn:
        assert conn.execute("SELECT COUNT(*) FROM follows").fetchone() == (0,)


def test_a_notification_cursor_that_comes_round_again_ends_the_read(
    invoke: Invoke, fake: FakeBluesky, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With empty pages no longer an end, a service that hands back the same cursor for an
    # empty page must not be asked for it page after page.
    monkeypatch.setattr(fake, "_app_bsky_notification_listNotifications",
                        lambda params, body: {"notifications": [], "cursor": "again"})
    assert len(listed(invoke)) == N
    assert fake.count("app.bsky.notification.listNotifications") == 2


# --- a profile without `viewer`: the tie is unknown, not "no" -------------------------------

def without_viewer(server: FakeBluesky, monkeypatch: pytest.MonkeyPatch,
                   dids: set[str] | None = None) -> None:
    """The service answers these profiles (every one: None) without `viewer`, as an AppView
    answering without your session does; `viewer` is optional in profileViewDetailed."""
    profiles = server._app_bsky_actor_getProfiles

    def answer(params: JSON, body: JSON) -> JSON:
        out: JSON = profiles(params, body)
        for profile in out["profiles"]:
            if dids is None or profile["did"] in dids:
                profile.pop("viewer", None)
        return out

    monkeypatch.setattr(server, "_app_bsky_actor_getProfiles", answer)


def test_a_profile_without_viewer_keeps_the_ties_the_last_sync_stored(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Found: `viewer` is optional in profileViewDetailed (an AppView answering without your
    # session leaves it out), and its absence was read as "no": a mutual went to "doesn't
    # follow you back" and a muted account lost its "muted by you" guard.
    mutual, muted, blocker = did(3), did(5), did(7)  # every third follows you back
    fake.state.muted.add(muted)
    fake.state.blocked_by.add(blocker)
    first = listed(invoke)
    assert first[mutual]["follows_you"] is True
    assert first[muted]["guard"].startswith("muted by you")
    assert first[blocker]["reasons"][0] == "blocks you: you cannot see its posts"

    blind = {mutual, muted, blocker, did(9)}
    without_viewer(fake, monkeypatch, blind)
    again = listed(invoke)
    for key in ("follows_you", "guard", "proposed", "reasons", "keep"):
        assert {d: again[d][key] for d in blind} == {d: first[d][key] for d in blind}, key
    with sqlite3.connect(isolated_env / "followprune.sqlite3") as conn:
        stored = {row[0]: row[1:] for row in conn.execute(
            "SELECT account_id, follows_you, muted, blocks_you FROM follows")}
    assert stored[mutual] == (1, 0, 0) and stored[muted] == (0, 1, 0)
    assert stored[blocker] == (0, 0, 1)


def test_a_profile_without_viewer_never_synced_has_follows_you_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nothing stored to keep: the network says unknown, never "no".
    monkeypatch.setenv("BLUESKY_HANDLE", "me.bsky.social")
    monkeypatch.setenv("BLUESKY_APP_PASSWORD", APP_PASSWORD)
    with FakeBluesky(make_state(N)) as server:
        without_viewer(server, monkeypatch)
        xrpc = Xrpc(server.base_url, 5)
        try:
            net = BlueskyNetwork(Login.resolve(xrpc, login_files(tmp_path)))
            ties = {r.account_id: r for _, r in net.following()}
        finally:
            xrpc.close()
        assert not server.errors, server.errors[:5]
    assert {ties[did(i)].follows_you for i in LIVE} == {None}
    assert not any(ties[did(i)].muted or ties[did(i)].blocks_you for i in LIVE)


def test_a_first_sync_without_viewer_stores_and_shows_follow_back_as_unknown(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store keeps an unknown follow-back as unknown (NULL), so the review of a first
    sync claims neither way: no "doesn't follow you back" for an account that may."""
    without_viewer(fake, monkeypatch)
    first = listed(invoke)
    assert {first[did(i)]["follows_you"] for i in LIVE} == {None}
    assert not any("follow you back" in r for i in LIVE for r in first[did(i)]["reasons"])
    with sqlite3.connect(isolated_env / "followprune.sqlite3") as conn:
        stored = dict(conn.execute("SELECT account_id, follows_you FROM follows").fetchall())
    assert {stored[did(i)] for i in LIVE} == {None}


# --- post dates: the later of createdAt and indexedAt, never the future ---------------------

def test_a_back_dated_post_is_activity_when_it_was_indexed(
    invoke: Invoke, fake: FakeBluesky, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Found: a post imported back-dated (createdAt 2010, indexed 3 hours ago) made an
    # account that had just posted "silent for 17 years", and proposed it.
    monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_TIMELINE_PAGES", "0")  # the author feed alone
    now = datetime.now(UTC)
    imported, clock = did(7), did(10)  # 7 never posted; 10 last posted 100 days ago
    fake.state.items.append(FeedItem(imported, fake.state.new_rkey(),
                                     "2010-06-01T12:00:00.000Z",
                                     posted_at=stamp(now - timedelta(hours=3))))
    # A newest item dated in the future twice over (a wrong clock everywhere) is no date:
    # the post below it dates the account, which the first item alone had left unknown.
    fake.state.items.append(FeedItem(clock, fake.state.new_rkey(), "2099-06-01T12:00:00.000Z"))
    by_id = listed(invoke)
    last = datetime.fromisoformat(by_id[imported]["last_active"])
    assert now - last < timedelta(hours=4), last
    assert not by_id[imported]["proposed"]
    assert not any("silent" in r for r in by_id[imported]["reasons"]), by_id[imported]
    last = datetime.fromisoformat(by_id[clock]["last_active"])
    assert (now - last).days == 100, last


def test_feed_item_dates_take_the_later_of_created_and_indexed() -> None:
    from followprune.networks.bluesky.feeds import ORIGINAL, item_activity

    now = datetime(2026, 12, 1, tzinfo=UTC)

    def post(created: str | None, indexed: str) -> JSON:
        record: JSON = {"text": "hi"} if created is None else {"text": "hi", "createdAt": created}
        return {"post": {"uri": f"at://{did(1)}/{POST}/3k", "cid": "bafyreix",
                         "author": {"did": did(1), "handle": "a.bsky.social"},
                         "indexedAt": indexed, "record": record}}

    def at(created: str | None, indexed: str) -> datetime | None:
        found = item_activity(post(created, indexed), now)
        assert found is None or found[2] == ORIGINAL
        return None if found is None else found[1]

    back = datetime(2026, 11, 30, 9, tzinfo=UTC)
    # Back-dated: indexed later than created.
    assert at("2010-06-01T12:00:00Z", "2026-11-30T09:00:00Z") == back
    # Written offline and indexed later: still the later.
    assert at("2026-11-29T09:00:00Z", "2026-11-30T09:00:00Z") == back
    # Indexed before its createdAt (a clock a little fast, still in the past): createdAt.
    assert at("2026-11-30T09:00:00Z", "2026-11-29T09:00:00Z") == back
    # A createdAt in the future is not read; no createdAt at all is the indexing time.
    assert at("2027-01-01T00:00:00Z", "2026-11-30T09:00:00Z") == back
    assert at(None, "2026-11-30T09:00:00Z") == back
    # Both unusable: no date.
    assert at("2099-01-01T00:00:00Z", "2099-01-01T00:00:00Z") is None


# --- a creation date before Bluesky is none ---------------------------------------------------

def test_a_placeholder_creation_date_is_unknown_not_an_age(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path
) -> None:
    # Found: the AppView sends createdAt "0001-01-01T00:00:00.000Z" for a profile without
    # the field, and it was read as a real age: "only 1,010 posts in 2,026 years", a
    # sparse-posting bot signal.
    placeholder, real = did(10), did(14)
    fake.state.profiles[placeholder].update(createdAt="0001-01-01T00:00:00.000Z")
    fake.state.profiles[real].update(createdAt="2023-05-01T00:00:00.000Z")
    by_id = listed(invoke)
    explained = invoke("explain", "@user10.bsky.social")
    assert explained.exit_code == 0, explained.output
    assert "2,026 years" not in explained.stdout and "years" not in explained.stdout
    assert not any("years" in r for r in by_id[placeholder]["reasons"]), by_id[placeholder]
    with sqlite3.connect(isolated_env / "followprune.sqlite3") as conn:
        created = dict(conn.execute(
            "SELECT account_id, json_extract(profile, '$.created_at') FROM accounts"))
    assert created[placeholder] is None
    assert str(created[real]).startswith("2023-05-01")


# --- no location field on Bluesky: nothing judged or said of one ----------------------------

def test_a_bluesky_profile_is_not_judged_or_worded_on_a_location_it_cannot_have(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path
) -> None:
    # Found: reasons said "default avatar, no bio and no location" of Bluesky accounts, and
    # the empty-profile bot signal counted the missing location against them: Bluesky
    # profiles have no location field.
    bare, plain = did(4), did(5)  # 4 has the default avatar, 5 an avatar of its own
    for i in (4, 5):
        fake.state.profiles[did(i)].pop("description")
    by_id = listed(invoke)
    everything = [r for a in by_id.values() for r in a["reasons"]]
    assert not any("location" in r for r in everything), everything
    # The review shows an account's strongest reasons; explain shows every one.
    for handle, said in (("@user4.bsky.social", "− default avatar and empty bio"),
                         ("@user5.bsky.social", "− empty bio")):
        explained = invoke("explain", handle)
        assert explained.exit_code == 0, explained.output
        assert said in explained.stdout and "no location" not in explained.stdout, \
            explained.stdout
    with sqlite3.connect(isolated_env / "followprune.sqlite3") as conn:
        fields = dict(conn.execute(
            "SELECT account_id, json_extract(profile, '$.location_field') FROM accounts"))
    assert fields[bare] == 0 and fields[plain] == 0
