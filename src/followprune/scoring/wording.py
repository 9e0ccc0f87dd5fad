"""Small helpers that turn numbers and dates into the words reasons use."""

from __future__ import annotations

from datetime import datetime


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def duration(days: float) -> str:
    """'3 days', '5 weeks', '14 months', '2½ years' — the unit a person would use.

    Reasons state these as facts ("silent for …"), so a span is never said to be longer
    than it was by more than a rounding a person makes anyway: days, weeks and months are
    rounded (half a unit either way); years, where rounding would add up to half a year,
    go by halves, rounded down unless a whole year is within a tenth ("2 years" at 2.4,
    "2½ years" at 2.6, "3 years" at 2.9).
    """
    days = max(0.0, days)
    if days < 14:
        return plural(round(days), "day")
    if days < 60:
        return plural(round(days / 7), "week")
    # "24 months" is what nobody says: from there on, years.
    months = round(days / 30.44)
    if months < 24:
        return plural(months, "month")
    years = days / 365.25
    whole = int(years)
    if years - whole >= 0.9:
        return plural(whole + 1, "year")
    if years - whole >= 0.5:
        return f"{whole:,}½ years"
    return plural(whole, "year")


def ago(moment: datetime, now: datetime) -> str:
    return days_ago((now - moment).total_seconds() / 86400)


def days_ago(days: float) -> str:
    """'today', 'yesterday', '3 days ago', '2 years ago'."""
    if days < 1:
        return "today"
    if days < 2:
        return "yesterday"
    return duration(days) + " ago"
