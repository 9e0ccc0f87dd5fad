"""Persona round 16 (an ecologist in Naarm/Melbourne): places Australian profiles write that
were unread or misread."""

from __future__ import annotations

from pathlib import Path

import pytest

from followprune.scoring.geography import (
    best_reading,
    describe_place,
    geography_score,
    home_region_named,
    resolve_location,
    resolve_setting,
    resolve_shown,
)
from tests.conftest import Invoke


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


MELBOURNE = [resolve_setting("Melbourne, Australia")]


def test_vic_is_victoria_to_a_reader_at_home_in_australia() -> None:
    vic = resolve_location("Vic")
    # Without a home it stays what it was.
    assert vic.country == "ES"
    for text in ("Vic", "VIC", "vic", "Qld", "NSW", "Vic."):
        score, reasons = geography_score(resolve_location(text), MELBOURNE, [])
        assert score >= 0.8, (text, reasons)
    assert best_reading(resolve_location("Vic"), MELBOURNE, []).region == "AU-VIC"
    # A Spaniard's Vic is still Vic.
    spain = [resolve_setting("Barcelona, Spain")]
    assert best_reading(resolve_location("Vic"), spain, []).country == "ES"


def test_state_codes_for_a_reader_at_home_in_the_united_states() -> None:
    home = [resolve_setting("Columbus, Ohio")]
    assert home_region_named("TX", home).region == "US-TX"
    # Two letters in lower case are words.
    assert home_region_named("me", home) is None
    assert home_region_named("Vic", home) is None


def test_a_regions_setting_of_vic_is_victoria_with_a_home_in_australia() -> None:
    assert resolve_setting("Vic").country == "ES"
    assert resolve_setting("Vic", MELBOURNE).region == "AU-VIC"
    score, reasons = geography_score(resolve_location("Geelong"), MELBOURNE,
                                     [resolve_setting("Vic", MELBOURNE)])
    assert score == 0.9, reasons


def test_config_show_reads_vic_as_victoria_with_a_home_in_melbourne(
    invoke: Invoke, isolated_env: Path
) -> None:
    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.toml").write_text(
        '[geography]\nhome = ["Naarm"]\nregions = ["Vic"]\n', encoding="utf-8")
    shown = invoke("config", "show")
    assert shown.exit_code == 0, shown.output
    assert "# geography.regions: 'Vic' is Victoria, Australia" in shown.stdout
