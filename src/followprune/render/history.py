"""The action journal as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from followprune.store.journal import ActionRecord


def actions_csv(records: Sequence[ActionRecord]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["action_id", "run_id", "created_at", "kind", "account_id", "handle",
                     "rule", "undo_of", "state", "finished_at", "detail"])
    for r in records:
        writer.writerow([r.id, r.run_id, r.created_at.isoformat(), r.kind.value, r.account_id,
                         r.handle, r.rule or "", r.undo_of or "", r.phase,
                         r.finished_at.isoformat() if r.finished_at else "", r.detail])
    return buffer.getvalue()
