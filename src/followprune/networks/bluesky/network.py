"""Bluesky as a Network: follows read from your own follow records, profiles in batches.

The AppView's follow list (app.bsky.graph.getFollows) silently leaves out deleted,
deactivated and taken-down accounts, which are exactly what a pruner must find: so the
follow *records* in your repo are the list, and a followed DID that getProfiles does not
return is a dead account.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from followprune.errors import ApiError
from followprune.models import Account, AccountState, Interaction, Relationship
from followprune.networks.base import Network
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

    def close(self) -> None:
        self.login.xrpc.close()
