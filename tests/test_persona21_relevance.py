"""Persona round 21 (Marcus, a science teacher in Evanston: astronomy, astrophotography,
science education, STEM teaching, urban birding, Chicago blues, craft beer, homebrewing):
interests that named no topic, astronomy and spaceflight as a topic of its own (not the
horoscope's stars and planets), and a founding year that is no shared interest."""

from __future__ import annotations

import pytest

from followprune.scoring import lexicon
from followprune.scoring.relevance import InterestProfile, learn_interests
from tests.test_relevance_round15 import _named

PERSONA = ("astronomy", "astrophotography", "science education", "physics", "STEM teaching",
           "NASA missions", "Cubs", "Bears", "Chicago blues", "jazz", "urban birding",
           "craft beer", "homebrewing")


@pytest.mark.parametrize(("keyword", "topic"), [
    ("astronomy", "space"), ("astrophotography", "space"), ("science education", "education"),
    ("STEM teaching", "education"), ("urban birding", "birds"), ("Chicago blues", "music"),
    ("craft beer", "beer"), ("homebrewing", "beer"),
])
def test_his_interests_name_their_topics(keyword: str, topic: str) -> None:
    assert topic in {t.key for t in lexicon.topics_of(keyword)}


def test_astronomy_still_names_science_too() -> None:
    assert "science" in {t.key for t in lexicon.topics_of("astronomy")}


@pytest.mark.parametrize("bio", [
    "Backyard astrophotographer | Bortle 8 refugee | narrowband imaging from the South Side",
    "NASA's James Webb Space Telescope. Unfolding the infrared universe",
    "The world's most scientifically productive ground-based telescopes, atop Maunakea",
    "Telescope operator on Mauna Kea. Sunsets above the clouds.",
    "Astrónomo aficionado en Guadalajara, Jalisco. Eclipses y cometas",
])
def test_astronomy_as_astronomers_write_it(bio: str) -> None:
    assert _named(PERSONA, bio), bio


@pytest.mark.parametrize("bio", [
    "Your daily horoscope ✨ The stars and planets align for you. Mercury retrograde guide",
    "Samsung Galaxy S24 tips and tricks 📱",
    "LA Galaxy season ticket holder ⚽",
    "Watch my documentaries on Nebula",
    "EU Tax Observatory. Research on tax evasion.",
    "Milwaukee Brewers fan, coffee brewing nerd ☕",
    "Esa es la pregunta. Periodista en Guadalajara.",
])
def test_look_alikes_name_no_space_nor_beer(bio: str) -> None:
    named = _named(PERSONA, bio)
    assert "space" not in named and "beer" not in named, (bio, named)


@pytest.mark.parametrize(("bio", "topic"), [
    ("Protecting birds & their habitat 🐦 Bird walks, birding for all, Lights Out", "birds"),
    ("Chicago's largest independent brewery ✊🍺 Brewpub in Logan Square", "beer"),
    ("STEM instructional coach for public schools. Science teacher at heart.", "education"),
])
def test_the_topics_reach_his_people(bio: str, topic: str) -> None:
    assert topic in _named(PERSONA, bio)


def test_a_founding_year_is_no_learned_interest() -> None:
    close = [f"Astronomy club {i}, since 1862. Star parties monthly." for i in range(8)]
    rest = [f"Baker number {i}, sourdough and coffee" for i in range(80)]
    learned = learn_interests(InterestProfile(keywords=("astronomy",)), close + rest,
                              [3.0] * 8 + [0.0] * 80).learned
    assert learned, "the close accounts' own words are still learned"
    assert "since" not in {w.lower() for w in learned}


@pytest.mark.parametrize("bio", [
    "The globe is a lie 🌍❌ NASA lies. Research the firmament. Astronomy is indoctrination.",
    "NASA lied to you. Flat earth, do your own research.",
    "Moon landing hoax exposed. Space is fake 🐑",
])
def test_deniers_borrow_his_words_for_no_interest(bio: str) -> None:
    named = _named(PERSONA, bio)
    assert "space" not in named and "astronomy" not in named and "science" not in named, named


def test_anti_vaccine_words_are_no_vaccines() -> None:
    assert _named(("vacunas",), "Despierta 👁️ Las vacunas son veneno. Investiga.") == []
    assert _named(("vacunas",), "Pediatra infectóloga. Vacunas salvan vidas 💉") == ["vacunas"]


@pytest.mark.parametrize("bio", [
    "I cover NASA for the Tribune: Artemis, launches, budgets.",
    "Flat Earth Society debunked: astronomy explainer threads 🔭",
    "Researcher in cosmology at a university",
])
def test_people_who_report_on_or_debunk_them_keep_their_topics(bio: str) -> None:
    named = _named(PERSONA, bio)
    assert "space" in named or "astronomy" in named, named


def test_the_universe_is_no_university() -> None:
    assert "education" not in _named(PERSONA, "Unfolding the infrared universe")
    assert "education" in _named(PERSONA, "Professor at a university")
