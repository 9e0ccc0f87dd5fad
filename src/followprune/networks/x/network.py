"""The X network: reads into models, actions through the API, sync state in the store.

Reads are few and large: the following list 1,000 per page with every field scoring needs
(no per-account calls), who follows back from `connection_status` (the followers list only
when X leaves it out), and interactions read incrementally (since_id) from your own posts,
your mentions and your likes.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

from followprune.config import XSettings
from followprune.errors import ActionRejected, ApiError, FollowpruneError, OutcomeUnknown
from followprune.models import (
    Account,
    Direction,
    Graph,
    Interaction,
    InteractionKind,
    Relationship,
    TimelineCounts,
    TimelineSample,
)
from followprune.networks.base import (
    Candidate,
    Network,
    SuggestionRequest,
    relationships_with_followers,
)
from followprune.networks.shapes import PageLoop, SeenCursors
from followprune.networks.x import convert, progress
from followprune.networks.x.client import BadParameters, Billing, XClient
from followprune.networks.x.costs import Resource, Usage
from followprune.networks.x.fields import (
    FIELD_PARAMETERS,
    Spelling,
    authored_params,
    my_posts_params,
    other,
    user_params,
)
from followprune.networks.x.plan import PlannedRead, SuggestPlan, SyncPlan
from followprune.store import Identity, Store
from followprune.store.snapshots import SnapshotChange

log = logging.getLogger("followprune.x")

LIST_PAGE = 1000  # max_results of /following and /followers
LOOKUP_BATCH = 100  # ids per GET /2/users
TIMELINE_PAGE = 100
# The stream sample (x.sample_timeline): the latest pages of the home timeline.
HOME_PAGES = 8
HOME_ROUTE_KEY = "GET /2/users/:id/timelines/reverse_chronological"
# A first read of your posts, mentions and likes looks at the latest page only; later
# syncs read what is new since then, up to this many pages.
INCREMENTAL_PAGES = 5
# Share of accounts assumed to have a pinned post (expanded, so billed as a post read),
# until a sync has seen the real share; then that share, plus a margin for drift.
PINNED_SHARE = 0.25
PINNED_MARGIN = 0.05
PINNED_SHARE_KEY = "pinned_share"
# A later sync first asks for this many of your latest likes (the fewest X allows), and reads
# full pages only if they are all new: likes have no since_id, and a second sync the same day
# used to pay for 100 likes to find two new ones.
LIKES_PROBE = 10

JSON = dict[str, Any]
# Parked accounts are looked up (priced) at most this often (issue 16).
PARKED_LOOKUP_HOURS = 24
PARKED_LOOKUP_KEY = "suggest.parked_lookup_at"


class XNetwork(Network):
    name = "x"
    paced = True

    def __init__(self, client: XClient, store: Store, settings: XSettings,
                 now: datetime) -> None:
        self.client = client
        self.store = store
        self.settings = settings
        self.max_cost = settings.max_cost
        self.now = now
        self._first_spelling: Spelling | None = None
        # (accounts with a pinned post included, accounts) read by this sync so far.
        self._pinned_seen: tuple[int, int] | None = None
        self._me: Account | None = None
        self._me_counts: JSON = {}
        self._identity: Identity | None = None
        self._connection_status: bool | None = None
        self._activity: tuple[list[Interaction], list[str]] | None = None
        # What the plan keeps for the reads after the following list, and after the followers
        # list: a list of unknown length is read only within the budget less these.
        self._reserve: tuple[float, float] = (0.0, 0.0)
        # Written by the sync together with the snapshot, so a failed sync moves no cursor.
        self.pending_state: dict[str, str] = {}
        # Whose remembered rate-limit windows were loaded (once per run).
        self._limits_restored = False
        hint = client.auth.credentials.user_id_hint()
        known = progress.known_identity(store, self.name, hint) if hint else None
        if known is not None:
            # Before the first call, so even /2/users/me waits out a window an earlier run
            # left exhausted.
            self._restore_limits(known)

    # -- who -------------------------------------------------------------------------------
    def whoami(self) -> Account:
        if self._me is None:
            body = self._users_call("/2/users/me", key="GET /2/users/me",
                                    what="reading your profile", billing=Resource.USER,
                                    connection_status=False, one=True)
            user = body.get("data") or {}
            self._me = convert.account_from_listed_user(user, convert.included_posts(body))
            self._me_counts = dict(user.get("public_metrics") or {})
        return self._me

    def first_read_cost(self) -> float:
        return 0.0 if self._me is not None else self.client.prices.unit(Resource.USER)

    @property
    def identity(self) -> Identity:
        if self._identity is None:
            me = self.whoami()
            self._identity = self.store.identity(self.name, me.id, me.handle)
            if self._first_spelling is not None:
                self.store.set_state(self._identity, progress.SPELLING, self._first_spelling)
            if not self._limits_restored:
                self._restore_limits(self._identity)
        return self._identity

    # -- rate limits remembered between runs ----------------------------------------------
    def _restore_limits(self, identity: Identity) -> None:
        self.client.limits.restore(progress.load_rate_limits(self.store, identity))
        self._limits_restored = True

    def remember_limits(self) -> None:
        """Keep the windows still in force for the next run: one started before a reset
        then waits instead of provoking a 429 (X counts per user, not per process)."""
        if self._identity is None:
            return  # no call beyond /2/users/me (if any) was made for an account we know
        try:
            self.store.set_state(self._identity, progress.RATE_LIMITS,
                                 json.dumps(self.client.limits.remembered()))
        except sqlite3.Error as exc:
            # Runs at close, often after another error: never hide that one behind this.
            log.warning("could not remember the rate limits: %s", exc)

    # -- planning ------------------------------------------------------------------------------
    def plan_sync(self, now: datetime, *, refresh: bool = False,
                  profiles_only: bool = False) -> SyncPlan:
        """What the next sync reads and its estimated price, from the counts in your profile
        and what the store already holds."""
        me = self.whoami()
        identity = self.identity
        prices = self.client.prices
        plan = SyncPlan(me=me, made_at=now, profiles_only=profiles_only)
        plan.reads.append(PlannedRead("your profile", 1, 1, prices.unit(Resource.USER)))
        if profiles_only:
            ids = self.unknown_profiles()
            plan.profile_ids = ids
            plan.reads.append(PlannedRead(
                f"profiles of {len(ids)} accounts known by id only",
                math.ceil(len(ids) / LOOKUP_BATCH), len(ids),
                len(ids) * prices.unit(Resource.USER)))
            return plan
        following = self._count("following_count")
        synced = progress.synced_at(self.store, identity)
        fresh_hours = self.settings.freshness_hours
        # Where the reads after the following list (and after the followers list) start:
        # what they are estimated at is kept out of a list of unknown length (_list_page).
        after_following = after_followers = 0
        if (not refresh and synced is not None
                and (now - synced).total_seconds() < fresh_hours * 3600):
            plan.read_following = False
            age = (now - synced).total_seconds() / 3600
            plan.reused.append(f"following list read {age:.1f} h ago (fresher than"
                               f" {fresh_hours:g} h; --refresh reads it again)")
        else:
            done = 0
            saved = progress.load_progress(self.store, identity)
            if saved is not None and not refresh and progress.progress_is_current(
                    saved, now, fresh_hours):
                plan.resume_pages = saved.pages
                plan.resume = True
                done = saved.accounts
                plan.reused.append(f"{saved.accounts} accounts already read by an interrupted"
                                   " sync (resumed)")
            finished = plan.resume and saved is not None and not saved.next_token
            if following is None and not finished:
                plan.unknown.append("following")
                plan.reads.append(PlannedRead(
                    "following list: how many accounts is unknown (your profile gave no"
                    " count), read page by page up to the max cost", 1, 0, 0.0))
            else:
                left = 0 if finished else max(0, (following or 0) - done)
                plan.reads.append(PlannedRead(
                    f"following list: {left} accounts", math.ceil(left / LIST_PAGE), left,
                    left * prices.unit(Resource.OWNED_USER)))
                posts = self._expanded_posts(left)
                if posts:
                    plan.reads.append(PlannedRead(
                        "posts that date last activity and pinned posts (expanded, estimated)",
                        0, posts, posts * prices.unit(Resource.POST)))
            after_following = len(plan.reads)
            followers = self._count("followers_count")
            saved_followers = progress.load_followers_progress(self.store, identity)
            if plan.resume and saved_followers is not None:
                followers = (0 if not saved_followers.next_token else None if followers is None
                             else max(0, followers - saved_followers.accounts))
                plan.reused.append(f"{saved_followers.accounts} followers already read by an"
                                   " interrupted sync (resumed)")
            if followers is None:
                followers_read = PlannedRead(
                    "followers list: how many accounts is unknown (your profile gave no"
                    " count), read page by page up to the max cost", 1, 0, 0.0)
            else:
                followers_read = PlannedRead(
                    f"followers list: {followers} accounts", math.ceil(followers / LIST_PAGE),
                    followers, followers * prices.unit(Resource.OWNED_USER))
            status = self.store.get_state(identity, progress.CONNECTION_STATUS)
            if status == "absent":
                plan.reads.append(followers_read)
                if followers is None:
                    plan.unknown.append("followers")
            elif status is None:
                plan.maybe.append(PlannedRead(
                    followers_read.label + " (only if X does not say who follows back)",
                    followers_read.calls, followers_read.resources, followers_read.cost))
            after_followers = len(plan.reads)
        if self.settings.sample_timeline and plan.read_following:
            posts = HOME_PAGES * TIMELINE_PAGE
            plan.reads.append(PlannedRead(
                f"your home timeline: up to {posts} posts (who fills your stream)",
                HOME_PAGES, posts, posts * prices.unit(Resource.POST)))
        plan.reads.extend(self._activity_plan(identity))
        if plan.read_following:
            plan.reserve_after_following = sum(r.cost for r in plan.reads[after_following:])
            plan.reserve_after_followers = sum(r.cost for r in plan.reads[after_followers:])
        return plan

    def _expanded_posts(self, accounts: int) -> int:
        spelling = self._spelling()
        share = self._pinned_share() + (1.0 if spelling == "new" else 0.0)
        return math.ceil(accounts * share)

    def _pinned_share(self) -> float:
        """The share of followed accounts with a pinned post, as the estimate should assume:
        what the last sync saw (or this one so far, if higher), with a margin; the default
        before any sync. Kept at or above the likely bill so --max-cost holds."""
        seen = self._pinned_seen
        learned: float | None = None
        if seen is not None and seen[1] >= 100:
            learned = seen[0] / seen[1]
        identity = self._identity
        stored = self.store.get_state(identity, PINNED_SHARE_KEY) if identity else None
        if stored is not None:
            with contextlib.suppress(ValueError):
                learned = max(learned or 0.0, float(stored))
        if learned is None:
            return PINNED_SHARE
        return min(1.0, learned + PINNED_MARGIN)

    def _activity_plan(self, identity: Identity) -> list[PlannedRead]:
        unit = self.client.prices.unit(Resource.OWNED_POST)
        post = self.client.prices.unit(Resource.POST)
        reads = []
        for label, key, count_name in (
            ("your recent posts", progress.SINCE_MY_POSTS, "tweet_count"),
            ("posts that mention you", progress.SINCE_MENTIONS, None),
            ("posts you liked", progress.NEWEST_LIKE, "like_count"),
        ):
            if self.store.get_state(identity, key):
                # Likes have no since_id: at least the probe page is read and billed.
                probe = LIKES_PROBE if key == progress.NEWEST_LIKE else 0
                reads.append(PlannedRead(f"{label}: only new ones since the last sync", 1,
                                         probe, probe * unit))
                continue
            total = TIMELINE_PAGE
            if count_name:
                total = min(TIMELINE_PAGE, int(self._me_counts.get(count_name)
                                               or self._me_counts.get("post_count") or 0)
                            if count_name == "tweet_count"
                            else int(self._me_counts.get(count_name) or 0))
            cost = total * unit
            if key == progress.SINCE_MY_POSTS:
                cost += total * post  # reposted, quoted, replied-to posts come along
            reads.append(PlannedRead(f"{label}: up to {total}", 1, total, cost))
        return reads

    # -- reading ------------------------------------------------------------------------------
    def following(self) -> Iterable[tuple[Account, Relationship]]:
        """Read outside a planned sync: saved pages are used while they are fresh."""
        return self._read_following(resume=None)

    def _read_following(self, *, resume: bool | None) -> Iterator[tuple[Account, Relationship]]:
        """`resume`: the plan's decision about saved pages; None decides by their age."""
        identity = self.identity
        saved = progress.load_progress(self.store, identity)
        usable = resume if resume is not None else (
            saved is not None and progress.progress_is_current(
                saved, self.now, self.settings.freshness_hours))
        if saved is not None and not usable:
            progress.clear_progress(self.store, identity)
            saved = None
        stored = self._stored_flags() if saved is not None else {}
        first_sync = not self.store.snapshots.has_follows(identity)
        if saved is not None:
            for row in progress.saved_rows(self.store, identity):
                account = self.store.snapshots.find_account(identity, row[0])
                if account is not None:
                    yield account, self._relationship(row, stored, self._since(account, first_sync))
            if saved.next_token is None:
                return
        token = saved.next_token if saved is not None else None
        started = saved.started_at if saved is not None else self.now.isoformat()
        pages = saved.pages if saved is not None else 0
        count = saved.accounts if saved is not None else 0
        route = f"/2/users/{identity.account_id}/following"
        tokens = SeenCursors("X", "your following list")
        if token:
            tokens.check(token)
        total = self._count("following_count")
        while True:
            # Per page: the share of pinned posts is learned as pages arrive.
            per_account = self.client.prices.unit(Resource.OWNED_USER) + self.client.prices.unit(
                Resource.POST) * (self._expanded_posts(LIST_PAGE) / LIST_PAGE)
            size, cost = self._list_page(count, total, per_account, self._reserve[0])
            params: dict[str, str | int] = {"max_results": size}
            if token:
                params["pagination_token"] = token
            body = self._users_call(route, key="GET /2/users/:id/following",
                                    what="reading your following list",
                                    billing=Resource.OWNED_USER, extra=params,
                                    expected_cost=cost)
            accounts, rows = self._page(body, identity)
            token = (body.get("meta") or {}).get("next_token")
            if token:
                try:
                    tokens.check(token)
                except PageLoop:
                    # The pages kept so far hold the loop's repeats: the next sync starts over.
                    progress.clear_progress(self.store, identity)
                    raise
            pages += 1
            count += len(rows)
            with self.store.transaction():
                self.store.snapshots.save_profiles(identity, accounts, self.now)
                progress.save_page(self.store, identity, progress.FollowingProgress(
                    started, token, pages, count), rows)
                status = self.pending_state.get(progress.CONNECTION_STATUS)
                if status is not None:
                    # Kept with the pages, not only at the end: a sync resumed from them
                    # must still know whether to read the followers list.
                    self.store.set_state(identity, progress.CONNECTION_STATUS, status)
            if stored == {} and self._connection_status is False:
                stored = self._stored_flags()
            for account, row in zip(accounts, rows, strict=True):
                yield account, self._relationship(row, stored, self._since(account, first_sync))
            if not token:
                return

    def _list_page(self, read: int, total: int | None, per_account: float,
                   reserve: float) -> tuple[int, float]:
        """max_results of the next page of a list and the most it may cost, with `read` of
        its `total` accounts read (None: your profile gave no count). A known remainder is
        priced as such (plus a margin for follows made since). An unknown one (no count, or
        X still gives a next_token once the count is reached) is asked for in a page no
        larger than the budget still allows, keeping `reserve` for the reads planned after
        this list: pricing it as a full page of 1,000 accounts had refused a list of 150
        costing half the max cost, when X's last page still carried a next_token. When
        not one more account fits, the price passes the budget and the client stops
        before the call; the pages read are kept and the next sync resumes."""
        if total is not None and read < total:
            return LIST_PAGE, min(LIST_PAGE, total - read + 10) * per_account
        budget = self.client.budget
        if budget is None or per_account <= 0:
            return LIST_PAGE, 0.0
        room = budget - self.client.usage.cost - reserve
        size = max(1, min(LIST_PAGE, math.floor(room / per_account + 1e-9)))
        return size, size * per_account + reserve

    def _count(self, name: str) -> int | None:
        """A count of your profile's public_metrics; None when X left it out (optional in
        the spec) or sent something that is no count."""
        value = self._me_counts.get(name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            return None
        return value

    def _page(self, body: JSON, identity: Identity) -> tuple[list[Account], list[progress.PageRow]]:
        posts = convert.included_posts(body)
        accounts: list[Account] = []
        rows: list[progress.PageRow] = []
        users = [u for u in body.get("data") or [] if isinstance(u, dict)]
        pinned = sum(1 for u in users if str(u.get("pinned_post_id") or u.get("pinned_tweet_id")
                                             or "") in posts)
        before = self._pinned_seen or (0, 0)
        self._pinned_seen = (before[0] + pinned, before[1] + len(users))
        if self._pinned_seen[1]:
            self.pending_state[PINNED_SHARE_KEY] = (
                f"{self._pinned_seen[0] / self._pinned_seen[1]:.4f}")
        if users and self._connection_status is None:
            present = all("connection_status" in u for u in users)
            self._connection_status = present
            self.pending_state[progress.CONNECTION_STATUS] = "present" if present else "absent"
        for user in users:
            account = convert.account_from_listed_user(user, posts)
            status = user.get("connection_status")
            if isinstance(status, list):
                rows.append((account.id, "followed_by" in status, "muting" in status,
                             "blocking" in status))
            else:  # not said: keep what the store knew
                rows.append((account.id, None, None, None))
            accounts.append(account)
        # The list's own `id` is yours: an error about it is no follow of yours either.
        listed = {a.id for a in accounts} | {identity.account_id}
        for dead in self._dead_accounts(body, lambda account_id: account_id not in listed):
            accounts.append(dead)
            rows.append((dead.id, None, None, None))
        return accounts, rows

    def _dead_accounts(self, body: JSON, asked: Callable[[str], bool]) -> list[Account]:
        """The accounts a page's `errors` say are gone, by the one rule of both readers:
        the error names a user that was asked for (convert.erring_user; `asked` is the
        caller's own test), never a post or an expanded user, which no follow is."""
        dead: list[Account] = []
        for error in body.get("errors") or []:
            account_id = convert.erring_user(error)
            if account_id is None or not asked(account_id) or any(
                    d.id == account_id for d in dead):
                continue
            account = convert.dead_account(
                error, self.store.snapshots.find_account(self.identity, account_id))
            if account is not None:
                dead.append(account)
        return dead

    def _stored_flags(self) -> dict[str, tuple[bool | None, bool, bool]]:
        """follows_you, muted, blocked as last stored: kept where X does not say."""
        return self.store.snapshots.tie_flags(self.identity)

    def _since(self, account: Account, first_sync: bool) -> datetime | None:
        """On the first sync, the earliest moment the follow could have happened; later,
        None: a new tie is first seen now."""
        if not first_sync:
            return None
        return convert.earliest_follow_time(
            self.whoami().created_at, account.created_at, convert.snowflake_time(account.id)
        )

    @staticmethod
    def _relationship(row: progress.PageRow | list[Any],
                      stored: dict[str, tuple[bool | None, bool, bool]],
                      first_seen: datetime | None) -> Relationship:
        account_id, follows_you, muted, blocked = row
        before: tuple[bool | None, bool, bool] = stored.get(account_id, (False, False, False))
        return Relationship(
            account_id=account_id, you_follow=True,
            follows_you=before[0] if follows_you is None else follows_you,
            muted=before[1] if muted is None else muted,
            blocked=before[2] if blocked is None else blocked,
            first_seen=first_seen,
        )

    def followers(self) -> set[str] | None:
        if self._connection_status is None:
            status = self.store.get_state(self.identity, progress.CONNECTION_STATUS)
            self._connection_status = status != "absent"
        if self._connection_status:
            return None
        identity = self.identity
        # Saved pages of an interrupted read count only while the following list's do
        # (following() has already dropped those if stale or refreshed, and these with them).
        saved = progress.load_followers_progress(self.store, identity)
        if saved is not None and not progress.progress_is_current(
                saved, self.now, self.settings.freshness_hours):
            progress.clear_progress(self.store, identity)
            saved = None
        ids = progress.saved_follower_ids(self.store, identity) if saved is not None else set()
        if saved is not None and saved.next_token is None:
            return ids
        started = saved.started_at if saved is not None else self.now.isoformat()
        pages = saved.pages if saved is not None else 0
        count = saved.accounts if saved is not None else 0
        total = self._count("followers_count")
        # Ids only: no expansion, so no post is billed with them.
        per_account = self.client.prices.unit(Resource.OWNED_USER)

        def next_page() -> tuple[int, float]:
            return self._list_page(count, total, per_account, self._reserve[1])

        for body, token in self.client.pages(
            f"/2/users/{identity.account_id}/followers", key="GET /2/users/:id/followers",
            what="reading your followers list", params={}, sizing=next_page,
            billing=Billing(Resource.OWNED_USER),
            start_token=saved.next_token if saved is not None else None,
        ):
            page = [str(u["id"]) for u in body.get("data") or []]
            ids.update(page)
            pages += 1
            count += len(page)
            progress.save_followers_page(self.store, identity, progress.FollowingProgress(
                started, token, pages, count), page)
        return ids

    def interactions(self) -> Iterable[Interaction]:
        return list(self._read_activity()[0])

    def my_posts(self) -> list[str]:
        return list(self._read_activity()[1])

    def _read_activity(self) -> tuple[list[Interaction], list[str]]:
        if self._activity is None:
            me_id = self.identity.account_id
            interactions: list[Interaction] = []
            texts: list[str] = []
            for body in self._timeline("tweets", progress.SINCE_MY_POSTS,
                                       my_posts_params(self._spelling()),
                                       "reading your recent posts"):
                referenced = convert.included_posts(body)
                for post in body.get("data") or []:
                    interactions += convert.interactions_from_my_post(post, referenced, me_id)
                    if not convert.is_repost(post):
                        texts.append(str(post.get("text") or ""))
            for body in self._timeline("mentions", progress.SINCE_MENTIONS,
                                       authored_params(self._spelling()),
                                       "reading posts that mention you"):
                for post in body.get("data") or []:
                    found = convert.interaction_by_author(post, InteractionKind.MENTION,
                                                          Direction.FROM_THEM, me_id)
                    if found:
                        interactions.append(found)
            interactions += self._likes(me_id)
            self._activity = (interactions, [t for t in texts if t])
        return self._activity

    def _timeline(self, endpoint: str, since_key: str, params: dict[str, str],
                  what: str) -> Iterator[JSON]:
        since = self.store.get_state(self.identity, since_key)
        query: dict[str, str | int] = {**params, "max_results": TIMELINE_PAGE}
        if since:
            query["since_id"] = since
        newest: str | None = None
        for body, _ in self.client.pages(
            f"/2/users/{self.identity.account_id}/{endpoint}",
            key=f"GET /2/users/:id/{endpoint}", what=what, params=query,
            billing=Billing(Resource.OWNED_POST),
            max_pages=INCREMENTAL_PAGES if since else 1,
        ):
            newest = newest or (body.get("meta") or {}).get("newest_id")
            yield body
        if newest:
            self.pending_state[since_key] = newest

    def _home_sample(self, now: datetime) -> TimelineSample | None:
        """Who wrote the latest posts of your home timeline, and as what. The window is from
        the oldest post read until now; None when the timeline is empty."""
        counts: dict[str, list[int]] = {}
        oldest: datetime | None = None
        for body, _ in self.client.pages(
            f"/2/users/{self.identity.account_id}/timelines/reverse_chronological",
            key=HOME_ROUTE_KEY, what="reading your home timeline",
            params={"tweet.fields": "created_at,author_id,in_reply_to_user_id,referenced_tweets",
                    "max_results": TIMELINE_PAGE},
            billing=Billing(Resource.POST), max_pages=HOME_PAGES,
        ):
            for post in body.get("data") or []:
                author = str(post.get("author_id") or "")
                at = convert.post_time(post)
                if not author or at is None:
                    continue
                oldest = at if oldest is None or at < oldest else oldest
                kinds = counts.setdefault(author, [0, 0, 0])
                kinds[convert.stream_kind(post)] += 1
        if oldest is None:
            return None
        # At least an hour: a burst of posts in the last minutes is not a rate per day.
        window = max((now - oldest).total_seconds() / 86400, 1 / 24)
        return TimelineSample(window, {a: TimelineCounts(*c) for a, c in counts.items()})

    def _likes(self, me_id: str) -> list[Interaction]:
        """Likes have no since_id: read pages until the newest like of the last sync, a small
        page first when there was one, since most syncs find only a few new likes."""
        seen = self.store.get_state(self.identity, progress.NEWEST_LIKE)
        found: list[Interaction] = []
        newest: str | None = None
        for body in self._like_pages(me_id, seen):
            posts = body.get("data") or []
            newest = newest or (str(posts[0]["id"]) if posts else None)
            reached = False
            for post in posts:
                if str(post["id"]) == seen:
                    reached = True
                    break
                like = convert.interaction_by_author(post, InteractionKind.LIKE,
                                                     Direction.FROM_YOU, me_id)
                if like:
                    found.append(like)
            if reached:
                break
        if newest:
            self.pending_state[progress.NEWEST_LIKE] = newest
        return found

    def _like_pages(self, me_id: str, seen: str | None) -> Iterator[JSON]:
        route, key = f"/2/users/{me_id}/liked_tweets", "GET /2/users/:id/liked_tweets"
        params = authored_params(self._spelling())
        billing = Billing(Resource.OWNED_POST)
        token: str | None = None
        pages = INCREMENTAL_PAGES if seen else 1
        if seen:
            for body, token in self.client.pages(
                route, key=key, what="reading posts you liked", billing=billing,
                params={**params, "max_results": LIKES_PROBE}, max_pages=1,
            ):
                yield body
                posts = body.get("data") or []
                if not token or any(str(p.get("id")) == seen for p in posts):
                    return
            pages -= 1
        yield from (body for body, _ in self.client.pages(
            route, key=key, what="reading posts you liked", billing=billing,
            params={**params, "max_results": TIMELINE_PAGE}, start_token=token,
            max_pages=pages,
        ))

    # -- profiles of accounts known by id only (archive imports) ---------------------------
    def unknown_profiles(self) -> list[str]:
        return self.store.snapshots.ids_without_profile(self.identity)

    def hydrate(self, ids: list[str]) -> list[Account]:
        """Profiles for these ids, 100 per call; gone accounts come back dead."""
        accounts: list[Account] = []
        unit = self.client.prices.unit(Resource.USER)
        for start in range(0, len(ids), LOOKUP_BATCH):
            batch = ids[start:start + LOOKUP_BATCH]
            body = self._users_call("/2/users", key="GET /2/users",
                                    what="reading profiles", billing=Resource.USER,
                                    extra={"ids": ",".join(batch)},
                                    expected_cost=len(batch) * unit)
            posts = convert.included_posts(body)
            accounts += [convert.account_from_listed_user(u, posts)
                         for u in body.get("data") or []]
            wanted = set(batch)
            accounts += [dead.model_copy(update={"profile_known": True})
                         for dead in self._dead_accounts(body, wanted.__contains__)]
        return accounts

    # -- suggest (issue 16) --------------------------------------------------------------------
    def plan_suggestions(self, now: datetime, request: SuggestionRequest) -> SuggestPlan:
        """The reads of `prune suggest`, cheapest and most telling first: your followers
        (owned reads), profiles of people who replied to or mentioned you, parked accounts
        (at most once a day), then the following lists of your most-engaged mutuals. A read
        is planned only while the running estimate stays within max_cost; from the first
        that does not fit on, the rest is listed as left out."""
        me = self.whoami()
        prices = self.client.prices
        user = prices.unit(Resource.USER)
        post = prices.unit(Resource.POST)
        plan = SuggestPlan(me=me, made_at=now)
        plan.reads.append(PlannedRead("your profile", 1, 1, user))
        followers = int(self._me_counts.get("followers_count") or 0)
        steps: list[tuple[PlannedRead, str, Any]] = []
        if followers:
            steps.append((PlannedRead(
                f"your followers: {followers} accounts (those you don't follow back)",
                math.ceil(followers / LIST_PAGE), followers,
                followers * prices.unit(Resource.OWNED_USER)
                + self._expanded_posts(followers) * post), "followers", True))
        if request.author_ids:
            n = len(request.author_ids)
            steps.append((PlannedRead(
                f"profiles of {n} people you exchanged replies, mentions, quotes or reposts"
                " with",
                math.ceil(n / LOOKUP_BATCH), n, n * user + self._expanded_posts(n) * post),
                "authors", list(request.author_ids)))
        parked_due = self._parked_lookup_due(now)
        if request.parked_ids and parked_due:
            n = len(request.parked_ids)
            steps.append((PlannedRead(
                f"profiles of {n} parked accounts (are they back? at most once a day)",
                math.ceil(n / LOOKUP_BATCH), n, n * user + self._expanded_posts(n) * post),
                "parked", list(request.parked_ids)))
        elif request.parked_ids:
            plan.reused.append(f"parked accounts were looked up less than"
                               f" {PARKED_LOOKUP_HOURS} h ago")
        for mutual_id, handle, count in request.mutuals:
            steps.append((PlannedRead(
                f"accounts @{handle} follows: {count} (a mutual you engage with)",
                max(1, math.ceil(count / LIST_PAGE)), count,
                count * user + self._expanded_posts(count) * post),
                "mutual", (mutual_id, handle)))
        total = plan.estimate
        over = False
        for read, kind, what in steps:
            # In order of priority: once one read does not fit, neither do those after it
            # (a cheap mutual's list never displaces your own followers).
            over = over or total + read.cost > self.max_cost + 1e-9
            if over:
                plan.maybe.append(PlannedRead(
                    f"{read.label}: left out, over the ${self.max_cost:.2f} max cost",
                    read.calls, read.resources, read.cost))
                continue
            total += read.cost
            plan.reads.append(read)
            if kind == "followers":
                plan.read_followers = True
            elif kind == "authors":
                plan.author_ids = what
            elif kind == "parked":
                plan.parked_ids = what
            else:
                plan.mutuals.append(what)
        return plan

    def read_suggestions(self, plan: SuggestPlan, budget: float | None
                         ) -> tuple[list[Candidate], list[Account], Usage]:
        """Carry out a confirmed suggest plan within `budget`: the candidates found, the
        parked accounts looked up, and what it cost."""
        self.client.budget = budget
        identity = self.identity
        candidates: list[Candidate] = []
        if plan.read_followers:
            candidates += [Candidate(a, follows_you=True) for a in self._user_list(
                f"/2/users/{identity.account_id}/followers", "GET /2/users/:id/followers",
                "reading your followers", Resource.OWNED_USER)]
        if plan.author_ids:
            authors = [a for a in self.hydrate(plan.author_ids) if not a.state.dead]
            # Kept, so the next suggest need not buy them again.
            self.store.snapshots.save_profiles(identity, authors, self.now)
            candidates += [Candidate(a) for a in authors]
        looked_up: list[Account] = []
        if plan.parked_ids:
            looked_up = self.hydrate(plan.parked_ids)
            self.store.set_state(identity, PARKED_LOOKUP_KEY, self.now.isoformat())
        for mutual_id, handle in plan.mutuals:
            candidates += [Candidate(a, engaged_by=(handle,)) for a in self._user_list(
                f"/2/users/{mutual_id}/following", "GET /2/users/:id/following",
                f"reading whom @{handle} follows", Resource.USER)]
        return candidates, looked_up, self.client.usage

    def _parked_lookup_due(self, now: datetime) -> bool:
        last = self.store.get_state(self.identity, PARKED_LOOKUP_KEY)
        if last is None:
            return True
        try:
            return (now - datetime.fromisoformat(last)).total_seconds() >= (
                PARKED_LOOKUP_HOURS * 3600)
        except ValueError:
            return True

    def _user_list(self, route: str, key: str, what: str, resource: Resource) -> list[Account]:
        accounts: list[Account] = []
        for body, _ in self.client.pages(
            route, key=key, what=what, billing=Billing(resource),
            params={**user_params(self._spelling(), connection_status=False),
                    "max_results": LIST_PAGE},
        ):
            posts = convert.included_posts(body)
            accounts += [convert.account_from_listed_user(u, posts)
                         for u in body.get("data") or [] if isinstance(u, dict)]
        return accounts

    # -- actions (idempotent on X) -------------------------------------------------------------
    def unfollow(self, account_id: str) -> None:
        self._act("DELETE", f"/2/users/{self.identity.account_id}/following/{account_id}",
                  "DELETE /2/users/:id/following/:target", f"unfollowing {account_id}",
                  Resource.UNFOLLOW, account_id, ("following", False))

    def follow(self, account_id: str) -> None:
        self._act("POST", f"/2/users/{self.identity.account_id}/following",
                  "POST /2/users/:id/following", f"following {account_id}", Resource.FOLLOW,
                  account_id, ("following", True), {"target_user_id": account_id})

    def mute(self, account_id: str) -> None:
        self._act("POST", f"/2/users/{self.identity.account_id}/muting",
                  "POST /2/users/:id/muting", f"muting {account_id}", Resource.FOLLOW,
                  account_id, ("muting", True), {"target_user_id": account_id})

    def unmute(self, account_id: str) -> None:
        self._act("DELETE", f"/2/users/{self.identity.account_id}/muting/{account_id}",
                  "DELETE /2/users/:id/muting/:target", f"unmuting {account_id}",
                  Resource.UNFOLLOW, account_id, ("muting", False))

    def _act(self, method: str, route: str, key: str, what: str, resource: Resource,
             account_id: str, confirms: tuple[str, bool], body: JSON | None = None) -> None:
        """One action, done only when X's answer says so (`data.following` false after an
        unfollow, ...; a pending follow of a protected account counts). An answer that does
        not say (a proxy's page, `{}`) is not taken as done or as failed: the tie is asked
        (connection_status lists "following" and "muting"), and one that cannot be asked
        about is reported unconfirmed, so the journal never records as done what did not
        happen, nor the reverse. Either failure is this action's only (ActionRejected): the
        run goes on with the next."""
        field, wanted = confirms
        try:
            answer = self.client.call(method, route, key=key, what=what, json=body,
                                      billing=Billing(resource, includes=False), action=True)
        except OutcomeUnknown:
            # X kept failing after the request may have arrived: the tie is asked; if that
            # cannot be told either, the action stays in flight. A mute too: it had been
            # left in flight without asking.
            now = self._tie_if_known(account_id, field)
            if now is wanted:
                return
            if now is None:
                raise
            # Not done, while X keeps failing: the run stops, as it did before asking.
            raise ApiError(f"X failed {what} and did not do it: you"
                           f" {_tie_words(field, now)} {account_id}",
                           hint="try again later") from None
        data = answer.get("data")
        if isinstance(data, dict) and (data.get(field) is wanted or (
                field == "following" and wanted and data.get("pending_follow") is True)):
            return
        log.warning("X's answer to %s did not say it was done; checking", what)
        # A mute too: one carried out and answered with a proxy's page had been journaled
        # failed without asking, and so was never unmuted by undo (nor an unmute repeated).
        now = self._tie(account_id, field)
        if now is wanted:
            return
        if now is not None:
            raise ActionRejected(f"X answered {what} without doing it: you"
                                 f" {_tie_words(field, now)} {account_id}",
                                 hint="try again later")
        raise ActionRejected(f"X's answer to {what} did not say whether it was done",
                             hint="check on X before trying again; the run lists it as failed")

    def _tie_if_known(self, account_id: str, field: str) -> bool | None:
        try:
            return self._tie(account_id, field)
        except FollowpruneError:
            return None

    def is_following(self, account_id: str) -> bool | None:
        """One lookup ($0.01) with connection_status; None when X leaves the field out."""
        return self._tie(account_id, "following")

    def is_muting(self, account_id: str) -> bool | None:
        return self._tie(account_id, "muting")

    def _tie(self, account_id: str, field: str) -> bool | None:
        """Whether connection_status lists `field` ("following" or "muting") for the
        account: one lookup ($0.01); None when X leaves connection_status out."""
        verb = "follow" if field == "following" else "mute"
        body = self.client.call(
            "GET", "/2/users", key="GET /2/users",
            what=f"checking whether you {verb} {account_id}",
            params={"ids": account_id, "user.fields": "connection_status"},
            billing=Billing(Resource.USER))
        for user in body.get("data") or []:
            if "connection_status" in user:
                return field in user["connection_status"]
        return None

    def sync_into(self, store: Store, plan: SyncPlan, now: datetime,
                  budget: float | None) -> tuple[Identity, SnapshotChange, Usage]:
        """Read what the confirmed plan says, within `budget`, and record it: the whole
        graph when the following list was read, else only new activity or profiles."""
        self.client.budget = budget
        self._reserve = (plan.reserve_after_following, plan.reserve_after_followers)
        identity = self.identity
        me = plan.me
        if plan.profiles_only:
            accounts = self.hydrate(plan.profile_ids)
            with store.transaction():
                store.snapshots.save_profiles(identity, [me, *accounts], now)
            return identity, self._unchanged(store), self.client.usage
        if plan.read_following:
            pairs = list(self._read_following(resume=plan.resume))
            graph = Graph(me=me, accounts=[a for a, _ in pairs],
                          relationships=relationships_with_followers(pairs, self.followers()),
                          interactions=list(self.interactions()), my_posts=self.my_posts())
            sample = self._home_sample(now) if self.settings.sample_timeline else None
            with store.transaction():
                store.snapshots.save_profiles(identity, [me], now)
                change = store.snapshots.save_graph(identity, graph, now)
                if sample is not None:
                    store.stream.save_sample(identity, sample, now)
                self._commit_state(store, identity)
                store.set_state(identity, progress.FOLLOWING_SYNCED_AT, now.isoformat())
                progress.clear_progress(store, identity)
            return identity, change, self.client.usage
        interactions = list(self.interactions())
        posts = self.my_posts()
        with store.transaction():
            store.snapshots.save_profiles(identity, [me], now)
            store.snapshots.add_interactions(identity, interactions)
            store.snapshots.add_my_posts(identity, posts)
            self._commit_state(store, identity)
        return identity, self._unchanged(store), self.client.usage

    def _commit_state(self, store: Store, identity: Identity) -> None:
        """Cursors and since_ids become true only with the data they describe."""
        for key, value in self.pending_state.items():
            store.set_state(identity, key, value)
        self.pending_state.clear()

    def _unchanged(self, store: Store) -> SnapshotChange:
        return SnapshotChange(following=store.snapshots.following_count(self.identity),
                              new=0, gone=0)

    def close(self) -> None:
        try:
            self.remember_limits()
        finally:
            self.client.close()

    # -- field spelling -------------------------------------------------------------------------
    def _spelling(self) -> Spelling:
        identity = self._identity
        if identity is None:
            if self._first_spelling is not None:
                return self._first_spelling
            # Before /users/me says who we are: what worked for the last account synced.
            identity = self.store.find_identity(self.name)
            if identity is None:
                return "old"
        stored = self.store.get_state(identity, progress.SPELLING)
        return "new" if stored == "new" else "old"

    def _users_call(self, route: str, *, key: str, what: str, billing: Resource,
                    extra: dict[str, str | int] | None = None, connection_status: bool = True,
                    expected_cost: float = 0.0, one: bool = False) -> JSON:
        """A users endpoint with our fields, falling back to the other spelling on a 400
        about them and remembering the one that worked."""
        spelling = self._spelling()
        for attempt in range(2):
            params = {**user_params(spelling, connection_status=connection_status),
                      **(extra or {})}
            try:
                body = self.client.call("GET", route, key=key, what=what, params=params,
                                        billing=Billing(billing), expected_cost=expected_cost,
                                        one=one)
            except BadParameters as exc:
                if attempt or not exc.parameters & FIELD_PARAMETERS:
                    raise
                log.info("X refused the %s field spelling; trying the other", spelling)
                spelling = other(spelling)
                continue
            if self._identity is not None:
                self.store.set_state(self._identity, progress.SPELLING, spelling)
            else:
                self._first_spelling = spelling
            return body
        raise AssertionError("unreachable")


def _tie_words(field: str, now: bool) -> str:
    """`still follow`, `do not mute`, ...: what the tie asked after an action says."""
    verb = "follow" if field == "following" else "mute"
    return f"still {verb}" if now else f"do not {verb}"
