"""What the answer of each XRPC method followprune reads must hold (networks/shapes.py).

From the lexicons' outputs (the fields they require), narrowed to what this package reads,
down to the nested objects it looks into. Methods whose answer is not read (muteActor,
unmuteActor, deleteSession) are not listed: their answer is never made a failure of a done
action. An unreadable answer to an action is the caller's to resolve (BlueskyNetwork asks the
repo whether the follow record is still there).
"""

from __future__ import annotations

from typing import Any

from followprune.networks.shapes import COUNT, ID, Either, Required

_PROFILE = {
    "did": Required(ID), "handle": Required(str), "displayName": str, "description": str,
    "createdAt": str, "avatar": str, "followersCount": COUNT, "followsCount": COUNT,
    "postsCount": COUNT, "viewer": dict,
}
_AUTHOR = {"did": Required(ID)}
_REF = {"uri": ID}
# The value of a record: a follow (its subject a DID), a like or repost (a strong ref), a
# post (text, reply, quote, mention facets).
_RECORD_VALUE = {
    "subject": Either(ID, _REF), "createdAt": str, "text": str,
    "reply": {"parent": _REF}, "embed": {"record": {"uri": ID, "record": _REF}},
    "facets": [{"features": list}],
}
_SESSION = {"did": Required(ID), "handle": Required(ID), "accessJwt": Required(ID),
            "refreshJwt": Required(ID)}
_FEED = {
    "feed": Required([{
        "post": Required({"uri": ID, "author": Required(_AUTHOR), "indexedAt": str,
                          "record": _RECORD_VALUE}),
        "reason": {"by": _AUTHOR, "indexedAt": str},
    }]),
    "cursor": ID,
}

ANSWERS: dict[str, Any] = {
    "com.atproto.server.createSession": _SESSION,
    "com.atproto.server.refreshSession": _SESSION,
    "com.atproto.repo.listRecords": {
        "records": Required([{"uri": Required(ID), "value": Required(_RECORD_VALUE)}]),
        "cursor": ID,
    },
    "com.atproto.repo.createRecord": {"uri": Required(ID)},
    # Its commit is optional: `{}` (or no body) is a done delete, anything else unreadable.
    "com.atproto.repo.deleteRecord": {"commit": dict},
    # No output: no body (or `{}`) is a done mute or unmute, anything else (a proxy's page)
    # unreadable: it had been taken as done whatever it was.
    "app.bsky.graph.muteActor": {},
    "app.bsky.graph.unmuteActor": {},
    "app.bsky.actor.getProfile": _PROFILE,
    "app.bsky.actor.getProfiles": {"profiles": Required([_PROFILE])},
    "app.bsky.actor.getSuggestions": {"actors": Required([_PROFILE]), "cursor": str},
    "app.bsky.graph.getSuggestedFollowsByActor": {"suggestions": Required([_PROFILE])},
    "app.bsky.graph.getList": {
        "list": Required({"name": str, "purpose": str}),
        "items": Required([{"subject": Required(_AUTHOR)}]),
        "cursor": ID,
    },
    # A union of preference kinds: `items` holds saved feeds in one, muted words in another
    # and hidden posts' URIs (texts) in a third, so only its being a list is checked here.
    "app.bsky.actor.getPreferences": {
        "preferences": Required([{"$type": str, "items": list, "pinned": list,
                                  "saved": list}]),
    },
    "app.bsky.feed.getAuthorFeed": _FEED,
    "app.bsky.feed.getTimeline": _FEED,
    "app.bsky.notification.listNotifications": {
        "notifications": Required([{
            "uri": ID, "author": Required(_AUTHOR), "reason": Required(str),
            "indexedAt": str, "record": _RECORD_VALUE,
        }]),
        "cursor": ID,
    },
}
