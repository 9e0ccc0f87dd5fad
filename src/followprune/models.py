"""The domain vocabulary, used everywhere: accounts, relationships, interactions, actions.

Every network (demo, X, an archive, a file) is translated into these models at its edge, so
scoring, the store and rendering never see a network's own field names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    SerializerFunctionWrapHandler,
    model_serializer,
)

# A lone UTF-16 surrogate: JSON may escape one ("\\ud800"), and a server's answer may hold
# one (a broken emoji cut in half), but no UTF-8 text can: written to the store it stopped a
# whole sync. It becomes U+FFFD, as a decoder shows a byte it cannot read.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_text(value: str) -> str:
    return value if value.isascii() else _LONE_SURROGATE.sub("\ufffd", value)


# Text from outside: a profile's fields, your posts.
Text = Annotated[str, AfterValidator(_valid_text)]


class AccountState(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    DEACTIVATED = "deactivated"
    DELETED = "deleted"
    # The account of someone who has died, kept by their instance in their memory (Mastodon's
    # `memorial`; Bluesky and X have no such state). Not dead in this module's sense, and never
    # worded so: it is never proposed (scoring.blend's guard), whatever a rule says.
    MEMORIAL = "memorial"

    @property
    def dead(self) -> bool:
        """Gone: suspended, deactivated or deleted. A memorial account is not."""
        return self is not AccountState.ACTIVE and self is not AccountState.MEMORIAL


class Account(BaseModel):
    """A profile as the network shows it. Counts are None when unknown (e.g. archive imports)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    handle: Text
    name: Text = ""
    bio: Text = ""
    location: Text = ""
    url: Text = ""
    created_at: datetime | None = None
    followers_count: int | None = None
    following_count: int | None = None
    post_count: int | None = None
    listed_count: int | None = None
    like_count: int | None = None
    last_active_at: datetime | None = None
    verified: bool = False
    protected: bool = False
    default_avatar: bool = False
    pinned_text: Text = ""
    # Posts a day over the last weeks, where a network measures it; None uses the lifetime
    # average. Over-posting is judged on it first: a lifetime average hides a recent flood.
    recent_posts_per_day: float | None = None
    state: AccountState = AccountState.ACTIVE
    # Where the account moved to (its new handle), where a network says so (Mastodon's
    # `moved`): proposed with "follow the new account" rather than just dropped.
    moved_to: Text = ""
    # The new account's id on the network, when known: unfollowing the old one then follows
    # it in the same run (and undo reverses both).
    moved_to_id: str = ""
    # False when only the id is known (an archive lists ids without profiles).
    profile_known: bool = True
    # Labels the network's own moderation put on the account, where it says so (Bluesky's
    # "spam", "impersonation", "!hide"): evidence from someone who saw more than the profile.
    moderation: tuple[str, ...] = ()
    # False where the network's profiles have no location field (Bluesky): a blank location
    # there says nothing of the account, so nothing is judged or said of it ("no bio and no
    # location" had counted a field nobody on Bluesky can fill against them).
    location_field: bool = True
    # True where the network says a program runs the account (Mastodon's `bot` flag): its
    # owner's word that it is a bot.
    automated: bool = False

    @property
    def handle_known(self) -> bool:
        """False when the network could show the account only by its id, as its handle: a
        Bluesky DID whose handle no longer resolves (`handle.invalid`) or a dead account, an X
        user without a username. Nobody chose that text, so nothing is read from its shape
        (the digits and consonant runs of a DID had been called a machine-made handle)."""
        return self.handle != self.id

    @property
    def chosen_handle(self) -> str:
        """The part of the handle its owner picked, which is all a handle's shape can say of
        them: X's whole handle, Mastodon's username without "@instance" (the instance's
        name and port had been read as "5 consonants in a row" and "ends in 5 digits"),
        Bluesky's first label without its domain ("alice" of alice.bsky.social). Empty when
        only the id is known (`handle_known`)."""
        handle = self.handle
        if handle == self.id:  # not handle_known
            return ""
        if "@" not in handle and "." not in handle:
            return handle  # X's, on the path every account takes
        handle = handle.lstrip("@")
        if "@" in handle:
            # A fediverse username may hold a dot ("news.bot@pleroma.site"): only the host goes.
            return handle.partition("@")[0]
        return handle.partition(".")[0]

    @model_serializer(mode="wrap")
    def _without_unmoved(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """`moved_to` only where an account moved (`moderation` only where labelled,
        `location_field` only where there is none, `automated` only where set): every other
        stored profile, the demo data and the goldens keep the bytes they had before the
        fields existed."""
        data: dict[str, Any] = handler(self)
        if not self.moved_to:
            data.pop("moved_to", None)
        if not self.moved_to_id:
            data.pop("moved_to_id", None)
        if not self.moderation:
            data.pop("moderation", None)
        if self.location_field:
            data.pop("location_field", None)
        if not self.automated:
            data.pop("automated", None)
        return data


class Relationship(BaseModel):
    """How the person relates to one account, as of the latest snapshot."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    account_id: str
    you_follow: bool = True
    # None when the source says nothing about followers (a `--from` file of profiles): reasons
    # then never claim either way.
    follows_you: bool | None = False
    muted: bool = False
    blocked: bool = False  # you block the account
    # The account blocks you (Bluesky's viewer.blockedBy, Mastodon's blocked_by): a follow
    # that shows you nothing of it.
    blocks_you: bool = False
    first_seen: datetime | None = None


class InteractionKind(StrEnum):
    REPLY = "reply"
    MENTION = "mention"
    QUOTE = "quote"
    REPOST = "repost"
    LIKE = "like"


class Direction(StrEnum):
    FROM_THEM = "from_them"  # they engaged with you
    FROM_YOU = "from_you"  # you engaged with them


class Interaction(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    account_id: str
    kind: InteractionKind
    direction: Direction
    at: datetime | None = None
    # The post behind the event, so re-reading the same post never counts it twice.
    source_id: str = ""


class ActionKind(StrEnum):
    UNFOLLOW = "unfollow"
    MUTE = "mute"
    FOLLOW = "follow"
    UNMUTE = "unmute"

    @property
    def inverse(self) -> ActionKind:
        return _INVERSE[self]


_INVERSE = {
    ActionKind.UNFOLLOW: ActionKind.FOLLOW,
    ActionKind.FOLLOW: ActionKind.UNFOLLOW,
    ActionKind.MUTE: ActionKind.UNMUTE,
    ActionKind.UNMUTE: ActionKind.MUTE,
}


class Graph(BaseModel):
    """Everything a network told us in one sync: who you are, whom you follow, how you interact."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    me: Account
    accounts: list[Account]
    relationships: list[Relationship]
    interactions: list[Interaction]
    my_posts: list[Text] = []


@dataclass(frozen=True)
class TimelineCounts:
    """One account's appearances in a sample of the home timeline."""

    originals: int = 0
    reposts: int = 0
    replies: int = 0

    @property
    def total(self) -> int:
        return self.originals + self.reposts + self.replies


@dataclass(frozen=True)
class TimelineSample:
    """Who appeared in a read of the home timeline, covering the last `window_days`."""

    window_days: float
    counts: dict[str, TimelineCounts] = field(default_factory=dict)
