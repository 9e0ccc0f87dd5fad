"""Persona round 17 (a Bogotá epidemiologist: epidemiología, salud pública, vacunas, dengue,
bioestadística, fútbol, ciclismo), relevance: a terse Spanish bio whose only function word is
"y", public health's words in Spanish, Portuguese and French, and Spanish words read in
another sense ("de vuelta", "coach de vida", "salud y belleza", the verb "investiga")."""

from __future__ import annotations

import pytest

from followprune.scoring import languages
from tests.test_relevance_round15 import _named

PERSONA = ("epidemiología", "epidemiology", "salud pública", "public health", "vacunas",
           "dengue", "bioestadística", "global health", "Millonarios", "fútbol", "salsa",
           "ciclismo", "Bogotá")


# --- a one-letter function word names the language ---------------------------------------------


def test_spanish_y_names_the_language_of_a_terse_bio() -> None:
    assert languages.LANGUAGES[languages.detect(["salud", "materna", "y", "desigualdades"])] \
        == "es"
    named = _named(PERSONA, "Epidemióloga. Salud materna y desigualdades. UNAM.")
    assert named[0] == "epidemiología", named
    assert "medicine" in _named(PERSONA,
                                "Psicóloga clínica. Salud mental comunitaria y posconflicto.")


@pytest.mark.parametrize(("bio", "topic"), [
    ("Y'all know I love my python scripts and open source", "python"),
    ("Python developer. Plot y against x, then ship it", "python"),
    ("Cyclist, a coffee snob and a dad", "cycling"),
])
def test_an_english_bio_with_one_letter_words_stays_english(bio: str, topic: str) -> None:
    assert _named((topic,), bio)[0] == topic, bio


def test_other_one_letter_words_do_not_vote() -> None:
    # "a", "e", "o" and "i" are English words or English prefixes ("e-commerce", "I"): an
    # English bio holding them is not read in Italian or Portuguese.
    assert sorted(languages.ONE_LETTER_VOTES) == ["y"]
    assert languages.detect(["e", "commerce", "consultant"]) == languages.UNKNOWN
    assert _named(("cycling",), "E-bike rider. O lord, a cyclist") == ["cycling"]


# --- public health in the languages of the region ----------------------------------------------


@pytest.mark.parametrize("bio", [
    "Epidemiologia e saúde coletiva. Fiocruz.",
    "Épidémiologiste, santé publique",
    "Epidemióloga de campo. FETP.",
    "Investigador en salud pública",
])
def test_public_health_words_are_medicine_in_each_language(bio: str) -> None:
    named = _named(PERSONA, bio)
    # The keyword's own word is named as the keyword, its topic's other words as medicine.
    assert "medicine" in named or named[:1] == ["epidemiología"], (bio, named)


@pytest.mark.parametrize("bio", [
    "Seroprevalence, surveys, sampling. Biostatistician @JohnsHopkinsSPH.",
    "Bioestatística. USP.",
])
def test_a_biostatistician_is_bioestadistica(bio: str) -> None:
    assert _named(("bioestadística",), bio) == ["statistics"], bio
    assert _named(("bioestadística",), "Bioestadístico. Ensayos clínicos.") == [
        "bioestadística"]


# --- Spanish words in another sense ------------------------------------------------------------


@pytest.mark.parametrize("bio", [
    "Te sigo de vuelta",
    "Las vacunas son veneno. Investiga.",
    "Coach de vida y mentalidad millonaria 💸",
    "Medicina natural",
    "Cura el cáncer con limón y bicarbonato 🍋 Salud natural sin farmacéuticas",
    "Tips de salud y belleza 💆 Adelgaza 10 kilos en un mes.",
])
def test_words_in_another_sense_relate_to_nothing(bio: str) -> None:
    named = _named(PERSONA, bio)
    # The anti-vaccine bio still names the keyword it writes, but no research.
    assert named in ([], ["vacunas"]), (bio, named)


def test_the_senses_kept() -> None:
    assert "cycling" in _named(PERSONA, "Médico. Vuelta a Colombia y Vuelta a España")
    assert _named(PERSONA, "Coach de fútbol juvenil")[0] == "fútbol"
    assert "medicine" in _named(PERSONA, "Medicina interna. Hospital San Ignacio")
    assert "science (related to epidemiología)" in _named(
        PERSONA, "Investigadora en dengue. INS.")
    assert "science (related to epidemiología)" in _named(
        PERSONA, "Investigación en enfermedades tropicales")
    assert "football" in _named(("football",), "⚽ Goles y resúmenes en HD. Partidos en vivo")
