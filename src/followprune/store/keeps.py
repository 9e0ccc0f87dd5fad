"""The stored keep-list: accounts the person decided to keep, and why.

Two kinds of entry: the person's own (`keep` at the review prompt, `prune keep add`) and
accounts brought back by `prune undo`, which are read from the journal rather than copied,
so an undo never has to remember to write here. Taking an account off the list is a row
with active = 0, which hides a restore as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from followprune.store.database import Identity, from_text, to_text

if TYPE_CHECKING:
    from followprune.store.database import Store


@dataclass(frozen=True)
class KeepEntry:
    account_id: str
    handle: str
    note: str  # why it is kept, as a person reads it
    added_at: datetime


# Follows and unmutes that an undo carried out, with the run of the action they reversed.
_RESTORES = (
    "SELECT a.account_id, a.handle, o.run_id, j.at FROM actions a"
    " JOIN actions o ON o.id = a.undo_of"
    " JOIN journal j ON j.action_id = a.id AND j.phase = 'done'"
    " WHERE a.identity_id = ? AND a.kind IN ('follow', 'unmute') ORDER BY j.seq"
)


class Keeps:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, identity: Identity, account_id: str, handle: str, note: str,
            now: datetime) -> None:
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO keeps VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT"
                " (identity_id, account_id) DO UPDATE SET handle = excluded.handle,"
                " note = excluded.note, added_at = excluded.added_at, active = 1",
                (identity.id, account_id, handle, note, to_text(now)),
            )

    def remove(self, identity: Identity, account_id: str, handle: str, now: datetime) -> bool:
        """Take an account off the list; False if it was not on it."""
        if account_id not in {e.account_id for e in self.entries(identity)}:
            return False
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO keeps VALUES (?, ?, ?, 'removed', ?, 0) ON CONFLICT"
                " (identity_id, account_id) DO UPDATE SET active = 0,"
                " added_at = excluded.added_at",
                (identity.id, account_id, handle, to_text(now)),
            )
        return True

    def decided_to_keep(self, identity: Identity, account_id: str) -> bool:
        """Whether the person put this account on the keep-list (`keep add`, `keep` in a
        review) and has not taken it off; restores by undo are not asked about."""
        row = self.store.conn.execute(
            "SELECT active FROM keeps WHERE identity_id = ? AND account_id = ?",
            (identity.id, account_id)).fetchone()
        return row is not None and bool(row[0])

    def entries(self, identity: Identity) -> list[KeepEntry]:
        """Every account on the list, the person's own entries first, oldest first."""
        conn = self.store.conn
        rows = conn.execute(
            "SELECT account_id, handle, note, added_at, active FROM keeps"
            " WHERE identity_id = ? ORDER BY added_at", (identity.id,),
        ).fetchall()
        decided = {row[0] for row in rows}
        found: dict[str, KeepEntry] = {
            row[0]: KeepEntry(row[0], row[1], row[2], _moment(row[3]))
            for row in rows if row[4]
        }
        for account_id, handle, run_id, at in conn.execute(_RESTORES, (identity.id,)):
            if account_id not in decided:
                found[account_id] = KeepEntry(account_id, handle,
                                              f"restored by undo of run {run_id}", _moment(at))
        return list(found.values())


def _moment(text: str) -> datetime:
    moment = from_text(text)
    assert moment is not None
    return moment
