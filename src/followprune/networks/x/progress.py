"""Sync state kept in the store per identity: freshness stamps, since_ids, the remembered
field spelling, rate-limit windows, and the pages of an unfinished following- or
followers-list read (so a sync that was interrupted, ran out of budget or hit a limit
resumes instead of paying twice)."""

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
# Rate-limit windows still in force when the last run ended (RateLimits.remembered()).
RATE_LIMITS = "x:rate_limits"
_PROGRESS = "x:following:progress"
_PAGE = "x:following:page:"
_FOLLOWERS_PROGRESS = "x:followers:progress"
_FOLLOWERS_PAGE = "x:followers:page:"

# One row per followed account of a page: id, follows you, muted, blocked (None: unknown).
PageRow = tuple[str, bool | None, bool | None, bool | None]


@dataclass
class FollowingProgress:
    started_at: str  # ISO time the first page was read
    next_token: str | None  # None: every page has been read
    pages: int
    accounts: int


def load_progress(store: Store, identity: Identity) -> FollowingProgress | None:
    return _load(store, identity, _PROGRESS)


def _load(store: Store, identity: Identity, key: str) -> FollowingProgress | None:
    raw = store.get_state(identity, key)
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
    for value in store.states_with_prefix(identity, _PAGE):
        rows.extend((row[0], row[1], row[2], row[3]) for row in json.loads(value))
    return rows


def load_followers_progress(store: Store, identity: Identity) -> FollowingProgress | None:
    """The followers list is read the same way (only when connection_status is missing):
    same cursor record, pages of ids only."""
    return _load(store, identity, _FOLLOWERS_PROGRESS)


def save_followers_page(
    store: Store, identity: Identity, progress: FollowingProgress, ids: list[str]
) -> None:
    """The page's follower ids and the cursor after it, in one transaction: a cursor must
    never point past ids that were not kept."""
    with store.transaction():
        store.set_state(identity, f"{_FOLLOWERS_PAGE}{progress.pages:06d}", json.dumps(ids))
        store.set_state(identity, _FOLLOWERS_PROGRESS, json.dumps(asdict(progress)))


def saved_follower_ids(store: Store, identity: Identity) -> set[str]:
    ids: set[str] = set()
    for value in store.states_with_prefix(identity, _FOLLOWERS_PAGE):
        ids.update(str(i) for i in json.loads(value))
    return ids


def clear_progress(store: Store, identity: Identity) -> None:
    """Both lists' saved pages: they belong to one sync and are dropped together."""
    store.delete_states(identity, keys=(_PROGRESS, _FOLLOWERS_PROGRESS),
                        prefixes=(_PAGE, _FOLLOWERS_PAGE))


def progress_is_current(progress: FollowingProgress, now: datetime, freshness_hours: float) -> bool:
    """A partial read older than the freshness window is stale: start over."""
    started = datetime.fromisoformat(progress.started_at)
    return (now - started).total_seconds() < freshness_hours * 3600


def synced_at(store: Store, identity: Identity) -> datetime | None:
    raw = store.get_state(identity, FOLLOWING_SYNCED_AT)
    return datetime.fromisoformat(raw) if raw else None


def known_identity(store: Store, network: str, account_id: str) -> Identity | None:
    """The stored identity of this account, without creating or renaming one (the handle is
    only known after /2/users/me)."""
    return store.identity_of(network, account_id)


def load_rate_limits(store: Store, identity: Identity) -> dict[str, object]:
    raw = store.get_state(identity, RATE_LIMITS)
    if not raw:
        return {}
    try:
        saved = json.loads(raw)
    except ValueError:
        return {}  # unreadable: start as if nothing were known (X's headers will tell)
    return saved if isinstance(saved, dict) else {}
