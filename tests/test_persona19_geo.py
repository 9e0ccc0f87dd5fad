"""Findings of persona round 19 (Jonas, a transport researcher in Kreuzberg): Berlin as
Berliners write it ("Bärlin", "Xberg", "SO36", "F'hain", "P'berg", "Hauptstadt"), Leipzig's and
Zürich's nicknames, and a city named beside several flags."""

from __future__ import annotations

import pytest

from followprune.scoring.geography import resolve_location


@pytest.mark.parametrize(("text", "country", "city"), [
    ("Bärlin", "DE", "Berlin"),
    ("Xberg", "DE", "Berlin"),
    ("X'berg", "DE", "Berlin"),
    ("SO36", "DE", "Berlin"),
    ("F'hain", "DE", "Berlin"),
    ("P'berg", "DE", "Berlin"),
    ("Prenzlberg", "DE", "Berlin"),
    ("Kreuzkölln", "DE", "Berlin"),
    ("Hauptstadt", "DE", "Berlin"),
    ("Xhain", "DE", "Berlin"),
    ("Nkln", "DE", "Berlin"),
    ("Hypezig", "DE", "Leipzig"),
    ("D'dorf", "DE", "Düsseldorf"),
    ("Ddorf", "DE", "Düsseldorf"),
    ("Elbflorenz", "DE", "Dresden"),
    ("Stuggi", "DE", "Stuttgart"),
    ("Züri", "CH", "Zürich"),
    # The neighbours that were already read keep their reading.
    ("Kölle", "DE", "Köln"),
    ("Minga", "DE", "Munich"),
    ("Mokum", "NL", "Amsterdam"),
])
def test_german_and_swiss_nicknames(text: str, country: str, city: str) -> None:
    place = resolve_location(text)
    assert (place.country, place.city) == (country, city)


def test_hauptstadt_is_no_longer_the_solomon_islands() -> None:
    assert resolve_location("Hauptstadt").country != "SB"
    assert resolve_location("Honiara").country == "SB"


@pytest.mark.parametrize("text", ["so 36 songs", "X Berg"])
def test_words_that_only_look_like_a_kiez_stay_unread(text: str) -> None:
    assert resolve_location(text).country is None


def test_a_kiez_beside_another_city_reads_both() -> None:
    place = resolve_location("Xberg / İstanbul")
    assert (place.country, place.city) == ("DE", "Berlin")
    assert [(p.country, p.city) for p in place.also] == [("TR", "Istanbul")]


@pytest.mark.parametrize(("text", "country", "city"), [
    # A Brit in Berlin: the city is looked for in each flag's country, not the first only.
    ("Berlin-based 🇬🇧🇩🇪", "DE", "Berlin"),
    ("Berlin 🇬🇧🇩🇪", "DE", "Berlin"),
    ("London 🇬🇧🇩🇪", "GB", "London"),
    # The first flag still decides when no city is named, and a flag's own city comes first.
    ("🇬🇧🇩🇪", "GB", None),
    ("MTL 🇨🇦", "CA", "Montréal"),
    ("near Munich 🇩🇪", "DE", "Munich"),
])
def test_a_city_beside_several_flags(text: str, country: str, city: str | None) -> None:
    place = resolve_location(text)
    assert (place.country, place.city) == (country, city)


def test_the_other_flag_stays_as_another_reading() -> None:
    place = resolve_location("Berlin-based 🇬🇧🇩🇪")
    assert [p.country for p in place.also] == ["GB"]


@pytest.mark.parametrize(("text", "country", "city", "flag"), [
    # A city of none of the flags' countries is where the account is; the flag, where its
    # people are from, stays another reading.
    ("Kreuzberg 🇹🇷", "DE", "Kreuzberg", "TR"),
    ("Berlin-based 🇹🇷", "DE", "Berlin", "TR"),
    ("London 🇳🇬", "GB", "London", "NG"),
    ("currently in Toronto 🇮🇳", "CA", "Toronto", "IN"),
])
def test_a_city_beside_a_heritage_flag(text: str, country: str, city: str, flag: str) -> None:
    place = resolve_location(text)
    assert (place.country, place.city) == (country, city)
    assert flag in {p.country for p in place.also}


@pytest.mark.parametrize(("text", "country"), [
    # A city that is also a word, or a short alias of another country, leaves the flag's.
    ("Nice 🇳🇬", "NG"),
    ("Reading 🇳🇬", "NG"),
    ("NYC 🇨🇦", "CA"),
    ("Living my best life 🇳🇬", "NG"),
])
def test_a_word_beside_a_flag_leaves_the_flag(text: str, country: str) -> None:
    place = resolve_location(text)
    assert (place.country, place.city) == (country, None)


def test_a_city_of_the_flags_country_still_comes_first() -> None:
    assert resolve_location("Paris 🇺🇸").country == "US"
    assert resolve_location("📍 Lagos 🇳🇬").city == "Lagos"
