"""The append-only action journal: an intent before every network call, an outcome after.

A record whose last entry is still 'intent' is in flight: the process died between the two,
and the next run must reconcile it before doing anything new.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from followprune.models import ActionKind
from followprune.store.database import Identity, fits_sqlite, from_text, to_text

if TYPE_CHECKING:
    from followprune.store.database import Store


# How a failed undo's follow or unmute begins its detail when the network said the account is
# gone for good (errors.AccountGone): no later undo tries that restore again.
NOT_RESTORABLE = "not restorable: "


@dataclass(frozen=True)
class ActionRecord:
    id: int
    run_id: int
    account_id: str
    handle: str
    kind: ActionKind
    rule: str | None
    undo_of: int | None
    created_at: datetime
    phase: str  # intent | done | failed: the latest journal entry
    detail: str
    finished_at: datetime | None


_SELECT = (
    "SELECT a.id, a.run_id, a.account_id, a.handle, a.kind, a.rule, a.undo_of, a.created_at,"
    " j.phase, j.detail, j.at FROM actions a JOIN journal j ON j.seq ="
    " (SELECT MAX(seq) FROM journal WHERE action_id = a.id)"
)


class Journal:
    def __init__(self, store: Store) -> None:
        self.store = store

    def record_intent(
        self,
        identity: Identity,
        run_id: int,
        account_id: str,
        handle: str,
        kind: ActionKind,
        now: datetime,
        *,
        rule: str | None = None,
        undo_of: int | None = None,
    ) -> int:
        with self.store.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO actions (run_id, identity_id, account_id, handle, kind, rule,"
                " undo_of, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (run_id, identity.id, account_id, handle, kind.value, rule, undo_of,
                 to_text(now)),
            )
            action_id = cursor.lastrowid
            assert action_id is not None
            conn.execute(
                "INSERT INTO journal (action_id, phase, at) VALUES (?, 'intent', ?)",
                (action_id, to_text(now)),
            )
        return action_id

    def last_by_others(
        self, identity: Identity, account_id: str, kinds: tuple[ActionKind, ...], run_id: int,
        since: datetime,
    ) -> tuple[ActionKind, str] | None:
        """(kind, latest phase) of the newest action of `kinds` on this account that another
        run than `run_id` began at or after `since`; None if there is none."""
        rows = self.store.conn.execute(
            "SELECT a.kind, a.created_at, (SELECT j.phase FROM journal j WHERE j.action_id ="
            " a.id ORDER BY j.seq DESC LIMIT 1) FROM actions a WHERE a.identity_id = ? AND"
            f" a.account_id = ? AND a.run_id != ? AND a.kind IN ({', '.join('?' * len(kinds))})"
            " ORDER BY a.id DESC",
            (identity.id, account_id, run_id, *(k.value for k in kinds)),
        ).fetchall()
        for kind, created_at, phase in rows:
            at = from_text(created_at)
            if at is not None and at >= since:
                return ActionKind(kind), str(phase)
        return None

    def record_outcome(
        self, action_id: int, ok: bool, now: datetime, detail: str = ""
    ) -> None:
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO journal (action_id, phase, at, detail) VALUES (?, ?, ?, ?)",
                (action_id, "done" if ok else "failed", to_text(now), detail),
            )

    def actions(
        self,
        identity: Identity,
        *,
        run_id: int | None = None,
        rule: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        phase: str | None = None,
    ) -> list[ActionRecord]:
        if run_id is not None and not fits_sqlite(run_id):
            return []  # no run has such an id; SQLite would overflow on it
        clauses = ["a.identity_id = ?"]
        params: list[Any] = [identity.id]
        for clause, value in (
            ("a.run_id = ?", run_id),
            ("a.rule = ?", rule),
            ("a.created_at >= ?", to_text(since)),
            ("a.created_at < ?", to_text(until)),
            ("j.phase = ?", phase),
        ):
            if value is not None:
                clauses.append(clause)
                params.append(value)
        rows = self.store.conn.execute(
            _SELECT + " WHERE " + " AND ".join(clauses) + " ORDER BY a.id", params
        ).fetchall()
        return [_record(row) for row in rows]

    def in_flight(self, identity: Identity) -> list[ActionRecord]:
        return self.actions(identity, phase="intent")

    def count_done(
        self, identity: Identity, kinds: set[ActionKind], since: datetime
    ) -> int:
        """Actions of these kinds that reached the network since a moment (for caps).
        In-flight intents count too: they may have reached it."""
        placeholders = ",".join("?" for _ in kinds)
        row = self.store.conn.execute(
            "SELECT COUNT(*) FROM actions a JOIN journal j ON j.seq ="
            " (SELECT MAX(seq) FROM journal WHERE action_id = a.id)"
            f" WHERE a.identity_id = ? AND a.kind IN ({placeholders})"
            " AND a.created_at >= ? AND j.phase IN ('intent', 'done')",
            (identity.id, *[k.value for k in kinds], to_text(since)),
        ).fetchone()
        return int(row[0])

    def undone(self, identity: Identity) -> set[int]:
        """Ids of actions already reversed by a completed undo."""
        return {
            int(row[0])
            for row in self.store.conn.execute(
                "SELECT a.undo_of FROM actions a JOIN journal j ON j.action_id = a.id"
                " WHERE a.identity_id = ? AND a.undo_of IS NOT NULL AND j.phase = 'done'",
                (identity.id,),
            )
        }

    def not_restorable(self, identity: Identity) -> dict[int, str]:
        """Ids of actions an undo could not reverse because the account is gone for good,
        with what the network said: never retried, or every later `prune undo` would try
        the same follow again and fail (exit 4) each time."""
        return {
            int(row[0]): str(row[1]).removeprefix(NOT_RESTORABLE)
            for row in self.store.conn.execute(
                "SELECT a.undo_of, j.detail FROM actions a JOIN journal j ON j.action_id ="
                " a.id WHERE a.identity_id = ? AND a.undo_of IS NOT NULL AND j.phase ="
                " 'failed' AND substr(j.detail, 1, ?) = ?",
                (identity.id, len(NOT_RESTORABLE), NOT_RESTORABLE),
            )
        }


def _record(row: tuple[Any, ...]) -> ActionRecord:
    created = from_text(row[7])
    assert created is not None
    return ActionRecord(
        id=int(row[0]), run_id=int(row[1]), account_id=row[2], handle=row[3],
        kind=ActionKind(row[4]), rule=row[5], undo_of=row[6], created_at=created,
        phase=row[8], detail=row[9], finished_at=from_text(row[10]) if row[8] != "intent" else None,
    )
