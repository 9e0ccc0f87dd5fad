"""The bundled demo network: a generated person and 500+ accounts they follow.

Its timestamps are shifted so the data looks as fresh today as on the day it was made, and
actions are kept in the store (table demo_state) so they persist between runs and undo works.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

from followprune.errors import ActionRejected
from followprune.models import Account, Interaction, Relationship, TimelineCounts, TimelineSample
from followprune.networks.base import Network, NetworkDeps, Persona
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
        for account, rel in self.following():
            if rel.muted or account.state.dead:
                continue
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
        if account_id not in self._accounts:
            raise ActionRejected(f"account {account_id} is not in the demo network")
        rel = self._relationships[account_id]
        current = self.store.demo.overrides().get(account_id, (rel.you_follow, rel.muted))
        self.store.demo.set(
            account_id,
            following=current[0] if following is None else following,
            muted=current[1] if muted is None else muted,
        )

    def unfollow(self, account_id: str) -> None:
        self._set(account_id, following=False)

    def follow(self, account_id: str) -> None:
        account = self._accounts.get(account_id)
        if account is not None and account.state.dead:
            # As a real network does: a deleted or suspended account cannot be followed.
            raise ActionRejected(f"@{account.handle} is {account.state.value}: it cannot be"
                                 " followed again")
        self._set(account_id, following=True)

    def mute(self, account_id: str) -> None:
        self._set(account_id, muted=True)

    def unmute(self, account_id: str) -> None:
        self._set(account_id, muted=False)

