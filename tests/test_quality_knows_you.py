"""A mutual who follows few is a person who chose you, not a follow-back farm (persona round
17: her mother, an empty profile following 80, had been read as a clear bot and proposed)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from followprune.models import Account
from followprune.scoring.quality import bot_score, score_quality

NOW = datetime(2026, 12, 5, tzinfo=UTC)


def _mother(**changes: object) -> Account:
    fields: dict[str, object] = dict(
        id="3000047", handle="gloria_gaitan58", name="Gloria Gaitán",
        created_at=datetime(2015, 12, 24, tzinfo=UTC), followers_count=45, following_count=80,
        post_count=210, listed_count=0, like_count=420,
        last_active_at=datetime(2026, 10, 1, tzinfo=UTC))
    fields.update(changes)
    return Account.model_validate(fields)


def test_a_quiet_mutual_who_follows_few_is_no_clear_bot() -> None:
    alone = score_quality(_mother(), NOW)
    mutual = score_quality(_mother(), NOW, follows_you=True)
    assert bot_score(mutual) < 0.5 < bot_score(alone)
    assert mutual.value > alone.value
    texts = [r.text for r in mutual.reasons]
    assert "follows only 80 accounts, you among them: no follow-back farm" in texts


@pytest.mark.parametrize("changes", [
    {"following_count": 4_800},  # a follow-back farm follows thousands
    {"bio": "Crypto signals daily, DM me"},  # a seller who followed back
    {"bio": "Follow back 100%"},
])
def test_the_tie_excuses_nothing_else(changes: dict[str, object]) -> None:
    alone = score_quality(_mother(**changes), NOW)
    mutual = score_quality(_mother(**changes), NOW, follows_you=True)
    assert bot_score(mutual) == bot_score(alone)


def test_unknown_ties_move_nothing() -> None:
    # A file of profiles never says who follows you: the default reads as unknown.
    assert score_quality(_mother(), NOW) == score_quality(_mother(), NOW, follows_you=False)
