"""The four built-in components, each scoring a whole follow list (see followprune/components.py,
where they are registered)."""

from __future__ import annotations

from collections.abc import Sequence

from followprune.scoring.blend import _UNKNOWN_PROFILE, _Documents, _geography, _median
from followprune.scoring.components import Component, packed_by
from followprune.scoring.context import ScoringContext
from followprune.scoring.interaction import score_interaction
from followprune.scoring.quality import (
    DEFAULT_TYPICAL_POSTS_PER_DAY,
    MIN_VOLUME_START,
    judged_against,
    quality_rate,
    score_quality,
)
from followprune.scoring.relevance import (
    learn_interests,
    pack_relevance,
    score_relevance,
    unpack_relevance,
)
from followprune.scoring.semantic import lift_relevance


# The costliest component, and the one most list-wide (its percentiles, its learned words):
# on a long list it is worked out in a second process while the others are worked out here.
@packed_by(pack_relevance, unpack_relevance)
def relevance_of_list(context: ScoringContext) -> Sequence[Component]:
    # Issue 11: widen the interests with what the closest accounts share.
    closeness = [
        len(context.events.get(a.id, ())) + bool(r.follows_you)
        for a, r in zip(context.accounts, context.relationships, strict=True)
    ]
    documents = _Documents(context.accounts)
    interests = learn_interests(context.policy.interests, documents, closeness)
    scored = score_relevance(interests, documents)
    if interests.semantic is None:
        return scored
    return lift_relevance(scored, interests, documents, interests.semantic)


def interaction_of_list(context: ScoringContext) -> list[Component]:
    policy, now = context.policy, context.now
    return [
        score_interaction(rel, context.events.get(account.id, ()), now, policy.half_life_days)
        for account, rel in zip(context.accounts, context.relationships, strict=True)
    ]


def geography_of_list(context: ScoringContext) -> list[Component]:
    # Geography depends on the location text alone, and a list repeats the same few thousand.
    seen: dict[str, Component] = {}
    found = []
    for account in context.accounts:
        component = seen.get(account.location)
        if component is None:
            component = seen[account.location] = _geography(account.location, context.policy)
        found.append(component)
    return found


def quality_of_list(context: ScoringContext) -> list[Component]:
    """Scored against the default typical posting rate first; the few accounts fast enough
    for the list's own typical rate to matter have their volume judged again against it."""
    now = context.now
    found: list[Component] = []
    rates: list[float] = []
    fast: list[int] = []
    for account in context.accounts:
        if not account.profile_known:
            found.append(_UNKNOWN_PROFILE)
            continue
        quality = score_quality(account, now)
        rate = quality_rate(quality)
        if rate is not None and rate > 0.0:
            rates.append(rate)
            if rate > MIN_VOLUME_START:
                fast.append(len(found))
        found.append(quality)
    typical = _median(rates)
    if typical != DEFAULT_TYPICAL_POSTS_PER_DAY:
        for n in fast:
            found[n] = judged_against(found[n], typical)
    return found
