"""Runs (one per review, dry run or automatic run) and the scores each run computed."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from followprune.store.database import Identity, fits_sqlite, from_text, is_disk_full, to_text

if TYPE_CHECKING:
    from followprune.store.database import Store

# json.dumps(value, separators=(",", ":")) without a new encoder for every call (one per
# proposal stored: 11,000 at 100,000 accounts); the same text.
_COMPACT = json.JSONEncoder(separators=(",", ":"))


@dataclass(frozen=True)
class ScoreRow:
    account_id: str
    handle: str
    keep: float
    components: dict[str, float]  # by component name (followprune/components.py)
    proposed: bool
    reasons: list[str]


@dataclass(frozen=True)
class RuleMatchRow:
    account_id: str
    handle: str
    rule: str
    action: str
    reasons: list[str]


@dataclass(frozen=True)
class RunRecord:
    id: int
    mode: str
    started_at: datetime
    followed: int
    proposed: int
    summary: dict[str, Any]


class Runs:
    def __init__(self, store: Store) -> None:
        self.store = store

    def start(self, identity: Identity, mode: str, now: datetime) -> int:
        with self.store.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO runs (identity_id, mode, started_at) VALUES (?, ?, ?)",
                (identity.id, mode, to_text(now)),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def save_scores(self, run_id: int, rows: Iterable[ScoreRow]) -> None:
        rows = list(rows)
        texts = {r.account_id: json.dumps(r.reasons) for r in rows}
        with self.store.transaction() as conn:
            conn.executemany("INSERT OR IGNORE INTO reason_sets (reasons) VALUES (?)",
                             [(text,) for text in set(texts.values())])
            set_ids = self._reason_set_ids(conn, set(texts.values()))
            conn.executemany(
                "INSERT INTO scores VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (run_id, r.account_id, r.handle, r.keep,
                     _COMPACT.encode(r.components),
                     int(r.proposed), set_ids[texts[r.account_id]])
                    for r in rows
                ],
            )

    @staticmethod
    def _reason_set_ids(conn: sqlite3.Connection, texts: set[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        wanted = list(texts)
        for start in range(0, len(wanted), 500):  # under SQLite's bound-parameter limit
            part = wanted[start:start + 500]
            marks = ",".join("?" * len(part))
            found.update((str(text), int(i)) for i, text in conn.execute(
                f"SELECT id, reasons FROM reason_sets WHERE reasons IN ({marks})", part))
        return found

    def proposals(self, run_id: int) -> list[ScoreRow]:
        """What a run recorded of each account it proposed, with the reasons it gave."""
        rows = self.store.conn.execute(
            "SELECT s.account_id, s.handle, s.keep, s.components, s.proposed, r.reasons"
            " FROM scores s JOIN reason_sets r ON r.id = s.reason_set"
            " WHERE s.run_id = ? ORDER BY s.keep, s.account_id",
            (run_id,),
        ).fetchall()
        return [ScoreRow(a, h, k, json.loads(c), bool(p), json.loads(r))
                for a, h, k, c, p, r in rows]

    def finish(
        self, run_id: int, followed: int, proposed: int, summary: dict[str, Any] | None = None
    ) -> None:
        with self.store.transaction() as conn:
            conn.execute(
                "UPDATE runs SET followed = ?, proposed = ?, summary = ? WHERE id = ?",
                (followed, proposed, json.dumps(summary or {}), run_id),
            )

    def update_summary(self, run_id: int, **changes: Any) -> None:
        run = self.get(run_id)
        if run is None:
            return
        with self.store.transaction() as conn:
            conn.execute(
                "UPDATE runs SET summary = ? WHERE id = ?",
                (json.dumps({**run.summary, **changes}), run_id),
            )

    def get(self, run_id: int) -> RunRecord | None:
        if not fits_sqlite(run_id):
            return None  # `--run 99999999999999999999` names no run; SQLite would overflow
        row = self.store.conn.execute(
            "SELECT id, mode, started_at, followed, proposed, summary FROM runs WHERE id = ?",
            (run_id,),
        ).fetchone()
        return None if row is None else _record(row)

    def owner(self, run_id: int) -> tuple[int, str, str] | None:
        """The identity (id, network, handle) a run was made for; None if there is no such
        run."""
        if not fits_sqlite(run_id):
            return None
        row = self.store.conn.execute(
            "SELECT i.id, i.network, i.handle FROM runs r JOIN identities i ON i.id = r.identity_id"
            " WHERE r.id = ?",
            (run_id,),
        ).fetchone()
        return None if row is None else (int(row[0]), str(row[1]), str(row[2]))

    def recent(self, identity: Identity, limit: int = 20) -> list[RunRecord]:
        rows = self.store.conn.execute(
            "SELECT id, mode, started_at, followed, proposed, summary FROM runs"
            " WHERE identity_id = ? ORDER BY id DESC LIMIT ?",
            (identity.id, limit),
        ).fetchall()
        return [_record(row) for row in rows]

    def save_rule_matches(self, run_id: int, rows: Iterable[RuleMatchRow]) -> None:
        with self.store.transaction() as conn:
            conn.executemany(
                "INSERT INTO rule_matches VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (run_id, r.account_id, r.handle, r.rule, r.action, json.dumps(r.reasons))
                    for r in rows
                ],
            )

    def flagged_times(
        self, identity: Identity, account_ids: Iterable[str]
    ) -> dict[str, list[datetime]]:
        """Start times of the runs that proposed or rule-matched each account, one per run
        (the evidence the cooling-off period asks for).

        Asks only about the wanted accounts, through the indexes of migration 3: scanning
        every proposal of a year of runs took seconds per call."""
        wanted = list(dict.fromkeys(account_ids))
        found: list[tuple[str, int, str]] = []
        conn = self.store.conn
        for start in range(0, len(wanted), _IDS_PER_QUERY):
            chunk = wanted[start:start + _IDS_PER_QUERY]
            marks = ",".join("?" * len(chunk))
            found += conn.execute(
                "SELECT s.account_id, r.id, r.started_at FROM scores s JOIN runs r"
                f" ON r.id = s.run_id WHERE s.proposed = 1 AND s.account_id IN ({marks})"
                " AND r.identity_id = ?"
                " UNION SELECT m.account_id, r.id, r.started_at FROM rule_matches m JOIN runs r"
                f" ON r.id = m.run_id WHERE m.account_id IN ({marks}) AND r.identity_id = ?",
                (*chunk, identity.id, *chunk, identity.id),
            ).fetchall()
        seen: dict[str, list[datetime]] = {}
        # Many accounts share each run's start: parse each start once.
        moments: dict[str, datetime | None] = {}
        for account_id, _, started in sorted(found, key=lambda row: (row[2], row[1])):
            moment = moments.get(started)
            if moment is None:
                moment = moments[started] = from_text(started)
            if moment is not None:
                seen.setdefault(account_id, []).append(moment)
        return seen

    def apply_retention(
        self, identity: Identity | None, keep_runs: int, keep_days: int, now: datetime,
        min_hours: float = 0.0,
    ) -> int:
        """Drop the per-account rows (proposals, rule matches) of runs that are both older
        than `keep_days` (and `min_hours`, the cooling-off period that reads them) and not
        among the latest `keep_runs`; the runs themselves stay for history. Every identity's
        runs when `identity` is None. Returns how many runs lost their rows."""
        if identity is None:
            ids = [r[0] for r in self.store.conn.execute("SELECT id FROM identities")]
            return sum(self._retain(i, keep_runs, keep_days, now, min_hours) for i in ids)
        return self._retain(identity.id, keep_runs, keep_days, now, min_hours)

    def _retain(
        self, identity_id: int, keep_runs: int, keep_days: int, now: datetime, min_hours: float
    ) -> int:
        cutoff = to_text(now - max(timedelta(days=keep_days), timedelta(hours=min_hours)))
        conn = self.store.conn
        row = conn.execute(
            "SELECT id FROM runs WHERE identity_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?",
            (identity_id, keep_runs - 1),
        ).fetchone()
        if row is None:
            return 0
        old = [r[0] for r in conn.execute(
            "SELECT id FROM runs WHERE identity_id = ? AND id < ? AND started_at < ?"
            " AND (EXISTS (SELECT 1 FROM scores WHERE run_id = runs.id)"
            " OR EXISTS (SELECT 1 FROM rule_matches WHERE run_id = runs.id))",
            (identity_id, row[0], cutoff),
        )]
        if not old:
            return 0
        with self.store.transaction() as tx:
            for table in ("scores", "rule_matches"):
                tx.executemany(f"DELETE FROM {table} WHERE run_id = ?", [(i,) for i in old])
            tx.execute("DELETE FROM reason_sets WHERE id NOT IN"
                       " (SELECT DISTINCT reason_set FROM scores)")
        return len(old)

    def vacuum(self) -> tuple[int, int]:
        """Give the space of dropped rows back to the disk: (bytes before, bytes after),
        the write-ahead log included."""
        before = self._size()
        conn = self.store.conn
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        try:
            conn.execute("VACUUM")
        except sqlite3.OperationalError as exc:
            # VACUUM copies every page: on a damaged file SQLite can say "database or disk
            # is full" with the disk half empty. Its own check tells the two apart.
            if is_disk_full(exc) and not self._sound():
                raise sqlite3.DatabaseError("database disk image is malformed: VACUUM could"
                                            " not copy it, and its quick_check fails"
                                            ) from None
            raise
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return before, self._size()

    def _sound(self) -> bool:
        try:
            rows = self.store.conn.execute("PRAGMA quick_check").fetchall()
        except sqlite3.DatabaseError:
            return False
        return rows == [("ok",)]

    def _size(self) -> int:
        path = self.store.path
        total = 0
        for candidate in (path, path.with_name(path.name + "-wal")):
            with contextlib.suppress(OSError):
                total += candidate.stat().st_size
        return total


# SQLite allows 32,766 parameters; a chunk's ids appear twice in the query.
_IDS_PER_QUERY = 5_000


def _record(row: tuple[Any, ...]) -> RunRecord:
    started = from_text(row[2])
    assert started is not None
    return RunRecord(int(row[0]), row[1], started, int(row[3]), int(row[4]), json.loads(row[5]))
