"""Persona round 14 (a Spanish-speaking sports journalist in Guadalajara), relevance:
CamelCase hashtags read as their words, Spanish sports words, American football apart from
football, and keywords that differ only in case counted once."""

from __future__ import annotations

import pytest

from followprune.scoring import lexicon, text
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
    # The scan hands the splitter every hashtag it would change.
    assert words == tag or text.CAMEL_HASHTAG.fullmatch(tag)


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


@pytest.mark.parametrize(("keyword", "bio"), [
    ("fútbol", "Me encanta el fútbol americano, los domingos de NFL con amigos"),
    ("fútbol", "Aficionado al futbol americano y a la NFL"),
    ("futbol", "Coach de futbol americano en la prepa"),
    ("football", "American football fan, NFL all day"),
    ("football", "Australian rules football, Carlton forever"),
])
def test_american_football_is_not_football(keyword: str, bio: str) -> None:
    _, reason = _reason((keyword,), bio)
    # A related topic at most (American football is related to football; Australian
    # football is not): not the keyword nor football itself.
    if "americ" in bio.lower():
        assert "American football (related to" in reason, reason
    if reason.startswith("bio mentions "):
        named = reason.removeprefix("bio mentions ").split(", ")
        assert all("(related to" in n for n in named), reason
    else:
        assert reason == "bio matches none of your interests", reason


def test_football_beside_american_football_still_counts() -> None:
    _, reason = _reason(("fútbol",), "Fútbol y fútbol americano, ambos los fines de semana")
    assert reason.startswith("bio mentions fútbol"), reason
    # "fantasy football" is both games' phrase: it is football's too.
    assert _reason(("football",), "Fantasy football addict")[1] == "bio mentions football"


def test_american_football_is_not_matched_by_football() -> None:
    assert not _reason(("fútbol americano",), "Fútbol los domingos con amigos del barrio y "
                       "tacos después del partido")[1].startswith("bio mentions")
    assert _reason(("fútbol americano",), "Fútbol americano los domingos, NFL")[1].startswith(
        "bio mentions fútbol americano")


def test_a_phrase_owns_only_the_words_of_other_unrelated_topics() -> None:
    american = lexicon.variant("es", "fútbol americano")
    assert american is not None and lexicon.foreign_words(american) == (0,)
    # Tennis is sport's own word; a league is sport's, which football counts as related.
    for lang, phrase in (("any", "tennis player"), ("any", "premier league"),
                         ("any", "fantasy football")):
        v = lexicon.variant(lang, phrase)
        assert v is not None and lexicon.foreign_words(v) == (), phrase


def test_keywords_that_differ_in_case_count_once() -> None:
    profile = InterestProfile(keywords=("Fútbol", "fútbol", "Python", " python", "FÚTBOL"))
    assert profile.keywords == ("Fútbol", "Python")
    assert interest_texts(profile) == ["Fútbol", "Python"]
    twice = score_relevance(profile, ["Me encanta el fútbol y Python", *BACKGROUND])[0]
    once = score_relevance(InterestProfile(keywords=("Fútbol", "Python")),
                           ["Me encanta el fútbol y Python", *BACKGROUND])[0]
    assert twice.value == once.value
    assert twice.reasons[0].text == "bio mentions Fútbol, Python"
