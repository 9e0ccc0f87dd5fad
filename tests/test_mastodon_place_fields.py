"""Profile fields labelled "I live in" or "based in" are the location (persona round 17: a
Colombian's "Vivo en: Bogotá" had been passed over, and the account scored as unknown)."""

from __future__ import annotations

import pytest

from followprune.networks.mastodon.convert import location_from_fields


@pytest.mark.parametrize("name", [
    "Vivo en", "Vivo en:", "Resido en", "Based in", "Living in", "Wohnort", "Lebe in",
    "Lieu", "J'habite à", "Moro em", "Vivo em", "Abito a", "Woon in", "Mieszkam w"])
def test_an_i_live_in_field_is_the_location(name: str) -> None:
    fields = [{"name": "Web", "value": "<a href='x'>x</a>"},
              {"name": name, "value": "<p>Bogotá</p>"}]
    assert location_from_fields(fields) == "Bogotá"


@pytest.mark.parametrize("name", ["Vivo para", "Home", "Pronombres", "Trabajo en"])
def test_other_fields_are_not_a_location(name: str) -> None:
    # "Trabajo en" (I work at) names an employer as often as a town; "Home" a homepage.
    assert location_from_fields([{"name": name, "value": "Bogotá"}]) == ""
