"""Persona round 14 (a Spanish-speaking sports journalist in Guadalajara), relevance:
CamelCase hashtags read as their words, Spanish sports words, American football apart from
football, and keywords that differ only in case counted once."""

from __future__ import annotations

from followprune.scoring.relevance import InterestProfile, score_relevance
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


def test_keywords_that_differ_in_case_count_once() -> None:
    profile = InterestProfile(keywords=("Fútbol", "fútbol", "Python", " python", "FÚTBOL"))
    assert profile.keywords == ("Fútbol", "Python")
    assert interest_texts(profile) == ["Fútbol", "Python"]
    twice = score_relevance(profile, ["Me encanta el fútbol y Python", *BACKGROUND])[0]
    once = score_relevance(InterestProfile(keywords=("Fútbol", "Python")),
                           ["Me encanta el fútbol y Python", *BACKGROUND])[0]
    assert twice.value == once.value
    assert twice.reasons[0].text == "bio mentions Fútbol, Python"
