"""Last activity from feeds: the home timeline as a free sample of who posts what, and one
author-feed call for an account the sample and the notifications say nothing recent of."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from followprune.models import TimelineCounts, TimelineSample
from followprune.networks.bluesky.records import REASON_REPOST, parse_time, plausible_time
from followprune.networks.bluesky.xrpc import XrpcError

JSON = dict[str, Any]
Call = Callable[..., JSON]

TIMELINE_PAGE = 100  # getTimeline's maximum
# The sample covers at most the last week: rates over a longer window would lean on the
# few accounts whose old posts are still reachable.
SAMPLE_DAYS = 7.0
# Items of an author feed read for its latest post: still one call, and more than one item
# so a newest item dated in the future (a wrong clock, read as no date) leaves the ones
# below it to date the account, and a post indexed later than it was sorted (a back-dated
# import) is not missed for the one the feed happens to put first.
AUTHOR_FEED_ITEMS = 5
# Index into TimelineCounts(originals, reposts, replies).
ORIGINAL, REPOST, REPLY = 0, 1, 2


@dataclass
class Sample:
    """What a read of the home timeline told: who fills it (None when it was empty or not
    read) and each author's or reposter's latest appearance."""

    timeline: TimelineSample | None = None
    latest: dict[str, datetime] = field(default_factory=dict)


def item_activity(item: JSON, now: datetime) -> tuple[str, datetime, int] | None:
    """(who, when, kind) for one feedViewPost: a repost is its reposter's activity at the
    moment of the repost; a post is its author's, at its own time."""
    reason = item.get("reason") or {}
    if isinstance(reason, dict) and reason.get("$type") == REASON_REPOST:
        did = str((reason.get("by") or {}).get("did") or "")
        at = plausible_time(reason.get("indexedAt"))
        kind = REPOST
    else:
        post = item.get("post") or {}
        did = str((post.get("author") or {}).get("did") or "")
        record = post.get("record") or {}
        created = parse_time(record.get("createdAt")) if isinstance(record, dict) else None
        indexed = plausible_time(post.get("indexedAt"))
        # createdAt is what the author's client claims: one in the future (a wrong clock)
        # is not read, and one long past may be a post imported back-dated (Bluesky shows
        # it so), made when the AppView first saw it. The later of the two is when the
        # account was last active: a back-dated post read as its createdAt had called an
        # account that posted hours ago "silent for 17 years". (The AppView sorts feeds by
        # the earlier of the two, so a back-dated post is not what a feed shows first.)
        claimed = created if created is not None and created <= now else None
        at = max((t for t in (claimed, indexed) if t is not None), default=None)
        kind = REPLY if isinstance(record, dict) and record.get("reply") else ORIGINAL
    if not did.startswith("did:") or at is None:
        return None
    return did, at, kind


def read_sample(call: Call, pages: int, now: datetime) -> Sample:
    """The latest `pages` pages of your home timeline, down to SAMPLE_DAYS back."""
    sample = Sample()
    if pages <= 0:
        return sample
    cutoff = now - timedelta(days=SAMPLE_DAYS)
    counts: dict[str, list[int]] = {}
    oldest: datetime | None = None
    cursor: str | None = None
    seen: set[str] = set()
    reached_cutoff = False
    for _ in range(pages):
        params: JSON = {"limit": TIMELINE_PAGE}
        if cursor:
            params["cursor"] = cursor
        page = call("app.bsky.feed.getTimeline", params=params)
        feed = page.get("feed") or []
        for item in feed:
            found = item_activity(item, now)
            if found is None:
                continue
            did, at, kind = found
            if at < cutoff:
                reached_cutoff = True
                continue
            if did not in sample.latest or at > sample.latest[did]:
                sample.latest[did] = at
            oldest = at if oldest is None or at < oldest else oldest
            counts.setdefault(did, [0, 0, 0])[kind] += 1
        cursor = page.get("cursor")
        # Only a missing cursor ends the timeline: a page the AppView filtered empty
        # (muted, blocked, hidden posts) still has more behind it. A cursor given twice
        # ends it too, as the page cap would: its page read again would count twice.
        if reached_cutoff or not cursor or cursor in seen:
            break
        seen.add(cursor)
    if oldest is None:
        return sample
    # At least an hour: a burst of posts in the last minutes is not a rate per day.
    window = SAMPLE_DAYS if reached_cutoff else max((now - oldest).total_seconds() / 86400,
                                                    1 / 24)
    sample.timeline = TimelineSample(window, {d: TimelineCounts(*c) for d, c in counts.items()})
    return sample


def latest_post(call: Call, did: str, now: datetime) -> tuple[bool, datetime | None]:
    """(read, when): one getAuthorFeed call (the newest AUTHOR_FEED_ITEMS, reposts and
    replies included, pins left out) for the latest moment the account posted or reposted.
    read is False when the AppView refused (blocked either way, gone meanwhile); when is None
    for an account that never posted, or none of whose items carries a date that can be
    one."""
    try:
        page = call("app.bsky.feed.getAuthorFeed",
                    params={"actor": did, "limit": AUTHOR_FEED_ITEMS})
    except XrpcError:
        return False, None
    found = [item_activity(item, now) for item in page.get("feed") or []]
    return True, max((at for who, at, _ in filter(None, found) if who == did), default=None)
