"""Bluesky reads beyond the follow list, through the real CLI against the fake service: last
activity (home timeline sample, then capped author-feed calls), interactions read
incrementally, handles that changed, and the write-points budget."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import Invoke, proposals_json
from tests.fakebsky import FakeBluesky, make_state
from tests.fakebsky import point_cli_at as bsky_cli_at
from tests.fakebsky.server import LIKE, POST, REPOST, Notice, stamp

N = 30  # followed accounts, the last three dead: 27 live, activity by i % 4 (see make_state)
LIVE = range(N - 3)
# make_state's notification reasons in turn, for every even account.
REASONS = ("like", "repost", "reply", "mention", "quote", "follow")


def notified_with_a_post(i: int) -> bool:
    """Whether account i's notification is a post or repost of its own, which dates it."""
    return i % 2 == 0 and REASONS[(i // 2) % 6] in ("repost", "reply", "mention", "quote")


# Live accounts no free read dates: no post in the week of timeline read, no notification
# that is a post of theirs. Each costs one author-feed call.
UNSEEN = [i for i in LIVE if i % 4 in (2, 3) and not notified_with_a_post(i)]


def did(i: int) -> str:
    return f"did:plc:acct{i:020d}"


@pytest.fixture
def fake(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeBluesky]:
    server = FakeBluesky(make_state(N)).start()
    bsky_cli_at(server, monkeypatch)
    yield server
    server.close()
    assert not server.errors, server.errors[:5]


def configure(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(text, encoding="utf-8")


def listed(invoke: Invoke) -> dict[str, dict[str, object]]:
    out = proposals_json(invoke("--dry-run", "--format", "json", "--all"))
    return {a["account_id"]: a for a in out["accounts"]}


def interactions(home: Path) -> set[tuple[str, str, str, str]]:
    with sqlite3.connect(home / "followprune.sqlite3") as conn:
        return {tuple(row) for row in conn.execute(  # type: ignore[misc]
            "SELECT account_id, kind, direction, source_id FROM interactions")}


def state(home: Path, key: str) -> str | None:
    with sqlite3.connect(home / "followprune.sqlite3") as conn:
        row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


# --- last activity ------------------------------------------------------------------------

def test_last_activity_from_the_timeline_then_capped_author_feed_calls(
    invoke: Invoke, fake: FakeBluesky
) -> None:
    by_id = listed(invoke)
    now = datetime.now(UTC)

    def days_silent(i: int) -> float | None:
        value = by_id[did(i)]["last_active"]
        return None if value is None else (now - datetime.fromisoformat(str(value))).days

    # Posters (i % 4 == 0) and reposters (1) are dated by the timeline, within two days.
    for i in LIVE:
        if i % 4 in (0, 1):
            silent = days_silent(i)
            assert silent is not None and silent <= 4, (i, silent)
    # Those the free reads saw nothing of cost one author-feed call each: the long silent
    # (2) get their last post's date, those who never posted (3) stay unknown.
    unseen = UNSEEN
    assert 0 < len(unseen) < len(LIVE) / 2
    assert fake.count("app.bsky.feed.getAuthorFeed") == len(unseen)
    for i in unseen:
        assert days_silent(i) == (90 + i if i % 4 == 2 else None), i
    # A notification that is their post dates the others, for free.
    for i in LIVE:
        if i % 4 in (2, 3) and notified_with_a_post(i):
            silent = days_silent(i)
            assert silent is not None and silent <= 2, i
    assert all(by_id[did(i)]["last_active"] is None for i in range(N - 3, N))  # dead
    # A long silence now costs quality (10 and 12 differ in little else).
    quality = {i: by_id[did(i)]["components"]["quality"] for i in (10, 12)}  # type: ignore[index]
    assert quality[10] < quality[12] - 0.05, quality

    # The next sync asks no author feed again: the answers are a week good, and the dates
    # learnt are kept.
    again = listed(invoke)
    assert fake.count("app.bsky.feed.getAuthorFeed") == len(unseen)
    assert again[did(22)]["last_active"] == by_id[did(22)]["last_active"]


def test_author_feed_calls_are_capped_and_the_rest_wait_for_later_syncs(
    invoke: Invoke, fake: FakeBluesky, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_ACTIVITY_LOOKUPS", "5")
    unseen = UNSEEN
    asked = 0
    for _ in range(3):
        listed(invoke)
        now = fake.count("app.bsky.feed.getAuthorFeed")
        assert now - asked == min(5, len(unseen) - asked)
        asked = now
    assert asked == len(unseen)  # each once, none twice
    monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_ACTIVITY_LOOKUPS", "0")
    monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_TIMELINE_PAGES", "0")
    calls = len(fake.calls)
    listed(invoke)
    assert "app.bsky.feed.getTimeline" not in fake.calls[calls:]
    assert "app.bsky.feed.getAuthorFeed" not in fake.calls[calls:]


def test_the_timeline_sample_feeds_the_stream(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path
) -> None:
    listed(invoke)
    assert fake.count("app.bsky.feed.getTimeline") == 1  # a week back fits in one page here
    with sqlite3.connect(isolated_env / "followprune.sqlite3") as conn:
        rows = conn.execute("SELECT * FROM timeline_counts").fetchall()
    assert rows, "no timeline sample was stored"


# --- interactions -------------------------------------------------------------------------

def test_interactions_from_notifications_and_your_records(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path
) -> None:
    listed(invoke)
    found = interactions(isolated_env)
    kinds = {(kind, direction) for _, kind, direction, _ in found}
    assert kinds == {(k, "from_them") for k in ("like", "repost", "reply", "mention", "quote")} \
        | {(k, "from_you") for k in ("like", "repost", "reply")}
    # Every other live account notified you; follow notifications are not interactions.
    expected_them = {(did(i), REASONS[(i // 2) % 6]) for i in LIVE if i % 2 == 0}
    them = {(a, k) for a, k, d, _ in found if d == "from_them" and a.startswith("did:plc:acct")}
    assert them == {(a, k) for a, k in expected_them if k != "follow"}
    mine = {(a, k) for a, k, d, _ in found if d == "from_you"}
    assert mine == ({(did(i), "like") for i in LIVE if i % 7 == 0}
                    | {(did(i), "repost") for i in LIVE if i % 9 == 0}
                    | {(did(i), "reply") for i in LIVE if i % 11 == 0})


def test_a_second_sync_reads_only_what_is_new(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path
) -> None:
    listed(invoke)
    first = interactions(isolated_env)
    notifications = fake.count("app.bsky.notification.listNotifications")
    pages = {c: fake.pages_of(c) for c in (LIKE, POST, REPOST)}

    now = datetime.now(UTC)
    fake.state.notifications.append(Notice(did(5), "reply", stamp(now), fake.state.new_rkey()))
    subject = {"uri": f"at://{did(13)}/{POST}/3knew", "cid": "bafyreinewpost"}
    like_rkey = fake.state.add_record(LIKE, {"$type": LIKE, "subject": subject,
                                            "createdAt": stamp(now)})
    # Your own quote of account 17 with a mention of account 19.
    fake.state.add_record(POST, {
        "$type": POST, "text": "look at this @user19", "createdAt": stamp(now),
        "embed": {"$type": "app.bsky.embed.record",
                  "record": {"uri": f"at://{did(17)}/{POST}/3kq", "cid": "bafyreiquoted"}},
        "facets": [{"index": {"byteStart": 13, "byteEnd": 20}, "features": [
            {"$type": "app.bsky.richtext.facet#mention", "did": did(19)}]}]})
    # And a quote with an image of account 21.
    fake.state.add_record(POST, {
        "$type": POST, "text": "this, with a picture", "createdAt": stamp(now),
        "embed": {"$type": "app.bsky.embed.recordWithMedia",
                  "record": {"record": {"uri": f"at://{did(21)}/{POST}/3kq",
                                        "cid": "bafyreiquoted"}},
                  "media": {"$type": "app.bsky.embed.external",
                            "external": {"uri": "https://example.com", "title": "t",
                                         "description": "d"}}}})
    listed(invoke)
    added = interactions(isolated_env) - first
    assert {(a, k, d) for a, k, d, _ in added} == {
        (did(5), "reply", "from_them"), (did(13), "like", "from_you"),
        (did(17), "quote", "from_you"), (did(19), "mention", "from_you"),
        (did(21), "quote", "from_you")}
    assert any(source.endswith(like_rkey) for *_, source in added)
    # One page of each, stopped at what the last sync saw.
    assert fake.count("app.bsky.notification.listNotifications") == notifications + 1
    assert {c: fake.pages_of(c) - pages[c] for c in pages} == {LIKE: 1, POST: 1, REPOST: 1}
    seen = state(isolated_env, f"bluesky.newest_record.{LIKE}")
    assert seen == like_rkey


def test_a_failed_sync_moves_no_mark(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed(invoke)
    mark = state(isolated_env, "bluesky.newest_notification")
    assert mark is not None
    fake.state.notifications.append(Notice(did(9), "mention", stamp(datetime.now(UTC)),
                                           fake.state.new_rkey()))
    # The notifications are read, then the timeline fails: nothing of that sync is kept.
    monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_RETRIES", "1")
    fake.faults["app.bsky.feed.getTimeline"] = [500]
    result = invoke("--dry-run")
    assert result.exit_code == 6, result.output
    assert state(isolated_env, "bluesky.newest_notification") == mark
    assert (did(9), "mention") not in {(a, k) for a, k, _, _ in interactions(isolated_env)}
    listed(invoke)  # so the next sync reads the mention again, and keeps it
    assert (did(9), "mention") in {(a, k) for a, k, _, _ in interactions(isolated_env)}
    assert state(isolated_env, "bluesky.newest_notification") != mark


# --- handles --------------------------------------------------------------------------------

def test_a_changed_handle_is_the_same_account_shown_by_its_new_handle(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path
) -> None:
    first = listed(invoke)
    assert first[did(5)]["handle"] == "user5.bsky.social"
    fake.state.profiles[did(5)]["handle"] = "renamed.example.com"
    fake.state.profiles[did(6)]["handle"] = "handle.invalid"
    again = listed(invoke)
    assert set(again) == set(first)  # followed by DID: nobody new, nobody gone
    assert again[did(5)]["handle"] == "renamed.example.com"
    assert again[did(6)]["handle"] == did(6)
    # Acting goes by the DID, whatever the handle is by then.
    configure(isolated_env, '[auto]\ncooling_off_hours = 0\n[[auto.rules]]\nname = "gone"\n'
              'dead = true\n')
    fake.state.dead[did(5)] = "deactivated"
    del fake.state.profiles[did(5)]
    for _ in range(3):  # the first run may only record the matches
        assert invoke("--auto").exit_code in (0, 3)
    assert did(5) not in fake.state.following()
    assert {did(i) for i in range(N - 3, N)} | {did(5)} == {
        did(i) for i in range(N)} - fake.state.following()


# --- the write-points budget ----------------------------------------------------------------

def _journal(home: Path, kind: str, count: int, at: datetime) -> None:
    """`count` done actions of `kind` at `at`, as earlier runs would have left them."""
    with sqlite3.connect(home / "followprune.sqlite3") as conn:
        identity = conn.execute("SELECT id FROM identities WHERE network = 'bluesky'"
                                ).fetchone()[0]
        # The first run: `prune undo` takes back the latest, which must stay the real one.
        run = conn.execute("SELECT MIN(id) FROM runs").fetchone()[0]
        for n in range(count):
            cursor = conn.execute(
                "INSERT INTO actions (run_id, identity_id, account_id, handle, kind, rule,"
                " undo_of, created_at) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?)",
                (run, identity, f"did:plc:old{n:020d}", f"old{n}", kind, at.isoformat()))
            conn.execute("INSERT INTO journal (action_id, phase, at) VALUES (?, 'done', ?)",
                         (cursor.lastrowid, at.isoformat()))


BIG_CAPS = "[actions]\nper_run = 10000\nper_day = 10000\nper_15_minutes = 10000\n"


def test_the_hourly_write_budget_stops_unfollows_and_says_so(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path
) -> None:
    configure(isolated_env, BIG_CAPS)
    listed(invoke)
    # 1,666 follows (4,998 points) in the last hour: room for two unfollows (1 point each).
    _journal(isolated_env, "follow", 1666, datetime.now(UTC) - timedelta(minutes=30))
    before = fake.state.following()
    result = invoke("--yes")
    assert result.exit_code == 4, result.output
    assert len(before - fake.state.following()) == 2
    assert fake.count("com.atproto.repo.deleteRecord") == 2
    assert "Bluesky write budget reached: 5,000 of 5,000 points used in the last hour" \
        in result.output


def test_the_write_budget_holds_the_follows_of_an_undo(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path
) -> None:
    configure(isolated_env, BIG_CAPS + '[auto]\ncooling_off_hours = 0\n[[auto.rules]]\n'
              'name = "stale"\ninactive_days = 60\n')
    for _ in range(3):
        assert invoke("--auto").exit_code in (0, 3)
    # The long silent the author feed dated (10 and 22) are live: an undo follows them again.
    assert {did(10), did(22)} <= {did(i) for i in range(N)} - fake.state.following()
    # 4,998 points in the last hour with those unfollows: an undo's follow (3) does not fit.
    _journal(isolated_env, "unfollow", 4_993, datetime.now(UTC) - timedelta(minutes=10))
    result = invoke("undo", "--yes")
    assert fake.count("com.atproto.repo.createRecord") == 0
    assert "4,998 of 5,000 points used in the last hour, and a follow costs 3" in result.output
    assert result.exit_code == 4, result.output


def test_mutes_are_not_held_by_the_write_budget(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path
) -> None:
    configure(isolated_env, BIG_CAPS + '[auto]\ncooling_off_hours = 0\n[[auto.rules]]\n'
              'name = "hush"\naction = "mute"\ndead = true\n')
    assert invoke("--auto").exit_code == 3  # matches recorded
    _journal(isolated_env, "follow", 1667, datetime.now(UTC) - timedelta(minutes=5))
    result = invoke("--auto")
    assert result.exit_code == 0, result.output
    # Mutes are not repo writes: a spent budget does not hold them.
    assert {did(i) for i in range(N - 3, N)} <= fake.state.muted


def test_the_budget_counts_points_in_each_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small windows, the same rule: what fits is what the journal leaves room for, in the
    last hour and in the last day alike; mutes never count."""
    from followprune.models import ActionKind
    from followprune.networks.bluesky import budget
    from followprune.store import Store

    monkeypatch.setattr(budget, "WINDOWS", ((timedelta(hours=1), 10, "hour"),
                                            (timedelta(days=1), 12, "day")))
    start = datetime(2026, 12, 1, 12, tzinfo=UTC)
    with Store(Path(":memory:")) as store:
        me = store.identity("bluesky", "did:plc:me", "me.bsky.social")
        run = store.runs.start(me, "review", start)

        def act(kind: ActionKind, at: datetime, phase_ok: bool | None = True) -> None:
            action = store.journal.record_intent(me, run, "did:plc:x", "x", kind, at)
            if phase_ok is not None:
                store.journal.record_outcome(action, phase_ok, at)

        for _ in range(3):
            act(ActionKind.FOLLOW, start)  # 9 points
        act(ActionKind.MUTE, start)
        act(ActionKind.FOLLOW, start, phase_ok=False)  # refused by the PDS: costs nothing
        assert budget.refusal(store, me, ActionKind.UNFOLLOW, start) is None  # 10 fits
        refused = budget.refusal(store, me, ActionKind.FOLLOW, start)
        assert refused is not None and "9 of 10 points used in the last hour" in refused
        assert budget.refusal(store, me, ActionKind.MUTE, start) is None
        act(ActionKind.UNFOLLOW, start, phase_ok=None)  # in flight: it may have happened
        assert budget.refusal(store, me, ActionKind.UNFOLLOW, start) is not None
        later = start + timedelta(hours=2)  # the hour has moved on, the day has not
        assert budget.refusal(store, me, ActionKind.UNFOLLOW, later) is None  # 11 of 12
        day = budget.refusal(store, me, ActionKind.FOLLOW, later)
        assert day is not None and "10 of 12 points used in the last day" in day


def test_feed_items_date_their_author_or_reposter() -> None:
    from followprune.networks.bluesky.feeds import REPLY, REPOST, item_activity

    now = datetime(2026, 12, 1, tzinfo=UTC)
    author = {"did": did(1), "handle": "a.bsky.social"}
    post = {"uri": f"at://{did(1)}/{POST}/3k", "cid": "bafyreix", "author": author,
            "indexedAt": "2026-11-30T10:00:00Z",
            # A wrong clock on the author's side: the AppView's time is used.
            "record": {"text": "hi", "createdAt": "2027-01-01T00:00:00Z",
                       "reply": {"root": {}, "parent": {}}}}
    assert item_activity({"post": post}, now) == (did(1), datetime(2026, 11, 30, 10,
                                                                     tzinfo=UTC), REPLY)
    repost = {"post": post, "reason": {"$type": "app.bsky.feed.defs#reasonRepost",
                                       "by": {"did": did(2), "handle": "b.bsky.social"},
                                       "indexedAt": "2026-11-30T12:00:00Z"}}
    assert item_activity(repost, now) == (did(2), datetime(2026, 11, 30, 12, tzinfo=UTC),
                                          REPOST)
    assert item_activity({"post": {**post, "author": {"handle": "x"}}}, now) is None


def test_a_failing_author_feed_ends_the_lookups_not_the_sync(
    invoke: Invoke, fake: FakeBluesky, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_RETRIES", "1")
    # The third lookup fails with a server error: the first two are kept.
    fake.faults["app.bsky.feed.getAuthorFeed"] = [200, 200, 503]
    by_id = listed(invoke)
    assert fake.count("app.bsky.feed.getAuthorFeed") == 3
    assert len(by_id) == N
    listed(invoke)  # the next sync asks the rest, and not the two answered
    assert fake.count("app.bsky.feed.getAuthorFeed") == 3 + len(UNSEEN) - 2
