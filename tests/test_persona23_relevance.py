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
