"""Names and small readers shared by the Bluesky modules: collections, AT-URIs, times."""

from __future__ import annotations

from datetime import UTC, datetime

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
