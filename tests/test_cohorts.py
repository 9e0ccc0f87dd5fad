"""Accounts made together (scoring/cohorts.py): a batch created within the hour is bot
evidence where the list's own density makes it unlikely by chance; random creation times,
a network's sign-up rush and unknown times are not; the evidence only ever lowers quality."""

from __future__ import annotations

import math
import pickle
import random
from datetime import UTC, datetime, timedelta

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from followprune.models import Account, AccountState, Relationship
from followprune.scoring import cohorts as made
from followprune.scoring.blend import ScoringPolicy, score_all
from followprune.scoring.quality import bot_score, made_together, score_quality
from followprune.scoring.relevance import InterestProfile

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def _person(i: int, created: datetime, **update: object) -> Account:
    fields: dict[str, object] = {
        "id": str(i), "handle": f"person_{i}", "name": f"Person {i}",
        "bio": "Cyclist, coffee and maps.", "location": "Turin", "created_at": created,
        "followers_count": 300, "following_count": 280, "post_count": 3_000,
        "listed_count": 4, "like_count": 2_000, "last_active_at": NOW - timedelta(days=2),
    }
    fields.update(update)
    return Account.model_validate(fields)


def _spread(n: int, seed: int, years: float = 10.0) -> list[Account]:
    rng = random.Random(seed)
    return [_person(i, NOW - timedelta(days=rng.uniform(30, 365 * years))) for i in range(n)]


def _policy(*keywords: str) -> ScoringPolicy:
    return ScoringPolicy(
        weights={"relevance": 0.30, "interaction": 0.30, "geography": 0.10, "quality": 0.30},
        threshold=0.3, interests=InterestProfile(keywords=keywords))


def _flagged(accounts: list[Account]) -> np.ndarray:
    return np.flatnonzero(made.cohorts(made.creation_seconds(accounts)).surprise)


def test_random_creation_times_flag_almost_nobody() -> None:
    """A person's follows made one at a time over years: five lists of 20,000, where most
    hours hold more than one account and chance makes a cluster now and then; at most one
    account is flagged in all, and weakly (under a third of the full evidence)."""
    flagged = []
    for seed in range(1, 6):
        found = made.cohorts(made.creation_seconds(_spread(20_000, seed=seed)))
        assert (found.others >= made.MIN_OTHERS).any()
        flagged += [found.at(int(i)) for i in np.flatnonzero(found.surprise)]
    assert len(flagged) <= 1
    assert all(past < 1.0 for _, past in flagged)


def test_a_batch_made_within_the_hour_is_flagged_and_said() -> None:
    accounts = _spread(500, seed=2)
    sitting = NOW - timedelta(days=800, hours=3)
    batch = [_person(1_000 + k, sitting + timedelta(minutes=7 * k), bio="", location="")
             for k in range(5)]
    accounts[100:100] = batch
    assert set(_flagged(accounts)) == set(range(100, 105))
    rels = [Relationship(account_id=a.id) for a in accounts]
    policy = _policy("python")
    scores = {s.account.id: s for s in score_all(accounts, rels, (), policy, NOW)}
    quality = scores["1002"].components["quality"]
    assert quality.facts["signals"]["created_together"] > 0.0
    words = [r.text for r in quality.reasons]
    assert "created within an hour of 4 other accounts you follow, as accounts made in bulk are" \
        in words


def test_the_same_accounts_made_days_apart_are_not() -> None:
    accounts = _spread(500, seed=2)
    start = NOW - timedelta(days=800)
    accounts[100:100] = [_person(1_000 + k, start + timedelta(days=3 * k)) for k in range(5)]
    assert len(_flagged(accounts)) == 0


def test_a_sign_up_rush_is_judged_against_its_own_density() -> None:
    """300 of 5,000 follows joined in one week (a network opening its doors): the rush's
    density is the background, so few are flagged, weakly, and no full profile among them
    is proposed on that account."""
    rng = random.Random(3)
    accounts = _spread(5_000, seed=4, years=2.0)
    opened = NOW - timedelta(days=400)
    accounts += [_person(10_000 + k, opened + timedelta(days=rng.uniform(0, 7)))
                 for k in range(300)]
    found = made.cohorts(made.creation_seconds(accounts))
    assert np.count_nonzero(found.surprise[5_000:]) <= 0.05 * 300
    rels = [Relationship(account_id=a.id) for a in accounts]
    policy = _policy("cycling")
    rushed = [s for s in score_all(accounts, rels, (), policy, NOW)
              if int(s.account.id) >= 10_000]
    assert not any(s.proposed for s in rushed)


def test_unknown_gone_and_unread_accounts_are_never_counted() -> None:
    sitting = NOW - timedelta(days=500)
    batch = [_person(k, sitting + timedelta(minutes=k)) for k in range(6)]
    batch[0] = batch[0].model_copy(update={"created_at": None})
    batch[1] = batch[1].model_copy(update={"state": AccountState.SUSPENDED})
    batch[2] = batch[2].model_copy(update={"profile_known": False})
    seconds = made.creation_seconds(batch)
    assert [math.isnan(s) for s in seconds] == [True, True, True, False, False, False]
    found = made.cohorts(np.concatenate([seconds, made.creation_seconds(_spread(300, 5))]))
    assert list(found.others[:3]) == [0, 0, 0]
    assert list(found.others[3:6]) == [2, 2, 2]
    assert np.count_nonzero(found.surprise[3:6]) == 3


def test_a_short_list_says_nothing_of_density() -> None:
    """Six follows, three made within the hour: too few times to know what chance gives."""
    sitting = NOW - timedelta(days=500)
    accounts = [_person(k, sitting + timedelta(minutes=10 * k)) for k in range(3)]
    accounts += _spread(made.MIN_LIST - 4, seed=6)
    assert len(_flagged(accounts)) == 0
    assert len(_flagged([*accounts, *_spread(1, seed=7)])) == 3


def test_creation_dates_without_a_time_are_not_times() -> None:
    """Mastodon gives the day an account was made, as midnight UTC: a day of sign-ups is no
    sitting, so dates are left out (a time to the second at midnight is one in 86,400)."""
    accounts = _spread(300, seed=8)
    day = datetime(2022, 11, 8, tzinfo=UTC)
    accounts += [_person(1_000 + k, day) for k in range(20)]
    seconds = made.creation_seconds(accounts)
    assert np.isnan(seconds[300:]).all()
    assert len(_flagged(accounts)) == 0
    assert not np.isnan(made.creation_seconds([_person(1, day + timedelta(seconds=1))])).any()


def test_naive_creation_times_are_utc() -> None:
    aware = _person(1, datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC))
    naive = _person(2, datetime(2020, 1, 2, 3, 4, 5))
    assert list(made.creation_seconds([aware, naive])) == [aware.created_at.timestamp()] * 2


def test_the_tail_is_the_poisson_tail() -> None:
    # P(X >= 3) for a mean of 0.1: 1 - e^-0.1 (1 + 0.1 + 0.005).
    exact = 1.0 - math.exp(-0.1) * (1.0 + 0.1 + 0.005)
    assert math.isclose(made._surprise(3, 0.1), -math.log10(exact), rel_tol=1e-9)
    assert made._surprise(2, 5.0) == 0.0  # no more than the mean: nothing to say


@given(
    others=st.integers(min_value=2, max_value=50),
    weaker=st.floats(min_value=0.0, max_value=12.0),
    stronger=st.floats(min_value=0.0, max_value=12.0),
    empty=st.booleans(),
)
def test_more_surprise_never_raises_quality(others: int, weaker: float, stronger: float,
                                            empty: bool) -> None:
    """A stronger bot signal never raises the quality: the evidence lowers it or leaves it,
    and more of it lowers it more."""
    weaker, stronger = sorted((weaker, stronger))
    account = _person(1, NOW - timedelta(days=900), **({"bio": ""} if empty else {}))
    base = score_quality(account, NOW)
    low, high = made_together(base, others, weaker), made_together(base, others, stronger)
    assert high.value <= low.value <= base.value
    assert bot_score(high) >= bot_score(low) >= bot_score(base)


def test_the_evidence_survives_a_pickle() -> None:
    """Scores cross to and from a forked child pickled: the count the reason quotes too."""
    component = made_together(score_quality(_person(1, NOW - timedelta(days=900)), NOW), 6, 6.5)
    back = pickle.loads(pickle.dumps(component))
    assert back.value == component.value
    assert [r.text for r in back.reasons] == [r.text for r in component.reasons]
    assert "created within an hour of 6 other accounts" in " ".join(r.text for r in back.reasons)
