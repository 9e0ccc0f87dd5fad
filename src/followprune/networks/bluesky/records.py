"""Names and small readers shared by the Bluesky modules: collections, AT-URIs, times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

FOLLOW = "app.bsky.graph.follow"
LIKE = "app.bsky.feed.like"
POST = "app.bsky.feed.post"
REPOST = "app.bsky.feed.repost"
REASON_REPOST = "app.bsky.feed.defs#reasonRepost"


def parse_time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


# Before Bluesky's network opened to anyone's server there was nothing to be active on.
_EARLIEST = datetime(2022, 1, 1, tzinfo=UTC)


def plausible_time(value: object) -> datetime | None:
    """`parse_time` for a moment that marks activity (a repost, a notification), None when
    it cannot be one: later than a day from now (a wrong clock; kept, it would stay "last
    active" for good, since later moments replace earlier ones) or before Bluesky."""
    moment = parse_time(value)
    if moment is None or moment < _EARLIEST or moment > datetime.now(UTC) + timedelta(days=1):
        return None
    return moment


def created_time(value: object) -> datetime | None:
    """A profile's createdAt, None when it is before Bluesky: the AppView sends
    "0001-01-01T00:00:00.000Z" for a profile without the field, and read as a date it made
    an account 2,026 years old ("only 1,010 posts in 2,026 years", a bot signal)."""
    moment = parse_time(value)
    return None if moment is None or moment < _EARLIEST else moment


def rkey_of(uri: str) -> str:
    """The record key, the last segment of an AT-URI."""
    return uri.rsplit("/", 1)[-1]


def did_of_uri(uri: object) -> str | None:
    """The repo (author) of an AT-URI such as at://did:plc:x/app.bsky.feed.post/3k...;
    None unless it is a DID (a handle in a URI can change hands)."""
    if not isinstance(uri, str) or not uri.startswith("at://"):
        return None
    did = uri.removeprefix("at://").split("/", 1)[0]
    return did if did.startswith("did:") else None
