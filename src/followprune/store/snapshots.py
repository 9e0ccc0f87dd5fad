"""Snapshots of the follow graph: profiles, ties with first/last seen, interactions."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from followprune.models import Account, Graph, Interaction, Relationship
from followprune.store.database import Identity, from_text, to_text

if TYPE_CHECKING:
    from followprune.store.database import Store


# Below SQLite's default limit of 999 bound parameters, with room for the identity.
_IDS_PER_QUERY = 500


@dataclass(frozen=True)
class SnapshotChange:
    following: int
    new: int
    gone: int


class Snapshots:
    def __init__(self, store: Store) -> None:
        self.store = store

    def save_graph(self, identity: Identity, graph: Graph, now: datetime) -> SnapshotChange:
        """Record a complete sync: ties not in `graph` are marked no longer followed."""
        seen = to_text(now)
        with self.store.transaction() as conn:
            self.save_profiles(identity, graph.accounts, now)
            before = {
                row[0]
                for row in conn.execute(
                    "SELECT account_id FROM follows WHERE identity_id = ? AND following = 1",
                    (identity.id,),
                )
            }
            current = set()
            for rel in graph.relationships:
                if rel.you_follow:
                    current.add(rel.account_id)
                conn.execute(
                    "INSERT INTO follows (identity_id, account_id, following, follows_you, muted,"
                    " blocked, blocks_you, first_seen, last_seen)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (identity_id, account_id) DO UPDATE SET"
                    " following = excluded.following, follows_you = excluded.follows_you,"
                    " muted = excluded.muted, blocked = excluded.blocked,"
                    " blocks_you = excluded.blocks_you,"
                    " last_seen = CASE WHEN excluded.following = 1 THEN excluded.last_seen"
                    " ELSE follows.last_seen END,"
                    # A tie that was broken and is followed again starts a new first_seen.
                    " first_seen = CASE WHEN follows.following = 0 AND excluded.following = 1"
                    " THEN excluded.first_seen ELSE follows.first_seen END",
                    (
                        identity.id,
                        rel.account_id,
                        int(rel.you_follow),
                        # Unknown (an answer that did not say) stays unknown: NULL.
                        None if rel.follows_you is None else int(rel.follows_you),
                        int(rel.muted),
                        int(rel.blocked),
                        int(rel.blocks_you),
                        to_text(rel.first_seen) or seen,
                        seen,
                    ),
                )
            gone = before - current
            conn.executemany(
                "UPDATE follows SET following = 0 WHERE identity_id = ? AND account_id = ?",
                [(identity.id, account_id) for account_id in gone],
            )
            self.add_interactions(identity, graph.interactions)
            self.add_my_posts(identity, graph.my_posts)
        return SnapshotChange(len(current), len(current - before), len(gone))

    def save_profiles(self, identity: Identity, accounts: Iterable[Account], now: datetime) -> None:
        fetched = to_text(now)
        accounts = list(accounts)
        with self.store.transaction() as conn:
            # Every read of profiles also notes post counts: two of them give a recent rate.
            self.store.stream.record_counts(identity, accounts, now)
            conn.executemany(
                # A snapshot stores what changed: an unchanged profile is not rewritten, so
                # a sync of 5,000 mostly unchanged accounts writes only the few that moved.
                # `fetched_at` is thus when the profile last changed as read.
                "INSERT INTO accounts VALUES (?, ?, ?, ?, ?) ON CONFLICT (identity_id, account_id)"
                " DO UPDATE SET handle = excluded.handle, profile = excluded.profile,"
                " fetched_at = excluded.fetched_at"
                " WHERE accounts.profile IS NOT excluded.profile"
                " OR accounts.handle IS NOT excluded.handle",
                [
                    (identity.id, a.id, a.handle, a.model_dump_json(), fetched)
                    for a in accounts
                ],
            )

    def add_interactions(self, identity: Identity, interactions: Iterable[Interaction]) -> None:
        with self.store.transaction() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO interactions VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (identity.id, i.account_id, i.kind.value, i.direction.value,
                     to_text(i.at), i.source_id)
                    for i in interactions
                ],
            )

    def add_my_posts(self, identity: Identity, posts: Iterable[str]) -> None:
        # Keyed by content so re-reading the same posts never duplicates them.
        with self.store.transaction() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO my_posts VALUES (?, ?, ?)",
                [
                    (identity.id, hashlib.sha1(text.encode()).hexdigest()[:16], text)
                    for text in posts
                ],
            )

    def set_tie(
        self, identity: Identity, account_id: str, *, following: bool | None = None,
        muted: bool | None = None, now: datetime, restored: bool = False,
    ) -> None:
        """Reflect an action we just took, without waiting for the next sync. A follow
        `restored` by undo is the old follow back: it keeps the first_seen it had, so it
        gets no new grace period (persona 16's spam, restored by undo and taken off the
        keep-list, was "followed today (grace period of 30 days)", followed years ago)."""
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO follows (identity_id, account_id, following, first_seen,"
                " last_seen) VALUES (?, ?, 0, ?, ?)",
                (identity.id, account_id, to_text(now), to_text(now)),
            )
            if following is not None:
                conn.execute(
                    "UPDATE follows SET following = ?, first_seen = CASE WHEN following = 0"
                    " AND ? = 1 AND NOT ? THEN ? ELSE first_seen END"
                    " WHERE identity_id = ? AND account_id = ?",
                    (int(following), int(following), int(restored), to_text(now), identity.id,
                     account_id),
                )
            if muted is not None:
                conn.execute(
                    "UPDATE follows SET muted = ? WHERE identity_id = ? AND account_id = ?",
                    (int(muted), identity.id, account_id),
                )

    def load_graph(self, identity: Identity) -> Graph | None:
        """The graph as last synced (only accounts still followed); None if never synced."""
        conn = self.store.conn
        me_row = conn.execute(
            "SELECT profile FROM accounts WHERE identity_id = ? AND account_id = ?",
            (identity.id, identity.account_id),
        ).fetchone()
        if me_row is None:
            return None
        accounts: list[Account] = []
        relationships: list[Relationship] = []
        for row in conn.execute(
            "SELECT a.profile, f.account_id, f.follows_you, f.muted, f.blocked, f.first_seen,"
            " f.blocks_you"
            " FROM follows f JOIN accounts a"
            " ON a.identity_id = f.identity_id AND a.account_id = f.account_id"
            " WHERE f.identity_id = ? AND f.following = 1 ORDER BY f.rowid",
            (identity.id,),
        ):
            accounts.append(Account.model_validate_json(row[0]))
            relationships.append(
                Relationship(
                    account_id=row[1], you_follow=True,
                    follows_you=None if row[2] is None else bool(row[2]),
                    muted=bool(row[3]), blocked=bool(row[4]), first_seen=from_text(row[5]),
                    blocks_you=bool(row[6]),
                )
            )
        interactions = [
            Interaction(account_id=r[0], kind=r[1], direction=r[2], at=from_text(r[3]),
                        source_id=r[4])
            for r in conn.execute(
                "SELECT account_id, kind, direction, at, source_id FROM interactions"
                " WHERE identity_id = ?",
                (identity.id,),
            )
        ]
        posts = [
            str(r[0])
            for r in conn.execute(
                "SELECT text FROM my_posts WHERE identity_id = ? ORDER BY rowid", (identity.id,)
            )
        ]
        return Graph(
            me=Account.model_validate_json(me_row[0]),
            accounts=accounts,
            relationships=relationships,
            interactions=interactions,
            my_posts=posts,
        )

    def following_count(self, identity: Identity) -> int:
        row = self.store.conn.execute(
            "SELECT COUNT(*) FROM follows WHERE identity_id = ? AND following = 1",
            (identity.id,),
        ).fetchone()
        return int(row[0])

    def last_synced(self, identity: Identity) -> datetime | None:
        row = self.store.conn.execute(
            "SELECT MAX(last_seen) FROM follows WHERE identity_id = ?", (identity.id,)
        ).fetchone()
        return from_text(row[0])

    def find_account(self, identity: Identity, handle_or_id: str) -> Account | None:
        key = handle_or_id.removeprefix("@")
        row = self.store.conn.execute(
            "SELECT profile FROM accounts WHERE identity_id = ?"
            " AND (handle = ? COLLATE NOCASE OR account_id = ?)",
            (identity.id, key, key),
        ).fetchone()
        return None if row is None else Account.model_validate_json(row[0])

    def find_accounts(self, identity: Identity, account_ids: Iterable[str]) -> list[Account]:
        """The stored profiles of these accounts (by id; unknown ones left out), a few
        hundred ids a query instead of one query each."""
        wanted = list(dict.fromkeys(account_ids))
        found: list[Account] = []
        for start in range(0, len(wanted), _IDS_PER_QUERY):
            chunk = wanted[start:start + _IDS_PER_QUERY]
            found += [Account.model_validate_json(row[0]) for row in self.store.conn.execute(
                "SELECT profile FROM accounts WHERE identity_id = ? AND account_id IN"
                f" ({','.join('?' * len(chunk))})", (identity.id, *chunk))]
        return found

    def has_follows(self, identity: Identity) -> bool:
        """Whether any follow list was ever stored for this identity (a first sync if not)."""
        return self.store.conn.execute(
            "SELECT 1 FROM follows WHERE identity_id = ? LIMIT 1", (identity.id,)
        ).fetchone() is not None

    def tie_flags(self, identity: Identity) -> dict[str, tuple[bool | None, bool, bool]]:
        """follows_you (None: unknown), muted, blocked of every stored tie, by account id."""
        return {
            row[0]: (None if row[1] is None else bool(row[1]), bool(row[2]), bool(row[3]))
            for row in self.store.conn.execute(
                "SELECT account_id, follows_you, muted, blocked FROM follows"
                " WHERE identity_id = ?", (identity.id,))
        }

    def tie_relationships(self, identity: Identity) -> dict[str, Relationship]:
        """Every stored tie as last synced, by account id: what a network that answers
        without saying (Bluesky's profile without `viewer`) keeps rather than reading "no".
        A follows_you stored unknown stays unknown."""
        return {
            str(row[0]): Relationship(
                account_id=str(row[0]), you_follow=bool(row[1]),
                follows_you=None if row[2] is None else bool(row[2]),
                muted=bool(row[3]), blocked=bool(row[4]), blocks_you=bool(row[5]))
            for row in self.store.conn.execute(
                "SELECT account_id, following, follows_you, muted, blocked, blocks_you"
                " FROM follows WHERE identity_id = ?", (identity.id,))
        }

    def followers_not_followed(self, identity: Identity) -> list[str]:
        """Ids of stored ties that follow you while you don't follow them (an archive's
        followers, or people you stopped following), in the order stored."""
        return [
            str(row[0])
            for row in self.store.conn.execute(
                "SELECT account_id FROM follows WHERE identity_id = ? AND following = 0"
                " AND follows_you = 1 AND blocked = 0 ORDER BY rowid", (identity.id,))
        ]

    def ids_without_profile(self, identity: Identity) -> list[str]:
        """Followed accounts known by id only (an archive import), in the order stored."""
        return [
            str(row[0])
            for row in self.store.conn.execute(
                "SELECT a.account_id FROM accounts a JOIN follows f"
                " ON f.identity_id = a.identity_id AND f.account_id = a.account_id"
                " WHERE a.identity_id = ? AND f.following = 1"
                " AND json_extract(a.profile, '$.profile_known') = 0 ORDER BY f.rowid",
                (identity.id,),
            )
        ]
