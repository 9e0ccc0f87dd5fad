"""Findings of persona round 22 (Ana, a data journalist in São Paulo): São Paulo, Rio and
Recife's neighbour as Brazilians write them ("SP capital", "interior de SP", "Vila Madalena",
"Cidade Maravilhosa", "Jaboatão"), all unknown before."""

from __future__ import annotations

import pytest

from followprune.scoring.geography import resolve_location


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
