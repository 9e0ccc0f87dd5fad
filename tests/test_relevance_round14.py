"""Persona round 14 (a Spanish-speaking sports journalist in Guadalajara), relevance:
CamelCase hashtags read as their words, Spanish sports words, American football apart from
football, and keywords that differ only in case counted once."""

from __future__ import annotations

import pytest

from followprune.scoring import text
from followprune.scoring.relevance import NO_MATCH_VALUE, InterestProfile, score_relevance
from followprune.scoring.semantic import interest_texts

BACKGROUND = [
    "Panadera en Zapopan, pan dulce y café de olla todos los días desde muy temprano",
    "Real estate agent helping families find their next home in the suburbs",
    "Yoga teacher and tea drinker, slow mornings and long walks on the beach",
    "Mamma di due bimbi, amo il mare e le passeggiate in montagna con il cane",
]


def _reason(keywords: tuple[str, ...], bio: str) -> tuple[float, str]:
    component = score_relevance(InterestProfile(keywords=keywords), [bio, *BACKGROUND])[0]
    return component.value, component.reasons[0].text


@pytest.mark.parametrize(("tag", "words"), [
    ("#SomosChivas", "#Somos Chivas"), ("#VamosAtlas", "#Vamos Atlas"),
    ("#DataScience", "#Data Science"), ("#LigaMX", "#Liga MX"), ("#NBAFinals", "#NBA Finals"),
    ("#iPhone", "#iPhone"), ("#eSports", "#eSports"), ("#ΑΕΚΑθήνα", "#ΑΕΚ Αθήνα"),
])
def test_a_camel_case_hashtag_splits_where_a_new_word_starts(tag: str, words: str) -> None:
    assert text.split_camel_case(tag) == words


@pytest.mark.parametrize("bio", [
    "Cronista. #SomosChivas desde siempre",
    "#VamosAtlas, la mejor afición del país",
    "Periodista. Todo sobre la #LigaMX",
    "#AmoElFútbol desde niño, cada domingo",
])
def test_a_camel_case_hashtag_is_read_as_its_words(bio: str) -> None:
    value, reason = _reason(("fútbol",), bio)
    assert value > NO_MATCH_VALUE and reason.startswith("bio mentions f"), (bio, reason)


def test_a_hashtag_the_query_knows_whole_stays_whole() -> None:
    # "#JavaScript" split would be "java script"; "#DataScience" split is still the phrase.
    assert _reason(("javascript",), "#JavaScript all day, every day")[1].startswith(
        "bio mentions javascript")
    assert _reason(("data science",), "#DataScience nerd")[1] == "bio mentions data science"
    assert _reason(("data science",), "#SomosDataScience")[1] == "bio mentions data science"


@pytest.mark.parametrize(("bio", "topic"), [
    ("Goleador histórico del barrio", "football"),
    ("Narrador de la Liga MX", "football"),
    ("Fan del Rebaño Sagrado", "football"),
    ("Comentarista deportivo en Guadalajara", "sport"),
    ("Cada domingo en el estadio Akron", "sport"),
])
def test_spanish_sports_words_are_read(bio: str, topic: str) -> None:
    value, reason = _reason(("sport",), bio)
    assert value > NO_MATCH_VALUE and topic in reason, (bio, reason)


@pytest.mark.parametrize("bio", [
    "Atlas de anatomía humana, ilustraciones científicas para estudiantes de medicina",
    "Narrador de cuentos infantiles y cuentacuentos en bibliotecas de Jalisco",
    "Comentarista político, columnista de opinión y analista electoral",
])
def test_spanish_words_of_other_senses_are_no_sport(bio: str) -> None:
    assert not _reason(("fútbol",), bio)[1].startswith("bio mentions"), bio


def test_keywords_that_differ_in_case_count_once() -> None:
    profile = InterestProfile(keywords=("Fútbol", "fútbol", "Python", " python", "FÚTBOL"))
    assert profile.keywords == ("Fútbol", "Python")
    assert interest_texts(profile) == ["Fútbol", "Python"]
    twice = score_relevance(profile, ["Me encanta el fútbol y Python", *BACKGROUND])[0]
    once = score_relevance(InterestProfile(keywords=("Fútbol", "Python")),
                           ["Me encanta el fútbol y Python", *BACKGROUND])[0]
    assert twice.value == once.value
    assert twice.reasons[0].text == "bio mentions Fútbol, Python"
