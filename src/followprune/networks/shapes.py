"""The shapes of what a network's server sends, checked where it arrives.

A server, or a proxy in front of it, can answer anything: an HTML page with 200, `null`, an
object without the list that was asked for. Checked here, such an answer is named as the
server's ("sent an answer followprune cannot read: "records": expected a list, got null"),
never met later as a KeyError deep in a conversion (which a person can only read as a bug of
followprune), and never read as an empty list (which would tell a sync you follow no one).

A shape is one of:
- `str`, `int` (a whole number >= 0), `bool`, `dict` (any object), `list` (any list);
- `ID`: an identifier (an id, a DID, an AT URI, a token): text that is valid Unicode;
- `COUNT`: a whole number of any sign, read with `count` (some servers send -1 for a count
  the account hides: that is an unknown, not a broken answer that stops the whole read);
- `{key: shape}`: an object whose listed keys have those shapes where present and not null
  (other keys are ignored: servers add fields over time), `Required(shape)` where the key
  must be there;
- `[shape]`: a list whose items have that shape;
- `Either(shape, shape)`: one or the other (Bluesky's follow subject is a DID, a like's an
  object).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from followprune.errors import ApiError

# The hint of every "sent an answer followprune cannot read": nothing was taken from it.
SHAPE_HINT = ("try again later; if it persists, something between you and the server (a"
              " proxy, or the address in the config) is answering for it; what was read so"
              " far is kept")


class UnreadableAnswer(ApiError):
    """A server's answer that is not JSON or not the shape it must have: nothing was taken
    from it. After an action, whether it was done is not known from it (callers ask)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, hint=SHAPE_HINT)


class PageLoop(ApiError):
    """A server that hands back a page cursor it already gave: reading on would never end
    (and on X, never stop billing), so the read stops; nothing was taken from the repeat."""

    def __init__(self, server: str, what: str) -> None:
        super().__init__(f"{server} sent the same page cursor twice while reading {what}: the"
                         " list would never end, so reading stopped",
                         hint="try again later; if it persists, the server's paging is broken"
                              " (or something in between answers for it)")


class SeenCursors:
    """The cursors of one paged read; `check` raises PageLoop on the second sight of one."""

    __slots__ = ("_seen", "_server", "_what")

    def __init__(self, server: str, what: str) -> None:
        self._seen: set[str] = set()
        self._server, self._what = server, what

    def check(self, cursor: object) -> None:
        key = repr(cursor)
        if key in self._seen:
            raise PageLoop(self._server, self._what)
        self._seen.add(key)


class WrongShape(Exception):
    """What is wrong with something sent from outside, in words; never shown as a traceback."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


class _Count:
    """The shape of a profile's count: any whole number (see `count`)."""


COUNT = _Count()


class _Id:
    """The shape of an identifier (an id, a DID, an AT URI, a token): text that is valid
    Unicode."""


# Unlike a bio or a post, whose lone surrogate (half an emoji) becomes U+FFFD on its way
# into an Account (models.Text), an identifier with one names nothing: it could neither be
# stored nor sent back to the server, so the answer holding it is not read.
ID = _Id()


def count(value: Any) -> int | None:
    """A count as a server sent it: a whole number >= 0, or unknown (None) for anything else,
    a hidden count's -1 included."""
    return value if type(value) is int and value >= 0 else None


@dataclass(frozen=True)
class Required:
    shape: Any


@dataclass(frozen=True)
class Either:
    first: Any
    second: Any


def kind_of(value: Any) -> str:
    """`value` as a person would name it in a message: "null", "the text 'x'", "a list"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 20 else value[:17] + "..."
        return f"the text {shown!r}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    return "an object"


_NAMES = {str: "text", int: "a whole number >= 0", bool: "true or false", dict: "an object",
          list: "a list"}


def check(value: Any, shape: Any, where: str = "") -> None:
    """WrongShape naming the first place (`where`, a dotted path) where `value` is not
    `shape`."""
    if isinstance(shape, Required):
        shape = shape.shape
    if isinstance(shape, Either):
        try:
            check(value, shape.first, where)
        except WrongShape as first:
            try:
                check(value, shape.second, where)
            except WrongShape:
                # Text is always the first alternative (Either(ID, int), Either(ID, _REF)):
                # for text that is not valid, what is wrong with it is the first's to say.
                if isinstance(value, str):
                    raise first from None
                raise
        return
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            raise _wrong(where, "an object", value)
        for key, inner in shape.items():
            found = value.get(key)
            path = f"{where}.{key}" if where else key
            if found is None:
                if isinstance(inner, Required):
                    raise WrongShape(f"\"{path}\" is missing")
                continue
            check(found, inner, path)
        return
    if isinstance(shape, list):
        if not isinstance(value, list):
            raise _wrong(where, "a list", value)
        for index, item in enumerate(value):
            check(item, shape[0], f"{where}[{index}]")
        return
    if shape is ID:
        if not isinstance(value, str):
            raise _wrong(where, _NAMES[str], value)
        if not valid_text(value):
            raise WrongShape(f"{_at(where)}expected text, got {kind_of(value)}, which is not"
                             " valid Unicode")
        return
    if shape is COUNT:
        if type(value) is not int:
            raise _wrong(where, "a whole number", value)
    elif shape is int:
        if type(value) is not int or value < 0:
            raise _wrong(where, _NAMES[int], value)
    elif shape is bool:
        if type(value) is not bool:
            raise _wrong(where, _NAMES[bool], value)
    elif not isinstance(value, shape):  # a parsed answer's dicts and lists may be subclasses
        raise _wrong(where, _NAMES[shape], value)


def valid_text(value: str) -> bool:
    """`value` holds no lone surrogate (which JSON can escape and no UTF-8 text can hold)."""
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _at(where: str) -> str:
    return f"\"{where}\": " if where else ""


def _wrong(where: str, expected: str, value: Any) -> WrongShape:
    return WrongShape(f"{_at(where)}expected {expected}, got {kind_of(value)}")
