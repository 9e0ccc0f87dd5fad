"""Interaction: does the tie work in both directions? Follow-back plus decayed engagement."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime

from followprune.models import Direction, Interaction, InteractionKind, Relationship
from followprune.scoring.components import Component, Reason
from followprune.scoring.wording import ago, plural

# A reply costs more effort than a like, so it says more about the tie.
KIND_WEIGHT = {
    InteractionKind.REPLY: 1.0,
    InteractionKind.MENTION: 0.8,
    InteractionKind.QUOTE: 0.8,
    InteractionKind.REPOST: 0.6,
    InteractionKind.LIKE: 0.3,
}
# The value is a base plus three saturating parts; they add up to exactly 1.
BASE, MUTUAL, FROM_THEM, FROM_YOU = 0.15, 0.25, 0.35, 0.25
# How hard "no engagement either way" pushes among a proposal's reasons; one direction alone
# and "doesn't follow you back" push half as hard. Weaker than a bot signal or a silence.
_ABSENT_PUSH = -0.12

_NOUN = {
    InteractionKind.REPLY: ("reply", "replies"),
    InteractionKind.MENTION: ("mention", "mentions"),
    InteractionKind.QUOTE: ("quote", "quotes"),
    InteractionKind.REPOST: ("repost", "reposts"),
    InteractionKind.LIKE: ("like", "likes"),
}


def score_interaction(
    relationship: Relationship,
    events: Sequence[Interaction],
    now: datetime,
    half_life_days: float,
) -> Component:
    if not events:
        return _NO_EVENTS[relationship.follows_you]
    return _score(relationship.follows_you, events, now, half_life_days)


def _score(
    follows_you: bool | None, events: Sequence[Interaction], now: datetime, half_life_days: float,
    *, engagement_known: bool = True,
) -> Component:
    weight = {Direction.FROM_THEM: 0.0, Direction.FROM_YOU: 0.0}
    last: dict[Direction, datetime | None] = {Direction.FROM_THEM: None, Direction.FROM_YOU: None}
    counts: dict[tuple[Direction, InteractionKind], int] = {}
    for event in events:
        age_days = 0.0 if event.at is None else max(0.0, (now - event.at).total_seconds() / 86400)
        weight[event.direction] += KIND_WEIGHT[event.kind] * 0.5 ** (age_days / half_life_days)
        key = (event.direction, event.kind)
        counts[key] = counts.get(key, 0) + 1
        seen = last[event.direction]
        if event.at is not None and (seen is None or event.at > seen):
            last[event.direction] = event.at

    from_them = 1 - math.exp(-weight[Direction.FROM_THEM] / 1.5)
    from_you = 1 - math.exp(-weight[Direction.FROM_YOU] / 2.0)
    value = BASE + MUTUAL * bool(follows_you) + FROM_THEM * from_them + FROM_YOU * from_you

    reasons: list[Reason] = []
    if follows_you:
        reasons.append(Reason("follows you back", 0.5))
    elif follows_you is False:
        # Most one-way ties share these, so they rank below what is particular to an account
        # (silence, bot signals, off-topic bio) among a proposal's reasons: the absence of a
        # tie never makes a proposal on its own (see blend.sound_floor), so it never leads.
        reasons.append(Reason("doesn't follow you back", _ABSENT_PUSH / 2))
    them = _summary(counts, Direction.FROM_THEM)
    you = _summary(counts, Direction.FROM_YOU)
    if not engagement_known:
        pass  # no history to read at all: nobody's engagement is claimed either way
    elif not them and not you:
        reasons.append(
            Reason("never engaged with you, and you never engaged with them", _ABSENT_PUSH)
        )
    else:
        if them:
            when = last[Direction.FROM_THEM]
            text = f"engaged with you {them}" + (f", last {ago(when, now)}" if when else "")
            reasons.append(Reason(text, 0.9 * from_them + 0.1))
        else:
            reasons.append(Reason("never engaged with you", _ABSENT_PUSH / 2))
        if you:
            when = last[Direction.FROM_YOU]
            text = f"you engaged with them {you}" + (f", last {ago(when, now)}" if when else "")
            reasons.append(Reason(text, 0.7 * from_you + 0.1))
        else:
            reasons.append(Reason("you never engaged with them", _ABSENT_PUSH / 2))
    # Unknown follow-back says nothing (no reason claims either way), and the mutual part of
    # the value is then missing evidence, not a verdict.
    reasons.sort(key=lambda r: -abs(r.push))
    return Component(
        value=min(1.0, value),
        reasons=tuple(reasons),
        confidence=1.0 - MUTUAL if follows_you is None else 1.0,
        facts={
            "follows_you": follows_you,
            "engagement_from_them": round(weight[Direction.FROM_THEM], 3),
            "engagement_from_you": round(weight[Direction.FROM_YOU], 3),
            "last_from_them": last[Direction.FROM_THEM],
            "last_from_you": last[Direction.FROM_YOU],
            "events": {f"{d.value}:{k.value}": n for (d, k), n in sorted(counts.items())},
            **({} if engagement_known else {"engagement_known": False}),
        },
    )


def _summary(counts: dict[tuple[Direction, InteractionKind], int], direction: Direction) -> str:
    """'4 times (3 replies, 1 like)', most effortful kind first; '' when nothing happened."""
    parts = []
    total = 0
    for kind, (one, many) in _NOUN.items():
        n = counts.get((direction, kind), 0)
        total += n
        if n:
            parts.append(f"{n:,} {one if n == 1 else many}")
    return f"{plural(total, 'time')} ({', '.join(parts)})" if total else ""


def last_engagement_from_them(events: Sequence[Interaction]) -> datetime | None:
    moments = [e.at for e in events if e.direction is Direction.FROM_THEM and e.at is not None]
    return max(moments, default=None)


# Most followed accounts never interact with the person, and with no events neither the moment
# nor the half-life matters: they share one of these two Components.
_NO_EVENTS = {
    follows_you: _score(follows_you, (), datetime.min, 1.0)
    for follows_you in (False, True, None)
}


def blocked_tie(relationship: Relationship) -> Component | None:
    """The tie when a block stands between you (either way), else None: a follow that shows
    you none of the account's posts, whatever else is known. Its value is what a one-way tie
    with no engagement gets (the blend's figures stay as they were); the proposal comes from
    the block itself (blend), and its reason leads."""
    if relationship.blocks_you:
        return _BLOCKS_YOU
    if relationship.blocked:
        return _YOU_BLOCK
    return None


_BLOCK_PUSH = -1.0  # as strong as a dead account's reason: nothing else about it matters
_BLOCKS_YOU = Component(
    value=BASE,
    reasons=(Reason("blocks you: you cannot see its posts", _BLOCK_PUSH),),
    facts={"blocks_you": True, "follows_you": False},
)
_YOU_BLOCK = Component(
    value=BASE,
    reasons=(Reason("you block it: its posts are hidden from you", _BLOCK_PUSH),),
    facts={"you_block": True, "follows_you": False},
)


def engagement_unknown(follows_you: bool | None) -> Component:
    """Interaction with no engagement history to read at all: the value of an account with no
    events (follow-back alone), but reasons that claim only what is known."""
    return _UNKNOWN_ENGAGEMENT[follows_you]


_UNKNOWN_ENGAGEMENT = {
    follows_you: _score(follows_you, (), datetime.min, 1.0, engagement_known=False)
    for follows_you in (False, True, None)
}
