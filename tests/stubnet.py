"""A network that exists only in the tests: registered with one line, to show that review,
`--auto` and undo work on any registered network without touching the rest of the code."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from followprune.models import Account, AccountState, Interaction, Relationship
from followprune.networks.base import Network, NetworkDeps
from followprune.networks.registry import NetworkSpec

SPEC = NetworkSpec("stub", "a network made up by the tests", factory="tests.stubnet:build")

# Who the stub account follows and mutes, kept across commands of one test (reset per test).
FOLLOWING: set[str] = set()
MUTED: set[str] = set()
CALLS: list[tuple[str, str]] = []

LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)


def accounts() -> list[Account]:
    """Twelve people and three accounts that are gone (deleted or suspended)."""
    people = [
        Account(id=str(100 + i), handle=f"person{i}", name=f"Person {i}",
                bio="python developer writing about databases", location="Berlin",
                created_at=LONG_AGO, followers_count=500, following_count=300,
                post_count=4000, listed_count=10, like_count=2000,
                last_active_at=datetime(2026, 11, 20, tzinfo=UTC))
        for i in range(12)
    ]
    gone = [
        Account(id=str(900 + i), handle=f"gone{i}", created_at=LONG_AGO,
                state=AccountState.DELETED if i % 2 else AccountState.SUSPENDED)
        for i in range(3)
    ]
    return people + gone


def reset() -> None:
    FOLLOWING.clear()
    FOLLOWING.update(a.id for a in accounts())
    MUTED.clear()
    CALLS.clear()


class StubNetwork(Network):
    name = "stub"
    paced = False

    def whoami(self) -> Account:
        return Account(id="1", handle="me", bio="python and databases", location="Berlin")

    def following(self) -> Iterable[tuple[Account, Relationship]]:
        for account in accounts():
            if account.id in FOLLOWING:
                yield account, Relationship(account_id=account.id, muted=account.id in MUTED,
                                            first_seen=LONG_AGO)

    def followers(self) -> set[str] | None:
        return set()

    def interactions(self) -> Iterable[Interaction]:
        return []

    def unfollow(self, account_id: str) -> None:
        CALLS.append(("unfollow", account_id))
        FOLLOWING.discard(account_id)

    def follow(self, account_id: str) -> None:
        CALLS.append(("follow", account_id))
        FOLLOWING.add(account_id)

    def mute(self, account_id: str) -> None:
        CALLS.append(("mute", account_id))
        MUTED.add(account_id)

    def unmute(self, account_id: str) -> None:
        CALLS.append(("unmute", account_id))
        MUTED.discard(account_id)

    def is_following(self, account_id: str) -> bool | None:
        return account_id in FOLLOWING


def build(deps: NetworkDeps) -> StubNetwork:
    return StubNetwork()
