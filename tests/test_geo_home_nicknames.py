"""City nicknames that name different cities in different countries (persona round 15: a
Nigerian's "Garden City" is Port Harcourt, which read as Singapore): read as the home
country's city by someone at home there, as the resolver reads them for anyone else."""

from __future__ import annotations

from pathlib import Path

import pytest

from followprune.scoring.geography import (
    best_reading,
    geography_score,
    home_nickname,
    resolve_location,
    resolve_setting,
)
from tests.conftest import Invoke

LAGOS = [resolve_setting("Lagos, Nigeria")]


@pytest.mark.parametrize(("home", "text", "country", "city"), [
    ("Lagos, Nigeria", "Garden City", "NG", "Port Harcourt"),
    ("Lagos, Nigeria", "the garden city", "NG", "Port Harcourt"),
    ("Auckland, New Zealand", "Garden City", "NZ", "Christchurch"),
    ("Leeds, England", "Steel City", "GB", "Sheffield"),
    ("Columbus, Ohio", "Steel City", "US", "Pittsburgh"),
    ("Leeds, England", "The Big Smoke", "GB", "London"),
    ("Auckland, New Zealand", "Windy City", "NZ", "Wellington"),
    ("Durban, South Africa", "City of Gold", "ZA", "Johannesburg"),
])
def test_a_nickname_is_the_home_countrys_city(home: str, text: str, country: str,
                                              city: str) -> None:
    reader = [resolve_setting(home)]
    place = best_reading(resolve_location(text), reader, [])
    assert place is not None
    assert (place.country, place.city) == (country, city)


def test_elsewhere_the_resolvers_reading_stands() -> None:
    berlin = [resolve_setting("Berlin, Germany")]
    for text in ("Garden City", "Windy City", "The Big Smoke"):
        plain = resolve_location(text)
        assert best_reading(plain, berlin, []) == plain
        assert home_nickname(text, berlin) is None
    assert home_nickname("Garden City", []) is None
    # Only the whole text: a nickname inside a longer one is not read at home.
    assert home_nickname("Garden City, Kansas", LAGOS) is None


def test_port_harcourt_by_its_nickname_is_home_country_to_a_lagosian() -> None:
    score, reasons = geography_score(resolve_location("Garden City"), LAGOS, [])
    assert score == 0.8, reasons
    assert reasons == ["in Port Harcourt, Nigeria — same country as you"]
    # Singapore's nickname still, to anyone but a Nigerian or a New Zealander.
    assert resolve_location("Garden City").country == "SG"


def test_locate_shows_the_home_reading(invoke: Invoke, isolated_env: Path) -> None:
    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.toml").write_text('[geography]\nhome = ["Lagos, Nigeria"]\n',
                                              encoding="utf-8")
    result = invoke("locate", "--format", "json", "Garden City")
    assert result.exit_code == 0, result.output
    assert '"Port Harcourt"' in result.stdout
    bare = invoke("locate", "--no-home", "--format", "json", "Garden City")
    assert '"Singapore"' in bare.stdout and "Port Harcourt" not in bare.stdout


@pytest.mark.parametrize(("text", "city"), [("Pink City", "Jaipur"), ("City of Joy", "Kolkata")])
def test_a_nickname_only_one_city_has_is_read_for_anyone(text: str, city: str) -> None:
    place = resolve_location(text)
    assert (place.country, place.city) == ("IN", city)


@pytest.mark.parametrize("text", ["Gold", "Heart of Gold", "City of Gold"])
def test_gold_is_a_word_not_the_gold_coast(text: str) -> None:
    # GeoNames lists "Gold" as a name of the Gold Coast, which put Neil Young's "Heart of
    # Gold" and Johannesburg's nickname in Queensland.
    assert not resolve_location(text).known
    assert resolve_location("Gold Coast").region == "AU-QLD"
