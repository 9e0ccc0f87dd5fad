"""Persona round 23 (Omar, a Cairo engineer): Arabic writes "و" (and) onto a word with its
article ("والآثار", "والأهلي"), which Snowball's Arabic stemmer leaves on; such a word now
meets the interest it names, and words that only begin with "وال" stay themselves."""

from __future__ import annotations

import pytest

from followprune.scoring import languages
from followprune.scoring.relevance import InterestProfile, score_relevance

PROFILE = InterestProfile(keywords=("آثار", "الأهلي", "التاريخ"))


@pytest.mark.parametrize(("bio", "matched"), [
    ("الحساب الرسمي في وزارة السياحة والآثار", "آثار"),
    ("حكايات الزمالك والأهلي في الدوري", "الأهلي"),
    ("صور نادرة من القاهرة والتاريخ في كل صورة", "التاريخ"),
])
def test_and_the_before_a_word_still_names_its_interest(bio: str, matched: str) -> None:
    component = score_relevance(PROFILE, [bio])[0]
    assert matched in component.facts["matched"]  # type: ignore[operator]


@pytest.mark.parametrize(("word", "stem_of"), [
    ("والآثار", "آثار"), ("والأهلي", "الأهلي"), ("والتاريخ", "تاريخ")])
def test_the_arabic_stemmer_takes_off_and_the(word: str, stem_of: str) -> None:
    stem = languages.stemmer("ar")
    assert stem(word) == stem(stem_of)


@pytest.mark.parametrize("word", ["والدة", "والدين", "والي", "والد"])
def test_words_that_begin_with_wal_stay_themselves(word: str) -> None:
    stem = languages.stemmer("ar")
    assert stem(word) != stem(word[1:])


def test_fa_is_not_taken_off_a_loanword() -> None:
    stem = languages.stemmer("ar")
    assert stem("فالكون") != stem("الكون")


def test_a_bio_without_the_interest_does_not_meet_it() -> None:
    component = score_relevance(PROFILE, ["والدي وأمي في الإسكندرية"])[0]
    assert not component.facts["matched"]


@pytest.mark.parametrize(("keywords", "bio", "matched"), [
    (("آثار",), "وزارة السياحة والآثار", "آثار"),  # no function word: language unknown
    (("футбол",), "Любитель футбола", "футбол"),
])
def test_a_keyword_in_its_own_script_meets_a_bio_of_unknown_language(
    keywords: tuple[str, ...], bio: str, matched: str
) -> None:
    # A bio without function words is read in every language with the lexicon's stems only
    # (a keyword put through twenty stemmers meets unrelated words); a stem in a script of
    # its own is only its language's, so it is read too.
    component = score_relevance(InterestProfile(keywords=keywords), [bio])[0]
    assert matched in component.facts["matched"]  # type: ignore[operator]


def test_a_latin_keyword_is_still_not_read_in_every_language() -> None:
    # "kilimo" (Swahili) and Hungarian "kil": the reason a keyword is kept out of the
    # every-language reading still holds for the scripts many stemmers share.
    component = score_relevance(InterestProfile(keywords=("kilimo",)), ["kill bill fan"])[0]
    assert not component.facts["matched"]
