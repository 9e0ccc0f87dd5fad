"""Persona round 16 (an ecologist in Naarm/Melbourne): places Australian profiles write that
were unread or misread."""

from __future__ import annotations

import pytest

from followprune.scoring.geography import (
    describe_place,
    geography_score,
    resolve_location,
    resolve_setting,
    resolve_shown,
)


@pytest.mark.parametrize(("text", "region", "city"), [
    ("Wurundjeri Country", "AU-VIC", "Melbourne"),
    ("Wurundjeri Woi-wurrung Country", "AU-VIC", "Melbourne"),
    ("Boonwurrung land", "AU-VIC", "Melbourne"),
    ("Wadawurrung Country", "AU-VIC", "Geelong"),
    ("Geelong, Wadawurrung Country", "AU-VIC", "Geelong"),
    ("Gadigal land", "AU-NSW", "Sydney"),
    ("Turrbal and Yuggera Country", "AU-QLD", "Brisbane"),
    ("Kaurna Country", "AU-SA", "Adelaide"),
    ("Whadjuk Noongar Country", "AU-WA", "Perth"),
    ("Ngunnawal Country", "AU-ACT", "Canberra"),
    ("Larrakia Country", "AU-NT", "Darwin"),
    ("palawa Country", "AU-TAS", None),
    ("Gariwerd", "AU-VIC", None),
    ("Beaumaris", "AU-VIC", "Beaumaris"),
    ("Aspendale", "AU-VIC", "Aspendale"),
])
def test_australian_places_that_were_unresolved(text: str, region: str, city: str | None) -> None:
    place = resolve_location(text)
    assert (place.country, place.region, place.city) == ("AU", region, city)


def test_oz_and_down_under_are_australia_only_as_the_whole_text() -> None:
    assert resolve_location("Oz").country == "AU"
    assert resolve_location("Down Under").country == "AU"
    assert not resolve_location("Land of Oz").known
    assert not resolve_location("Emerald City, Oz").known


def test_st_kilda_is_shown_as_written() -> None:
    assert describe_place(resolve_location("St Kilda")) == "St Kilda, Australia"
    assert resolve_shown("St. Kilda").city == "St. Kilda"
    # GeoNames' own name where the text wrote it so.
    assert resolve_shown("Saint Kilda").city == "Saint Kilda"


def test_a_nations_country_is_home_for_a_melburnian() -> None:
    home = [resolve_setting("Melbourne, Australia")]
    score, reasons = geography_score(resolve_location("Wurundjeri Country"), home, [])
    assert score == 1.0, reasons
