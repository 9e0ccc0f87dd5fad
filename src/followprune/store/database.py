"""Opening the store, transactions, identities."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from followprune.errors import StoreError
from followprune.store.migrations import apply_migrations


@dataclass(frozen=True)
class Identity:
    """One account on one network, whose follow list this store keeps."""

    id: int
    network: str
    account_id: str
    handle: str


def to_text(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat()


def from_text(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: we open transactions ourselves, so a journal entry is
            # durable the moment its statement returns.
            self.conn = sqlite3.connect(path, isolation_level=None, timeout=30)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=FULL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            try:
                apply_migrations(self.conn)
            except sqlite3.Error:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
        except (sqlite3.DatabaseError, OSError) as exc:
            raise StoreError(
                f"cannot open the store {path}: {getattr(exc, 'strerror', None) or exc}",
                hint="FOLLOWPRUNE_HOME chooses another folder; move a damaged file aside",
            ) from None
        from followprune.store.demo_state import DemoState
        from followprune.store.journal import Journal
        from followprune.store.keeps import Keeps
        from followprune.store.runs import Runs
        from followprune.store.snapshots import Snapshots

        self.snapshots = Snapshots(self)
        self.runs = Runs(self)
        self.journal = Journal(self)
        self.demo = DemoState(self)
        self.keeps = Keeps(self)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing; nested use joins the outer transaction."""
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def identity(self, network: str, account_id: str, handle: str) -> Identity:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO identities (network, account_id, handle) VALUES (?, ?, ?)"
                " ON CONFLICT (network, account_id) DO UPDATE SET handle = excluded.handle",
                (network, account_id, handle),
            )
            row = conn.execute(
                "SELECT id FROM identities WHERE network = ? AND account_id = ?",
                (network, account_id),
            ).fetchone()
        return Identity(int(row[0]), network, account_id, handle)

    def find_identity(self, network: str) -> Identity | None:
        """The most recently added identity on a network (for commands that need no login)."""
        row = self.conn.execute(
            "SELECT id, network, account_id, handle FROM identities WHERE network = ?"
            " ORDER BY id DESC LIMIT 1",
            (network,),
        ).fetchone()
        return None if row is None else Identity(int(row[0]), row[1], row[2], row[3])

    def get_state(self, identity: Identity, key: str) -> str | None:
        row = self.conn.execute(
            "SELECT value FROM sync_state WHERE identity_id = ? AND key = ?", (identity.id, key)
        ).fetchone()
        return None if row is None else str(row[0])

    def set_state(self, identity: Identity, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO sync_state VALUES (?, ?, ?, ?) ON CONFLICT (identity_id, key)"
                " DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                (identity.id, key, value, datetime.now(UTC).isoformat()),
            )
