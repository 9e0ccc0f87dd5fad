"""Persona round 23 (Omar, a Cairo engineer): Upper Egypt as Egyptians write it ("الصعيد",
"صعيد مصر", "Upper Egypt") is in Egypt, an area known only by its country; the name
"Saeed" is no place."""

from __future__ import annotations

import pytest

from followprune.scoring.geography import geography_score, resolve_location, resolve_setting

CAIRO = [resolve_setting("القاهرة")]


@pytest.mark.parametrize("text", ["الصعيد", "صعيد مصر", "Upper Egypt"])
def test_upper_egypt_is_in_egypt(text: str) -> None:
    place = resolve_location(text)
    assert place.country == "EG"
    assert place.city is None
    score, reasons = geography_score(place, CAIRO, [])
    assert score > 0.5
    assert reasons == ["in Egypt — same country as you"]


@pytest.mark.parametrize("text", ["Saeed", "Ahmed El Saeed"])
def test_the_name_saeed_is_no_place(text: str) -> None:
    assert resolve_location(text).country is None
