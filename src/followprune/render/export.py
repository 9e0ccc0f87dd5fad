"""Machine-readable proposals: JSON and CSV on stdout, for scripts and spreadsheets."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from followprune.scoring.blend import COMPONENTS, AccountScore


def score_record(score: AccountScore, rank: int, action: str | None) -> dict[str, Any]:
    account = score.account
    return {
        "rank": rank,
        "account_id": account.id,
        "handle": account.handle,
        "name": account.name,
        "keep": round(score.keep, 4),
        "components": {n: round(score.components[n].value, 4) for n in COMPONENTS},
        "proposed": score.proposed,
        "action": action,
        "dead": score.dead,
        "guard": score.guard,
        "follows_you": score.relationship.follows_you,
        "last_active": _iso(account.last_active_at),
        "location": account.location,
        "reasons": score.reasons(limit=5),
    }


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def to_json(records: Sequence[dict[str, Any]], meta: dict[str, Any]) -> str:
    return json.dumps({**meta, "accounts": list(records)}, ensure_ascii=False, indent=2)


def to_csv(records: Sequence[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    columns = ["rank", "account_id", "handle", "name", "keep", *COMPONENTS, "proposed",
               "action", "dead", "guard", "follows_you", "last_active", "location", "reasons"]
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for record in records:
        flat = {k: v for k, v in record.items() if k != "components"}
        flat.update(record["components"])
        flat["reasons"] = "; ".join(record["reasons"])
        writer.writerow(flat)
    return buffer.getvalue()
