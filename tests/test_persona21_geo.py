"""Findings of persona round 21 (Marcus, a science teacher in Evanston): Chicago as Chicagoans
write it ("Chicagoland", "Chiberia", "the Chi", neighbourhoods given alone), "Pilsen" as an
American means it, observatories' summits, and Hawaiʻi written with its ʻokina."""

from __future__ import annotations

import pytest

from followprune.scoring.geo_resolver import normalize
from followprune.scoring.geography import (
    best_reading,
    geography_score,
    home_nickname,
    resolve_location,
    resolve_setting,
)

EVANSTON = [resolve_setting("Evanston, IL")]
BERLIN = [resolve_setting("Berlin")]


@pytest.mark.parametrize("text", [
    "Chicagoland", "Chiberia", "the Chi", "Wicker Park", "Bucktown", "Wrigleyville",
    "La Villita", "Little Village", "Andersonville", "Bronzeville", "Jackowo", "Rogers Park",
])
def test_chicago_as_chicagoans_write_it(text: str) -> None:
    place = resolve_location(text)
    assert (place.country, place.region, place.city) == ("US", "US-IL", "Chicago"), text
    score, _ = geography_score(place, EVANSTON, [])
    assert score == pytest.approx(1.0)  # the same metro as Evanston


def test_chicagoland_is_a_setting_prune_accepts() -> None:
    # Typed as a region it had been refused ("not a place followprune knows").
    assert resolve_setting("Chicagoland").city == "Chicago"


def test_pilsen_is_chicago_to_an_american_and_plzen_to_anyone_else() -> None:
    place = best_reading(resolve_location("Pilsen"), EVANSTON, [])
    assert place is not None
    assert (place.country, place.city) == ("US", "Chicago")
    score, _ = geography_score(resolve_location("Pilsen"), EVANSTON, [])
    assert score == pytest.approx(1.0)  # had been 0.3, a Czech city far away
    assert resolve_location("Pilsen").country == "CZ"
    assert home_nickname("Pilsen", BERLIN) is None
    elsewhere = best_reading(resolve_location("Pilsen"), BERLIN, [])
    assert elsewhere is not None and elsewhere.country == "CZ"


@pytest.mark.parametrize(("text", "region"), [
    ("Mauna Kea", "US-HI"), ("Maunakea", "US-HI"), ("Kitt Peak", "US-AZ"),
    ("Waimea, Hawaiʻi", "US-HI"), ("Hawaiʻi", "US-HI"), ("Hawai‘i", "US-HI"),
    ("Hilo, Hawai‘i", "US-HI"),
])
def test_observatories_and_hawaii_as_written_there(text: str, region: str) -> None:
    place = resolve_location(text)
    assert (place.country, place.region) == ("US", region), text


def test_the_okina_is_dropped_as_an_apostrophe_is() -> None:
    assert normalize("Hawaiʻi") == normalize("Hawai'i") == "hawaii"


@pytest.mark.parametrize("text", ["Chicago Bulls fan", "Chi energy", "chi"])
def test_look_alikes_stay_as_they_were(text: str) -> None:
    # "chi" alone stays read only in capitals; a bio's words are no Chicago neighbourhood.
    place = resolve_location(text)
    assert place.city != "Chicago" or text.startswith("Chicago")


@pytest.mark.parametrize("text", ["the 312", "The 773", "the 872"])
def test_chicagos_area_codes_with_the_before_them(text: str) -> None:
    place = resolve_location(text)
    assert (place.region, place.city) == ("US-IL", "Chicago"), text


def test_the_curated_area_codes_are_read_at_last() -> None:
    # "the 512" had been listed for Austin but read as no place: digits and "the".
    assert resolve_location("the 512").city == "Austin"


@pytest.mark.parametrize("text", ["312", "404", "the 404", "773"])
def test_bare_numbers_stay_no_place(text: str) -> None:
    assert not resolve_location(text).known


ILLINOIS = [resolve_setting("Illinois")]
AUSTIN = [resolve_setting("Austin, TX")]


@pytest.mark.parametrize("text", ["Peoria", "Springfield", "Aurora"])
def test_a_town_of_like_size_in_his_state_is_read_as_his(text: str) -> None:
    place = best_reading(resolve_location(text), EVANSTON, ILLINOIS)
    assert place is not None and place.region == "US-IL", text
    score, _ = geography_score(resolve_location(text), EVANSTON, ILLINOIS)
    assert score == pytest.approx(0.9)  # one of his regions, in his country


@pytest.mark.parametrize(("text", "country"), [("Paris", "FR"), ("Dublin", "IE"),
                                               ("London", "GB")])
def test_a_much_bigger_city_abroad_keeps_its_reading(text: str, country: str) -> None:
    # Paris, Texas is a town of 25,000: to an Austinite "Paris" is still France.
    place = best_reading(resolve_location(text), AUSTIN, [])
    assert place is not None and place.country == country
    score, _ = geography_score(resolve_location(text), AUSTIN, [])
    assert score == pytest.approx(0.3)
