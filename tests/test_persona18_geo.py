"""Findings of persona round 18 (Priya, a data engineer in Bengaluru): India's places as
Indians write them — a city and its state's code ("Chennai, TN", "Kochi, KL"), tech districts
and neighbourhoods alone ("Cyberabad", "Mylapore", "Marathahalli"), shorthand ("Hyd",
"Blore"), Kerala's motto and Goa — and the names that are another place outside India
("Whitefield", "HSR"), read as Bengaluru only at home there."""

from __future__ import annotations

import pytest

from followprune.scoring.geography import (
    best_reading,
    geography_score,
    home_nickname,
    resolve_location,
    resolve_setting,
)

BENGALURU = [resolve_setting("Bengaluru")]
MANCHESTER = [resolve_setting("Manchester, UK")]


@pytest.mark.parametrize(("text", "city"), [
    # A state's code after its town: "TN" had been Tennessee, "KL" Kuala Lumpur, "RJ" Rio.
    ("Chennai, TN", "Chennai"),
    ("Chennai TN", "Chennai"),
    ("Chennai/TN", "Chennai"),
    ("Madurai, TN", "Madurai"),
    ("Coimbatore, TN", "Coimbatore"),
    ("Kochi, KL", "Kochi"),
    ("Jaipur, RJ", "Jaipur"),
    ("Hyderabad, TG", "Hyderabad"),
    ("Dehradun, UK", "Dehradun"),  # the big city, though "UK" is no code of India's here
    ("Guwahati, AS", "Guwahati"),
    # Districts and shorthand given alone.
    ("Cyberabad", "Hyderabad"),
    ("Hyd", "Hyderabad"),
    ("Gachibowli", "Hyderabad"),
    ("Mylapore", "Chennai"),
    ("Adyar", "Chennai"),
    ("Marathahalli", "Bengaluru"),
    ("Bellandur", "Bengaluru"),
    ("Blore", "Bengaluru"),
    # As typed, and in the region's own scripts: "கோவை" (Kovai) had been Kyiv.
    ("Banglore", "Bengaluru"),
    ("Kormangala", "Bengaluru"),
    ("బెంగళూరు", "Bengaluru"),
    ("கோவை", "Coimbatore"),
    ("திருச்சி", "Tiruchirappalli"),
])
def test_indian_places_as_indians_write_them(text: str, city: str) -> None:
    place = resolve_location(text)
    assert (place.country, place.city) == ("IN", city), text


@pytest.mark.parametrize(("text", "country", "region"), [
    # The same codes after a town of theirs keep their own country: Tennessee's, Oregon's,
    # Michigan's, Brazil's, Britain's.
    ("Nashville, TN", "US", "US-TN"),
    ("Memphis, TN", "US", "US-TN"),
    ("Paris, TN", "US", "US-TN"),
    ("Salem, OR", "US", "US-OR"),
    ("Milan, MI", "US", "US-MI"),
    ("Recife, PE", "BR", "BR.30"),
    ("Leeds, UK", "GB", "GB-ENG"),
])
def test_state_codes_elsewhere_keep_their_country(text: str, country: str, region: str) -> None:
    place = resolve_location(text)
    assert (place.country, place.region) == (country, region), text


def test_kerala_by_its_motto_and_goa_the_state() -> None:
    kerala = resolve_location("God's own country")
    assert (kerala.country, kerala.region) == ("IN", "IN-KL")
    assert resolve_location("Gods own country").region == "IN-KL"
    # Goa had been a town of 20,000 in the Philippines.
    assert resolve_location("Goa").country == "IN"


@pytest.mark.parametrize("text", ["Whitefield", "HSR"])
def test_bengaluru_districts_read_at_home_in_india(text: str) -> None:
    place = best_reading(resolve_location(text), BENGALURU, [])
    assert place is not None
    assert (place.country, place.city) == ("IN", "Bengaluru")
    score, _ = geography_score(resolve_location(text), BENGALURU, [])
    assert score == pytest.approx(1.0)  # same city


def test_whitefield_stays_the_english_town_elsewhere() -> None:
    assert resolve_location("Whitefield").country == "GB"
    place = best_reading(resolve_location("Whitefield"), MANCHESTER, [])
    assert place is not None
    assert place.country == "GB"
    assert home_nickname("HSR", MANCHESTER) is None
    assert resolve_location("HSR").country is None


@pytest.mark.parametrize(("text", "region"), [
    # "ಕರ್ನಾಟಕ" had been Corona, California.
    ("ಕರ್ನಾಟಕ", "IN-KA"),
    ("தமிழ்நாடு", "IN-TN"),
    ("Tamilnadu", "IN-TN"),
    ("കേരളം", "IN-KL"),
    ("తెలంగాణ", "IN-TS"),
])
def test_indian_states_in_their_own_scripts(text: str, region: str) -> None:
    place = resolve_location(text)
    assert (place.country, place.region) == ("IN", region), text


def test_the_places_those_had_been_keep_their_names() -> None:
    assert resolve_location("Corona, CA").city == "Corona"
    assert resolve_location("Київ").city == "Kyiv"


@pytest.mark.parametrize(("text", "country", "region"), [
    # A state's code alone is the state to someone at home in India ...
    ("TN", "IN", "IN-TN"),
    ("KA", "IN", "IN-KA"),
    # ... but not "UK", the United Kingdom, nor "KL", which the table reads as Kuala Lumpur.
    ("UK", "GB", None),
    ("KL", "MY", "MY.14"),
])
def test_bare_state_codes_at_home_in_india(text: str, country: str, region: str | None) -> None:
    place = best_reading(resolve_location(text), BENGALURU, [])
    assert place is not None
    assert (place.country, place.region) == (country, region), text
