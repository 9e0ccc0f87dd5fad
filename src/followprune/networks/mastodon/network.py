"""Mastodon as a Network: whom you follow in pages of 80 (Link paging), follows-back and
mutes from relationships in chunks of 80, last activity from `last_status_at` (no call per
account), interactions from notifications and your own favourites and posts, read
incrementally, and the four idempotent actions."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from mastodon.types_base import PaginationInfo

from followprune.errors import ActionRejected, ApiError, FollowpruneError, OutcomeUnknown
from followprune.models import (
    Account,
    Direction,
    Interaction,
    InteractionKind,
    Relationship,
)
from followprune.networks.base import Network
from followprune.networks.mastodon.answers import (
    ACCOUNT,
    FOLLOWING,
    NOTIFICATIONS,
    RELATIONSHIPS,
    STATUSES,
)
from followprune.networks.mastodon.client import Client
from followprune.networks.mastodon.convert import (
    MASTODON_LAUNCH,
    account_from,
    strip_html,
    when,
)
from followprune.networks.shapes import SeenCursors, UnreadableAnswer
from followprune.store import Identity, Store

log = logging.getLogger("followprune.mastodon")

PAGE = 80  # the following list's and notifications' maximum
RELATIONSHIP_CHUNK = 80  # ids per relationships call
# Ids per call asking again for relationships left out, when no answer held any at all.
RELATIONSHIP_RETRY = 20
STATUS_PAGE = 40  # statuses' and favourites' maximum
# Empty pages in a row, each with a next link, after which a read stops (see _pages).
EMPTY_PAGES = 20
# Pages read per sync where there is no cursor yet (a first sync), or where the endpoint
# has none (favourites page by an internal id): the recent past is what scores use.
FIRST_PAGES = 5
FAVOURITE_PAGES = 2
# Notification kinds that are interactions, and what they count as. `follow` is left out:
# who follows you comes from relationships.
NOTIFICATION_KINDS = {
    "mention": InteractionKind.MENTION,
    "reblog": InteractionKind.REPOST,
    "favourite": InteractionKind.LIKE,
    "quote": InteractionKind.QUOTE,
}
# Cursors, kept per identity; see Cursors below.
SINCE_NOTIFICATIONS = "mastodon:since:notifications"
SINCE_STATUSES = "mastodon:since:statuses"


class Cursors:
    """Since-ids that become true only with the data they describe.

    A sync saves its interactions and snapshot in one transaction after the network was
    read, so a cursor written while reading would run ahead of a sync that then fails. Each
    new cursor is kept as pending, stamped with the sync's time; the next sync trusts it
    only if a snapshot of that time was saved (`last_synced`)."""

    def __init__(self, store: Store, identity: Identity | None, now: datetime) -> None:
        self.store, self.identity, self.now = store, identity, now

    def get(self, key: str) -> str | None:
        if self.identity is None:
            return None
        raw = self.store.get_state(self.identity, key)
        if not raw:
            return None
        try:
            saved = json.loads(raw)
            confirmed, pending, at = saved.get("since"), saved.get("pending"), saved.get("at")
        except (ValueError, AttributeError):
            return None
        synced = self.store.snapshots.last_synced(self.identity)
        if pending and at and synced is not None and synced >= datetime.fromisoformat(at):
            return str(pending)
        return str(confirmed) if confirmed else None

    def put(self, key: str, since: str | None, newest: str | None) -> None:
        if self.identity is None or not newest:
            return
        self.store.set_state(self.identity, key, json.dumps(
            {"since": since, "pending": newest, "at": self.now.isoformat()}))


def _first_seen(account: Account, me: Account, known: set[str] | None) -> datetime | None:
    """Mastodon gives no follow dates. On a first sync the earliest moment a follow could
    have happened is when both accounts existed (as for X): "now" would put the whole list
    inside the grace period for a month. A follow new since the last sync was made
    between the two: None lets the store date it now."""
    if known is not None and account.id not in known:
        return None
    return max(m for m in (MASTODON_LAUNCH, me.created_at, account.created_at) if m is not None)


def _relationship(account_id: str, tie: Mapping[str, Any] | None,
                  before: tuple[bool | None, bool, bool] | None,
                  first_seen: datetime | None) -> Relationship:
    """The tie to one account. One the instance left out is not a "no": a muted account
    had lost its "muted by you" guard and was proposed, and every one was read as not
    following back. The last sync's flags stand then (as on X); a follow no sync saw has
    follow-back unknown. Whether it blocks you is left as not: that only ever proposes."""
    if tie is None:
        follows_you, muted, blocked = before if before is not None else (None, False, False)
        return Relationship(account_id=account_id, follows_you=follows_you, muted=muted,
                            blocked=blocked, first_seen=first_seen)
    return Relationship(
        account_id=account_id,
        follows_you=bool(tie.get("followed_by")),
        muted=bool(tie.get("muting")),
        blocked=bool(tie.get("blocking")),
        blocks_you=bool(tie.get("blocked_by")),
        first_seen=first_seen,
    )


def _newest(ids: Iterable[str]) -> str | None:
    """Mastodon ids are numbers in text, ordered by time."""
    numbers = [i for i in ids if i.isdigit()]
    return max(numbers, key=int) if numbers else None


class MastodonNetwork(Network):
    name = "mastodon"

    def __init__(self, client: Client, store: Store, now: datetime) -> None:
        self.client = client
        self.store = store
        self.now = now
        self._me: Account | None = None
        self.me_id = ""  # your account id on the instance, known after whoami()
        # Set by a read of the following list: whether the instance gives last_status_at
        # (3.1 and later). An older one is named in the warning below.
        self.gives_last_status: bool | None = None
        # Your own posts' text, read with the interactions (for the interest profile).
        self._posts: list[str] = []
        self._notes: list[str] = []  # sync_notes

    # -- reading ------------------------------------------------------------------------------
    def whoami(self) -> Account:
        """You, with the id `<account id>@<host>`: account ids are only unique on their
        own instance, and the store keeps one identity per network and id, so two logins
        on two instances would otherwise share (and overwrite) one history."""
        if self._me is None:
            me = self.client.call("verify_credentials",
                                  self.client.api.account_verify_credentials, ACCOUNT)
            self.me_id = str(me["id"])
            self._me = account_from(me, self.client.host, self.now).model_copy(
                update={"id": f"{self.me_id}@{self.client.host}"})
        return self._me

    def _pages(self, what: str, first: Callable[[], Any], shape: Any,
               limit: int | None = None) -> Iterator[list[Mapping[str, Any]]]:
        """Pages by the `Link` header, each page one call, each checked to have `shape`
        (answers.py), for as long as the server announces a next page.

        An empty page is not the end while it has a next link (a server may drop hidden or
        suspended accounts from a page after paging it): ending there had stored a follow
        list cut short as the truth, and the accounts left out as no longer followed. It
        counts toward `limit` (how far back a read goes), and EMPTY_PAGES of them in a row
        stop the read loudly: before, the first one ended it, so an instance that answers
        empty pages with ever new cursors would now page for ever."""
        page = self.client.call(what, first, shape)
        count = empty = 0
        cursors = SeenCursors(f"the Mastodon instance {self.client.host}", f"\"{what}\"")
        asked: set[str] = set()
        while True:
            # Read before yielding: whoever reads the pages may call the instance meanwhile.
            link, path = self.client.next_link, self.client.answered_path
            count += 1
            empty = 0 if page else empty + 1
            if page:
                yield list(page)
            if (limit is not None and count >= limit) or link is None:
                return
            if empty >= EMPTY_PAGES:
                raise ApiError(f"the Mastodon instance {self.client.host} answered {empty}"
                               f" empty pages in a row of \"{what}\", each announcing"
                               " another: reading stopped rather than take part of the list"
                               " for all of it",
                               hint="try again later; if it persists, the server's paging is"
                                    " broken (or something in between answers for it)")
            cursors.check(link)
            page = self.client.call(what, self._next_page(what, page, link, path, asked), shape)

    def _next_page(self, what: str, page: Any, link: str, path: str,
                   asked: set[str]) -> Callable[[], Any]:
        """How to read the page `link` announces. Mastodon.py reads it by the max_id in its
        address, keeping the first call's parameters (a notification filter the link may
        leave out); an address without max_id (`?page=2`, another server software's
        cursor: the Mastodon docs say to follow the link as given) had ended the read, so
        that one is followed as given, and so is one whose max_id was already asked for
        (Mastodon.py would ask the same again).

        Only its path and query are used, on your instance: the token goes nowhere else
        (a proxy may name the instance by another host). A link to another path, or one
        that is no web address, is not this list's next page; the read stops loudly then,
        rather than take what was read so far as the whole list."""
        params = getattr(page, "_pagination_next", None)
        if isinstance(params, Mapping) and "?" not in str(params.get("_pagination_endpoint")):
            key = repr(sorted((str(k), repr(v)) for k, v in params.items()))
            if key not in asked:
                asked.add(key)
                return partial(self.client.api.fetch_next, page)
        parts = urlsplit(link)
        if parts.scheme not in ("http", "https") or not parts.path or parts.path != path:
            raise ApiError(f"the Mastodon instance {self.client.host} announced a next page"
                           f" of \"{what}\" that followprune cannot read ({link[:200]}):"
                           " reading stopped rather than take part of the list for all of it",
                           hint="try again later; if it persists, the server's paging is"
                                " broken (or something in between answers for it)")
        endpoint = parts.path + (f"?{parts.query}" if parts.query else "")
        following = PaginationInfo(_pagination_method="GET", _pagination_endpoint=endpoint)
        if getattr(page, "_mastopy_type", None):
            # The page's type: Mastodon.py parses times and ids by it.
            following["_mastopy_type"] = page._mastopy_type
        return partial(self.client.api.fetch_next, following)

    def following(self) -> Iterable[tuple[Account, Relationship]]:
        me = self.whoami()
        host = self.client.host
        entities: list[Mapping[str, Any]] = []
        for page in self._pages("following", lambda: self.client.api.account_following(
                self.me_id, limit=PAGE), FOLLOWING):
            entities.extend(page)
        if entities:
            # Mastodon.py fills fields an answer lacks with None, so an instance without the
            # field looks like one where nobody posted: no date at all among accounts that
            # did post is the sign.
            self.gives_last_status = any(e.get("last_status_at") for e in entities) or not any(
                e.get("statuses_count") for e in entities)
            if not self.gives_last_status:
                self._note(f"the Mastodon instance {host} gives no last_status_at (Mastodon"
                           " older than 3.1, or another server): last activity is unknown,"
                           " and no inactivity rule can match there")
        ties = self._relationships([str(e["id"]) for e in entities])
        identity = self.store.identity_of(self.name, me.id)
        stored = self.store.snapshots.tie_flags(identity) if identity is not None else {}
        # Whom the last sync already saw followed; None before the first sync.
        known = set(stored) if identity is not None \
            and self.store.snapshots.has_follows(identity) else None
        out: list[tuple[Account, Relationship]] = []
        left_out = 0
        for entity in entities:
            account = account_from(entity, host, self.now)
            tie = ties.get(account.id)
            left_out += tie is None
            out.append((account, _relationship(account.id, tie, stored.get(account.id),
                                               _first_seen(account, me, known))))
        if left_out:
            self._note(f"the Mastodon instance {host} left {left_out} of the accounts you"
                       " follow out of its relationships: their follow-back, mute and block"
                       " are as the last sync saw them (follow-back unknown for a follow no"
                       " sync saw)")
        return out

    def _note(self, text: str) -> None:
        """For the log (runs that act keep one) and, once, for the person (sync_notes)."""
        log.warning("%s", text)
        if text not in self._notes:
            self._notes.append(text)

    def sync_notes(self) -> list[str]:
        return list(self._notes)

    def _relationships(self, ids: list[str]) -> dict[str, Mapping[str, Any]]:
        """Each id's relationship, in chunks. Mastodon leaves out ids it cannot find, and
        other servers answer fewer ids than asked (a cap per call): those left out are
        asked again, in chunks of the most one answer held, until a call brings none of
        them (the instance does not know them or will not say: asking on would cost a call
        per chunk for nothing)."""
        ties: dict[str, Mapping[str, Any]] = {}
        most = 0
        for start in range(0, len(ids), RELATIONSHIP_CHUNK):
            found = self._ask_relationships(ids[start:start + RELATIONSHIP_CHUNK])
            ties.update(found)
            most = max(most, len(found))
        missing = [i for i in ids if i not in ties]
        size = most or RELATIONSHIP_RETRY
        for start in range(0, len(missing), size):
            found = self._ask_relationships(missing[start:start + size])
            if not found:
                break
            ties.update(found)
        return ties

    def _ask_relationships(self, chunk: list[str]) -> dict[str, Mapping[str, Any]]:
        # with_suspended: a suspended account you follow is exactly what to report.
        answer = self.client.call("relationships", partial(
            self.client.api.account_relationships, chunk, with_suspended=True),
            RELATIONSHIPS)
        asked = set(chunk)
        # Only those asked for: a relationship of another account says nothing of these.
        return {str(r["id"]): r for r in answer if str(r["id"]) in asked}

    def followers(self) -> set[str] | None:
        return None  # relationships' followed_by already told

    def interactions(self) -> Iterable[Interaction]:
        me = self.whoami()
        cursors = Cursors(self.store, self.store.identity_of(self.name, me.id), self.now)
        found = list(self._notifications(cursors))
        found += self._favourites()
        found += self._own_statuses(self.me_id, cursors)
        return found

    def _notifications(self, cursors: Cursors) -> Iterator[Interaction]:
        since = cursors.get(SINCE_NOTIFICATIONS)
        ids: list[str] = []
        api = self.client.api
        pages = self._pages("notifications", lambda: api.notifications(
            since_id=since, limit=PAGE, types=list(NOTIFICATION_KINDS)), NOTIFICATIONS,
            limit=None if since else FIRST_PAGES)
        for page in pages:
            for note in page:
                ids.append(str(note["id"]))
                kind = NOTIFICATION_KINDS.get(str(note.get("type")))
                account = note.get("account") or {}
                if kind is None or not account.get("id"):
                    continue
                status = note.get("status") or {}
                if kind is InteractionKind.MENTION and status.get("in_reply_to_id"):
                    kind = InteractionKind.REPLY
                yield Interaction(account_id=str(account["id"]), kind=kind,
                                  direction=Direction.FROM_THEM, at=when(note.get("created_at")),
                                  source_id=f"notification:{note['id']}")
        cursors.put(SINCE_NOTIFICATIONS, since, _newest(ids) or since)

    def _favourites(self) -> list[Interaction]:
        """Favourites page by an internal id that the statuses do not carry, so there is no
        since-id: the latest pages are read each sync, and the source ids keep the store
        from counting one twice."""
        out: list[Interaction] = []
        for page in self._pages("favourites", lambda: self.client.api.favourites(
                limit=STATUS_PAGE), STATUSES, limit=FAVOURITE_PAGES):
            for status in page:
                author = status.get("account") or {}
                if author.get("id"):
                    out.append(Interaction(
                        account_id=str(author["id"]), kind=InteractionKind.LIKE,
                        direction=Direction.FROM_YOU, at=when(status.get("created_at")),
                        source_id=f"favourite:{status['id']}"))
        return out

    def _own_statuses(self, me_id: str, cursors: Cursors) -> list[Interaction]:
        since = cursors.get(SINCE_STATUSES)
        out: list[Interaction] = []
        ids: list[str] = []
        self._posts = []
        for page in self._pages("statuses", lambda: self.client.api.account_statuses(
                me_id, since_id=since, limit=STATUS_PAGE), STATUSES,
                limit=None if since else FIRST_PAGES):
            for status in page:
                ids.append(str(status["id"]))
                out += _from_own_status(status, me_id)
                if not status.get("reblog"):
                    text = strip_html(status.get("content"))
                    if text:
                        self._posts.append(text)
        cursors.put(SINCE_STATUSES, since, _newest(ids) or since)
        return out

    def my_posts(self) -> list[str]:
        return list(self._posts)

    # -- acting -------------------------------------------------------------------------------
    def is_following(self, account_id: str) -> bool | None:
        tie = self._tie(account_id)
        return None if tie is None else bool(tie.get("following") or tie.get("requested"))

    def is_muting(self, account_id: str) -> bool | None:
        tie = self._tie(account_id)
        return None if tie is None else tie.get("muting") is True

    def _tie(self, account_id: str) -> Mapping[str, Any] | None:
        answer = self.client.call("relationships", lambda: self.client.api.account_relationships(
            [account_id], with_suspended=True), RELATIONSHIPS)
        for tie in answer:
            if str(tie["id"]) == account_id:
                found: Mapping[str, Any] = tie
                return found
        return None

    def _act(self, verb: str, account_id: str, run: Callable[[str], Any],
             confirms: tuple[str, bool]) -> None:
        """Idempotent on Mastodon: each answers the new relationship, and an unfollow of
        someone not followed (or a mute of someone muted) changes nothing. An account that
        is gone, or on an instance that is gone or refuses, is an ActionRejected naming why
        (client.call), which stops only this action.

        Done only when the relationship answered says so (`following` false after an
        unfollow; a follow request sent counts as a follow). An answer that does not say
        (an unreadable one, `{}`) is neither done nor failed until the relationship is
        asked for, so the journal never records as done what did not happen, nor the
        reverse."""
        what = f"{verb} {account_id}"
        field, wanted = confirms
        try:
            answer = self.client.call(what, lambda: run(account_id), action=True)
        except UnreadableAnswer:
            answer = None
        except OutcomeUnknown:
            # The instance kept failing after the request may have arrived: the relationship
            # tells; if it cannot be asked either, the action stays in flight.
            try:
                tie = self._tie(account_id)
            except FollowpruneError:
                tie = None
            if tie is None:
                raise
            if _says(tie, field, wanted):
                return
            # Not done, while the instance keeps failing: the run stops, as before asking.
            raise ApiError(f"the Mastodon instance {self.client.host} failed {what} and did"
                           " not do it", hint="try again later") from None
        # A relationship of another account (a proxy's cached answer, an id of the wrong
        # type) says nothing of this one: it had been taken as done.
        if _says(answer, field, wanted) and _about(answer, account_id):
            return
        log.warning("%s's answer to %s did not say it was done; checking", self.client.host,
                    what)
        tie = self._tie(account_id)
        if tie is None:
            raise ActionRejected(f"the Mastodon instance {self.client.host}'s answer to {what}"
                                 " did not say whether it was done, nor did the relationship"
                                 " asked after",
                                 hint="check on the instance before trying again; the run"
                                 " lists it as failed")
        if not _says(tie, field, wanted):
            raise ActionRejected(f"the Mastodon instance {self.client.host} answered {what}"
                                 " without doing it", hint="try again later")

    def unfollow(self, account_id: str) -> None:
        self._act("unfollow", account_id, self.client.api.account_unfollow, ("following", False))

    def follow(self, account_id: str) -> None:
        self._act("follow", account_id, self.client.api.account_follow, ("following", True))

    def mute(self, account_id: str) -> None:
        self._act("mute", account_id, self.client.api.account_mute, ("muting", True))

    def unmute(self, account_id: str) -> None:
        self._act("unmute", account_id, self.client.api.account_unmute, ("muting", False))

    def close(self) -> None:
        self.client.close()


def _about(tie: Any, account_id: str) -> bool:
    """Whether a relationship is the one of `account_id` (ids are strings in Mastodon's
    API; Mastodon.py may make them numbers)."""
    return isinstance(tie, Mapping) and type(tie.get("id")) in (str, int) \
        and str(tie["id"]) == account_id


def _says(tie: Any, field: str, wanted: bool) -> bool:
    """Whether a relationship says `field` is `wanted` (a follow request counts as a
    follow)."""
    if not isinstance(tie, Mapping):
        return False
    if field == "following" and wanted and tie.get("requested") is True:
        return True
    return tie.get(field) is wanted


def _from_own_status(status: Mapping[str, Any], me_id: str) -> list[Interaction]:
    """A boost of someone, a reply to someone, and everyone mentioned: what you did with
    whom, once per status."""
    at = when(status.get("created_at"))
    sid = str(status["id"])
    reblog = status.get("reblog")
    if isinstance(reblog, Mapping):
        author = reblog.get("account") or {}
        if author.get("id") and str(author["id"]) != me_id:
            return [Interaction(account_id=str(author["id"]), kind=InteractionKind.REPOST,
                                direction=Direction.FROM_YOU, at=at,
                                source_id=f"status:{sid}")]
        return []
    out: list[Interaction] = []
    replied = status.get("in_reply_to_account_id")
    if replied and str(replied) != me_id:
        out.append(Interaction(account_id=str(replied), kind=InteractionKind.REPLY,
                               direction=Direction.FROM_YOU, at=at, source_id=f"status:{sid}"))
    for mention in status.get("mentions") or []:
        mid = str(mention.get("id") or "")
        if mid and mid != me_id and mid != str(replied or ""):
            out.append(Interaction(account_id=mid, kind=InteractionKind.MENTION,
                                   direction=Direction.FROM_YOU, at=at,
                                   source_id=f"status:{sid}:{mid}"))
    return out
