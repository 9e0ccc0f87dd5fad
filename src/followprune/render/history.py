"""Past runs and their actions: a table, JSON, or the action journal as CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from followprune.render.documents import HistoryDocument
from followprune.render.export import spreadsheet_text
from followprune.render.output import envelope
from followprune.store.journal import ActionRecord

if TYPE_CHECKING:
    from rich.console import Console

CSV_COLUMNS = ["action_id", "run_id", "created_at", "kind", "account_id", "handle", "rule",
               "undo_of", "state", "finished_at", "detail"]


def actions_csv(records: Sequence[ActionRecord]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in records:
        writer.writerow([r.id, r.run_id, r.created_at.isoformat(), r.kind.value, r.account_id,
                         spreadsheet_text(r.handle), r.rule or "", r.undo_of or "", r.phase,
                         r.finished_at.isoformat() if r.finished_at else "",
                         spreadsheet_text(r.detail)])
    return buffer.getvalue()


def write_history_csv(doc: HistoryDocument, console: Console) -> None:
    console.file.write(actions_csv(doc.history.actions))


def write_history_json(doc: HistoryDocument, console: Console) -> None:
    history = doc.history
    data = envelope(
        "history", network=history.identity.network,
        runs=[{"run_id": r.id, "mode": r.mode, "started_at": r.started_at.isoformat(),
               "followed": r.followed, "proposed": r.proposed, "summary": r.summary}
              for r in history.runs],
        actions=[_action(r) for r in history.actions],
    )
    console.file.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _action(r: ActionRecord) -> dict[str, Any]:
    return {"action_id": r.id, "run_id": r.run_id, "created_at": r.created_at.isoformat(),
            "kind": r.kind.value, "account_id": r.account_id, "handle": r.handle,
            "rule": r.rule, "undo_of": r.undo_of, "state": r.phase,
            "finished_at": r.finished_at.isoformat() if r.finished_at else None,
            "detail": r.detail}


def write_history_table(doc: HistoryDocument, console: Console) -> None:
    from followprune.render.tables import actions_table, runs_table

    history = doc.history
    counts: dict[int, dict[str, int]] = {}
    for record in history.actions:
        per_run = counts.setdefault(record.run_id, {})
        label = f"{record.kind.value} {record.phase}"
        per_run[label] = per_run.get(label, 0) + 1
    if history.runs or not doc.filtered:
        console.print(runs_table(history.runs, counts))
    if history.actions:
        console.print(actions_table(history.actions))
    else:
        console.print("No actions recorded" + (" for that selection." if doc.filtered else "."))
