"""Parked accounts: unfollowed for silence, or muted, and how they were when parked.

The action journal says what was done; this table keeps what the account looked like then
(the `accounts` row is overwritten by any later read of its profile) and what the latest
lookup or sync saw, so a comeback can be told in numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from followprune.models import Account
from followprune.store.database import Identity, from_text, to_text

if TYPE_CHECKING:
    from followprune.store.database import Store

ParkedWhy = Literal["silent", "muted"]
# In sync_state: the newest journal action already looked at for parking.
_SEEN_KEY = "parked.seen"


@dataclass(frozen=True)
class ParkedAccount:
    account_id: str
    handle: str
    why: ParkedWhy
    action_id: int  # the journal's unfollow or mute that parked it
    parked_at: datetime
    last_active_then: datetime | None
    posts_then: int | None
    checked_at: datetime | None = None  # when a lookup or sync last saw it
    last_active_now: datetime | None = None
    posts_now: int | None = None


class Parked:
    def __init__(self, store: Store) -> None:
        self.store = store

    def remember(self, identity: Identity, accounts: Iterable[ParkedAccount]) -> None:
        """Park these; an account parked again (a second unfollow) starts over."""
        with self.store.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO parked (identity_id, account_id, handle, why,"
                " action_id, parked_at, last_active_then, posts_then) VALUES"
                " (?, ?, ?, ?, ?, ?, ?, ?)",
                [(identity.id, p.account_id, p.handle, p.why, p.action_id,
                  to_text(p.parked_at), to_text(p.last_active_then), p.posts_then)
                 for p in accounts],
            )

    def all(self, identity: Identity) -> list[ParkedAccount]:
        return [
            ParkedAccount(
                account_id=row[0], handle=row[1], why=row[2], action_id=int(row[3]),
                parked_at=_moment(row[4]), last_active_then=from_text(row[5]),
                posts_then=row[6], checked_at=from_text(row[7]),
                last_active_now=from_text(row[8]), posts_now=row[9],
            )
            for row in self.store.conn.execute(
                "SELECT account_id, handle, why, action_id, parked_at, last_active_then,"
                " posts_then, checked_at, last_active_now, posts_now FROM parked"
                " WHERE identity_id = ? ORDER BY parked_at, account_id", (identity.id,))
        ]

    def latest_action(self, identity: Identity) -> int:
        """The newest journal action already looked at (0 for none): older ones never park
        anything new."""
        seen = self.store.get_state(identity, _SEEN_KEY)
        return int(seen) if seen else 0

    def mark_seen(self, identity: Identity, action_id: int) -> None:
        self.store.set_state(identity, _SEEN_KEY, str(action_id))

    def seen_now(self, identity: Identity, accounts: Iterable[Account], now: datetime) -> None:
        """What a lookup or sync just read of parked accounts (others are ignored)."""
        with self.store.transaction() as conn:
            conn.executemany(
                "UPDATE parked SET checked_at = ?, last_active_now = ?, posts_now = ?,"
                " handle = ? WHERE identity_id = ? AND account_id = ?",
                [(to_text(now), to_text(a.last_active_at), a.post_count, a.handle,
                  identity.id, a.id) for a in accounts],
            )

    def forget(self, identity: Identity, account_ids: Iterable[str]) -> None:
        """Followed (or unmuted) again: no longer parked."""
        with self.store.transaction() as conn:
            conn.executemany(
                "DELETE FROM parked WHERE identity_id = ? AND account_id = ?",
                [(identity.id, account_id) for account_id in account_ids],
            )


def _moment(text: str) -> datetime:
    moment = from_text(text)
    assert moment is not None
    return moment
