"""Interactions on Bluesky, read incrementally: your notifications (what others did to you)
and your own like, post and repost records (what you did to them).

The same read notes who started following you (a "follow" notification is no interaction):
the only free way to know a follower you don't follow back, which `prune suggest` offers.
They are kept in the sync state (the newest FOLLOWERS_KEPT), so suggest reads no
notification of its own.

Each source is read newest first and only down to what the last sync saw: the newest
notification time and, per collection, the newest record key (record keys are TIDs, which
sort by time). Those marks are handed back as sync state, written with the snapshot, so a
sync that fails moves none of them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from followprune.models import Direction, Interaction, InteractionKind
from followprune.networks.bluesky.records import (
    LIKE,
    POST,
    REPOST,
    did_of_uri,
    parse_time,
    plausible_time,
    rkey_of,
)

JSON = dict[str, Any]
Call = Callable[..., JSON]

PAGE = 100  # listNotifications' and listRecords' maximum
# A first sync reads the latest pages only (a long history adds little to a score that
# decays with a 90-day half-life); later syncs read down to what the last one saw.
FIRST_PAGES = 5
LATER_PAGES = 20

NOTIFICATIONS_SEEN = "bluesky.newest_notification"
RECORD_SEEN = "bluesky.newest_record."
# DID -> when it last followed you, as the follow notifications said (JSON).
NEW_FOLLOWERS = "bluesky.new_followers"
# What three pages of notifications held when suggest read its own: enough people who
# recently followed you to put to you, and a bounded state value.
FOLLOWERS_KEPT = 300

# Notification reasons read, and what each becomes. "follow" is left out: who follows you
# is already in every profile's viewer.followedBy, and an Interaction has no such kind.
FROM_THEM = {
    "like": InteractionKind.LIKE,
    "repost": InteractionKind.REPOST,
    "reply": InteractionKind.REPLY,
    "mention": InteractionKind.MENTION,
    "quote": InteractionKind.QUOTE,
}
# Notifications that are a post or repost of their author, so they date its activity too.
AUTHORED = frozenset({"repost", "reply", "mention", "quote"})
MENTION_FACET = "app.bsky.richtext.facet#mention"
QUOTE_EMBEDS = ("app.bsky.embed.record", "app.bsky.embed.recordWithMedia")


@dataclass
class Activity:
    interactions: list[Interaction] = field(default_factory=list)
    my_posts: list[str] = field(default_factory=list)
    # DID -> the latest moment a notification showed it posting or reposting.
    seen_active: dict[str, datetime] = field(default_factory=dict)
    # DID -> when it followed you: this read's follow notifications and earlier syncs' (the
    # newest FOLLOWERS_KEPT), whether or not you follow it.
    followers: dict[str, datetime] = field(default_factory=dict)
    # Marks to record with the snapshot (see the module's docstring).
    state: dict[str, str] = field(default_factory=dict)

    def saw(self, did: str, at: datetime | None) -> None:
        if at is not None and (did not in self.seen_active or at > self.seen_active[did]):
            self.seen_active[did] = at


def read_activity(call: Call, me: str, stored: Callable[[str], str | None]) -> Activity:
    activity = Activity()
    _notifications(call, me, stored, activity)
    for collection in (LIKE, REPOST, POST):
        key = RECORD_SEEN + collection
        newest: str | None = None
        for record in _new_records(call, me, collection, stored(key)):
            newest = newest or rkey_of(str(record.get("uri", "")))
            _from_my_record(collection, record, me, activity)
        if newest:
            activity.state[key] = newest
    return activity


def read_followers(text: str | None) -> dict[str, datetime]:
    """The NEW_FOLLOWERS state as stored (nothing if absent or unreadable)."""
    try:
        raw = json.loads(text) if text else {}
    except ValueError:
        return {}
    found = {}
    for did, when in raw.items() if isinstance(raw, dict) else ():
        at = parse_time(when) if isinstance(when, str) else None
        if at is not None:
            found[str(did)] = at
    return found


def _notifications(call: Call, me: str, stored: Callable[[str], str | None],
                   activity: Activity) -> None:
    since = parse_time(stored(NOTIFICATIONS_SEEN))
    newest: datetime | None = None
    followed_you: dict[str, datetime] = {}
    for notification in _pages(call, "app.bsky.notification.listNotifications",
                               {"reasons": [*FROM_THEM, "follow"]}, "notifications",
                               LATER_PAGES if since else FIRST_PAGES):
        at = plausible_time(notification.get("indexedAt"))
        if at is None:
            continue
        # Strictly older: one with the same time as the last seen is read again, and the
        # store keeps it once (its source id is the notification's URI).
        if since is not None and at < since:
            break
        newest = at if newest is None or at > newest else newest
        author = str((notification.get("author") or {}).get("did") or "")
        if not author.startswith("did:") or author == me:
            continue
        if notification.get("reason") == "follow":
            followed_you[author] = max(at, followed_you.get(author, at))
            continue
        kind = FROM_THEM.get(str(notification.get("reason")))
        if kind is None:
            continue
        activity.interactions.append(Interaction(
            account_id=author, kind=kind, direction=Direction.FROM_THEM, at=at,
            source_id=str(notification.get("uri") or "")))
        if notification.get("reason") in AUTHORED:
            activity.saw(author, at)
    if newest is not None:
        activity.state[NOTIFICATIONS_SEEN] = newest.isoformat()
    earlier = read_followers(stored(NEW_FOLLOWERS))
    merged = {**earlier, **{did: max(at, earlier.get(did, at))
                            for did, at in followed_you.items()}}
    kept = sorted(merged.items(), key=lambda item: (item[1], item[0]),
                  reverse=True)[:FOLLOWERS_KEPT]
    activity.followers = dict(kept)
    if followed_you:
        activity.state[NEW_FOLLOWERS] = json.dumps(
            {did: at.isoformat() for did, at in kept}, separators=(",", ":"))


def _new_records(call: Call, me: str, collection: str, seen: str | None) -> Iterator[JSON]:
    for record in _pages(call, "com.atproto.repo.listRecords",
                         {"repo": me, "collection": collection}, "records",
                         LATER_PAGES if seen else FIRST_PAGES):
        if seen is not None and rkey_of(str(record.get("uri", ""))) <= seen:
            return
        yield record


def _pages(call: Call, method: str, params: JSON, key: str, max_pages: int) -> Iterator[JSON]:
    cursor: str | None = None
    seen: set[str] = set()
    for _ in range(max_pages):
        query = {**params, "limit": PAGE}
        if cursor:
            query["cursor"] = cursor
        page = call(method, params=query)
        yield from page.get(key) or []
        cursor = page.get("cursor")
        # An empty page that hands back a cursor is no end (a service may filter a whole
        # page away): stopping there had lost every interaction behind it. These reads
        # take the latest pages only, so a cursor given twice ends one as its page limit
        # would, rather than reading the same page again.
        if not cursor or cursor in seen:
            return
        seen.add(cursor)


def _from_my_record(collection: str, record: JSON, me: str, activity: Activity) -> None:
    value = record.get("value") or {}
    if not isinstance(value, dict):
        return
    source = str(record.get("uri") or "")
    at = parse_time(value.get("createdAt"))

    def add(uri: object, kind: InteractionKind) -> None:
        did = did_of_uri(uri)
        if did and did != me:
            activity.interactions.append(Interaction(
                account_id=did, kind=kind, direction=Direction.FROM_YOU, at=at,
                source_id=source))

    if collection in (LIKE, REPOST):
        # A strong ref; the answer's shape also lets a DID through (a follow's subject).
        subject = value.get("subject")
        if isinstance(subject, dict):
            add(subject.get("uri"),
                InteractionKind.LIKE if collection == LIKE else InteractionKind.REPOST)
        return
    reply = value.get("reply") or {}
    if reply:
        add((reply.get("parent") or {}).get("uri"), InteractionKind.REPLY)
    quoted = _quoted_uri(value.get("embed"))
    if quoted:
        add(quoted, InteractionKind.QUOTE)
    for did in _mentioned(value.get("facets")):
        add(f"at://{did}", InteractionKind.MENTION)
    text = str(value.get("text") or "").strip()
    if text:
        activity.my_posts.append(text)


def _quoted_uri(embed: Any) -> str | None:
    if not isinstance(embed, dict) or embed.get("$type") not in QUOTE_EMBEDS:
        return None
    inner = embed.get("record") or {}
    if embed.get("$type") == "app.bsky.embed.recordWithMedia":
        inner = inner.get("record") or {}
    uri = inner.get("uri")
    return uri if isinstance(uri, str) else None


def _mentioned(facets: Any) -> Iterator[str]:
    for facet in facets if isinstance(facets, list) else []:
        for feature in (facet or {}).get("features") or []:
            if isinstance(feature, dict) and feature.get("$type") == MENTION_FACET:
                did = feature.get("did")
                if isinstance(did, str) and did.startswith("did:"):
                    yield did
