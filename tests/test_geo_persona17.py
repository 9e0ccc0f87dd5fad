"""Findings of persona round 17 (Lucía, an epidemiologist in Bogotá): Colombia's cities as
Colombians write them ("Bogotá D.C.", "Medallo", "Curramba", "Cali - Valle"), airport codes,
and the names that are another place to anyone outside Colombia ("Cali", "La Candelaria")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from followprune.scoring.geography import (
    best_reading,
    geography_score,
    home_nickname,
    resolve_location,
    resolve_setting,
)

BOGOTA = [resolve_setting("Bogotá")]
AUSTIN = [resolve_setting("Austin, TX")]
FOLLOWS = Path(__file__).parent / "fixtures" / "personas" / "bogota" / "follows.jsonl"


@pytest.mark.parametrize(("text", "city"), [
    # Bogotá, Distrito Capital: "D.C." had been Washington's, or dropped the city.
    ("Bogota DC", "Bogotá"),
    ("Bogotá D.C.", "Bogotá"),
    ("Bogotá D.C., Colombia", "Bogotá"),
    ("Bogotá, D.C., Colombia", "Bogotá"),
    ("Bta", "Bogotá"),
    ("BOG", "Bogotá"),
    ("La Nevera", "Bogotá"),
    ("Chapinero", "Bogotá"),
    ("Usaquén", "Bogotá"),
    ("Medallo", "Medellín"),
    ("El Poblado", "Medellín"),
    ("Curramba", "Barranquilla"),
    ("Curramba la bella", "Barranquilla"),
    ("Barranquilla, Atlántico", "Barranquilla"),
    ("Quilla", "Barranquilla"),
    ("Sucursal del Cielo", "Cali"),
    ("Cali pues 🙌", "Cali"),
    # Valle del Cauca as caleños shorten it, after a comma or dash.
    ("Cali - Valle", "Cali"),
    ("Cali, Valle", "Cali"),
    ("Tuluá - Valle", "Tuluá"),
])
def test_colombian_places_as_colombians_write_them(text: str, city: str) -> None:
    place = resolve_location(text)
    assert (place.country, place.city) == ("CO", city)


@pytest.mark.parametrize("text", [
    # Look-alikes that keep their reading: Washington's DC, the New Jersey town, California.
    "Washington, DC",
    "DC",
])
def test_dc_alone_or_after_washington_stays_washington(text: str) -> None:
    place = resolve_location(text)
    assert (place.country, place.region) == ("US", "US-DC")


def test_bogota_new_jersey_keeps_its_state() -> None:
    place = resolve_location("Bogota, NJ")
    assert (place.country, place.region, place.city) == ("US", "US-NJ", "Bogota")


@pytest.mark.parametrize("text", ["Bog", "bog", "Valle", "Rola", "rolo", "Latinoamérica",
                                  "Latam"])
def test_words_and_regions_stay_unread(text: str) -> None:
    # "bog" is a word (the airport only in capitals); "valle" is "valley" alone; "rola" is
    # what Bogotanos call themselves, not Rolla, Missouri; Latin America is no country.
    assert not resolve_location(text).known


def test_rolla_is_still_rolla() -> None:
    place = resolve_location("Rolla")
    assert (place.country, place.region, place.city) == ("US", "US-MO", "Rolla")


@pytest.mark.parametrize("text", ["SoCal", "NorCal", "Cali, USA", "Cali, US"])
def test_california_where_it_clearly_is(text: str) -> None:
    for reader in (BOGOTA, AUSTIN, []):
        place = best_reading(resolve_location(text), reader, [])
        assert place is not None
        assert (place.country, place.region) == ("US", "US-CA"), (text, reader)


def test_cali_alone_is_the_colombian_city_at_home_in_colombia() -> None:
    place = best_reading(resolve_location("Cali"), BOGOTA, [])
    assert place is not None
    assert (place.country, place.city) == ("CO", "Cali")
    score, _ = geography_score(resolve_location("Cali"), BOGOTA, [])
    assert score == pytest.approx(0.8)  # same country as a Bogotana


def test_cali_alone_stays_california_for_everyone_else() -> None:
    # The tuning set reads "Cali" as California, as American profiles mean it.
    assert resolve_location("Cali").region == "US-CA"
    place = best_reading(resolve_location("Cali"), AUSTIN, [])
    assert place is not None
    assert place.region == "US-CA"
    assert home_nickname("Cali", AUSTIN) is None


def test_la_candelaria_is_bogotas_old_town_only_at_home_in_colombia() -> None:
    place = best_reading(resolve_location("La Candelaria"), BOGOTA, [])
    assert place is not None
    assert (place.country, place.city) == ("CO", "Bogotá")
    # Elsewhere it stays the cautious reading of a town named in passing.
    elsewhere = best_reading(resolve_location("La Candelaria"), AUSTIN, [])
    assert elsewhere is not None
    assert elsewhere.city != "Bogotá"
    assert resolve_location("La Candelaria").confidence <= 0.5
    # "Candelaria" alone is a town of its own, never Bogotá.
    assert home_nickname("Candelaria", BOGOTA) is None


def test_the_personas_colombian_locations_all_read_as_colombia() -> None:
    texts = {json.loads(line).get("location") for line in FOLLOWS.read_text().splitlines()}
    for text in ("Cali", "Cali pues 🙌", "La Candelaria", "Bogotá D.C.", "Bogotá D.C., Colombia",
                 "BOG", "Bta", "Medallo", "Curramba la bella 🌴", "Sucursal del Cielo",
                 "Usaquén", "Chapinero, Bogotá", "Bogotá, la nevera ❄️"):
        assert text in texts
        place = best_reading(resolve_location(text), BOGOTA, [])
        assert place is not None and place.country == "CO", text


def test_antioquia_after_a_town_is_the_department_not_antakya() -> None:
    # Antakya's other name is "Antioquia": "Medellín, Antioquia" had named Turkey too.
    place = resolve_location("Medellín, Antioquia")
    assert (place.country, place.city, place.also) == ("CO", "Medellín", ())
    assert resolve_location("Antakya").country == "TR"
    # Colombia's Santander is left out: a Spanish city of that name is meant alone.
    assert resolve_location("Santander").country == "ES"
