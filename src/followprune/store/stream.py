"""What the stream estimates read: post counts per sync and the latest timeline sample."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from followprune.models import Account, TimelineCounts, TimelineSample
from followprune.store.database import Identity, fits_sqlite, from_text, to_text

if TYPE_CHECKING:
    from followprune.store.database import Store

# Each account's (earliest count, its time) and (latest count, its time).
CountSpan = tuple[tuple[int, datetime], tuple[int, datetime]]


class Stream:
    def __init__(self, store: Store) -> None:
        self.store = store

    def record_counts(self, identity: Identity, accounts: Iterable[Account], now: datetime,
                      keep_days: int = 30) -> None:
        """Note each account's post count as of this sync, and drop rows older than
        `keep_days`, except each account's latest two: they are the window of its rate
        when syncs are further apart than the retention."""
        at = to_text(now)
        rows = [(identity.id, a.id, at, a.post_count) for a in accounts
                if a.post_count is not None and fits_sqlite(a.post_count)]
        cutoff = to_text(now - timedelta(days=keep_days))
        with self.store.transaction() as conn:
            conn.executemany("INSERT OR REPLACE INTO post_counts VALUES (?, ?, ?, ?)", rows)
            conn.execute(
                "DELETE FROM post_counts WHERE identity_id = ? AND at < ? AND at < ("
                " SELECT p.at FROM post_counts p WHERE p.identity_id = post_counts.identity_id"
                " AND p.account_id = post_counts.account_id ORDER BY p.at DESC LIMIT 1 OFFSET 1)",
                (identity.id, cutoff),
            )

    def count_spans(self, identity: Identity) -> dict[str, CountSpan]:
        """Per account with at least two recorded syncs: its earliest and latest count."""
        first: dict[str, tuple[int, str]] = {}
        last: dict[str, tuple[int, str]] = {}
        for account_id, at, count in self.store.conn.execute(
            "SELECT account_id, at, post_count FROM post_counts WHERE identity_id = ?"
            " ORDER BY account_id, at",
            (identity.id,),
        ):
            first.setdefault(account_id, (int(count), at))
            last[account_id] = (int(count), at)
        spans: dict[str, CountSpan] = {}
        for account_id, (count1, at1) in last.items():
            count0, at0 = first[account_id]
            if at0 != at1:
                t0, t1 = from_text(at0), from_text(at1)
                assert t0 is not None and t1 is not None
                spans[account_id] = ((count0, t0), (count1, t1))
        return spans

    def save_sample(self, identity: Identity, sample: TimelineSample, now: datetime) -> None:
        """Replace the stored timeline sample with this one."""
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM timeline_counts WHERE identity_id = ?", (identity.id,))
            conn.executemany(
                "INSERT INTO timeline_counts VALUES (?, ?, ?, ?, ?)",
                [(identity.id, account_id, c.originals, c.reposts, c.replies)
                 for account_id, c in sample.counts.items()],
            )
            conn.execute("INSERT OR REPLACE INTO timeline_samples VALUES (?, ?, ?)",
                         (identity.id, to_text(now), sample.window_days))

    def latest_sample(self, identity: Identity) -> tuple[TimelineSample, datetime] | None:
        conn = self.store.conn
        row = conn.execute(
            "SELECT sampled_at, window_days FROM timeline_samples WHERE identity_id = ?",
            (identity.id,),
        ).fetchone()
        if row is None:
            return None
        counts = {
            r[0]: TimelineCounts(int(r[1]), int(r[2]), int(r[3]))
            for r in conn.execute(
                "SELECT account_id, originals, reposts, replies FROM timeline_counts"
                " WHERE identity_id = ?", (identity.id,))
        }
        sampled_at = from_text(row[0])
        assert sampled_at is not None
        return TimelineSample(float(row[1]), counts), sampled_at
