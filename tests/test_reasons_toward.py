"""Reasons are worded only for the side an output shows (Component.reasons_toward), and the
rows read the same as when every reason was worded and then filtered."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from followprune.models import Account
from followprune.scoring.blend import AccountScore
from followprune.scoring.components import Component, Reason
from followprune.scoring.quality import score_quality
from tests.test_scoring_properties import BENCH

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def _scores(n: int, seed: int) -> list[AccountScore]:
    from followprune.scoring.blend import score_all

    follows = BENCH.generate(n, seed=seed)
    return score_all(follows.accounts, follows.relationships, follows.interactions,
                     BENCH.policy(), BENCH.NOW)


def _every_reason_then_filtered(score: AccountScore, limit: int) -> list[str]:
    """AccountScore.reasons as it was before: every reason worded, then one side kept."""
    weighted = [(r.push, r.text) for c in score.components.values() for r in c.reasons]
    if score.proposed:
        chosen = sorted((r for r in weighted if r[0] < 0), key=lambda r: r[0])
    else:
        chosen = sorted((r for r in weighted if r[0] > 0), key=lambda r: -r[0])
        if not chosen:
            chosen = sorted((r for r in weighted if r[0] != 0), key=lambda r: -abs(r[0]))
    if score.proposed and score.account.state.dead:
        limit = 1  # a dead account's death alone
    texts = [text for _, text in chosen[:limit]]
    if score.guard and not score.proposed:
        texts.insert(0, score.guard)
    return texts[:limit]


@pytest.mark.parametrize("seed", [3, 11])
def test_each_side_is_the_filtered_reasons_in_the_same_order(seed: int) -> None:
    scores = _scores(3000, seed)
    sides_seen = {True: 0, False: 0}
    for score in scores:
        for component in score.components.values():
            every = component.reasons
            for keep in (True, False):
                side = component.reasons_toward(keep)
                expected = [r for r in every if (r.push > 0 if keep else r.push < 0)]
                assert side == expected, (score.account.handle, keep)
                sides_seen[keep] += bool(side)
    # The generated list has reasons of both kinds, so both paths were exercised.
    assert sides_seen[True] > 100 and sides_seen[False] > 100


@pytest.mark.parametrize("seed", [3, 11])
def test_rows_read_as_when_every_reason_was_worded(seed: int) -> None:
    scores = _scores(3000, seed)
    fallbacks = 0
    for score in scores:
        for limit in (3, 5):
            assert score.reasons(limit) == _every_reason_then_filtered(score, limit)
        if not score.proposed and not any(
            r.push > 0 for c in score.components.values() for r in c.reasons
        ):
            fallbacks += 1
    assert any(s.proposed for s in scores)
    assert fallbacks > 0  # kept accounts with nothing in their favour show either side


def test_a_quality_side_words_only_its_own_signals() -> None:
    # A silent account with a default avatar and long digits in its handle, on many lists:
    # reasons against it and one for it (the lists).
    account = Account(
        id="1", handle="maker12345678", name="x", bio="maker of things", location="Berlin",
        default_avatar=True, followers_count=300, following_count=400, post_count=900,
        listed_count=400,
        like_count=0, created_at=NOW - timedelta(days=800),
        last_active_at=NOW - timedelta(days=500),
    )
    component = score_quality(account, NOW)
    against = component.reasons_toward(False)
    toward = component.reasons_toward(True)
    assert [r.text for r in toward] == ["on 400 lists"]
    assert [r.text for r in against] == ["silent for 16 months", "default avatar",
                                         "handle ends in 8 digits", "has never liked a post"]
    assert all(r.push < 0 for r in against)
    assert sorted(against + toward, key=lambda r: -abs(r.push)) == list(component.reasons)


def test_a_plain_component_filters_its_reasons() -> None:
    component = Component(0.5, (Reason("a", 0.2), Reason("b", 0.0), Reason("c", -0.1)))
    assert component.reasons_toward(True) == [Reason("a", 0.2)]
    assert component.reasons_toward(False) == [Reason("c", -0.1)]
    # Reasons compare by their text and push, as the frozen dataclass they were did.
    assert Reason("a", 0.2) == Reason(text="a", push=0.2) and Reason("a", 0.2).push == 0.2
