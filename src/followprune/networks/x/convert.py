"""X API v2 user objects → models. Accepts both field spellings X has used:
`tweet_count`/`post_count`, `most_recent_tweet_id`/`most_recent_post_id`,
`pinned_tweet_id`/`pinned_post_id`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from followprune.models import Account, AccountState, Relationship

# X's snowflake epoch: ids after Nov 2010 carry their creation time in the top bits.
_SNOWFLAKE_EPOCH_MS = 1288834974657
_FIRST_SNOWFLAKE = 29_700_000_000_000_000  # roughly the first id of Nov 2010


def snowflake_time(post_id: str | int | None) -> datetime | None:
    """When a post was made, from its id alone; None for pre-snowflake or bad ids."""
    try:
        value = int(post_id) if post_id is not None else 0
    except (TypeError, ValueError):
        return None
    if value < _FIRST_SNOWFLAKE:
        return None
    return datetime.fromtimestamp(((value >> 22) + _SNOWFLAKE_EPOCH_MS) / 1000, tz=UTC)


def _first(mapping: Mapping[str, Any], *keys: str) -> Any:
    for key in keys:
        if mapping.get(key) is not None:
            return mapping[key]
    return None


def _time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def account_from_user(user: Mapping[str, Any], posts: Mapping[str, Mapping[str, Any]]) -> Account:
    """`posts` maps post ids to the post objects of `includes.tweets`, for the pinned text."""
    metrics = user.get("public_metrics") or {}
    pinned_id = _first(user, "pinned_post_id", "pinned_tweet_id")
    pinned = posts.get(str(pinned_id)) if pinned_id else None
    recent_id = _first(user, "most_recent_post_id", "most_recent_tweet_id")
    image = user.get("profile_image_url") or ""
    return Account(
        id=str(user["id"]),
        handle=str(user.get("username") or user["id"]),
        name=user.get("name") or "",
        bio=user.get("description") or "",
        location=user.get("location") or "",
        url=user.get("url") or "",
        created_at=_time(user.get("created_at")),
        followers_count=metrics.get("followers_count"),
        following_count=metrics.get("following_count"),
        post_count=_first(metrics, "post_count", "tweet_count"),
        listed_count=metrics.get("listed_count"),
        like_count=_first(metrics, "like_count"),
        last_active_at=snowflake_time(recent_id),
        verified=bool(user.get("verified")),
        protected=bool(user.get("protected")),
        default_avatar="default_profile_images" in image,
        pinned_text=(pinned or {}).get("text") or "",
    )


def relationship_from_user(user: Mapping[str, Any], first_seen: datetime | None) -> Relationship:
    status = user.get("connection_status") or []
    return Relationship(
        account_id=str(user["id"]),
        you_follow=True,
        follows_you="followed_by" in status,
        muted="muting" in status,
        blocked="blocking" in status,
        first_seen=first_seen,
    )


def state_from_error(error: Mapping[str, Any]) -> AccountState | None:
    """Dead accounts come back as `errors` entries: suspended, or not found (deleted)."""
    detail = str(error.get("detail") or error.get("title") or "").lower()
    if "suspended" in detail:
        return AccountState.SUSPENDED
    if "not find" in detail or "not found" in detail:
        return AccountState.DELETED
    if "deactivated" in detail:
        return AccountState.DEACTIVATED
    return None
