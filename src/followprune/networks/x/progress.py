"""Sync state kept in the store per identity: freshness stamps, since_ids, the remembered
field spelling, and the pages of an unfinished following-list read (so a sync that was
interrupted, ran out of budget or hit a limit resumes instead of paying twice)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime

from followprune.store import Identity, Store

SPELLING = "x:spelling"
CONNECTION_STATUS = "x:connection_status"  # "present" | "absent"
FOLLOWING_SYNCED_AT = "x:following:synced_at"
SINCE_MY_POSTS = "x:since:my_posts"
SINCE_MENTIONS = "x:since:mentions"
NEWEST_LIKE = "x:newest:like"
_PROGRESS = "x:following:progress"
_PAGE = "x:following:page:"

# One row per followed account of a page: id, follows you, muted, blocked (None: unknown).
PageRow = tuple[str, bool | None, bool | None, bool | None]


@dataclass
class FollowingProgress:
    started_at: str  # ISO time the first page was read
    next_token: str | None  # None: every page has been read
    pages: int
    accounts: int


def load_progress(store: Store, identity: Identity) -> FollowingProgress | None:
    raw = store.get_state(identity, _PROGRESS)
    if not raw:
        return None
    try:
        return FollowingProgress(**json.loads(raw))
    except (ValueError, TypeError):
        return None  # unreadable: start over rather than fail


def save_page(
    store: Store, identity: Identity, progress: FollowingProgress, rows: list[PageRow]
) -> None:
    """The page's rows and the cursor after it, together (caller holds the transaction)."""
    store.set_state(identity, f"{_PAGE}{progress.pages:06d}", json.dumps(rows))
    store.set_state(identity, _PROGRESS, json.dumps(asdict(progress)))


def saved_rows(store: Store, identity: Identity) -> list[PageRow]:
    rows: list[PageRow] = []
    for (value,) in store.conn.execute(
        "SELECT value FROM sync_state WHERE identity_id = ? AND key LIKE ? ORDER BY key",
        (identity.id, _PAGE + "%"),
    ):
        rows.extend((row[0], row[1], row[2], row[3]) for row in json.loads(value))
    return rows


def clear_progress(store: Store, identity: Identity) -> None:
    with store.transaction() as conn:
        conn.execute(
            "DELETE FROM sync_state WHERE identity_id = ? AND (key = ? OR key LIKE ?)",
            (identity.id, _PROGRESS, _PAGE + "%"),
        )


def progress_is_current(progress: FollowingProgress, now: datetime, freshness_hours: float) -> bool:
    """A partial read older than the freshness window is stale: start over."""
    started = datetime.fromisoformat(progress.started_at)
    return (now - started).total_seconds() < freshness_hours * 3600


def synced_at(store: Store, identity: Identity) -> datetime | None:
    raw = store.get_state(identity, FOLLOWING_SYNCED_AT)
    return datetime.fromisoformat(raw) if raw else None
