"""The keep score: components blended by weight, guards applied, proposals decided.

Pure: the same graph, policy and moment always give the same scores.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import overload

import numpy as np

from followprune.models import Account, Direction, Interaction, Relationship
from followprune.scoring.components import Component, Reason, paused_gc
from followprune.scoring.geography import (
    Place,
    describe_place,
    geography_confidence,
    geography_score,
    located_in,
    resolve_location,
)
from followprune.scoring.interaction import score_interaction
from followprune.scoring.quality import score_quality
from followprune.scoring.relevance import InterestProfile, score_relevance
from followprune.scoring.wording import ago, duration

COMPONENTS = ("relevance", "interaction", "geography", "quality")
_UNKNOWN_PROFILE = Component(
    0.5, (Reason("profile not read yet, so this part is neutral", 0.0),), {"profile_known": False}
)


@dataclass(frozen=True)
class ScoringPolicy:
    weights: Mapping[str, float]
    threshold: float
    keep_handles: frozenset[str] = frozenset()  # lower case, without '@'
    keep_mutuals: bool = False
    keep_verified: bool = False
    keep_places: tuple[Place, ...] = ()
    grace_days: int = 30
    protect_engaged_mutuals_days: int = 180
    half_life_days: float = 90.0
    interests: InterestProfile = field(default_factory=lambda: InterestProfile(keywords=()))
    home: tuple[Place, ...] = ()
    regions: tuple[Place, ...] = ()


@dataclass(frozen=True, slots=True)
class AccountScore:
    account: Account
    relationship: Relationship
    components: Mapping[str, Component]
    keep: float
    proposed: bool
    dead: bool
    guard: str | None  # why this account is never proposed, if it is protected

    def reasons(self, limit: int = 3) -> list[str]:
        """The strongest reasons, in the direction of the verdict: against keeping for a
        proposal, for keeping otherwise; a kept account with nothing in its favour shows
        its strongest reasons of either kind, so no row is left unexplained."""
        weighted = [
            (reason.push, reason.text)
            for component in self.components.values()
            for reason in component.reasons
        ]
        if self.proposed:
            chosen = sorted((r for r in weighted if r[0] < 0), key=lambda r: r[0])
        else:
            chosen = sorted((r for r in weighted if r[0] > 0), key=lambda r: -r[0])
            if not chosen:
                chosen = sorted((r for r in weighted if r[0] != 0), key=lambda r: -abs(r[0]))
        texts = [text for _, text in chosen[:limit]]
        if self.guard and not self.proposed:
            texts.insert(0, self.guard)
        return texts[:limit]


def score_all(
    accounts: Sequence[Account],
    relationships: Sequence[Relationship],
    interactions: Iterable[Interaction],
    policy: ScoringPolicy,
    now: datetime,
) -> list[AccountScore]:
    """Score every followed account; the result is sorted worst first."""
    by_account: dict[str, list[Interaction]] = defaultdict(list)
    for event in interactions:
        by_account[event.account_id].append(event)
    weights = [policy.weights.get(name, 0.0) for name in COMPONENTS]
    total_weight = sum(weights)
    # Geography depends on the location text alone, and a list repeats the same few thousand.
    geography_of: dict[str, Component] = {}
    scores = []
    with paused_gc():
        relevance = score_relevance(policy.interests, _Documents(accounts))
        for account, rel, relevance_component in zip(
            accounts, relationships, relevance, strict=True
        ):
            events = by_account.get(account.id, ())
            if account.profile_known:
                quality = score_quality(account, now)
                geography = geography_of.get(account.location)
                if geography is None:
                    geography = _geography(account.location, policy)
                    geography_of[account.location] = geography
            else:
                quality = geography = relevance_component = _UNKNOWN_PROFILE
            interaction = score_interaction(rel, events, now, policy.half_life_days)
            components = _Components(relevance_component, interaction, geography, quality)
            # Spelled out in COMPONENTS order: a generator over the mapping cost more than the rest
            # of the blend.
            keep = (
                weights[0] * relevance_component.value
                + weights[1] * interaction.value
                + weights[2] * geography.value
                + weights[3] * quality.value
            ) / total_weight
            # An account without a profile is scored neutral, even if its state says gone.
            dead = account.profile_known and account.state.dead
            guard = _guard(account, rel, events, policy, now)
            proposed = guard is None and (dead or keep < policy.threshold)
            scores.append(AccountScore(account, rel, components, keep, proposed, dead, guard))
        return _worst_first(scores)


class _Components(Mapping[str, Component]):
    """An account's four components by name, in COMPONENTS order.

    A dict of four entries costs ~200 bytes an account; four slots cost 32.
    """

    __slots__ = ("_geography", "_interaction", "_quality", "_relevance")

    def __init__(
        self,
        relevance: Component,
        interaction: Component,
        geography: Component,
        quality: Component,
    ) -> None:
        self._relevance = relevance
        self._interaction = interaction
        self._geography = geography
        self._quality = quality

    def __getitem__(self, name: str) -> Component:
        if name not in COMPONENTS:
            raise KeyError(name)
        component: Component = getattr(self, "_" + name)
        return component

    def __iter__(self) -> Iterator[str]:
        return iter(COMPONENTS)

    def __len__(self) -> int:
        return len(COMPONENTS)

    def __repr__(self) -> str:
        return repr(dict(self))


def _worst_first(scores: list[AccountScore]) -> list[AccountScore]:
    """Dead accounts first, then by keep score, ties by handle regardless of case.

    Sorting with a key tuple per score would make a tuple and a lower-cased handle for every
    account at once, at the moment the process holds the most; numpy orders two arrays of
    8 and 1 bytes an account instead, and only tied scores compare handles.
    """
    n = len(scores)
    keep = np.fromiter((s.keep for s in scores), dtype=np.float64, count=n)
    alive = np.fromiter((not s.dead for s in scores), dtype=np.bool_, count=n)
    order = np.lexsort((keep, alive))  # stable, last key first: alive, then keep
    ordered = [scores[i] for i in order.tolist()]
    keep, alive = keep[order], alive[order]
    # Position i ties with i + 1; each run of ties is put in handle order (stably, as before).
    ties = np.flatnonzero((keep[1:] == keep[:-1]) & (alive[1:] == alive[:-1])).tolist()
    run_start = None
    for i, tie in enumerate(ties):
        if run_start is None:
            run_start = tie
        if i + 1 == len(ties) or ties[i + 1] != tie + 1:
            run = slice(run_start, tie + 2)
            ordered[run] = sorted(ordered[run], key=lambda s: s.account.handle.lower())
            run_start = None
    return ordered


def _geography(location: str, policy: ScoringPolicy) -> Component:
    place = resolve_location(location)
    value, reasons = geography_score(place, policy.home, policy.regions)
    return Component(
        value,
        tuple(Reason(text, (value - 0.5) * 0.8) for text in reasons),
        {"location": location},
        geography_confidence(place, policy.home, policy.regions),
    )


class _Documents(Sequence[str]):
    """Each account's text for relevance (bio, then pinned post), made only when asked for.

    Relevance reads the list a chunk at a time, so only one chunk's joined texts exist at
    once instead of a second copy of every account's text.
    """

    def __init__(self, accounts: Sequence[Account]) -> None:
        self._accounts = accounts

    def __len__(self) -> int:
        return len(self._accounts)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [_document(a) for a in self._accounts[index]]
        return _document(self._accounts[index])


def _document(account: Account) -> str:
    if not account.profile_known:
        return ""
    if not account.pinned_text:
        return account.bio
    return f"{account.bio}\n{account.pinned_text}"


def _guard(
    account: Account,
    rel: Relationship,
    events: Sequence[Interaction],
    policy: ScoringPolicy,
    now: datetime,
) -> str | None:
    if account.handle.lower() in policy.keep_handles:
        return "on your keep-list"
    if policy.keep_mutuals and rel.follows_you:
        return "follows you back (keep_mutuals)"
    if policy.keep_verified and account.verified:
        return "verified (keep_verified)"
    if policy.keep_places:
        place = resolve_location(account.location)
        for area in policy.keep_places:
            if located_in(place, area):
                return f"located in {describe_place(area)} (keep_places)"
    if rel.first_seen is not None:
        days = (now - rel.first_seen).total_seconds() / 86400
        if days < policy.grace_days:
            return f"followed {duration(days)} ago (grace period of {policy.grace_days} days)"
    if rel.follows_you:
        recent = [
            e.at for e in events
            if e.direction is Direction.FROM_THEM and e.at is not None
            and (now - e.at).days < policy.protect_engaged_mutuals_days
        ]
        if recent:
            return f"mutual who engaged with you {ago(max(recent), now)}"
    return None
