"""Relevance for German (and other languages that capitalise nouns and write compounds as one
word), from persona round 12: a climate scientist and cyclist in Vienna whose keywords
("Wetter", "Klima", "Radsport", "Gletscher", "Alpen", "Meteorologie") met none of the bios
that use them inside compounds, in derived forms or in terse bios without function words."""

from __future__ import annotations

import pytest

from followprune.scoring import languages, lexicon
from followprune.scoring.relevance import MIN_TOKENS, InterestProfile, score_relevance

NO_MATCH = "bio matches none of your interests"
TOO_SHORT = "bio too short to tell whether it fits your interests"
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
    "Automatische Unwetterwarnungen des DWD für Bayern. (bot)",
])
def test_a_capitalised_german_keyword_meets_its_compounds(bio: str) -> None:
    # Found: "Wetter" was taken for a name ("Browns") and matched only as written, so the
    # bio "matched none" while "wetter" matched it.
    assert _reason(("Wetter",), bio) == "bio mentions Wetter"
    assert _reason(("wetter",), bio) == "bio mentions wetter"


def test_gletscher_capitalised_meets_gletscherforscher() -> None:
    assert _reason(("Gletscher",), "Gletscherforscher an der Uni Innsbruck.") \
        == "bio mentions Gletscher"


def test_a_capitalised_plural_name_is_still_matched_as_written() -> None:
    # The names the as-written rule is for are plurals ("Browns"); they keep it.
    assert "Browns" not in _reason(("Browns",), "Brownies, cookies and cakes since 1987.")
    assert _reason(("Browns",), "Browns fan for life, Dawg Pound") == "bio mentions Browns"


def test_gletscher_capitalised_meets_gletscherforscher_in_a_german_sentence() -> None:
    bio = "Gletscherforscher an der Uni Innsbruck und im Sommer auf dem Hintereisferner."
    assert _reason(("Gletscher",), bio) == "bio mentions Gletscher"


def test_wetter_is_not_wetten() -> None:
    # German Snowball stems "Wetter" and "Wetten" (betting) alike: the lexicon lists "wetter"
    # as written, and a keyword it lists so is matched as written in a German bio.
    bio = "Wetten, dass du heute gewinnst? Tipps für dich und mich jeden Tag"
    assert _reason(("Wetter",), bio) == NO_MATCH
    assert _reason(("climate",), bio) == NO_MATCH
    assert _reason(("Wetter",), "Das Wetter von morgen für dich") == "bio mentions Wetter"


# --- bug 2: compounds in terse bios without function words ---------------------------------


@pytest.mark.parametrize(("keywords", "bio", "reason"), [
    # "Klimaforscherin" is a word of the climate topic itself ("klimaforschung"), which
    # "klima" names.
    (("klima",), "Klimaforscherin in Wien. Extremwetter, Hitzewellen, Dürre, Starkregen.",
     "bio mentions climate"),
    (("climate",), "Klimaforscherin in Wien. Extremwetter, Hitzewellen, Dürre, Starkregen.",
     "bio mentions climate"),
    (("climate",), "Klimaforscherin | Extremwetter | Hitzewellen | Dürre | Starkregen",
     "bio mentions climate"),
    (("radsport",), "Straßenradsport", "bio mentions radsport"),
    (("Radsport",), "Österreichisches Nachwuchs-Radsportteam. Straßenradsport.",
     "bio mentions Radsport"),
    (("Radsport",), "Radprofi. Straßenrennfahrer aus Österreich.", "bio mentions cycling"),
    (("Alpen",), "Permafrost & Felsstürze in den Ostalpen.", "bio mentions Alpen"),
    (("Wetter",), "Private Wetterstation. Messwerte automatisch alle 10 Minuten.",
     "bio mentions Wetter"),
])
def test_compounds_in_terse_bios(keywords: tuple[str, ...], bio: str, reason: str) -> None:
    # Found: a bio with no function word is of unknown language, and compounds were looked
    # into only in a bio known to be German, Dutch or Nordic.
    assert _reason(keywords, bio) == reason


@pytest.mark.parametrize(("keywords", "bio"), [
    # Too short to be looked for inside words.
    (("rad",), "Radiomoderator beim ORF. Paradiesvogel. Podcasts und Hörspiele."),
    # A short word before the keyword that starts no compounds: "sig" + "natur".
    (("Natur",), "Digitale Signatur und Kryptografie für Behörden und die Verwaltung"),
    # English words that are also a topic's German words are not looked for inside words:
    # "radio" of "radioactive" and "radiologia" is no media.
    (("media",), "Bitten by a radioactive nerd, then by a radiologist, then by a dog"),
    (("media",), "Ciclista under 23 al g.s. Mastromarco e studente di radiologia a Firenze"),
    # A bio read as French or Italian has no German or Dutch compounds: French "milieu" is
    # not the Dutch word of climate.
    (("climate",), "Je suis au milieu de nulle part, avec mes livres et mon chat dans le sud"),
    # A compound whose first part is another topic's word is about that topic.
    (("gaming",), "Fußballspieler | Jugendtrainer | Köln | Familienvater | Ehrenamt"),
])
def test_no_compound_match_where_the_boundary_is_not_plain(
    keywords: tuple[str, ...], bio: str
) -> None:
    assert _reason(keywords, bio) in (NO_MATCH, TOO_SHORT)


def test_german_in_votes_german() -> None:
    # "in" was English and Italian only: an English bio ending in German ("… in climate
    # dynamics … Radsportlerin in der Freizeit") was read as English and Italian, whose
    # words are never compounds, and its "Radsportlerin" missed cycling.
    assert languages.detect(["radsportlerin", "in", "der", "freizeit"]) \
        == languages.LANGUAGES.index("de")
    bio = ("PhD student in climate dynamics. Jet stream, blocking, heatwaves. Radsportlerin in"
           " der Freizeit.")
    assert "cycling" in _reason(("cycling",), bio)


# --- bug 3: the keyword's derived words, and meteorology in German --------------------------


@pytest.mark.parametrize(("keywords", "bio", "reason"), [
    (("radsport",), "Ich bin ein begeisterter Radsportler aus dem Allgäu und fahre jeden Sommer"
     " über die Alpenpässe.", "bio mentions radsport"),
    (("radsport",), "Radsportteam aus Tirol. Nachwuchs, Straße, Ergebnisse, Rennkalender.",
     "bio mentions radsport"),
    (("Gletscher",), "Die Gletschers Schmelze messen wir seit Jahren in den Tauern.",
     "bio mentions Gletscher"),
    (("meteorologie",), "Ich bin Meteorologe aus Leidenschaft und beobachte jeden Tag die"
     " Wolken über der Stadt.", "bio mentions climate"),
    (("meteorologie",), "Meteorologin beim ORF, ich erkläre jeden Abend das Wetter.",
     "bio mentions climate"),
])
def test_derived_words_of_the_keyword(keywords: tuple[str, ...], bio: str, reason: str) -> None:
    assert _reason(keywords, bio).startswith(reason)


def test_the_german_lexicon_knows_meteorology_and_weather() -> None:
    for word in ("Meteorologie", "Meteorologe", "Meteorologin", "Wetter", "Klimaforschung"):
        assert "climate" in {t.key for t in lexicon.topics_of(word)}, word
    assert "cycling" in {t.key for t in lexicon.topics_of("Radrennen")}


# --- bug 4: "too short to tell" counts content words, in every language alike --------------


def test_a_short_german_sentence_that_names_the_keyword_matches() -> None:
    # Found: this 8-word sentence was "too short to tell"; it names the interest.
    bio = "Ich bin ein begeisterter Radsportler aus dem Allgäu."
    assert _reason(("radsport",), bio) == "bio mentions radsport"


def test_too_short_counts_content_words_the_same_in_german_and_english() -> None:
    # Function words say nothing about a topic in any language: both have three or four
    # content words, fewer than MIN_TOKENS, so neither is called off-topic.
    assert MIN_TOKENS == 5
    assert _reason(("Gletscher",), "Ich bin ein begeisterter Radsportler aus dem Allgäu.") \
        == TOO_SHORT
    assert _reason(("glaciers",), "I am a keen road cyclist from the Allgäu.") == TOO_SHORT


@pytest.mark.parametrize(("keyword", "bio"), [
    ("horse", "Horsepower junkie. Mustang GT, drag strip weekends, engine swaps."),
    ("labor", "Laboratory technician on night shifts, coffee, true crime podcasts."),
    ("house", "Housewife and mum of three, baking bread, gardening, school runs."),
    ("honey", "Honeymoon planner for beach weddings and island resorts worldwide."),
    ("ghost", "Ghostwriter for founders, memoirs and keynote speeches, book coach."),
])
def test_an_english_keyword_is_no_part_of_an_english_word(keyword: str, bio: str) -> None:
    # A terse English bio has no function word to tell its language, and the keyword itself
    # had been looked for inside its words: "Horsepower junkie" mentioned horse (review).
    assert f"bio mentions {keyword}" not in _reason((keyword,), bio)


# --- persona round 13: a Brazilian data journalist ------------------------------------------


def test_a_place_of_several_words_in_your_own_bio_is_no_interest() -> None:
    # "São Paulo" in the person's bio had made "paulo" an interest: every account in the
    # city was "bio mentions paulo".
    profile = InterestProfile(keywords=("python",),
                              own_bio="Jornalista de dados em São Paulo. Eleições e Python.")
    found = score_relevance(profile, ["Corredora amadora, São Paulo - SP, maratonas todo mês",
                                      *BACKGROUND])[0]
    assert "paulo" not in found.reasons[0].text


@pytest.mark.parametrize("bio", ["Comunidade R Brasil: #rstats em português, encontros",
                                 "R developer, tidyverse and ggplot2 for newsrooms"])
def test_the_one_letter_keyword_r_reaches_its_bios(bio: str) -> None:
    assert _reason(("R",), bio).startswith("bio mentions R")
    assert "bio mentions" not in _reason(("R",), "Rock climber, runner, reader of novels")


def test_eleitorais_is_of_the_elections_topic() -> None:
    assert _reason(("eleições",), "Robô que posta resultados e pesquisas eleitorais (bot).") \
        .startswith("bio mentions")
