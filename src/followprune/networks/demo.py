"""The bundled demo network: a generated person and 500+ accounts they follow.

Its timestamps are shifted so the data looks as fresh today as on the day it was made, and
actions are kept in the store (table demo_state) so they persist between runs and undo works.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

from followprune.errors import ActionRejected
from followprune.models import (
    Account,
    AccountState,
    Direction,
    Interaction,
    InteractionKind,
    Relationship,
    TimelineCounts,
    TimelineSample,
)
from followprune.networks.base import (
    Candidate,
    Network,
    NetworkDeps,
    Persona,
    SuggestionRequest,
)
from followprune.store import Store

DATA_FILE = "demo_network.json.gz"
# The simulated home-timeline read covers this many days (a real one reaches back as far
# as its few hundred posts go).
SAMPLE_DAYS = 3.0


def build(deps: NetworkDeps) -> DemoNetwork:
    return DemoNetwork(deps.store, now=deps.now)


@cache
def load_demo_data() -> dict[str, Any]:
    with resources.files("followprune.data").joinpath(DATA_FILE).open("rb") as raw:
        data: dict[str, Any] = json.loads(gzip.decompress(raw.read()))
    return data


class DemoNetwork(Network):
    name = "demo"
    # Local data: acting is instant and free, so no pacing between actions.
    paced = False

    def __init__(self, store: Store, now: datetime | None = None) -> None:
        self.store = store
        data = load_demo_data()
        as_of = datetime.fromisoformat(data["as_of"])
        self._now = now or datetime.now(UTC)
        self.shift = self._now - as_of
        self._persona: dict[str, Any] = data["persona"]
        self._me = Account.model_validate(self._shifted(data["me"]))
        self._accounts = {
            a["id"]: Account.model_validate(self._shifted(a)) for a in data["accounts"]
        }
        self._relationships = {
            r["account_id"]: Relationship.model_validate(self._shifted(r))
            for r in data["relationships"]
        }
        self._interactions = [
            Interaction.model_validate(self._shifted(i)) for i in data["interactions"]
        ]
        self._posts: list[str] = data["my_posts"]
        self._candidates = {c.account.id: c for c in simulated_candidates(
            self._me, self._accounts, self._relationships, self._interactions, self._now)}

    def _shifted(self, record: dict[str, Any]) -> dict[str, Any]:
        out = dict(record)
        for key in ("created_at", "last_active_at", "first_seen", "at"):
            if out.get(key):
                out[key] = (datetime.fromisoformat(out[key]) + self.shift).isoformat()
        return out

    def persona(self) -> Persona:
        return Persona(
            interests=tuple(self._persona["interests"]),
            home=tuple([self._persona["home"]]),
            regions=tuple(self._persona["regions"]),
        )

    def whoami(self) -> Account:
        return self._me

    def following(self) -> Iterable[tuple[Account, Relationship]]:
        overrides = self.store.demo.overrides()
        for account_id, account in self._accounts.items():
            rel = self._relationships[account_id]
            following, muted = overrides.get(account_id, (rel.you_follow, rel.muted))
            if following:
                yield account, rel.model_copy(update={"muted": muted})
        # Candidates followed from `prune suggest` (only those have an override).
        for account_id, (following, muted) in overrides.items():
            candidate = self._candidates.get(account_id)
            if candidate is not None and following:
                yield candidate.account, Relationship(
                    account_id=account_id, follows_you=candidate.follows_you, muted=muted)

    def suggestion_candidates(self, request: SuggestionRequest) -> Iterable[Candidate]:
        """A simulated set of people the demo person does not follow (issue 16)."""
        overrides = self.store.demo.overrides()
        return [c for c in self._candidates.values()
                if not overrides.get(c.account.id, (False, False))[0]]

    def lookup(self, ids: Sequence[str]) -> list[Account]:
        found = (self._accounts.get(i) or (self._candidates[i].account
                                           if i in self._candidates else None) for i in ids)
        return [a for a in found if a is not None]

    def followers(self) -> set[str] | None:
        return None

    def interactions(self) -> Iterable[Interaction]:
        return list(self._interactions)

    def my_posts(self) -> list[str]:
        return list(self._posts)

    def home_timeline(self) -> TimelineSample:
        """A simulated read of the home timeline: every followed, unmuted account appears
        about as often as it posts, with a steady per-account swing so recent rates differ
        from lifetime ones (some accounts got louder, some quieter). Deterministic."""
        counts: dict[str, TimelineCounts] = {}
        window_start = self._now - timedelta(days=SAMPLE_DAYS)
        for account, rel in self.following():
            if rel.muted or account.state.dead:
                continue
            last = account.last_active_at
            if last is not None and last < window_start:
                continue  # silent for longer than the read reaches back: none of its posts
            rate = account.recent_posts_per_day
            if rate is None and account.post_count is not None and account.created_at:
                age = max((self._now - account.created_at).total_seconds() / 86400, 30.0)
                rate = account.post_count / age
            if not rate:
                continue
            digest = hashlib.sha256(account.id.encode()).digest()
            swing = 0.5 + digest[0] / 255  # 0.5x to 1.5x the usual rate
            posts = round(rate * swing * SAMPLE_DAYS)
            if posts <= 0:
                continue
            replies = posts * (digest[1] % 30) // 100
            reposts = posts * (digest[2] % 40) // 100
            counts[account.id] = TimelineCounts(posts - replies - reposts, reposts, replies)
        return TimelineSample(SAMPLE_DAYS, counts)

    def is_following(self, account_id: str) -> bool | None:
        return any(a.id == account_id for a, _ in self.following())

    def _set(self, account_id: str, *, following: bool | None = None,
             muted: bool | None = None) -> None:
        if account_id in self._candidates:
            default = (False, False)
        elif account_id in self._accounts:
            rel = self._relationships[account_id]
            default = (rel.you_follow, rel.muted)
        else:
            raise ActionRejected(f"account {account_id} is not in the demo network")
        current = self.store.demo.overrides().get(account_id, default)
        self.store.demo.set(
            account_id,
            following=current[0] if following is None else following,
            muted=current[1] if muted is None else muted,
        )

    def unfollow(self, account_id: str) -> None:
        self._set(account_id, following=False)

    def follow(self, account_id: str) -> None:
        account = self._accounts.get(account_id)
        if account is None and account_id in self._candidates:
            account = self._candidates[account_id].account
        if account is not None and account.state.dead:
            # As a real network does: a deleted or suspended account cannot be followed.
            raise ActionRejected(f"@{account.handle} is {account.state.value}: it cannot be"
                                 " followed again")
        self._set(account_id, following=True)

    def mute(self, account_id: str) -> None:
        self._set(account_id, muted=True)

    def unmute(self, account_id: str) -> None:
        self._set(account_id, muted=False)



# -- simulated candidates for `prune suggest` ------------------------------------------------
# Made from a fixed seed, so every run (and every test) sees the same people; their times are
# relative to now, like the rest of the demo. A mix that exercises the ranking: on-topic
# people nearby and far away, off-topic ones, follower-seekers, silent and gone accounts.
CANDIDATES = 160
_SEED = "followprune demo candidates"
_FIRST = ["Anja", "Bram", "Clara", "Daan", "Emil", "Fenna", "Gero", "Hanne", "Ilka", "Jonas",
          "Katrin", "Lotte", "Milan", "Nele", "Ole", "Pia", "Rik", "Sanne", "Timo", "Ute",
          "Vera", "Wout", "Yusuf", "Zita"]
_LAST = ["Becker", "de Vries", "Hofer", "Jansen", "Keller", "Lindqvist", "Meier", "Novak",
         "Peeters", "Richter", "Schulz", "Visser", "Weber", "Zimmermann", "Bakker", "Gruber"]
_ON_TOPIC = [
    "Rust and distributed systems at a storage startup. Open source maintainer.",
    "Python core contributor. Packaging, typing, and too many side projects.",
    "Climate tech engineer: heat pumps, grids, and the software that runs them.",
    "Urbanism nerd. Bike lanes, trams and why parking minimums are bad.",
    "Cycling every day, writing Rust at night. Open source all the things.",
    "Distributed systems researcher. Consensus, CRDTs, and coffee.",
    "Building open source tools for climate data in Python.",
    "Transport planner. Cities for people, not cars. Cycling advocate.",
]
_OFF_TOPIC = [
    "Fashion and lifestyle. Collabs via DM.",
    "Football, football, football. Matchday thoughts.",
    "Foodie. Brunch reviews every Sunday.",
    "Reality TV recaps and hot takes.",
]
_SEEKERS = ["Gain 1000 followers daily, DM for promo", "Follow for follow. Crypto signals 100x"]
_NEAR = ["Berlin", "Hamburg", "Munich, Germany", "Vienna, Austria", "Zurich", "Amsterdam",
         "Utrecht, Netherlands", "Leipzig", "Graz", "Rotterdam"]
_FAR = ["San Francisco, CA", "Lagos", "São Paulo", "Tokyo", "Sydney", "Toronto", ""]
_LISTS = ["Rust Berlin", "Climate tech people", "Bike cities"]
_KINDS = [InteractionKind.REPLY, InteractionKind.MENTION, InteractionKind.QUOTE,
          InteractionKind.REPOST]


def simulated_candidates(
    me: Account, accounts: dict[str, Account], relationships: dict[str, Relationship],
    interactions: list[Interaction], now: datetime,
) -> list[Candidate]:
    rng = random.Random(_SEED)
    # The people the demo person engages with and who follow back: who "engaged by people
    # you engage with" names.
    engaged = {i.account_id for i in interactions if i.direction is Direction.FROM_YOU}
    circle = sorted(accounts[a].handle for a in engaged
                    if relationships[a].follows_you and not accounts[a].state.dead)
    taken = {a.handle.lower() for a in accounts.values()} | {me.handle.lower()}
    out: list[Candidate] = []
    for n in range(CANDIDATES):
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        handle = f"{first}{last.replace(' ', '')}".lower()
        while handle in taken:
            handle = f"{handle[:12]}{rng.randint(1, 999)}"
        taken.add(handle)
        kind = rng.random()
        seeker = kind < 0.08
        bio = (rng.choice(_SEEKERS) if seeker else rng.choice(_ON_TOPIC) if kind < 0.7
               else rng.choice(_OFF_TOPIC))
        created = now - timedelta(days=rng.randint(300, 5000))
        silent = rng.random() < 0.08
        last_active = now - timedelta(days=rng.randint(400, 1500) if silent
                                      else rng.uniform(0.1, 20))
        followers = rng.randint(10, 40) if seeker else int(rng.lognormvariate(6, 1.3))
        account = Account(
            id=str(7_100_000_000_000_000_000 + n * 7919),
            handle=handle, name=f"{first} {last}", bio=bio,
            location=rng.choice(_NEAR) if rng.random() < 0.6 else rng.choice(_FAR),
            created_at=created,
            followers_count=followers,
            following_count=rng.randint(4000, 7000) if seeker else rng.randint(50, 1500),
            post_count=rng.randint(200, 20000), listed_count=rng.randint(0, 60),
            like_count=rng.randint(100, 30000), last_active_at=last_active,
            default_avatar=seeker,
            state=AccountState.DEACTIVATED if n % 53 == 52 else AccountState.ACTIVE,
        )
        events = tuple(
            Interaction(account_id=account.id, kind=rng.choice(_KINDS),
                        direction=Direction.FROM_THEM,
                        at=now - timedelta(days=rng.uniform(1, 300)),
                        source_id=f"demo-suggest-{n}-{k}")
            for k in range(rng.choice((0, 0, 0, 1, 2, 4)))
        )
        out.append(Candidate(
            account=account,
            follows_you=rng.random() < 0.3,
            interactions=events,
            engaged_by=tuple(rng.sample(circle, k=min(len(circle), rng.choice((0, 0, 1, 2, 3))))),
            lists=tuple(rng.sample(_LISTS, k=1)) if rng.random() < 0.12 else (),
        ))
    return out
