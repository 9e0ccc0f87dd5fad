"""Whatever a server sends, the shape check either names what is wrong (WrongShape) or the
answer is read without an error: the converters never meet a value of a kind they cannot
take (networks/shapes.py, networks/x/wire.py, bluesky/answers.py, mastodon/answers.py).

The answers are generated from the shapes themselves, mostly right, with any JSON value
where a field is optional or left unchecked: that is where a converter could still trip.
"""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followprune.models import Direction, InteractionKind
from followprune.networks.bluesky.activity import read_activity
from followprune.networks.bluesky.answers import ANSWERS
from followprune.networks.bluesky.feeds import item_activity
from followprune.networks.bluesky.network import _saved_list_uris, account_from_profile
from followprune.networks.mastodon import answers as mastodon
from followprune.networks.mastodon.convert import account_from
from followprune.networks.mastodon.network import _from_own_status
from followprune.networks.shapes import COUNT, ID, Either, Required, WrongShape, check
from followprune.networks.x import convert
from followprune.networks.x.wire import checked_answer

# Texts that send a converter down its real paths: ids, DIDs, AT URIs, times, kinds.
WORDS = st.sampled_from([
    "", "1", "1234567890123456789", "did:plc:abc", "at://did:plc:abc/app.bsky.feed.post/3k",
    "2024-05-01T10:00:00Z", "2024-05-01", "not a time", "followed_by", "muting",
    "retweeted", "replied_to", "quoted", "follow", "like", "repost", "reply", "mention",
    "app.bsky.embed.record", "app.bsky.richtext.facet#mention", "<p>hi</p>", "missing.png",
])
KEYS = st.sampled_from([
    "id", "did", "uri", "type", "$type", "value", "record", "subject", "author", "account",
    "reason", "text", "createdAt", "created_at", "indexedAt", "features", "reply", "parent",
    "embed", "facets", "mentions", "reblog", "status", "note", "fields", "moved", "viewer",
    "public_metrics", "referenced_tweets", "entities", "connection_status", "description",
])
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 10**12) | st.floats(allow_nan=False)
    | st.text(max_size=6) | WORDS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS | st.text(max_size=3),
                                                                inner, max_size=5),
    max_leaves=8,
)


def answers(shape: Any) -> st.SearchStrategy[Any]:
    """Values of `shape`, with any JSON where a field is optional or unchecked."""
    if isinstance(shape, Required):
        return answers(shape.shape)
    if isinstance(shape, Either):
        return answers(shape.first) | answers(shape.second)
    if isinstance(shape, dict):
        required = {k: answers(v) for k, v in shape.items() if isinstance(v, Required)}
        optional = {k: answers(v) | JSON for k, v in shape.items()
                    if not isinstance(v, Required)}
        return st.fixed_dictionaries(required, optional=optional)
    if isinstance(shape, list):
        return st.lists(answers(shape[0]), max_size=3)
    if shape is str or shape is ID:  # st.text makes no lone surrogate
        return WORDS | st.text(max_size=6)
    if shape is int:
        return st.integers(0, 10**6)
    if shape is COUNT:
        return st.integers(-3, 10**6)
    if shape is bool:
        return st.booleans()
    if shape is dict:
        return st.dictionaries(KEYS, JSON, max_size=5)
    assert shape is list
    return st.lists(JSON, max_size=3)


def accepted(value: Any, shape: Any) -> bool:
    try:
        check(value, shape)
    except WrongShape:
        return False
    return True


FAST = settings(max_examples=100, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
NOW = datetime(2026, 6, 1, tzinfo=UTC)


@FAST
@given(value=JSON)
def test_the_check_names_what_is_wrong_or_passes(value: Any) -> None:
    for shape in ANSWERS.values():
        accepted(value, shape)  # never anything but WrongShape
    for items in ("users", "posts", None):
        with contextlib.suppress(WrongShape):
            checked_answer(value, items, one=False)


@FAST
@given(data=st.data())
def test_bluesky_answers_that_pass_are_read(data: st.DataObject) -> None:
    profile = data.draw(answers(ANSWERS["app.bsky.actor.getProfile"]))
    if accepted(profile, ANSWERS["app.bsky.actor.getProfile"]):
        account_from_profile(profile)
    feed = data.draw(answers(ANSWERS["app.bsky.feed.getAuthorFeed"]))
    if accepted(feed, ANSWERS["app.bsky.feed.getAuthorFeed"]):
        for item in feed["feed"]:
            item_activity(item, NOW)
    preferences = data.draw(answers(ANSWERS["app.bsky.actor.getPreferences"]))
    if accepted(preferences, ANSWERS["app.bsky.actor.getPreferences"]):
        _saved_list_uris(preferences["preferences"])
    given_answers = {method: data.draw(answers(ANSWERS[method])) for method in
                     ("app.bsky.notification.listNotifications", "com.atproto.repo.listRecords")}

    def call(method: str, **kwargs: Any) -> dict[str, Any]:
        answer = given_answers[method]
        if not accepted(answer, ANSWERS[method]):
            pytest.skip("not an answer the client would hand over")  # pragma: no cover
        return {k: v for k, v in answer.items() if k != "cursor"}  # one page

    if all(accepted(a, ANSWERS[m]) for m, a in given_answers.items()):
        read_activity(call, "did:plc:me", lambda key: None)


USER_KEYS = {
    "username": WORDS, "name": WORDS, "description": WORDS, "location": WORDS,
    "url": WORDS, "profile_image_url": WORDS, "verified": st.booleans(),
    "protected": st.booleans(), "created_at": WORDS, "pinned_tweet_id": WORDS,
    "most_recent_tweet_id": WORDS, "connection_status": st.lists(WORDS, max_size=3),
    "public_metrics": st.dictionaries(st.sampled_from(["followers_count", "tweet_count",
                                                       "like_count"]),
                                      st.integers(0, 10**6) | JSON, max_size=3),
}
POST_KEYS = {
    "author_id": WORDS, "in_reply_to_user_id": WORDS, "text": WORDS, "created_at": WORDS,
    "referenced_tweets": st.lists(st.fixed_dictionaries({}, optional={
        "type": WORDS | JSON, "id": WORDS | JSON}), max_size=2),
    "entities": st.fixed_dictionaries({}, optional={"mentions": st.lists(
        st.fixed_dictionaries({}, optional={"id": WORDS | JSON}), max_size=2) | JSON}),
}


def x_objects(keys: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[Any]:
    return st.fixed_dictionaries({"id": WORDS | JSON},
                                 optional={k: v | JSON for k, v in keys.items()})


@FAST
@given(users=st.lists(x_objects(USER_KEYS), max_size=3),
       posts=st.lists(x_objects(POST_KEYS), max_size=3))
def test_x_answers_that_pass_are_read(users: list[Any], posts: list[Any]) -> None:
    body = {"data": users, "includes": {"tweets": posts}, "meta": {}}
    try:
        checked_answer(body, "users", one=False)
    except WrongShape:
        pass
    else:
        included = convert.included_posts(body)
        for user in users:
            convert.account_from_listed_user(user, included)
            convert.relationship_from_user(user, None)
    body = {"data": posts, "includes": {"tweets": posts}, "meta": {}}
    try:
        checked_answer(body, "posts", one=False)
    except WrongShape:
        return
    included = convert.included_posts(body)
    for post in posts:
        convert.interactions_from_my_post(post, included, "1")
        convert.interaction_by_author(post, InteractionKind.LIKE, Direction.FROM_YOU, "1")
        convert.stream_kind(post)
        convert.post_time(post)
        convert.is_repost(post)


@FAST
@given(data=st.data())
def test_mastodon_answers_that_pass_are_read(data: st.DataObject) -> None:
    following = data.draw(answers(mastodon.FOLLOWING))
    if accepted(following, mastodon.FOLLOWING):
        for entity in following:
            account_from(entity, "example.social")
    statuses = data.draw(answers(mastodon.STATUSES))
    if accepted(statuses, mastodon.STATUSES):
        for status in statuses:
            _from_own_status(status, "1")


def test_what_is_wrong_is_named_where_it_is() -> None:
    shape = ANSWERS["com.atproto.repo.listRecords"]
    with pytest.raises(WrongShape, match=r'"records" is missing'):
        check({}, shape)
    with pytest.raises(WrongShape, match=r'"records\[1\].value" is missing'):
        check({"records": [{"uri": "at://a", "value": {}}, {"uri": "at://b", "value": None}]},
              shape)
    with pytest.raises(WrongShape, match=r'"profiles\[0\].followersCount": expected a whole'
                       r" number, got the text '12'"):
        check({"profiles": [{"did": "did:plc:a", "handle": "a", "followersCount": "12"}]},
              ANSWERS["app.bsky.actor.getProfiles"])
    # A hidden count's -1 is read as unknown, not as a broken answer.
    check({"profiles": [{"did": "did:plc:a", "handle": "a", "followersCount": -1}]},
          ANSWERS["app.bsky.actor.getProfiles"])
    with pytest.raises(WrongShape, match=r'data\[0\]: "public_metrics": expected an object'):
        checked_answer({"data": [{"id": "1", "public_metrics": "x"}]}, "users", one=False)
    with pytest.raises(WrongShape, match=r'none of "data", "meta" or "errors"'):
        checked_answer({}, "users", one=False)


def test_every_kind_of_bluesky_preference_passes_and_saved_lists_are_found() -> None:
    """Real preferences mix kinds whose `items` differ (hidden posts are URIs, muted words
    objects): none of them may make the answer unreadable."""
    lst = "at://did:plc:abc/app.bsky.graph.list/3k"
    answer = {"preferences": [
        {"$type": "app.bsky.actor.defs#hiddenPostsPref",
         "items": ["at://did:plc:abc/app.bsky.feed.post/3k"]},
        {"$type": "app.bsky.actor.defs#mutedWordsPref",
         "items": [{"value": "spoilers", "targets": ["content"], "id": "1"}]},
        {"$type": "app.bsky.actor.defs#savedFeedsPrefV2",
         "items": [{"type": "timeline", "value": "following", "pinned": True, "id": "a"},
                   {"type": "list", "value": lst, "pinned": False, "id": "b"}]},
        {"$type": "app.bsky.actor.defs#adultContentPref", "enabled": False},
    ]}
    check(answer, ANSWERS["app.bsky.actor.getPreferences"])
    assert _saved_list_uris(answer["preferences"]) == [lst]


# Half an emoji, JSON-escaped: json.loads makes it a lone surrogate, which no UTF-8 text holds.
LONE = json.loads('"\\ud800x"')


@pytest.mark.parametrize(("answer", "shape"), [
    ({"did": LONE, "handle": "me", "accessJwt": "a", "refreshJwt": "r"},
     ANSWERS["com.atproto.server.createSession"]),
    ({"did": "did:plc:me", "handle": "me", "accessJwt": LONE, "refreshJwt": "r"},
     ANSWERS["com.atproto.server.createSession"]),
    ({"profiles": [{"did": LONE, "handle": "a"}]}, ANSWERS["app.bsky.actor.getProfiles"]),
    ({"records": [{"uri": LONE, "value": {"subject": "did:plc:a"}}]},
     ANSWERS["com.atproto.repo.listRecords"]),
    ({"records": [{"uri": "at://a", "value": {"subject": LONE}}]},
     ANSWERS["com.atproto.repo.listRecords"]),
    ({"records": [], "cursor": LONE}, ANSWERS["com.atproto.repo.listRecords"]),
    ([{"id": LONE}], mastodon.FOLLOWING),
    ([{"id": "1", "account": {"id": LONE}}], mastodon.STATUSES),
])
def test_an_identifier_that_is_not_valid_unicode_is_a_wrong_answer(answer: Any,
                                                                   shape: Any) -> None:
    """Found: a DID, id, URI, token or cursor holding a lone surrogate passed the check (it
    is text) and stopped the sync at the store, exit 1, "a text to be written to the store
    is not valid Unicode", instead of naming the server's answer (exit 6)."""
    with pytest.raises(WrongShape, match="not valid Unicode"):
        check(answer, shape)


@pytest.mark.parametrize("items", ["users", "posts"])
def test_an_x_id_that_is_not_valid_unicode_is_a_wrong_answer(items: Any) -> None:
    with pytest.raises(WrongShape, match=r'data\[0\]: "id": expected an id'):
        checked_answer({"data": [{"id": LONE}]}, items, one=False)


def test_a_bio_with_half_an_emoji_is_still_read() -> None:
    # Free text is not an identifier: models.Text makes its lone surrogate U+FFFD.
    check({"profiles": [{"did": "did:plc:a", "handle": "a", "description": LONE}]},
          ANSWERS["app.bsky.actor.getProfiles"])
    check([{"id": "1", "note": LONE}], mastodon.FOLLOWING)
    checked_answer({"data": [{"id": "1", "description": LONE}]}, "users", one=False)
