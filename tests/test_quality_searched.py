"""The quick look for follow-trading and selling words (quality._Searched): it answers as the
whole lowered pattern's `search` does, for any text, and a match in an ASCII text is always
quoted with some words (which is why `_bot_signals` may read it as a yes or no)."""

from __future__ import annotations

import random

import pytest

from followprune.scoring import quality
from followprune.scoring.quality import _quoted, _Searched, _top_level_alternatives
from tests.test_scoring_properties import BENCH

PATTERNS = [(quality._ASKS_FOLLOW_LOWER, quality._ASKS_SEARCHED),
            (quality._SELLS_LOWER, quality._SELLS_SEARCHED)]


def _runs(searched: _Searched) -> list[str]:
    return sorted({run for entries in searched._by_run.values()
                   for runs, _ in entries for run in runs})


def _texts(count: int, seed: int) -> list[str]:
    """Texts made of the patterns' own runs and the pieces between them (numbers, money,
    spacing, line breaks, Turkish letters), so that many match and many nearly do."""
    runs = sorted({run for _, searched in PATTERNS for run in _runs(searched)})
    pieces = [
        *runs, " ", " ", "\n", "$", "£", "€", "500", "10k", "%", "100", "a", "per", "day", "month",
        "from home", "ask me how", "online", "#", "x", "4", "win rate", "dm me for promo",
        "followers kaufen", "1000x gem", "ı", "ş", "ç", "learning", "signals", "gains",
        "₦", "gh₵", "r$", "ksh", "ngn", "n", "cedis", "=", "por dia", "daily", "minutes", "no",
        "collateral", "go", "shall"]
    rnd = random.Random(seed)
    return ["".join(rnd.choice(pieces) + rnd.choice(["", " ", "  ", "\n"])
                    for _ in range(rnd.randint(1, 8))) for _ in range(count)]


@pytest.mark.parametrize(("pattern", "searched"), PATTERNS)
def test_the_quick_look_answers_as_the_pattern(pattern: object, searched: _Searched) -> None:
    follows = BENCH.generate(3_000, seed=17)
    texts = [f"{a.bio}\n{a.name}".lower() for a in follows.accounts] + _texts(40_000, 5)
    matched = 0
    for text in texts:
        expected = pattern.search(text) is not None  # type: ignore[attr-defined]
        matched += expected
        assert searched(text) is expected, text
    assert matched > 1_000  # the texts did reach the patterns' alternatives


def test_a_match_in_an_ascii_text_is_quoted_with_words() -> None:
    for text in _texts(20_000, 9):
        if text.isascii() and quality._SELLS_LOWER.search(text):
            assert _quoted(text, quality._SELLS_LOWER, quality._SELLS, text)


@pytest.mark.parametrize(("pattern", "searched"), PATTERNS)
def test_the_alternatives_are_the_whole_pattern(pattern: object, searched: _Searched) -> None:
    source = pattern.pattern  # type: ignore[attr-defined]
    assert "|".join(_top_level_alternatives(source)) == source


def test_a_pattern_cut_wrongly_is_refused() -> None:
    # A "|" or "(" inside a class is no alternative's end or group.
    assert _top_level_alternatives(r"a[|(]b|c") == ["a[|(]b", "c"]
    # A "]" first in a class is a member, which the cut does not read: checked against the
    # parser's count of alternatives, it is refused rather than cut wrongly.
    with pytest.raises(ValueError, match="cannot split"):
        _top_level_alternatives(r"a[]|]b|c")


@pytest.mark.parametrize("pattern", [quality._ASKS_FOLLOW_LOWER, quality._SELLS_LOWER])
def test_every_text_either_pattern_matches_passes_the_gate(pattern: object) -> None:
    # The gate words are what lets a bio reach the patterns at all: a branch whose words
    # none of them holds would never be looked for.
    for text in _texts(40_000, 11):
        if pattern.search(text) is not None:  # type: ignore[attr-defined]
            assert quality._gates_passed(text) & quality._TOUTS, text
