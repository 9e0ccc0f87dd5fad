"""The one interface every network implements (demo, X; Bluesky and Mastodon later)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from followprune.models import Account, ActionKind, Interaction, Relationship, TimelineSample

if TYPE_CHECKING:
    from followprune.paths import Paths
    from followprune.store import Store

# Shows a wait of `seconds` for `why` and sleeps through it with the sleep it is given.
Waiter = Callable[[float, str, Callable[[float], None]], None]


@dataclass(frozen=True)
class NetworkDeps:
    """What a network's factory is handed (see networks/registry.py): its own settings
    section, where files live, the store, the moment of the run, and how to show waits.
    Nothing else: a network never reaches for the application object."""

    settings: Any  # the network's settings section (`Settings.x`), or None
    paths: Paths
    store: Store
    now: datetime
    on_wait: Waiter | None = None
    # --account: which of this network's logins to use when it has several (the handle,
    # or user@instance on Mastodon). None: the only one, or the configured one.
    account: str | None = None


def relationships_with_followers(
    pairs: list[tuple[Account, Relationship]], followers: set[str] | None
) -> list[Relationship]:
    """Who follows back: from the followers list when the network read one, else as the
    following list said."""
    if followers is None:
        return [rel for _, rel in pairs]
    return [rel.model_copy(update={"follows_you": a.id in followers}) for a, rel in pairs]


@dataclass(frozen=True)
class Persona:
    """Settings a network suggests when the user has none (the demo's made-up person)."""

    interests: tuple[str, ...] = ()
    home: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """Someone you don't follow whom a network puts forward for `prune suggest`, and how
    they are connected to you (issue 16)."""

    account: Account
    follows_you: bool = False
    # What they did to you (replied, mentioned, quoted, reposted), when the network read it.
    interactions: tuple[Interaction, ...] = ()
    # Handles of people you engage with who follow or engage with this account.
    engaged_by: tuple[str, ...] = ()
    # Names of lists you follow that hold this account.
    lists: tuple[str, ...] = ()
    # The network itself suggests them (Bluesky's suggestions, Mastodon's).
    suggested_by_network: bool = False


@dataclass(frozen=True)
class SuggestionRequest:
    """What the app asks a priced network to read for `prune suggest`, cheapest first: the
    profiles of people who engaged with you that the store lacks, of parked accounts, and the
    following lists of your most-engaged mutuals (id, handle, how many they follow)."""

    author_ids: tuple[str, ...] = ()
    parked_ids: tuple[str, ...] = ()
    mutuals: tuple[tuple[str, str, int], ...] = ()


class Network(ABC):
    """Who am I, whom do I follow, who follows me, my interactions, and the four actions.

    Reads may be slow or cost money; the app layer decides when to call them and keeps the
    results in the store. Actions must be idempotent: unfollowing someone you don't follow
    succeeds and changes nothing, so a journal entry left in flight can simply be repeated.
    """

    name: str
    # Whether actions must be spaced out (real networks punish bursts).
    paced: bool = True
    # False for a network served from the store: reviewing it must not sync it again.
    reads_live: bool = True

    @abstractmethod
    def whoami(self) -> Account: ...

    @abstractmethod
    def following(self) -> Iterable[tuple[Account, Relationship]]:
        """Everyone you follow, with what is known of the tie (follows_you when the network
        says so in the same read, muted, first seen)."""

    @abstractmethod
    def followers(self) -> set[str] | None:
        """Ids of those who follow you, or None when `following` already told."""

    @abstractmethod
    def interactions(self) -> Iterable[Interaction]: ...

    def my_posts(self) -> list[str]:
        """Your own recent posts, for the interest profile; empty if unknown."""
        return []

    def home_timeline(self) -> TimelineSample | None:
        """Who appears in your home timeline, from a free read of it; None where the network
        offers none (or it costs money: a priced network plans it with the rest)."""
        return None

    @abstractmethod
    def unfollow(self, account_id: str) -> None: ...

    @abstractmethod
    def follow(self, account_id: str) -> None: ...

    @abstractmethod
    def mute(self, account_id: str) -> None: ...

    @abstractmethod
    def unmute(self, account_id: str) -> None: ...

    def act(self, kind: ActionKind, account_id: str) -> None:
        {
            ActionKind.UNFOLLOW: self.unfollow,
            ActionKind.FOLLOW: self.follow,
            ActionKind.MUTE: self.mute,
            ActionKind.UNMUTE: self.unmute,
        }[kind](account_id)

    def refusal(self, kind: ActionKind, now: datetime) -> str | None:
        """Why a budget of the network's own (Bluesky's write points) would not take one
        more `kind` at `now`, or None. Asked before each action is journaled, as the caps
        are, and ends the run the same way."""
        return None

    def sync_notes(self) -> list[str]:
        """What the person should know about the read just made and cannot see in the list
        (a server that leaves a field out for everyone), one sentence each. The CLI shows
        them on stderr after a sync or review: the log is only set up for runs that act."""
        return []

    def sync_state(self) -> dict[str, str]:
        """Marks the last read reached (cursors, newest seen), to be recorded in the same
        transaction as its snapshot, so a sync that fails moves none of them."""
        return {}

    def suggestion_candidates(self, request: SuggestionRequest) -> Iterable[Candidate]:
        """People you don't follow that this network offers for free (issue 16), given what
        the app knows (your most-engaged mutuals); networks whose reads cost money plan
        theirs with an estimate instead (see XNetwork)."""
        return ()

    def lookup(self, ids: Sequence[str]) -> list[Account]:
        """Current profiles of these accounts, where a read of them is free; [] where it is
        not offered (a priced network plans the read with the rest)."""
        return []

    def ensure_can_act(self) -> None:
        """Raise the error a user should see if this network cannot carry out actions."""
        return None

    def persona(self) -> Persona | None:
        return None

    def is_following(self, account_id: str) -> bool | None:
        """Check one tie, to reconcile an action left in flight; None if it cannot tell."""
        return None

    def is_muting(self, account_id: str) -> bool | None:
        """Whether you mute the account, to reconcile a mute or unmute left in flight; None
        if it cannot tell."""
        return None

    def close(self) -> None:
        """Release connections; the default has none."""
        return None
