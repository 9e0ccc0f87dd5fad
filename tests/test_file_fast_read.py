"""The quick pass of `prune --from` (`networks.file._built`) against the careful one.

The quick pass checks and builds a user object in one go and makes the models without
pydantic; the careful pass is `checked_file_user` then `account_from_user` and
`relationship_from_user`, validated by pydantic. For every object, right or wrong, the two
must agree: the same models (values, types, given fields), or both refuse it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followprune.models import Account, Relationship
from followprune.networks.file import _built, _read_user, checked_file_user
from followprune.networks.shapes import WrongShape
from followprune.networks.x.convert import (
    account_from_user,
    earliest_follow_time,
    relationship_from_user,
    snowflake_time,
)

SNOWFLAKE = 1_500_000_000_000_000_000
POSTS = {"77": {"id": "77", "text": "pinned words"}, "78": {"id": "78"}}


def careful(user: Any) -> tuple[Account, Relationship] | None:
    try:
        checked_file_user(user)
    except WrongShape:
        return None
    account = account_from_user(user, POSTS)
    since = earliest_follow_time(account.created_at, snowflake_time(account.id))
    rel = relationship_from_user(user, since)
    if "connection_status" not in user:
        rel = rel.model_copy(update={"follows_you": None})
    return account, rel


def same(quick: tuple[Account, Relationship], slow: tuple[Account, Relationship]) -> None:
    for fast_model, slow_model in zip(quick, slow, strict=True):
        assert fast_model == slow_model
        assert list(fast_model.__dict__.items()) == list(slow_model.__dict__.items())
        for key, value in slow_model.__dict__.items():
            assert type(fast_model.__dict__[key]) is type(value), key
        assert fast_model.__pydantic_fields_set__ == slow_model.__pydantic_fields_set__
        assert fast_model.model_dump() == slow_model.model_dump()
        # Frozen like a validated model.
        with pytest.raises(ValueError):
            setattr(fast_model, "account_id" if isinstance(fast_model, Relationship) else "id", "x")


anything = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 2 * SNOWFLAKE), st.text(max_size=12),
    # Past a snowflake's 63 bits: no time can be read from these (it used to overflow).
    st.integers(2**62, 10**40), st.integers(2**62, 10**40).map(str),
    st.sampled_from(["", " ", "77", "78", "2020-01-02T03:04:05.000Z", "2020-01-02T03:04:05",
                     # Placeholders before X existed: no age, on either pass.
                     "0001-01-01T00:00:00.000Z", "1970-01-01T00:00:00Z",
                     "not a time", "https://pbs.twimg.com/default_profile_images/x.png"]),
    st.lists(st.sampled_from(["following", "followed_by", "muting", "blocking", 3]),
             max_size=3),
    st.dictionaries(st.sampled_from(["followers_count", "following_count", "tweet_count",
                                     "post_count", "listed_count", "like_count", "other"]),
                    st.one_of(st.none(), st.integers(-2, 10**6), st.booleans(),
                              st.sampled_from([10**12, 10**12 + 1, 2**63 - 1]),
                              st.text(max_size=2)),
                    max_size=6),
)
KEYS = ["username", "name", "description", "location", "url", "profile_image_url", "verified",
        "protected", "pinned_tweet_id", "pinned_post_id", "most_recent_tweet_id",
        "most_recent_post_id", "created_at", "public_metrics", "connection_status", "extra"]


@settings(max_examples=600, deadline=None)
@given(
    st.one_of(st.integers(0, 2 * SNOWFLAKE), st.integers(2**62, 10**40),
              st.integers(2**62, 10**40).map(str), st.text(max_size=70), st.none(),
              st.booleans()),
    st.dictionaries(st.sampled_from(KEYS), anything, max_size=10),
)
def test_the_quick_pass_agrees_with_the_careful_one(uid: Any, fields: dict[str, Any]) -> None:
    user = {"id": uid, **fields}
    slow = careful(user)
    quick = _built(user, POSTS)
    if quick is not None:
        assert slow is not None, "the quick pass took an object the careful one refuses"
        same(quick, slow)
    # Whatever the quick pass leaves, _read_user reads as the careful pass does.
    try:
        read = _read_user(user, POSTS)
    except WrongShape:
        assert slow is None
    else:
        assert slow is not None
        same(read, slow)


def test_a_typical_object_takes_the_quick_pass() -> None:
    user = {
        "id": str(SNOWFLAKE), "username": "someone", "name": "Some One",
        "description": "rust and climate", "location": "Berlin",
        "created_at": "2015-06-01T10:00:00.000Z", "verified": False, "protected": False,
        "profile_image_url": "https://pbs.twimg.com/profile_images/1/a.jpg",
        "public_metrics": {"followers_count": 300, "following_count": 280,
                           "tweet_count": 4000, "listed_count": 3, "like_count": 9000},
        "most_recent_tweet_id": str(SNOWFLAKE + 10**17), "pinned_tweet_id": "77",
        "connection_status": ["following", "followed_by"],
    }
    quick = _built(user, POSTS)
    assert quick is not None
    slow = careful(user)
    assert slow is not None
    same(quick, slow)
    account, rel = quick
    assert account.pinned_text == "pinned words"
    assert account.created_at == datetime(2015, 6, 1, 10, tzinfo=UTC)
    assert rel.follows_you is True and rel.first_seen is not None


def test_a_wrong_key_is_named_as_before() -> None:
    user = {"id": "5", "name": 3, "location": 4}
    assert _built(user, {}) is None
    with pytest.raises(WrongShape) as caught:
        _read_user(user, {})
    assert caught.value.why == '"name": expected text, got the number 3'


@pytest.mark.parametrize("created", ["0001-01-01T00:00:00.000Z", "1970-01-01T00:00:00Z",
                                     "2006-03-20T23:59:59Z"])
def test_a_creation_date_before_x_existed_is_no_age_on_both_passes(created: str) -> None:
    """A placeholder had made "only 4,000 posts in 2,026 years" of a `--from` line."""
    user = {"id": "12", "username": "a", "name": "A", "created_at": created,
            "public_metrics": {"tweet_count": 4000}}
    quick, slow = _built(user, POSTS), careful(user)
    assert quick is not None and slow is not None
    same(quick, slow)
    assert quick[0].created_at is None
