"""Findings of persona round 22 (Ana, a data journalist in São Paulo): São Paulo, Rio and
Recife's neighbour as Brazilians write them ("SP capital", "interior de SP", "Vila Madalena",
"Cidade Maravilhosa", "Jaboatão"), all unknown before."""

from __future__ import annotations

import pytest

from followprune.scoring.geography import geography_score, resolve_location, resolve_setting


@pytest.mark.parametrize(("text", "city", "region"), [
    ("SP capital", "São Paulo", "BR.27"),
    ("Capital paulista", "São Paulo", "BR.27"),
    ("Vila Madalena", "São Paulo", "BR.27"),
    ("Vila Madalena, SP", "São Paulo", "BR.27"),
    ("Cidade Maravilhosa", "Rio de Janeiro", "BR.21"),
    ("Jaboatão", "Jaboatão dos Guararapes", "BR.30"),
    ("Jaboatão dos Guararapes", "Jaboatão dos Guararapes", "BR.30"),
])
def test_brazilian_city_names_as_written(text: str, city: str, region: str) -> None:
    place = resolve_location(text)
    assert (place.country, place.region, place.city) == ("BR", region, city), place


@pytest.mark.parametrize("text", ["interior de SP", "Interior de São Paulo", "interior paulista"])
def test_the_interior_is_the_state_not_the_city(text: str) -> None:
    place = resolve_location(text)
    assert (place.country, place.region, place.city) == ("BR", "BR.27", None), place


def test_a_town_in_the_interior_is_that_town() -> None:
    place = resolve_location("Campinas, interior de SP")
    assert (place.region, place.city) == ("BR.27", "Campinas"), place


@pytest.mark.parametrize("text", ["Madalena", "Capital"])
def test_the_parts_alone_are_not_sao_paulo(text: str) -> None:
    assert resolve_location(text).city != "São Paulo"


@pytest.mark.parametrize(("text", "region"), [
    ("Pernambuco", "BR.30"), ("Bahia", "BR.05"), ("Ceará", "BR.06"),
    ("Rio Grande do Sul", "BR.23"),
])
def test_a_state_alone_is_the_state_not_its_capital(text: str, region: str) -> None:
    # GeoNames gives the capitals the states' old names ("Pernambuco" for Recife).
    place = resolve_location(text)
    assert (place.country, place.region, place.city) == ("BR", region, None), place


@pytest.mark.parametrize(("text", "city"), [
    ("Recife, Pernambuco", "Recife"), ("Salvador, Bahia", "Salvador"),
    ("Fortaleza, Ceará", "Fortaleza"), ("Rio Grande, RS", "Rio Grande"),
    ("Porto Alegre, Rio Grande do Sul", "Porto Alegre"),
])
def test_a_city_with_its_state_is_still_the_city(text: str, city: str) -> None:
    assert resolve_location(text).city == city


@pytest.mark.parametrize(("text", "country"), [
    ("Bahía de Caráquez", "EC"), ("Bahía Blanca", "AR"),
])
def test_the_namesakes_abroad_stay_abroad(text: str, country: str) -> None:
    assert resolve_location(text).country == country


def test_a_town_of_a_state_in_the_settings_is_in_ones_regions() -> None:
    home = [resolve_setting("São Paulo")]
    regions = [resolve_setting("Pernambuco")]
    value, reasons = geography_score(resolve_location("Caruaru, PE"), home, regions)
    assert value == 0.9, reasons  # a region of interest inside the home country
    assert "one of your regions" in reasons[0], reasons
