"""Your own posts → what they say about whom you engage with (always Direction.FROM_YOU).

The archive holds only your side: replies, mentions, quotes and reposts you made. Likes
carry no author, and nothing records others engaging with you.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from followprune.models import Direction, Interaction, InteractionKind

# A quote shows up in the archive only as a link to the quoted post, by screen name.
_STATUS_URL = re.compile(
    r"https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/([A-Za-z0-9_]{1,15})/status(?:es)?/\d+",
    re.IGNORECASE,
)
# The archive marks a repost only by its text: "RT @name: …".
_REPOST = re.compile(r"RT @([A-Za-z0-9_]{1,15}):")


def status_author(url: str) -> str | None:
    """The screen name in a link to a post (`https://x.com/name/status/1`), if it is one."""
    match = _STATUS_URL.fullmatch(url.split("?", 1)[0])
    return match.group(1) if match else None


@dataclass(frozen=True, slots=True)
class ArchivePost:
    """One of your posts, reduced to what derivation needs."""

    id: str
    at: datetime | None
    text: str
    reply_to_id: str | None
    mentions: tuple[tuple[str, str], ...]  # (account id, screen name), in text order
    linked_names: tuple[str, ...]  # screen names of posts linked to (quotes)

    @property
    def repost_of(self) -> str | None:
        match = _REPOST.match(self.text)
        return match.group(1) if match else None


class InteractionDeriver:
    """Feed posts in any order; quotes and reposts that name an account only by screen name
    are resolved at the end, against the ids mentions gave for those names."""

    def __init__(self, me_id: str, me_handle: str) -> None:
        self._me = me_id
        self._newest_name: dict[str, tuple[float, str]] = {}  # id -> (when, screen name)
        # Your own name is yours now, whoever held it before: links to your posts are threads.
        self._id_by_name: dict[str, tuple[float, str]] = {me_handle.lower(): (math.inf, me_id)}
        self._pending: list[tuple[str, InteractionKind, datetime | None, str]] = []
        self.unresolved: Counter[InteractionKind] = Counter()

    @property
    def handles(self) -> dict[str, str]:
        """The latest screen name seen for each account id."""
        return {account_id: name for account_id, (_, name) in self._newest_name.items()}

    def add(self, post: ArchivePost) -> list[Interaction]:
        when = post.at.timestamp() if post.at else 0.0
        for account_id, name in post.mentions:
            self._learn(account_id, name, when)
        found: dict[tuple[str, InteractionKind], None] = {}
        reposted = post.repost_of
        if reposted is not None:
            # The other mentions in a repost are the original author's, not yours.
            self._by_name(reposted, InteractionKind.REPOST, post, found)
        else:
            if post.reply_to_id is not None:
                found[(post.reply_to_id, InteractionKind.REPLY)] = None
            for name in post.linked_names:
                self._by_name(name, InteractionKind.QUOTE, post, found)
            for account_id, _ in post.mentions:
                if account_id != post.reply_to_id:
                    found[(account_id, InteractionKind.MENTION)] = None
        return [
            _interaction(account_id, kind, post.at, post.id)
            for account_id, kind in found
            if account_id != self._me
        ]

    def finish(self) -> Iterator[Interaction]:
        """The quotes and reposts whose account is now known by name."""
        for name, kind, at, source_id in self._pending:
            entry = self._id_by_name.get(name)
            if entry is None:
                self.unresolved[kind] += 1
            elif entry[1] != self._me:
                yield _interaction(entry[1], kind, at, source_id)
        self._pending.clear()

    def _learn(self, account_id: str, name: str, when: float) -> None:
        seen = self._newest_name.get(account_id)
        if seen is None or when >= seen[0]:
            self._newest_name[account_id] = (when, name)
        # Names are reused over the years: the newest holder of a name wins.
        key = name.lower()
        holder = self._id_by_name.get(key)
        if holder is None or when >= holder[0]:
            self._id_by_name[key] = (when, account_id)

    def _by_name(
        self, name: str, kind: InteractionKind, post: ArchivePost,
        found: dict[tuple[str, InteractionKind], None],
    ) -> None:
        # A mention in the same post names the account directly (a repost's first mention).
        for account_id, mentioned in post.mentions:
            if mentioned.lower() == name.lower():
                found[(account_id, kind)] = None
                return
        self._pending.append((name.lower(), kind, post.at, post.id))


def _interaction(
    account_id: str, kind: InteractionKind, at: datetime | None, source_id: str
) -> Interaction:
    return Interaction(
        account_id=account_id, kind=kind, direction=Direction.FROM_YOU, at=at, source_id=source_id
    )
