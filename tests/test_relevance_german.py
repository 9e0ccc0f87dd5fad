"""Relevance for German (and other languages that capitalise nouns and write compounds as one
word), from persona round 12: a climate scientist and cyclist in Vienna whose keywords
("Wetter", "Klima", "Radsport", "Gletscher", "Alpen", "Meteorologie") met none of the bios
that use them inside compounds, in derived forms or in terse bios without function words."""

from __future__ import annotations

import pytest

from followprune.scoring.relevance import InterestProfile, score_relevance

# Off-topic bios, so BM25 and percentiles have a list.
BACKGROUND = [
    "Dog mum, baker of sourdough bread, weekend hiker and coffee lover",
    "Real estate agent helping families find their next home in the suburbs",
    "Mamma di due bimbi, amo il mare e le passeggiate in montagna con il cane",
    "Bäckerin aus Leidenschaft, Mutter von zwei Kindern und Hundefreundin in Graz",
    "",
]


def _reason(keywords: tuple[str, ...], bio: str) -> str:
    component = score_relevance(InterestProfile(keywords=keywords), [bio, *BACKGROUND])[0]
    return component.reasons[0].text


# --- bug 1: a capitalised keyword is read as a bio's words are -----------------------------


@pytest.mark.parametrize("bio", [
    "Ich arbeite beim Deutschen Wetterdienst und forsche zu Starkregen.",
    "Automatischer Wetterbericht für München, stündlich.",
])
def test_a_capitalised_german_keyword_meets_its_compounds(bio: str) -> None:
    # Found: "Wetter" was taken for a name ("Browns") and matched only as written, so the
    # bio "matched none" while "wetter" matched it.
    assert _reason(("Wetter",), bio) == "bio mentions Wetter"
    assert _reason(("wetter",), bio) == "bio mentions wetter"


def test_a_capitalised_plural_name_is_still_matched_as_written() -> None:
    # The names the as-written rule is for are plurals ("Browns"); they keep it.
    assert "Browns" not in _reason(("Browns",), "Brownies, cookies and cakes since 1987.")
    assert _reason(("Browns",), "Browns fan for life, Dawg Pound") == "bio mentions Browns"


def test_gletscher_capitalised_meets_gletscherforscher_in_a_german_sentence() -> None:
    bio = "Gletscherforscher an der Uni Innsbruck und im Sommer auf dem Hintereisferner."
    assert _reason(("Gletscher",), bio) == "bio mentions Gletscher"
