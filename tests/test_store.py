"""The store: migrations, snapshots, the append-only journal."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from followprune.models import Account, ActionKind, Graph, Relationship
from followprune.store import Store
from followprune.store.migrations import MIGRATIONS, schema_version

NOW = datetime(2026, 11, 1, tzinfo=UTC)


def graph(*ids: str) -> Graph:
    return Graph(
        me=Account(id="0", handle="me"),
        accounts=[Account(id=i, handle=f"h{i}") for i in ids],
        relationships=[Relationship(account_id=i) for i in ids],
        interactions=[],
    )


def test_migrations_are_recorded_and_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    Store(path).close()
    store = Store(path)
    assert schema_version(store.conn) == MIGRATIONS[-1][0]
    rows = store.conn.execute("SELECT version, name FROM schema_migrations").fetchall()
    assert [r[0] for r in rows] == [m[0] for m in MIGRATIONS]


def test_damaged_store_gives_a_clear_error(tmp_path: Path) -> None:
    from followprune.errors import StoreError

    path = tmp_path / "s.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(path)


def test_snapshot_first_and_last_seen_and_gone(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    me = store.identity("demo", "0", "me")
    store.snapshots.save_profiles(me, [Account(id="0", handle="me")], NOW)
    change = store.snapshots.save_graph(me, graph("1", "2"), NOW)
    assert (change.following, change.new, change.gone) == (2, 2, 0)
    later = NOW + timedelta(days=3)
    change = store.snapshots.save_graph(me, graph("2", "3"), later)
    assert (change.following, change.new, change.gone) == (2, 1, 1)
    loaded = store.snapshots.load_graph(me)
    assert loaded is not None
    assert [a.id for a in loaded.accounts] == ["2", "3"]
    first_seen = {r.account_id: r.first_seen for r in loaded.relationships}
    assert first_seen["2"] == NOW and first_seen["3"] == later


def test_identities_keep_networks_apart(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    a = store.identity("demo", "0", "me")
    b = store.identity("x", "0", "me")
    assert a.id != b.id
    assert store.identity("demo", "0", "renamed").id == a.id


def test_journal_intent_outcome_and_in_flight(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    me = store.identity("demo", "0", "me")
    run = store.runs.start(me, "review", NOW)
    first = store.journal.record_intent(me, run, "1", "h1", ActionKind.UNFOLLOW, NOW)
    second = store.journal.record_intent(me, run, "2", "h2", ActionKind.MUTE, NOW)
    store.journal.record_outcome(first, True, NOW)
    assert [r.id for r in store.journal.in_flight(me)] == [second]
    store.journal.record_outcome(second, False, NOW, "refused")
    records = store.journal.actions(me, run_id=run)
    assert [(r.phase, r.detail) for r in records] == [("done", ""), ("failed", "refused")]
    assert store.journal.count_done(me, {ActionKind.UNFOLLOW}, NOW - timedelta(hours=1)) == 1


def test_journal_is_append_only(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    me = store.identity("demo", "0", "me")
    run = store.runs.start(me, "review", NOW)
    store.journal.record_intent(me, run, "1", "h1", ActionKind.UNFOLLOW, NOW)
    for sql in ("UPDATE journal SET phase = 'done'", "DELETE FROM journal",
                "UPDATE actions SET kind = 'follow'", "DELETE FROM actions"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            store.conn.execute(sql)


def test_undone_ids(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    me = store.identity("demo", "0", "me")
    run = store.runs.start(me, "review", NOW)
    original = store.journal.record_intent(me, run, "1", "h1", ActionKind.UNFOLLOW, NOW)
    store.journal.record_outcome(original, True, NOW)
    undo = store.journal.record_intent(me, run, "1", "h1", ActionKind.FOLLOW, NOW,
                                       undo_of=original)
    assert store.journal.undone(me) == set()
    store.journal.record_outcome(undo, True, NOW)
    assert store.journal.undone(me) == {original}


def test_store_in_a_folder_that_cannot_be_made(tmp_path: Path) -> None:
    from followprune.errors import StoreError

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(blocker / "sub" / "s.sqlite3")
