"""Findings of a persona run (a sports journalist in Guadalajara, Mexico): states named
alone, local nicknames, ISO 3166-2 region codes in `prune locate`, Brazil's "city - state"
shorthand and country names written with "the"."""

from __future__ import annotations

import json

import pytest

from followprune.scoring.geography import (
    describe_place,
    resolve_location,
    resolve_setting,
    resolve_shown,
)
from tests.conftest import Invoke

# --- a first-level region's own name is the region -----------------------------------------


@pytest.mark.parametrize(("text", "region"), [
    # Xalisco (Nayarit) is also spelt "Jalisco" in GeoNames; the town of Hidalgo lies in
    # Nuevo León; Tocantins the town in Minas Gerais: the states are meant.
    ("Jalisco", "MX-JAL"),
    ("Hidalgo", "MX-HID"),
    ("Sinaloa", "MX-SIN"),
    ("Tocantins", "BR-TO"),
    # A town that bears the state's name only as another name of its own.
    ("Selangor", "MY-10"),
    ("Brandenburg", "DE-BB"),
])
def test_a_region_named_alone_is_the_region_not_a_namesake_town(text: str, region: str) -> None:
    place = resolve_shown(text)
    assert (place.country, place.region, place.city, place.rule) == (
        region[:2], region, None, "region")


@pytest.mark.parametrize(("text", "city", "region"), [
    # A big city, or the seat the region is named after, stays the city: it is the more
    # exact reading and lies in that region anyway.
    ("Oaxaca", "Oaxaca", "MX-OAX"),
    ("Luzern", "Luzern", "CH-LU"),
    ("Berlin", "Berlin", "DE-BE"),
    # A town the string places says so: "Frankfurt, Brandenburg" is the town on the Oder.
    ("Frankfurt, Brandenburg", "Frankfurt (Oder)", "DE-BB"),
])
def test_a_big_or_seat_city_keeps_its_name(text: str, city: str, region: str) -> None:
    place = resolve_shown(text)
    assert (place.city, place.region) == (city, region)


@pytest.mark.parametrize(("text", "city", "region"), [
    # A region named over its namesake town is matched to GeoNames' code for it, so its
    # towns are found in it, sure of the region: they had been 0.75 with no region.
    ("Ipoh, Perak", "Ipoh", "MY-08"),
    ("Shah Alam, Selangor", "Shah Alam", "MY-10"),
    ("Petaling Jaya, Selangor", "Petaling Jaya", "MY-10"),
    ("Maracay, Aragua", "Maracay", "VE-D"),
    ("Karaj, Alborz", "Karaj", "IR-30"),
])
def test_a_town_under_a_newly_named_region_is_found_there(
        text: str, city: str, region: str) -> None:
    place = resolve_shown(text)
    assert (place.city, place.region, place.confidence) == (city, region, 0.9), text


@pytest.mark.parametrize(("text", "country", "city"), [
    # A region's seat that GeoNames spells otherwise is the seat still: the biggest town of
    # its region, or spelled within two letters of the region's name. Each had been its
    # region with no city.
    ("Veliko Tarnovo", "BG", "Veliko Tŭrnovo"),
    ("Hualien", "TW", "Hualien City"),
    ("Choluteca", "HN", "Ciudad Choluteca"),
    ("Tamanrasset", "DZ", "Tamanghasset"),
    ("Tipaza", "DZ", "Tipasa"),
    ("Stip", "MK", "Shtip"),
    ("Kocani", "MK", "Kochani"),
    ("Le Kef", "TN", "El Kef"),
    ("Pafos", "CY", "Paphos"),
    ("Jenin", "PS", "Janīn"),
    ("Cherson", "UA", "Kherson"),
])
def test_a_seat_spelled_otherwise_keeps_its_name(text: str, country: str, city: str) -> None:
    place = resolve_shown(text)
    assert (place.country, place.city, place.rule) == (country, city, "city"), text


@pytest.mark.parametrize(("text", "region"), [
    # After its country the region's name means what it means alone, not the namesake town
    # the country would frame: Xalisco (Nayarit), Hidalgo (Nuevo León), Chiapa de Corzo,
    # Brandenburg an der Havel, Kuala Selangor, Marechal Deodoro, Chaniá.
    ("Jalisco, México", "MX-JAL"),
    ("Jalisco, MX", "MX-JAL"),
    ("Jalisco México", "MX-JAL"),
    ("Hidalgo, Mexico", "MX-HID"),
    ("Chiapas, México", "MX-CHP"),
    ("Brandenburg, Germany", "DE-BB"),
    ("Selangor, Malaysia", "MY-10"),
    ("Perak, Malaysia", "MY-08"),
    ("Alagoas, Brasil", "BR-AL"),
    ("Mato Grosso, Brasil", "BR-MT"),
    ("Kreta, Griechenland", "GR-M"),
    # A US state likewise: not Delaware, Ohio, nor Des Plaines (once "Maine").
    ("Delaware, USA", "US-DE"),
    ("Maine USA", "US-ME"),
])
def test_a_region_named_before_its_country_is_the_region(text: str, region: str) -> None:
    place = resolve_shown(text)
    assert (place.country, place.region, place.city, place.rule) == (
        region[:2], region, None, "region"), text


@pytest.mark.parametrize(("text", "city", "region"), [
    # A town the region frames is still found there.
    ("Guadalajara, Jalisco", "Guadalajara", "MX-JAL"),
    ("Potsdam, Brandenburg", "Potsdam", "DE-BB"),
    ("Pachuca, Hidalgo", "Pachuca de Soto", "MX-HID"),
    # A big city, or a town in its region under the region's very name, stays the city
    # after its country.
    ("Quebec, Canada", "Québec", "CA-QC"),
    ("New York, USA", "New York City", "US-NY"),
    ("Oaxaca, México", "Oaxaca", "MX-OAX"),
    ("Durham, UK", "Durham", "GB-ENG"),
])
def test_a_city_named_like_a_region_keeps_its_reading_after_the_country(
        text: str, city: str, region: str) -> None:
    place = resolve_shown(text)
    assert (place.city, place.region) == (city, region), text


@pytest.mark.parametrize("text", [
    "Guadalajara, Jalisco", "GDL, Jal.", "Guadalajara, Jal., México", "GDL",
    # Local nicknames.
    "La Perla Tapatía", "Perla Tapatía", "Tapatío", "Guanatos",
])
def test_guadalajara_in_every_spelling(text: str) -> None:
    place = resolve_shown(text)
    assert (place.country, place.region, place.city) == ("MX", "MX-JAL", "Guadalajara"), text


def test_mexico_city_and_the_state_of_mexico() -> None:
    cdmx, edomex = resolve_shown("CDMX"), resolve_shown("Edomex")
    assert (cdmx.country, cdmx.region, cdmx.city) == ("MX", "MX-CMX", "Mexico City")
    assert (edomex.country, edomex.region, edomex.city) == ("MX", "MX-MEX", None)


# --- Brazil's "city - state" shorthand -----------------------------------------------------


@pytest.mark.parametrize(("text", "city", "region"), [
    ("BH - MG", "Belo Horizonte", "BR-MG"),  # had been Madagascar
    ("POA - RS", "Porto Alegre", "BR-RS"),  # had been Serbia
    ("BSB - DF", "Brasília", "BR-DF"),  # had been Mexico City ("el DF")
    ("SP - SP", "São Paulo", "BR-SP"),  # had been the state only
    ("Rio - RJ", "Rio de Janeiro", "BR-RJ"),
    ("RJ, RJ", "Rio de Janeiro", "BR-RJ"),
])
def test_brazilian_city_and_state_abbreviations(text: str, city: str, region: str) -> None:
    place = resolve_shown(text)
    assert (place.country, place.city, place.region) == ("BR", city, region)


@pytest.mark.parametrize(("text", "city", "region"), [
    # Without spaces round the dash as with them: "BH-MG" had been nothing as a profile's
    # location, and Bahrain in `prune locate` (as an ISO code).
    ("BH-MG", "Belo Horizonte", "BR-MG"),
    ("POA-RS", "Porto Alegre", "BR-RS"),
    ("SP-SP", "São Paulo", "BR-SP"),
])
def test_a_brazilian_nickname_and_state_joined_by_a_dash(text: str, city: str,
                                                         region: str) -> None:
    for place in (resolve_location(text), resolve_shown(text)):
        assert (place.country, place.city) == ("BR", city), text
    assert resolve_shown(text).region == region


def test_a_lone_state_code_still_reads_as_before() -> None:
    # The shorthand needs both sides: a bare "MG" is not read as Minas Gerais.
    assert resolve_location("MG").country != "BR"
    assert resolve_location("Recife, PE").city == "Recife"


# --- countries whose names take "the" -------------------------------------------------------


@pytest.mark.parametrize(("text", "code"), [
    ("the Netherlands", "NL"), ("The Bahamas", "BS"), ("the Philippines", "PH"),
    ("the UK", "GB"), ("the US", "US"), ("The Gambia", "GM"),
])
def test_a_country_with_its_article_reads_as_the_bare_name(text: str, code: str) -> None:
    with_article, bare = resolve_location(text), resolve_location(text.split(" ", 1)[1])
    assert (with_article.country, with_article.rule) == (code, "country-name")
    # "the UK" is surer than a bare "UK", which may be a word of two letters.
    assert with_article.country == bare.country
    assert with_article.confidence >= bare.confidence


def test_country_names_in_sentences_take_their_article() -> None:
    for text, said in [("Nassau", "Nassau, the Bahamas"), ("Banjul", "Banjul, the Gambia"),
                       ("Manila", "Manila, the Philippines"),
                       ("Amsterdam", "Amsterdam, the Netherlands")]:
        assert describe_place(resolve_location(text)) == said


def test_an_area_refusal_names_the_country_as_a_sentence_does() -> None:
    from click.testing import CliRunner

    from followprune.cli.main import cli

    result = CliRunner().invoke(cli, ["--demo", "--dry-run"],
                                env={"FOLLOWPRUNE_GEOGRAPHY_REGIONS": "De Peel"})
    assert result.exit_code == 2
    assert "only as part of the Netherlands; it would count as all of the Netherlands" in (
        result.stderr)


# --- ISO 3166-2 in `prune locate` -----------------------------------------------------------


def test_locate_shows_iso_region_codes_and_reads_them(invoke: Invoke) -> None:
    texts = ("Guadalajara, Jalisco", "MX-JAL", "us-oh", "München", "London / NYC")
    result = invoke("locate", *texts, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {row["text"]: row for row in json.loads(result.stdout)["places"]}
    assert rows["Guadalajara, Jalisco"]["region"] == "MX-JAL"
    assert (rows["MX-JAL"]["country"], rows["MX-JAL"]["region"]) == ("MX", "MX-JAL")
    assert rows["us-oh"]["region"] == "US-OH"
    assert rows["München"]["region"] == "DE-BY"
    assert [p["region"] for p in rows["London / NYC"]["places"]] == ["GB-ENG", "US-NY"]
    # No GeoNames admin1 code ("MX.14") anywhere.
    assert "." not in "".join(str(p["region"]) for row in rows.values()
                              for p in row["places"])
    table = invoke("locate", "Guadalajara, Jalisco")
    assert "MX-JAL" in table.stdout and "MX.14" not in table.stdout


def test_the_iso_code_locate_shows_is_a_setting_for_the_same_region() -> None:
    shown = resolve_shown("Guadalajara, Jalisco").region
    assert shown is not None
    assert resolve_setting(shown).region == "MX-JAL"


@pytest.mark.parametrize(("text", "country"), [
    ("Island", None), ("Lagos Island", "NG"), ("Iceland", "IS"), ("Reykjavík, Island", "IS"),
])
def test_island_alone_is_no_country(text: str, country: str | None) -> None:
    """German and Nordic "Island" (Iceland) is the English word a location is written with
    ("Island parties", Lagos Island): alone it is no country (persona round 15)."""
    place = resolve_location(text)
    assert (place.country if place.known else None) == country
