"""Bluesky as a Network: follows read from your own follow records, profiles in batches.

The AppView's follow list (app.bsky.graph.getFollows) silently leaves out deleted,
deactivated and taken-down accounts, which are exactly what a pruner must find: so the
follow *records* in your repo are the list, and a followed DID that getProfiles does not
return is a dead account.

Everyone is followed by DID, the stable id: a changed handle is only what the next read
of the profile shows.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from followprune.config import BlueskySettings
from followprune.errors import ActionRejected, ApiError, FollowpruneError, OutcomeUnknown
from followprune.models import (
    Account,
    AccountState,
    ActionKind,
    Interaction,
    Relationship,
    TimelineSample,
)
from followprune.networks.base import Candidate, Network, SuggestionRequest
from followprune.networks.bluesky import budget
from followprune.networks.bluesky.activity import (
    NEW_FOLLOWERS,
    Activity,
    read_activity,
    read_followers,
)
from followprune.networks.bluesky.feeds import Sample, latest_post, read_sample
from followprune.networks.bluesky.records import FOLLOW, created_time
from followprune.networks.bluesky.records import parse_time as _time
from followprune.networks.bluesky.records import rkey_of as _rkey
from followprune.networks.bluesky.session import Login
from followprune.networks.bluesky.xrpc import RateLimited, XrpcError
from followprune.networks.shapes import SeenCursors, UnreadableAnswer, count
from followprune.networks.window import MAX_WAITS
from followprune.store import Identity, Store

log = logging.getLogger("followprune.bluesky")

PAGE = 100  # listRecords' maximum
EMPTY_PAGES = 20  # empty pages in a row, each with a new cursor, that stop a read loudly
PROFILE_BATCH = 25  # getProfiles' maximum
INVALID_HANDLE = "handle.invalid"
# Activity older than this is where the quality score starts to count silence: an account
# whose free reads show nothing newer is the one an author-feed call can change the
# proposal of.
SILENT_DAYS = 60
# An author-feed answer stays good this long: a silent account is not asked every sync.
RECHECK_DAYS = 7
# Sync state: DID -> latest post seen (ISO), and DID -> when its author feed was last read.
LAST_ACTIVE = "bluesky.last_active"
ACTIVITY_CHECKED = "bluesky.activity_checked"


# Labels Bluesky's moderation (or another labeller the AppView applies) puts on accounts that
# say the account is not what a person follows for; a label the account put on itself
# ("!no-unauthenticated", a self-declared "porn") says nothing of the kind.
MODERATION_LABELS = frozenset({"spam", "impersonation", "!hide", "engagement-farming"})


def moderation_of(did: str, labels: Any) -> tuple[str, ...]:
    """The moderation labels others put on the account `did`, sorted, from a profile's
    `labels` (com.atproto.label.defs#label: src, val, neg for a label taken back)."""
    if not isinstance(labels, list):
        return ()
    found = {str(label.get("val")) for label in labels
             if isinstance(label, dict) and label.get("src") != did and not label.get("neg")
             and label.get("val") in MODERATION_LABELS}
    return tuple(sorted(found))


def verified_by_bluesky(verification: Any) -> bool:
    """Whether Bluesky shows the profile with a tick (app.bsky.actor.defs#verificationState):
    verified by a verifier it trusts, or a trusted verifier itself: what `keep_verified`
    keeps, as it keeps X's checks. A handle on the person's own domain is not counted: it
    proves the domain, not who holds it."""
    return isinstance(verification, dict) and "valid" in (
        verification.get("verifiedStatus"), verification.get("trustedVerifierStatus"))


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
        created_at=created_time(profile.get("createdAt")),
        followers_count=count(profile.get("followersCount")),
        following_count=count(profile.get("followsCount")),
        post_count=count(profile.get("postsCount")),
        default_avatar=not profile.get("avatar"),
        verified=verified_by_bluesky(profile.get("verification")),
        moderation=moderation_of(did, profile.get("labels")),
        location_field=False,
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
    return Account(id=did, handle=did, state=state, location_field=False)


class BlueskyNetwork(Network):
    name = "bluesky"

    def __init__(self, login: Login, now: datetime | None = None, *,
                 store: Store | None = None, settings: BlueskySettings | None = None) -> None:
        self.login: Login = login
        self._now = now or datetime.now(UTC)
        # Without a store (benchmarks, the network alone) every read is a first one and no
        # write budget is kept.
        self.store = store
        self.settings = settings or BlueskySettings()
        # DID -> rkeys of your follow records for it (a DID can be followed by more than one
        # record; unfollowing deletes them all). None until the records have been read.
        self._records: dict[str, list[str]] | None = None
        self._identity: Identity | None = None
        self._activity: Activity | None = None
        self._sample: Sample | None = None
        self._pending: dict[str, str] = {}
        # The ties as the last sync stored them, read only when a profile has no viewer.
        self._stored_ties: dict[str, Relationship] | None = None
        # Author-feed calls answered in this run.
        self.author_feed_calls = 0

    @property
    def me(self) -> str:
        return self.login.session.did

    @property
    def identity(self) -> Identity | None:
        if self._identity is None and self.store is not None:
            self._identity = self.store.identity(self.name, self.me, self.login.session.handle)
        return self._identity

    def _stored(self, key: str) -> str | None:
        identity = self.identity
        return None if identity is None or self.store is None \
            else self.store.get_state(identity, key)

    def whoami(self) -> Account:
        profiles = self.login.call("app.bsky.actor.getProfiles",
                                   params={"actors": [self.me]}).get("profiles", [])
        if profiles:
            return account_from_profile(profiles[0])
        return Account(id=self.me, handle=self.login.session.handle, location_field=False)

    def _follow_records(self) -> Iterator[dict[str, Any]]:
        cursor: str | None = None
        empty = 0
        cursors = SeenCursors(f"the Bluesky service {self.login.xrpc.service}",
                              "your follow records")
        while True:
            params: dict[str, Any] = {"repo": self.me, "collection": FOLLOW, "limit": PAGE}
            if cursor:
                params["cursor"] = cursor
            page = self.login.call("com.atproto.repo.listRecords", params=params)
            records = page.get("records", [])
            empty = 0 if records else empty + 1
            yield from records
            cursor = page.get("cursor")
            # Only the cursor says the list goes on: a PDS may answer a page it filtered
            # empty and still hand one back, and stopping there had silently dropped every
            # later follow. A cursor that comes round again stops a read that never ends,
            # and so do EMPTY_PAGES empty pages in a row with ever new cursors, loudly:
            # part of the list is not to be taken for all of it.
            if not cursor:
                return
            if empty >= EMPTY_PAGES:
                raise ApiError(f"the Bluesky service {self.login.xrpc.service} answered"
                               f" {empty} empty pages in a row of your follow records, each"
                               " with another cursor: reading stopped rather than take part"
                               " of the list for all of it",
                               hint="try again later; if it persists, the service's paging"
                                    " is broken")
            cursors.check(cursor)

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
                        out.append((self._dead(did, found),
                                    Relationship(account_id=did, first_seen=first_seen)))
                        continue
                    profile = found
                out.append((account_from_profile(profile),
                            self._tie(did, profile.get("viewer"), first_seen)))
        return self._with_last_activity(out)

    def _tie(self, did: str, viewer: object, first_seen: datetime | None) -> Relationship:
        """The tie a profile's `viewer` tells. `viewer` is optional in a
        profileViewDetailed (an AppView answering without your session leaves it out):
        without it nothing is known of the tie, so the last sync's flags stand, and an
        account never synced has follows_you unknown. Read as "no", a muted account had
        lost its guard and a mutual was told it does not follow you back."""
        if isinstance(viewer, dict):
            return Relationship(
                account_id=did,
                follows_you=bool(viewer.get("followedBy")),
                muted=bool(viewer.get("muted")),
                blocked=bool(viewer.get("blocking")),
                blocks_you=bool(viewer.get("blockedBy")),
                first_seen=first_seen,
            )
        if self._stored_ties is None:
            identity = self.identity
            self._stored_ties = {} if identity is None or self.store is None \
                else self.store.snapshots.tie_relationships(identity)
        before = self._stored_ties.get(did)
        if before is None:
            return Relationship(account_id=did, follows_you=None, first_seen=first_seen)
        return before.model_copy(update={"you_follow": True, "first_seen": first_seen})

    # -- last activity ------------------------------------------------------------------------
    def _with_last_activity(
        self, pairs: list[tuple[Account, Relationship]]
    ) -> list[tuple[Account, Relationship]]:
        """Each live account's latest post, from what is free first: what earlier syncs
        learnt, the home timeline sample and your notifications; then one author-feed call
        for those still unknown or silent, at most `activity_lookups` a sync."""
        known = self._load_times(LAST_ACTIVE)
        checked = self._load_times(ACTIVITY_CHECKED)
        for source in (self._read_sample().latest, self._read_activity().seen_active):
            for did, at in source.items():
                if did not in known or at > known[did]:
                    known[did] = at
        live = [a.id for a, _ in pairs if not a.state.dead]
        for did in self._lookups(live, known, checked):
            try:
                read, posted = latest_post(self.login.call, did, self._now)
            except ApiError as exc:
                # The lookups are the last and least needed read: a service failing (or
                # a rate limit closing for long) after the retries keeps what was read,
                # and the next sync asks the rest.
                log.warning("stopped the author-feed lookups after %d: %s",
                            self.author_feed_calls, exc)
                break
            self.author_feed_calls += 1
            if read:
                checked[did] = self._now
            if posted is not None and (did not in known or posted > known[did]):
                known[did] = posted
        followed = {a.id for a, _ in pairs}
        self._pending[LAST_ACTIVE] = _dump_times(known, followed)
        self._pending[ACTIVITY_CHECKED] = _dump_times(checked, followed)
        return [(a.model_copy(update={"last_active_at": known[a.id]})
                 if a.id in known and not a.state.dead else a, r) for a, r in pairs]

    def _lookups(self, live: list[str], known: dict[str, datetime],
                 checked: dict[str, datetime]) -> list[str]:
        """Whose proposal an author-feed call can change: accounts the free reads show
        nothing of within SILENT_DAYS (unknown: no score for silence; older: a silence
        penalty that a newer post would lift), not read in the last RECHECK_DAYS. Never
        read first, then the longest ago."""
        silent_before = self._now - timedelta(days=SILENT_DAYS)
        fresh_after = self._now - timedelta(days=RECHECK_DAYS)
        wanted = [did for did in live
                  if (did not in known or known[did] < silent_before)
                  and (did not in checked or checked[did] < fresh_after)]
        never = datetime.min.replace(tzinfo=UTC)
        wanted.sort(key=lambda did: checked.get(did, never))
        return wanted[:self.settings.activity_lookups]

    def _load_times(self, key: str) -> dict[str, datetime]:
        try:
            raw = json.loads(self._stored(key) or "{}")
        except ValueError:
            return {}  # a mark that cannot be read is only a cache: start over
        times = {did: _time(at) for did, at in raw.items()} if isinstance(raw, dict) else {}
        return {did: at for did, at in times.items() if at is not None}

    def _read_sample(self) -> Sample:
        if self._sample is None:
            self._sample = read_sample(self.login.call, self.settings.timeline_pages,
                                       self._now)
        return self._sample

    def home_timeline(self) -> TimelineSample | None:
        return self._read_sample().timeline

    # -- interactions ---------------------------------------------------------------------------
    def _read_activity(self) -> Activity:
        if self._activity is None:
            self._activity = read_activity(self.login.call, self.me, self._stored)
            self._pending.update(self._activity.state)
        return self._activity

    def interactions(self) -> Iterable[Interaction]:
        return list(self._read_activity().interactions)

    def my_posts(self) -> list[str]:
        return list(self._read_activity().my_posts)

    def sync_state(self) -> dict[str, str]:
        pending, self._pending = self._pending, {}
        return pending

    # -- acting ---------------------------------------------------------------------------------
    def refusal(self, kind: ActionKind, now: datetime) -> str | None:
        identity = self.identity
        if identity is None or self.store is None:
            return None
        return budget.refusal(self.store, identity, kind, now)

    def _missing(self, did: str) -> dict[str, Any] | AccountState:
        """Why getProfiles left a DID out: one getProfile call for it (dead accounts are few,
        and telling deleted from deactivated or suspended is what a pruner reports). A
        profile back in the meantime (reactivated) is returned as an ordinary one."""
        try:
            return self.login.call("app.bsky.actor.getProfile", params={"actor": did})
        except XrpcError as exc:
            return dead_state(str(exc))

    def _dead(self, did: str, state: AccountState) -> Account:
        """A dead account as it was last read alive, in its new state: the handle and name a
        person knows it by (as X shows its dead accounts), where a DID says nothing
        (persona round 16 met "did:plc:…" rows she could not place). Never read: its DID."""
        identity = self.identity
        known = [] if identity is None or self.store is None \
            else self.store.snapshots.find_accounts(identity, [did])
        if known:
            return known[0].model_copy(update={"state": state})
        return dead_account(did, state)

    def followers(self) -> set[str] | None:
        return None  # viewer.followedBy already told, in the profiles read

    def _rkeys(self) -> dict[str, list[str]]:
        if self._records is None:
            self._read_records()
        assert self._records is not None
        return self._records

    def is_following(self, account_id: str) -> bool | None:
        self._records = None  # reconciling asks the repo, not what this run remembers
        return bool(self._rkeys().get(account_id))

    def _still_following(self, account_id: str, failure: ApiError) -> bool:
        """Whether a follow record is left, after an action's answer was lost (`failure`);
        when the repo cannot be read either, OutcomeUnknown (the action stays in flight),
        naming both failures (the acting run adds that whether it was done is not known)."""
        try:
            return bool(self.is_following(account_id))
        except FollowpruneError as exc:
            raise OutcomeUnknown(f"{failure.message}; then, asked whether it was done:"
                                 f" {exc.message}", hint=exc.hint) from None

    def unfollow(self, account_id: str) -> None:
        # No record left is success: the unfollow already happened.
        unreadable: UnreadableAnswer | None = None
        for rkey in self._rkeys().pop(account_id, []):
            try:
                self.login.call("com.atproto.repo.deleteRecord", body={
                    "repo": self.me, "collection": FOLLOW, "rkey": rkey})
            except UnreadableAnswer as exc:
                unreadable = exc
            except XrpcError:
                raise  # refused: not done
            except ApiError as exc:
                # The service kept failing or could not be reached: the delete may have
                # happened. The repo tells; if it cannot, the action stays in flight.
                if not self._still_following(account_id, exc):
                    return
                raise
        # An answer that says nothing (a proxy's page) is neither done nor failed until the
        # repo is asked whether a follow record is left.
        if unreadable is not None and self.is_following(account_id):
            raise ActionRejected(f"the Bluesky service {self.login.xrpc.service} answered"
                                 f" the unfollow of {account_id} without doing it:"
                                 f" {unreadable.message}", hint="try again later")

    def follow(self, account_id: str) -> None:
        records = self._rkeys()
        if records.get(account_id):
            return
        waits = 0
        while True:
            try:
                created = self.login.call("com.atproto.repo.createRecord", body={
                    "repo": self.me, "collection": FOLLOW,
                    "record": {"$type": FOLLOW, "subject": account_id,
                               "createdAt": datetime.now(UTC).isoformat()
                               .replace("+00:00", "Z")},
                }, repeatable=False)
                break
            except XrpcError:
                raise  # refused: not done
            except ApiError as exc:
                # Cut off, failed or answered 429: it may have happened all the same. The
                # repo tells; a blind retry could leave two follow records.
                if self._still_following(account_id, exc):
                    return
                if not isinstance(exc, RateLimited) or exc.wait is None or waits >= MAX_WAITS:
                    raise
                self.login.xrpc.wait_out(exc, "com.atproto.repo.createRecord")
                waits += 1
        uri = created.get("uri")
        if not self._names_follow_record(uri):
            # A 200 naming no record of ours (`{"uri": ""}`) does not say a follow was made:
            # it had been journaled done, and the account was never followed again.
            unreadable = UnreadableAnswer(
                f"the Bluesky service {self.login.xrpc.service} answered the follow of"
                f" {account_id} with {uri!r}, which is no follow record of yours")
            if self._still_following(account_id, unreadable):
                return
            raise ActionRejected(f"{unreadable.message}, and did not make one",
                                 hint="try again later")
        records[account_id] = [_rkey(str(uri))]

    def _names_follow_record(self, uri: object) -> bool:
        """Whether `uri` is the AT-URI of a follow record in your repo, as createRecord
        answers one: at://<your DID or handle>/app.bsky.graph.follow/<record key>."""
        if not isinstance(uri, str):
            return False
        repo, _, rest = uri.removeprefix("at://").partition("/")
        collection, _, rkey = rest.partition("/")
        return (uri.startswith("at://") and repo in (self.me, self.login.session.handle)
                and collection == FOLLOW and bool(rkey) and "/" not in rkey)

    def mute(self, account_id: str) -> None:
        self._mute("app.bsky.graph.muteActor", account_id, True)

    def unmute(self, account_id: str) -> None:
        self._mute("app.bsky.graph.unmuteActor", account_id, False)

    def is_muting(self, account_id: str) -> bool | None:
        """The profile's `viewer.muted` (left out when you do not mute); None when the
        profile has no viewer state."""
        viewer = self.login.call("app.bsky.actor.getProfile",
                                 params={"actor": account_id}).get("viewer")
        return viewer.get("muted", False) is True if isinstance(viewer, dict) else None

    def _mute(self, method: str, account_id: str, wanted: bool) -> None:
        """muteActor or unmuteActor: idempotent, so xrpc retries it on 5xx and dropped
        connections. Done only on an answer that is one (no body, `{}`). An answer that
        says nothing (a proxy's page) or a failure after every retry (it may have reached
        the service) is neither done nor failed until the profile's `viewer.muted` is
        asked; when that cannot be read, OutcomeUnknown (the action stays in flight).
        Had been: any 200 was done (a proxy's page too, nothing muted), and a mute carried
        out and then answered 5xx was journaled failed, so undo never unmuted the account."""
        try:
            self.login.call(method, body={"actor": account_id})
            return
        except (XrpcError, RateLimited):
            raise  # refused, or not carried out: not done
        except ApiError as exc:
            failure = exc
        try:
            muted = self.is_muting(account_id)
        except FollowpruneError as exc:
            raise OutcomeUnknown(f"{failure.message}; then, asked whether it was done:"
                                 f" {exc.message}", hint=exc.hint) from None
        if muted is None:
            raise OutcomeUnknown(f"{failure.message}; then, asked whether it was done: the"
                                 " profile did not say", hint="try again later")
        if muted is wanted:
            return
        if isinstance(failure, UnreadableAnswer):
            raise ActionRejected(f"{failure.message}, and it was not done",
                                 hint="try again later")
        raise failure

    # -- suggest (issue 16): free reads, kept apart from the reading above ------------------
    def suggestion_candidates(self, request: SuggestionRequest) -> Iterable[Candidate]:
        """Bluesky's own suggestions (getSuggestions), accounts like your most-engaged
        mutuals (getSuggestedFollowsByActor), the people who engaged with you whose profile
        the store lacks (`request.author_ids`, most recent first: the sync read their
        notifications) and those who recently followed you (what the sync's notifications
        said, kept in its state). No notification is read again here: the app adds what
        each candidate did to you from the store. Their profiles are then read in batches
        of 25 for the counts and viewer state scoring needs; one you already follow is
        dropped there. Lists you saved or pinned as feeds (the app's "lists you follow")
        name their members too."""
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
        for did in request.author_ids[:AUTHORS_READ]:
            if did != self.me:
                _found(found, {"did": did})
        for did in self._recent_followers():
            if did != self.me:
                _found(found, {"did": did}).follows_you = True
        for name, members in self._saved_lists():
            for did in members:
                if did != self.me:
                    _found(found, {"did": did}).lists.append(name)
        return [
            Candidate(account, follows_you=found[account.id].follows_you or follows_you,
                      engaged_by=tuple(dict.fromkeys(found[account.id].engaged_by)),
                      lists=tuple(dict.fromkeys(found[account.id].lists)),
                      suggested_by_network=found[account.id].network)
            for account, follows_you, following in self._profiles(list(found))
            if not following
        ]

    def _saved_lists(self) -> Iterator[tuple[str, list[str]]]:
        """(name, member DIDs) of each list you saved or pinned as a feed: one preferences
        read, then up to LIST_PAGES pages of each of the first LISTS_READ. A moderation list
        (people to mute or block) is no reason to follow anyone, so it is skipped; a list
        deleted since it was saved too."""
        preferences = self.login.call("app.bsky.actor.getPreferences").get("preferences", [])
        for uri in _saved_list_uris(preferences)[:LISTS_READ]:
            cursor: str | None = None
            name, members = "", []
            for _ in range(LIST_PAGES):
                params: dict[str, Any] = {"list": uri, "limit": PAGE}
                if cursor:
                    params["cursor"] = cursor
                try:
                    page = self.login.call("app.bsky.graph.getList", params=params)
                except XrpcError as exc:
                    if exc.status == 400:  # "List not found": deleted since it was saved
                        break
                    raise
                view = page.get("list") or {}
                if str(view.get("purpose", "")).endswith("#modlist"):
                    break
                name = str(view.get("name") or uri)
                members += [str(item["subject"]["did"]) for item in page.get("items", [])
                            if (item.get("subject") or {}).get("did")]
                cursor = page.get("cursor")
                if not cursor:
                    break
            if members:
                yield name, members

    def _recent_followers(self) -> list[str]:
        """Who recently followed you, newest first: what this run's sync read (its state is
        written with the snapshot, but a run may not have synced) or else the state."""
        if self._activity is not None:
            followers = self._activity.followers
        else:
            followers = read_followers(self._stored(NEW_FOLLOWERS))
        return sorted(followers, key=lambda did: followers[did], reverse=True)

    def lookup(self, ids: Sequence[str]) -> list[Account]:
        """Free on Bluesky: current profiles, 25 a call (gone ones are left out)."""
        return [account for account, _, _ in self._profiles(list(ids))]

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


def _dump_times(times: dict[str, datetime], keep: set[str]) -> str:
    """Times of the accounts still followed, as JSON for the sync state."""
    return json.dumps({did: at.isoformat() for did, at in sorted(times.items()) if did in keep},
                      separators=(",", ":"))


# -- suggest (issue 16) ---------------------------------------------------------------------
SUGGESTIONS_LIMIT = 50
# The people who engaged with you read as candidates, most recent first: as many as the three
# pages of notifications suggest once read itself, 12 profile calls.
AUTHORS_READ = 300


# Lists saved as feeds read for candidates, and pages of 100 members read of each.
LISTS_READ = 10
LIST_PAGES = 5
LIST_COLLECTION = "/app.bsky.graph.list/"


def _saved_list_uris(preferences: list[dict[str, Any]]) -> list[str]:
    """The AT-URIs of the lists among your saved feeds, pinned ones first: the current
    preference (savedFeedsPrefV2's items of type "list") and the older one (savedFeedsPref's
    pinned and saved URIs, lists told by their collection)."""
    pinned: list[str] = []
    saved: list[str] = []
    for pref in preferences:
        kind = pref.get("$type", "")
        if kind == "app.bsky.actor.defs#savedFeedsPrefV2":
            for item in pref.get("items") or []:
                if isinstance(item, dict) and item.get("type") == "list" and item.get("value"):
                    (pinned if item.get("pinned") else saved).append(str(item["value"]))
        elif kind == "app.bsky.actor.defs#savedFeedsPref":
            pinned += [str(u) for u in pref.get("pinned") or [] if LIST_COLLECTION in str(u)]
            saved += [str(u) for u in pref.get("saved") or [] if LIST_COLLECTION in str(u)]
    return list(dict.fromkeys(pinned + saved))


class _Found:
    """What the sources said about one candidate DID, before its profile is read."""

    __slots__ = ("engaged_by", "follows_you", "lists", "network")

    def __init__(self) -> None:
        self.network = False
        self.follows_you = False
        self.engaged_by: list[str] = []
        self.lists: list[str] = []


def _found(found: dict[str, _Found], actor: dict[str, Any]) -> _Found:
    return found.setdefault(str(actor["did"]), _Found())
