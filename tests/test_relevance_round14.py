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


def test_keywords_that_differ_in_case_count_once() -> None:
    profile = InterestProfile(keywords=("Fútbol", "fútbol", "Python", " python", "FÚTBOL"))
    assert profile.keywords == ("Fútbol", "Python")
    assert interest_texts(profile) == ["Fútbol", "Python"]
    twice = score_relevance(profile, ["Me encanta el fútbol y Python", *BACKGROUND])[0]
    once = score_relevance(InterestProfile(keywords=("Fútbol", "Python")),
                           ["Me encanta el fútbol y Python", *BACKGROUND])[0]
    assert twice.value == once.value
    assert twice.reasons[0].text == "bio mentions Fútbol, Python"
