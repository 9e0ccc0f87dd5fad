"""Bluesky as a Network: follows read from your own follow records, profiles in batches.

The AppView's follow list (app.bsky.graph.getFollows) silently leaves out deleted,
deactivated and taken-down accounts, which are exactly what a pruner must find: so the
follow *records* in your repo are the list, and a followed DID that getProfiles does not
return is a dead account.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from followprune.errors import ApiError
from followprune.models import (
    Account,
    AccountState,
    Direction,
    Interaction,
    InteractionKind,
    Relationship,
)
from followprune.networks.base import Candidate, Network, SuggestionRequest
from followprune.networks.bluesky.session import Login
from followprune.networks.bluesky.xrpc import XrpcError

FOLLOW = "app.bsky.graph.follow"
PAGE = 100  # listRecords' maximum
PROFILE_BATCH = 25  # getProfiles' maximum
INVALID_HANDLE = "handle.invalid"


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _rkey(uri: str) -> str:
    return uri.rsplit("/", 1)[-1]


def account_from_profile(profile: dict[str, Any]) -> Account:
    did = str(profile["did"])
    handle = str(profile.get("handle") or "")
    return Account(
        id=did,
        # An account whose handle no longer resolves is shown by its DID, the stable id.
        handle=did if not handle or handle == INVALID_HANDLE else handle,
        name=str(profile.get("displayName") or ""),
        bio=str(profile.get("description") or ""),
        url=f"https://bsky.app/profile/{did}",
        created_at=_time(profile.get("createdAt")),
        followers_count=profile.get("followersCount"),
        following_count=profile.get("followsCount"),
        post_count=profile.get("postsCount"),
        default_avatar=not profile.get("avatar"),
    )


def dead_state(message: str) -> AccountState:
    """The kind of a dead account from the AppView's refusal of its profile ("Profile not
    found", "Account is deactivated", "Account has been suspended / taken down")."""
    text = message.lower()
    if "deactivat" in text:
        return AccountState.DEACTIVATED
    if "suspend" in text or "taken" in text or "takedown" in text:
        return AccountState.SUSPENDED
    return AccountState.DELETED


def dead_account(did: str, state: AccountState) -> Account:
    """A followed DID the AppView has no profile for, shown by its DID. Its profile counts
    as known, so scoring treats it as dead rather than as unread."""
    return Account(id=did, handle=did, state=state)


class BlueskyNetwork(Network):
    name = "bluesky"

    def __init__(self, login: Login, now: datetime | None = None) -> None:
        self.login: Login = login
        self._now = now or datetime.now(UTC)
        # DID -> rkeys of your follow records for it (a DID can be followed by more than one
        # record; unfollowing deletes them all). None until the records have been read.
        self._records: dict[str, list[str]] | None = None

    @property
    def me(self) -> str:
        return self.login.session.did

    def whoami(self) -> Account:
        profiles = self.login.call("app.bsky.actor.getProfiles",
                                   params={"actors": [self.me]}).get("profiles", [])
        if profiles:
            return account_from_profile(profiles[0])
        return Account(id=self.me, handle=self.login.session.handle)

    def _follow_records(self) -> Iterator[dict[str, Any]]:
        cursor: str | None = None
        while True:
            params: dict[str, Any] = {"repo": self.me, "collection": FOLLOW, "limit": PAGE}
            if cursor:
                params["cursor"] = cursor
            page = self.login.call("com.atproto.repo.listRecords", params=params)
            records = page.get("records", [])
            yield from records
            cursor = page.get("cursor")
            if not cursor or not records:
                return

    def _read_records(self) -> dict[str, tuple[list[str], datetime | None]]:
        found: dict[str, tuple[list[str], datetime | None]] = {}
        for record in self._follow_records():
            value = record.get("value") or {}
            subject = value.get("subject")
            if not isinstance(subject, str) or not subject.startswith("did:"):
                continue
            rkeys, first = found.get(subject, ([], None))
            rkeys.append(_rkey(str(record["uri"])))
            since = _time(value.get("createdAt"))
            if since and (first is None or since < first):
                first = since
            found[subject] = (rkeys, first)
        self._records = {did: rkeys for did, (rkeys, _) in found.items()}
        return found

    def following(self) -> Iterable[tuple[Account, Relationship]]:
        records = self._read_records()
        dids = list(records)
        out: list[tuple[Account, Relationship]] = []
        for start in range(0, len(dids), PROFILE_BATCH):
            batch = dids[start:start + PROFILE_BATCH]
            answer = self.login.call("app.bsky.actor.getProfiles", params={"actors": batch})
            profiles = {p.get("did"): p for p in answer.get("profiles", [])}
            for did in batch:
                first_seen = records[did][1]
                profile = profiles.get(did)
                if profile is None:
                    found = self._missing(did)
                    if isinstance(found, AccountState):
                        out.append((dead_account(did, found),
                                    Relationship(account_id=did, first_seen=first_seen)))
                        continue
                    profile = found
                viewer = profile.get("viewer") or {}
                out.append((account_from_profile(profile), Relationship(
                    account_id=did,
                    follows_you=bool(viewer.get("followedBy")),
                    muted=bool(viewer.get("muted")),
                    blocked=bool(viewer.get("blocking")),
                    first_seen=first_seen,
                )))
        return out

    def _missing(self, did: str) -> dict[str, Any] | AccountState:
        """Why getProfiles left a DID out: one getProfile call for it (dead accounts are few,
        and telling deleted from deactivated or suspended is what a pruner reports). A
        profile back in the meantime (reactivated) is returned as an ordinary one."""
        try:
            return self.login.call("app.bsky.actor.getProfile", params={"actor": did})
        except XrpcError as exc:
            return dead_state(str(exc))

    def followers(self) -> set[str] | None:
        return None  # viewer.followedBy already told, in the profiles read

    def interactions(self) -> Iterable[Interaction]:
        return []

    def _rkeys(self) -> dict[str, list[str]]:
        if self._records is None:
            self._read_records()
        assert self._records is not None
        return self._records

    def is_following(self, account_id: str) -> bool | None:
        self._records = None  # reconciling asks the repo, not what this run remembers
        return bool(self._rkeys().get(account_id))

    def unfollow(self, account_id: str) -> None:
        # No record left is success: the unfollow already happened.
        for rkey in self._rkeys().pop(account_id, []):
            self.login.call("com.atproto.repo.deleteRecord", body={
                "repo": self.me, "collection": FOLLOW, "rkey": rkey})

    def follow(self, account_id: str) -> None:
        records = self._rkeys()
        if records.get(account_id):
            return
        try:
            created = self.login.call("com.atproto.repo.createRecord", body={
                "repo": self.me, "collection": FOLLOW,
                "record": {"$type": FOLLOW, "subject": account_id,
                           "createdAt": datetime.now(UTC).isoformat().replace("+00:00", "Z")},
            }, repeatable=False)
        except ApiError:
            # Cut off or failed: it may have happened all the same. The repo tells; a
            # blind retry could leave two follow records.
            if self.is_following(account_id):
                return
            raise
        records[account_id] = [_rkey(str(created.get("uri", "")))]

    def mute(self, account_id: str) -> None:
        self.login.call("app.bsky.graph.muteActor", body={"actor": account_id})

    def unmute(self, account_id: str) -> None:
        self.login.call("app.bsky.graph.unmuteActor", body={"actor": account_id})

    # -- suggest (issue 16): free reads, kept apart from the reading above ------------------
    def suggestion_candidates(self, request: SuggestionRequest) -> Iterable[Candidate]:
        """Bluesky's own suggestions (getSuggestions), accounts like your most-engaged
        mutuals (getSuggestedFollowsByActor), and the people behind your latest
        notifications (replies, mentions, quotes, reposts, new followers). Their profiles
        are then read in batches of 25 for the counts and viewer state scoring needs; one
        you already follow is dropped there."""
        found: dict[str, _Found] = {}
        answer = self.login.call("app.bsky.actor.getSuggestions",
                                 params={"limit": SUGGESTIONS_LIMIT})
        for actor in answer.get("actors", []):
            _found(found, actor).network = True
        for _mutual_id, handle, _count in request.mutuals:
            answer = self.login.call("app.bsky.graph.getSuggestedFollowsByActor",
                                     params={"actor": _mutual_id})
            for actor in answer.get("suggestions", []):
                _found(found, actor).engaged_by.append(handle)
        for note in self._notifications():
            kind = NOTIFICATION_KINDS.get(str(note.get("reason")))
            author = note.get("author") or {}
            if not author.get("did") or author.get("did") == self.me:
                continue
            entry = _found(found, author)
            if note.get("reason") == "follow":
                entry.follows_you = True
            elif kind is not None:
                entry.events.append(Interaction(
                    account_id=str(author["did"]), kind=kind, direction=Direction.FROM_THEM,
                    at=_time(note.get("indexedAt")), source_id=str(note.get("uri") or "")))
        return [
            Candidate(account, follows_you=found[account.id].follows_you or follows_you,
                      interactions=tuple(found[account.id].events),
                      engaged_by=tuple(dict.fromkeys(found[account.id].engaged_by)),
                      suggested_by_network=found[account.id].network)
            for account, follows_you, following in self._profiles(list(found))
            if not following
        ]

    def lookup(self, ids: Sequence[str]) -> list[Account]:
        """Free on Bluesky: current profiles, 25 a call (gone ones are left out)."""
        return [account for account, _, _ in self._profiles(list(ids))]

    def _notifications(self) -> Iterator[dict[str, Any]]:
        cursor: str | None = None
        for _ in range(NOTIFICATION_PAGES):
            params: dict[str, Any] = {"limit": PAGE}
            if cursor:
                params["cursor"] = cursor
            page = self.login.call("app.bsky.notification.listNotifications", params=params)
            yield from page.get("notifications", [])
            cursor = page.get("cursor")
            if not cursor:
                return

    def _profiles(self, dids: list[str]) -> Iterator[tuple[Account, bool, bool]]:
        """(account, follows you, you follow it) for each DID the AppView still has."""
        for start in range(0, len(dids), PROFILE_BATCH):
            answer = self.login.call("app.bsky.actor.getProfiles",
                                     params={"actors": dids[start:start + PROFILE_BATCH]})
            for profile in answer.get("profiles", []):
                viewer = profile.get("viewer") or {}
                yield (account_from_profile(profile), bool(viewer.get("followedBy")),
                       bool(viewer.get("following")))

    def close(self) -> None:
        self.login.xrpc.close()


# -- suggest (issue 16) ---------------------------------------------------------------------
SUGGESTIONS_LIMIT = 50
# The latest notifications read for candidates: three pages of 100 reach back days or weeks.
NOTIFICATION_PAGES = 3
NOTIFICATION_KINDS = {
    "reply": InteractionKind.REPLY, "mention": InteractionKind.MENTION,
    "quote": InteractionKind.QUOTE, "repost": InteractionKind.REPOST,
    "like": InteractionKind.LIKE,
}


class _Found:
    """What the sources said about one candidate DID, before its profile is read."""

    __slots__ = ("engaged_by", "events", "follows_you", "network")

    def __init__(self) -> None:
        self.network = False
        self.follows_you = False
        self.engaged_by: list[str] = []
        self.events: list[Interaction] = []


def _found(found: dict[str, _Found], actor: dict[str, Any]) -> _Found:
    return found.setdefault(str(actor["did"]), _Found())
