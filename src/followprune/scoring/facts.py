"""Typed readings of the facts the built-in components keep, for the code that decides on
them (rules, the summary's causes), so nothing reads a fact by a string key and hopes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from followprune.scoring.components import Component


@dataclass(frozen=True)
class QualityFaults:
    bot: float  # bot or follower-seeker probability
    silence: float  # penalty for a long silence
    volume: float  # penalty for flooding the stream
    days_silent: int | None


@dataclass(frozen=True)
class Engagement:
    last_from_them: datetime | None
    last_from_you: datetime | None
    events: int  # interactions either way, dated or not


def quality_faults(quality: Component) -> QualityFaults:
    facts = quality.facts
    silent = facts.get("days_silent")
    return QualityFaults(
        bot=_number(facts.get("bot_score")),
        silence=_number(facts.get("activity_penalty")),
        volume=_number(facts.get("volume_penalty")),
        days_silent=silent if isinstance(silent, int) else None,
    )


def engagement(interaction: Component) -> Engagement:
    facts = interaction.facts
    events = facts.get("events")
    count = sum(n for n in events.values() if isinstance(n, int)) if isinstance(
        events, dict) else 0
    return Engagement(_moment(facts.get("last_from_them")), _moment(facts.get("last_from_you")),
                      count)


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _moment(value: object) -> datetime | None:
    return value if isinstance(value, datetime) else None
