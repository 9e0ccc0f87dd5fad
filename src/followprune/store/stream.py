"""What the stream estimates read: post counts per sync and the latest timeline sample."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from followprune.models import Account, TimelineCounts, TimelineSample
from followprune.store.database import Identity, fits_sqlite, from_text, to_text

if TYPE_CHECKING:
    from followprune.store.database import Store

# A post count and when it was read.
Point = tuple[int, datetime]
# Each account's earliest and latest point.
CountSpan = tuple[Point, Point]


def _moment(text: str) -> datetime:
    moment = from_text(text)
    assert moment is not None
    return moment


class Stream:
    def __init__(self, store: Store) -> None:
        self.store = store

    def record_counts(self, identity: Identity, accounts: Iterable[Account], now: datetime,
                      keep_days: int = 30) -> None:
        """Note each account's post count as of this sync.

        Three points are kept an account: the first, a middle one and the latest. The
        middle is set once the list has been followed for half of `keep_days`; when the
        first grows older than `keep_days` the middle takes its place and the previous
        latest becomes the middle. The window thus stays between about half and all of
        `keep_days` with regular syncs, in one row an account."""
        counts = {a.id: a.post_count for a in accounts
                  if a.post_count is not None and fits_sqlite(a.post_count)}
        if not counts:
            return
        cutoff = now - timedelta(days=keep_days)
        half = timedelta(days=keep_days / 2)
        stored = self._points(identity)
        rows = []
        for account_id, count in counts.items():
            point = (count, now)
            old = stored.get(account_id)
            if old is None or old[2][1] > now:  # new, or a clock gone backwards: start over
                first, middle = point, point
            else:
                first, middle, last = old
                if first[1] < cutoff:
                    first, middle = (middle if middle[1] > first[1] else last), last
                elif middle[1] == first[1] and last[1] - first[1] >= half:
                    middle = last
            rows.append((identity.id, account_id, first[0], to_text(first[1]), middle[0],
                         to_text(middle[1]), count, to_text(now)))
        with self.store.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO post_counts VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def _points(self, identity: Identity) -> dict[str, tuple[Point, Point, Point]]:
        points: dict[str, tuple[Point, Point, Point]] = {}
        for row in self.store.conn.execute(
            "SELECT account_id, first_count, first_at, middle_count, middle_at, last_count,"
            " last_at FROM post_counts WHERE identity_id = ?", (identity.id,),
        ):
            points[row[0]] = ((int(row[1]), _moment(row[2])), (int(row[3]), _moment(row[4])),
                              (int(row[5]), _moment(row[6])))
        return points

    def count_spans(self, identity: Identity) -> dict[str, CountSpan]:
        """Per account seen at two syncs or more: its earliest and latest count."""
        return {account_id: (first, last)
                for account_id, (first, _, last) in self._points(identity).items()
                if last[1] > first[1]}

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
