"""The spans reasons state as facts ("silent for …") are never longer than they were."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followprune.scoring.wording import duration

YEAR = 365.25


@pytest.mark.parametrize(("days", "said"), [
    (0.4, "0 days"),
    (3.6, "4 days"),
    (40, "6 weeks"),
    (200, "7 months"),
    (2.0 * YEAR, "2 years"),
    (2.4 * YEAR, "2 years"),
    # 950 days had been "silent for 3 years": half a year more than it was.
    (950, "2½ years"),
    (2.95 * YEAR, "3 years"),
    (13.6 * YEAR, "13½ years"),
    (1_460, "4 years"),
])
def test_duration_says_what_a_person_would(days: float, said: str) -> None:
    assert duration(days) == said


def _said_in_days(text: str) -> float:
    number, unit = text.split(" ")
    value = float(number.replace(",", "").replace("½", ".5"))
    return value * {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30.44,
                    "months": 30.44, "year": YEAR, "years": YEAR}[unit]


@given(st.floats(min_value=60, max_value=60 * YEAR))
def test_a_span_is_never_overstated_by_more_than_a_tenth_of_a_year(days: float) -> None:
    assert _said_in_days(duration(days)) - days <= 0.1 * YEAR + 1e-6
