"""Small helpers that turn numbers and dates into the words reasons use."""

from __future__ import annotations

from datetime import datetime


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def duration(days: float) -> str:
    """'3 days', '5 weeks', '14 months', '3 years' — the unit a person would use."""
    if days < 14:
        return plural(max(0, round(days)), "day")
    if days < 60:
        return plural(round(days / 7), "week")
    # "24 months" is what nobody says: from there on, years.
    months = round(days / 30.44)
    if months < 24:
        return plural(months, "month")
    return plural(round(days / 365.25), "year")


def ago(moment: datetime, now: datetime) -> str:
    return days_ago((now - moment).total_seconds() / 86400)


def days_ago(days: float) -> str:
    """'today', 'yesterday', '3 days ago', '2 years ago'."""
    if days < 1:
        return "today"
    if days < 2:
        return "yesterday"
    return duration(days) + " ago"
