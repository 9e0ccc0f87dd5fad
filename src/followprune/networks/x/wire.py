"""What X API v2 answers and the objects in them must look like before they are read.

Two readers take X's objects from outside: the API client (client.py), on every answer, and
the `--from` file reader (networks/file.py), on every line. Both check here, with the same
words, so that a field of the wrong kind is named where it arrives ("public_metrics": expected
an object of counts, got the text 'x') rather than met later as a KeyError or a TypeError
deep in a conversion, which the person could only read as a bug of followprune.

Only the fields followprune reads are checked; anything else is ignored, as X adds fields
over time. null always means absent.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any, Literal

from followprune.networks.shapes import WrongShape, kind_of, valid_text

TEXT_FIELDS = ("username", "name", "description", "location", "url", "profile_image_url")
FLAG_FIELDS = ("verified", "protected")
ID_FIELDS = ("pinned_tweet_id", "pinned_post_id", "most_recent_tweet_id", "most_recent_post_id")
METRICS = ("followers_count", "following_count", "tweet_count", "post_count", "listed_count",
           "like_count")

# What the `data` of an answer holds: user objects, post objects, or either unchecked.
Items = Literal["users", "posts"] | None


def iso_time(text: str) -> datetime | None:
    """An ISO 8601 moment with its zone; None for anything else."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


class _Kind(Enum):
    TEXT = "text"
    ID = "id"
    FLAG = "flag"
    TIME = "time"
    METRICS = "metrics"
    TEXTS = "texts"
    REFERENCES = "references"
    ENTITIES = "entities"


_USER_FIELDS: dict[str, _Kind] = {
    "id": _Kind.ID,
    **{key: _Kind.ID for key in ID_FIELDS},
    **{key: _Kind.TEXT for key in TEXT_FIELDS},
    **{key: _Kind.FLAG for key in FLAG_FIELDS},
    "created_at": _Kind.TIME,
    "public_metrics": _Kind.METRICS,
    "connection_status": _Kind.TEXTS,
}

# What convert.py reads of a post (your likes, mentions, posts, home timeline, pinned posts).
_POST_FIELDS: dict[str, _Kind] = {
    "id": _Kind.ID,
    "author_id": _Kind.ID,
    "in_reply_to_user_id": _Kind.ID,
    "text": _Kind.TEXT,
    "created_at": _Kind.TIME,
    "referenced_tweets": _Kind.REFERENCES,
    "referenced_posts": _Kind.REFERENCES,
    "entities": _Kind.ENTITIES,
}


def checked_user(user: Any) -> dict[str, Any]:
    """`user` if it has the shape convert.account_from_user reads; else WrongShape naming
    the key.

    One pass over the keys the object has, rather than a look-up of every key it might
    have: this runs for every account of a file."""
    if not isinstance(user, dict):
        raise WrongShape(f"expected an X user object, got {kind_of(user)}")
    if user.get("id") is None:
        raise WrongShape("not an X user object (no \"id\")")
    _check_fields(user, _USER_FIELDS)
    return user


def checked_post(post: Any) -> dict[str, Any]:
    """`post` if it has the shape convert.py reads of a post; else WrongShape naming the key."""
    if not isinstance(post, dict):
        raise WrongShape(f"expected an X post object, got {kind_of(post)}")
    if post.get("id") is None:
        raise WrongShape("not an X post object (no \"id\")")
    _check_fields(post, _POST_FIELDS)
    return post


def checked_answer(body: Any, items: Items, *, one: bool) -> dict[str, Any]:
    """An API answer to a read, if it has the shape of one: an object with `data`, `meta`
    or `errors` (a list page with nothing in it still has `meta`), each of the right kind,
    and the objects in `data` and `includes` as `items` and the expansions say; with `one`,
    `data` is a single object (your own profile).

    An answer with none of the three is not taken as an empty page: read as one, a broken
    proxy would tell a sync that you follow no one."""
    if not isinstance(body, dict):
        raise WrongShape(f"expected a JSON object, got {kind_of(body)}")
    if not ("data" in body or "meta" in body or "errors" in body):
        raise WrongShape("it has none of \"data\", \"meta\" or \"errors\"")
    data = body.get("data")
    check = checked_user if items == "users" else checked_post if items == "posts" else _object
    if one and not isinstance(data, dict):
        raise WrongShape(f"\"data\": expected an object, got {kind_of(data)}")
    if isinstance(data, dict):
        _named("data", check, data)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            _named(f"data[{index}]", check, item)
    elif data is not None:
        raise WrongShape(f"\"data\": expected an object or a list, got {kind_of(data)}")
    meta = body.get("meta")
    if meta is not None:
        if not isinstance(meta, dict):
            raise WrongShape(f"\"meta\": expected an object, got {kind_of(meta)}")
        for key in ("next_token", "newest_id", "oldest_id"):
            value = meta.get(key)
            if value is not None and type(value) is not str:
                raise WrongShape(f"\"meta.{key}\": expected text, got {kind_of(value)}")
    _listed(body, "errors", _object)
    includes = body.get("includes")
    if includes is not None:
        if not isinstance(includes, dict):
            raise WrongShape(f"\"includes\": expected an object, got {kind_of(includes)}")
        _listed(includes, "users", checked_user, "includes.")
        _listed(includes, "tweets", checked_post, "includes.")
        _listed(includes, "posts", checked_post, "includes.")
    return body


def _object(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise WrongShape(f"expected an object, got {kind_of(value)}")
    return value


def _named(where: str, check: Any, value: Any) -> None:
    try:
        check(value)
    except WrongShape as wrong:
        raise WrongShape(f"{where}: {wrong.why}") from None


def _listed(parent: dict[str, Any], key: str, check: Any, prefix: str = "") -> None:
    listed = parent.get(key)
    if listed is None:
        return
    if not isinstance(listed, list):
        raise WrongShape(f"\"{prefix}{key}\": expected a list, got {kind_of(listed)}")
    for index, item in enumerate(listed):
        _named(f"{prefix}{key}[{index}]", check, item)


def _check_fields(thing: dict[str, Any], kinds: dict[str, _Kind]) -> None:
    for key, value in thing.items():
        kind = kinds.get(key)
        if kind is None or value is None:
            continue
        if kind is _Kind.TEXT:
            if type(value) is not str:
                raise WrongShape(f"\"{key}\": expected text, got {kind_of(value)}")
        elif kind is _Kind.ID:
            _check_id(key, value)
        elif kind is _Kind.FLAG:
            if type(value) is not bool:
                raise WrongShape(f"\"{key}\": expected true or false, got {kind_of(value)}")
        elif kind is _Kind.TIME:
            if type(value) is not str or iso_time(value) is None:
                raise WrongShape(f"\"{key}\": expected an ISO 8601 time, got {kind_of(value)}")
        elif kind is _Kind.METRICS:
            _check_metrics(value)
        elif kind is _Kind.REFERENCES:
            _check_references(key, value)
        elif kind is _Kind.ENTITIES:
            _check_entities(value)
        elif type(value) is not list or not all(type(s) is str for s in value):
            raise WrongShape(f"\"{key}\": expected a list of texts, got {kind_of(value)}")


# No account has a trillion followers or posts: a count past it is no count (a file's
# 2**63 - 1 read as "posts 2,147,334,158,416,654 times a day", probe round 10).
MAX_COUNT = 10**12


def _check_metrics(metrics: Any) -> None:
    if type(metrics) is not dict:
        raise WrongShape(
            f"\"public_metrics\": expected an object of counts, got {kind_of(metrics)}")
    for key, value in metrics.items():
        if key in METRICS and value is not None and (
                type(value) is not int or not 0 <= value <= MAX_COUNT):
            raise WrongShape(f"\"public_metrics.{key}\": expected a whole number from 0 to"
                             f" {MAX_COUNT:.0e}, got {kind_of(value)}")


def _check_id(key: str, value: Any) -> None:
    if type(value) is int and value >= 0:
        return
    if (type(value) is str and value and not value.isspace() and len(value) <= 64
            and valid_text(value)):
        return
    raise WrongShape(f"\"{key}\": expected an id (text or a whole number), got {kind_of(value)}")


def _check_references(key: str, references: Any) -> None:
    if type(references) is not list:
        raise WrongShape(f"\"{key}\": expected a list, got {kind_of(references)}")
    for reference in references:
        if type(reference) is not dict:
            raise WrongShape(f"\"{key}\": expected objects, got {kind_of(reference)}")
        kind = reference.get("type")
        if kind is not None and type(kind) is not str:
            raise WrongShape(f"\"{key}.type\": expected text, got {kind_of(kind)}")
        if reference.get("id") is not None:
            _check_id(f"{key}.id", reference["id"])


def _check_entities(entities: Any) -> None:
    if type(entities) is not dict:
        raise WrongShape(f"\"entities\": expected an object, got {kind_of(entities)}")
    mentions = entities.get("mentions")
    if mentions is None:
        return
    if type(mentions) is not list:
        raise WrongShape(f"\"entities.mentions\": expected a list, got {kind_of(mentions)}")
    for mention in mentions:
        if type(mention) is not dict:
            raise WrongShape(f"\"entities.mentions\": expected objects, got {kind_of(mention)}")
        if mention.get("id") is not None:
            _check_id("entities.mentions.id", mention["id"])
