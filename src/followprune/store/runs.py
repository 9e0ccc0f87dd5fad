"""Runs (one per review, dry run or automatic run) and the scores each run computed."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from followprune.store.database import Identity, fits_sqlite, from_text, to_text

if TYPE_CHECKING:
    from followprune.store.database import Store


@dataclass(frozen=True)
class ScoreRow:
    account_id: str
    handle: str
    keep: float
    relevance: float
    interaction: float
    geography: float
    quality: float
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
        with self.store.transaction() as conn:
            conn.executemany(
                "INSERT INTO scores VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (run_id, r.account_id, r.handle, r.keep, r.relevance, r.interaction,
                     r.geography, r.quality, int(r.proposed), json.dumps(r.reasons))
                    for r in rows
                ],
            )

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
        (the evidence the cooling-off period asks for)."""
        wanted = set(account_ids)
        seen: dict[str, list[datetime]] = {}
        rows = self.store.conn.execute(
            "SELECT x.account_id, r.started_at FROM ("
            " SELECT run_id, account_id FROM scores WHERE proposed = 1"
            " UNION SELECT run_id, account_id FROM rule_matches"
            ") x JOIN runs r ON r.id = x.run_id WHERE r.identity_id = ? ORDER BY r.started_at",
            (identity.id,),
        )
        for account_id, started in rows:
            moment = from_text(started)
            if account_id in wanted and moment is not None:
                seen.setdefault(account_id, []).append(moment)
        return seen


def _record(row: tuple[Any, ...]) -> RunRecord:
    started = from_text(row[2])
    assert started is not None
    return RunRecord(int(row[0]), row[1], started, int(row[3]), int(row[4]), json.loads(row[5]))
