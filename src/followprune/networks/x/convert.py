"""X API v2 user objects → models. Accepts both field spellings X has used:
`tweet_count`/`post_count`, `most_recent_tweet_id`/`most_recent_post_id`,
`pinned_tweet_id`/`pinned_post_id`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from followprune.models import (
    Account,
    AccountState,
    Direction,
    Interaction,
    InteractionKind,
    Relationship,
)

# X's snowflake epoch: ids after Nov 2010 carry their creation time in the top bits.
_SNOWFLAKE_EPOCH_MS = 1288834974657
_FIRST_SNOWFLAKE = 29_700_000_000_000_000  # roughly the first id of Nov 2010
# Snowflakes are signed 64-bit: a longer "id" is no id, and decoding it would overflow.
_LAST_SNOWFLAKE = 2**63 - 1


def snowflake_time(post_id: str | int | None) -> datetime | None:
    """When a post was made, from its id alone; None for pre-snowflake or bad ids."""
    try:
        value = int(post_id) if post_id is not None else 0
    except (TypeError, ValueError):
        return None
    if value < _FIRST_SNOWFLAKE or value > _LAST_SNOWFLAKE:
        return None
    return datetime.fromtimestamp(((value >> 22) + _SNOWFLAKE_EPOCH_MS) / 1000, tz=UTC)


# No follow on X can be older than X itself.
X_LAUNCH = datetime(2006, 3, 21, tzinfo=UTC)


def earliest_follow_time(*moments: datetime | None) -> datetime:
    """X gives no follow dates. The earliest moment a follow could have happened is when both
    accounts existed: the latest of their creation times. Using "now" instead would put every
    account of a first read inside the grace period for a month."""
    return max([X_LAUNCH, *(m for m in moments if m is not None)])


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


def _x_time(text: str | None) -> datetime | None:
    """A moment on X: None before X existed. Placeholders such as 1970-01-01 had been read
    as an account 56 years old, and its posts per year as a sparse-posting bot signal."""
    moment = _time(text)
    if moment is None:
        return None
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return None if aware < X_LAUNCH else moment


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
        created_at=_x_time(user.get("created_at")),
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


# The parameters by which a request names the users it is about (a lookup's `ids`, a list's
# `id`...). An error under any other parameter is about something a user object refers to, an
# expansion (`pinned_tweet_id`, `most_recent_post_id`, `entities.mentions.username`,
# `author_id`), whose id may be a post's or another account's.
_USER_PARAMETERS = frozenset({"id", "ids", "username", "usernames"})


def erring_user(error: Mapping[str, Any]) -> str | None:
    """The id of the user an `errors` entry says is gone, if it names a user that was asked
    for; None when it is about a post, an expanded user (`section: includes`) or anything
    else. A post id read as an account had been "unfollowed" (a deleted pinned post)."""
    if not isinstance(error, Mapping) or error.get("resource_type") != "user":
        return None
    if error.get("section") == "includes":
        return None
    parameter = error.get("parameter")
    if parameter is not None and parameter not in _USER_PARAMETERS:
        return None
    account_id = str(error.get("resource_id") or error.get("value") or "")
    return account_id if account_id.isdigit() else None


def state_from_error(error: Mapping[str, Any]) -> AccountState | None:
    """Dead accounts come back as `errors` entries: suspended, or not found (deleted). Only
    an entry about a user asked for says so (erring_user)."""
    if erring_user(error) is None:
        return None
    detail = str(error.get("detail") or error.get("title") or "").lower()
    if "suspended" in detail:
        return AccountState.SUSPENDED
    if "not find" in detail or "not found" in detail:
        return AccountState.DELETED
    if "deactivated" in detail:
        return AccountState.DEACTIVATED
    return None


def dead_account(error: Mapping[str, Any], known: Account | None) -> Account | None:
    """An `errors` entry for an account that no longer works, as an Account in that state."""
    state = state_from_error(error)
    account_id = erring_user(error)
    if state is None or account_id is None:
        return None
    if known is not None:
        return known.model_copy(update={"state": state})
    return Account(id=account_id, handle=account_id, state=state)


def included_posts(body: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """Posts of `includes`, by id, under either spelling (`tweets` or `posts`)."""
    includes = body.get("includes") or {}
    posts = list(includes.get("tweets") or []) + list(includes.get("posts") or [])
    return {str(p["id"]): p for p in posts if isinstance(p, Mapping) and "id" in p}


def account_from_listed_user(
    user: Mapping[str, Any], posts: Mapping[str, Mapping[str, Any]]
) -> Account:
    """Like account_from_user, but also dates the last post when the id only arrived as an
    expansion (2.167) whose post object carries `created_at`."""
    account = account_from_user(user, posts)
    if account.last_active_at is None:
        recent_id = _first(user, "most_recent_post_id", "most_recent_tweet_id")
        recent = posts.get(str(recent_id)) if recent_id else None
        when = _x_time((recent or {}).get("created_at"))
        if when is not None:
            account = account.model_copy(update={"last_active_at": when})
    return account


def _references(post: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    refs = post.get("referenced_tweets") or post.get("referenced_posts") or []
    return [r for r in refs if isinstance(r, Mapping)]


def interactions_from_my_post(
    post: Mapping[str, Any], referenced: Mapping[str, Mapping[str, Any]], me_id: str
) -> list[Interaction]:
    """Replies, reposts, quotes and mentions in one of your own posts (you → them)."""
    at = _time(post.get("created_at")) or snowflake_time(post.get("id"))
    source = str(post["id"])
    found: dict[str, InteractionKind] = {}
    for ref in _references(post):
        target = referenced.get(str(ref.get("id")))
        author = str((target or {}).get("author_id") or "")
        kind = {"retweeted": InteractionKind.REPOST, "quoted": InteractionKind.QUOTE,
                "replied_to": InteractionKind.REPLY}.get(str(ref.get("type")))
        if author and kind is not None:
            found.setdefault(author, kind)
    reply_to = str(post.get("in_reply_to_user_id") or "")
    if reply_to:
        found.setdefault(reply_to, InteractionKind.REPLY)
    # A reply or repost starts with the target's @mention: that is not a second interaction.
    for mention in (post.get("entities") or {}).get("mentions") or []:
        mentioned = str(mention.get("id") or "")
        if mentioned:
            found.setdefault(mentioned, InteractionKind.MENTION)
    return [
        Interaction(account_id=account_id, kind=kind, direction=Direction.FROM_YOU, at=at,
                    source_id=source)
        for account_id, kind in found.items()
        if account_id != me_id
    ]


def interaction_by_author(
    post: Mapping[str, Any], kind: InteractionKind, direction: Direction, me_id: str
) -> Interaction | None:
    """A mention of you (them → you) or a like of yours (you → them), by the post's author."""
    author = str(post.get("author_id") or "")
    if not author or author == me_id:
        return None
    at = _time(post.get("created_at")) or snowflake_time(post.get("id"))
    return Interaction(account_id=author, kind=kind, direction=direction, at=at,
                       source_id=str(post["id"]))


def is_repost(post: Mapping[str, Any]) -> bool:
    return any(r.get("type") == "retweeted" for r in _references(post))


def post_time(post: Mapping[str, Any]) -> datetime | None:
    """When a post was made: its created_at, else from its id."""
    return _time(post.get("created_at")) or snowflake_time(post.get("id"))


def stream_kind(post: Mapping[str, Any]) -> int:
    """0 original, 1 repost, 2 reply: the slots of TimelineCounts."""
    kinds = {str(r.get("type")) for r in _references(post)}
    if "retweeted" in kinds:
        return 1
    if "replied_to" in kinds or post.get("in_reply_to_user_id"):
        return 2
    return 0
