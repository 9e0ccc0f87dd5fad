"""Issue 11 (agreeable proposals): an unfollow needs something wrong with the account itself.

Off-topic and never engaged rank an account low, but a sound, active person is not proposed
for that alone; a bot-like, flooding or silent one still is. Daily liking counts for a person.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from followprune.config import DEFAULT_THRESHOLD
from followprune.models import Account, Relationship
from followprune.scoring.blend import (
    DOUBTFUL_QUALITY,
    SOUND_QUALITY,
    AccountScore,
    ScoringPolicy,
    score_all,
    sound_floor,
)
from followprune.scoring.geography import resolve_setting
from followprune.scoring.quality import _MIRROR_TOLERANCE, bot_score, score_quality
from followprune.scoring.relevance import InterestProfile

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
POLICY = ScoringPolicy(
    weights={"relevance": 0.35, "interaction": 0.35, "geography": 0.15, "quality": 0.15},
    threshold=0.3,
    interests=InterestProfile(keywords=("rust", "open source", "climate")),
    home=(resolve_setting("Berlin"),),
)
ON_TOPIC = "Rust developer and open source maintainer, writing about compilers and tooling"
OFF_TOPIC = "Dog mum, baker of sourdough bread, weekend hiker and coffee lover in the hills"
REPO = Path(__file__).resolve().parents[1]
unit = st.floats(0.0, 1.0, allow_nan=False)


def person(index: int = 0, **overrides: Any) -> Account:
    """An ordinary, genuine, active person far from the user, writing about other things."""
    fields: dict[str, Any] = {
        "id": f"a{index}",
        "handle": f"ana_lima{index}",
        "name": "Ana Lima",
        "bio": OFF_TOPIC,
        "location": "Lima, Peru",
        "created_at": NOW - timedelta(days=5 * 365),
        "followers_count": 240,
        "following_count": 300,
        "post_count": 2_500,
        "listed_count": 2,
        "like_count": 1_200,
        "last_active_at": NOW - timedelta(days=1),
    }
    fields.update(overrides)
    return Account(**fields)


def scored(accounts: list[Account]) -> dict[str, AccountScore]:
    # A known one-way tie with no interactions: the interaction evidence is as bad as it gets.
    rels = [Relationship(account_id=a.id, follows_you=False,
                         first_seen=NOW - timedelta(days=400)) for a in accounts]
    return {s.account.id: s for s in score_all(accounts, rels, [], POLICY, NOW)}


def neighbours() -> list[Account]:
    return [person(i, bio=ON_TOPIC, location="Berlin") for i in range(11, 14)]


# --- the floor itself ---------------------------------------------------------------------


@given(unit, unit, unit, unit)
def test_the_floor_never_falls_as_quality_or_the_blend_rises(
    q1: float, q2: float, k1: float, k2: float
) -> None:
    lo_q, hi_q = sorted((q1, q2))
    lo_k, hi_k = sorted((k1, k2))
    assert sound_floor(lo_q, lo_k) <= sound_floor(hi_q, lo_k)
    assert sound_floor(lo_q, lo_k) <= sound_floor(lo_q, hi_k)


@given(st.floats(SOUND_QUALITY, 1.0), unit)
def test_a_sound_account_is_floored_at_or_above_the_default_threshold(
    quality: float, keep: float
) -> None:
    assert DEFAULT_THRESHOLD <= sound_floor(quality, keep) <= 1.0


@given(st.floats(0.0, DOUBTFUL_QUALITY), unit)
def test_a_doubtful_account_is_not_floored(quality: float, keep: float) -> None:
    assert sound_floor(quality, keep) == 0.0


def _at(threshold: float, accounts: list[Account]) -> dict[str, AccountScore]:
    policy = replace(POLICY, threshold=threshold)
    rels = [Relationship(account_id=a.id, follows_you=False,
                         first_seen=NOW - timedelta(days=400)) for a in accounts]
    return {s.account.id: s for s in score_all(accounts, rels, [], policy, NOW)}


def test_the_keep_score_does_not_move_with_the_threshold() -> None:
    # Persona 16: the chef read 0.42, 0.64 and 0.94 at thresholds 0.43, 0.6 and 0.9.
    accounts = [person(0), *neighbours()]
    keeps = {t: _at(t, accounts)["a0"].keep for t in (0.05, 0.3, 0.45, 0.6, 0.9)}
    assert len(set(keeps.values())) == 1, keeps
    assert keeps[0.3] > DEFAULT_THRESHOLD


def test_a_lower_threshold_proposes_no_sound_account() -> None:
    accounts = [person(0), *neighbours()]
    for threshold in (0.0, 0.1, 0.2, DEFAULT_THRESHOLD):
        score = _at(threshold, accounts)["a0"]
        assert score.components["quality"].value >= SOUND_QUALITY
        assert not score.proposed, threshold


def test_a_higher_threshold_proposes_the_sound_accounts_below_it() -> None:
    accounts = [person(0), *neighbours()]
    keep = _at(DEFAULT_THRESHOLD, accounts)["a0"].keep
    below, above = keep + 0.01, keep - 0.01
    assert _at(below, accounts)["a0"].proposed
    assert not _at(above, accounts)["a0"].proposed
    # The on-topic neighbours in Berlin score far higher: a stricter cut is not a purge.
    assert not any(_at(below, accounts)[f"a{i}"].proposed for i in range(11, 14))


# --- in the blend -------------------------------------------------------------------------


def test_an_active_person_off_topic_and_never_engaged_is_not_proposed() -> None:
    score = scored([person(0), *neighbours()])["a0"]
    assert score.components["quality"].value >= SOUND_QUALITY
    assert score.components["relevance"].confidence == 1.0  # really judged off-topic
    assert not score.proposed
    # It still ranks below the on-topic neighbours.
    assert score.keep < min(s.keep for k, s in scored([person(0), *neighbours()]).items()
                            if k != "a0")


FAULTS: dict[str, dict[str, Any]] = {
    "bot-like": {"bio": "", "default_avatar": True, "like_count": 0, "listed_count": 0,
                 "handle": "ana48213377", "following_count": 4_000, "followers_count": 30},
    "silent": {"last_active_at": NOW - timedelta(days=800)},
    "flooding": {"post_count": 250 * 5 * 365},
}


def test_the_same_person_with_a_fault_is_proposed_and_the_fault_leads() -> None:
    for fault, update in FAULTS.items():
        score = scored([person(0, **update), *neighbours()])["a0"]
        assert score.proposed, fault
        # The first reason names the fault, not the absence of a tie.
        assert "engaged" not in score.reasons()[0] and "follow you" not in score.reasons()[0], (
            fault, score.reasons())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 3_000), st.integers(0, 50_000), st.integers(0, 5_000),
       st.booleans(), st.booleans())
def test_nothing_is_proposed_without_a_fault(
    followers: int, likes: int, listed: int, empty_bio: bool, on_topic: bool
) -> None:
    bio = "" if empty_bio else ON_TOPIC if on_topic else OFF_TOPIC
    account = person(0, followers_count=followers, like_count=likes, listed_count=listed, bio=bio)
    score = scored([account, *neighbours()])["a0"]
    if score.proposed:
        assert score.dead or score.components["quality"].value < SOUND_QUALITY


# --- liking every day argues for a person -------------------------------------------------


@given(st.integers(1, 200_000), st.integers(1, 200_000))
def test_more_daily_likes_never_raise_the_bot_score(a: int, b: int) -> None:
    fewer, more = sorted((a, b))
    base = {"bio": "", "listed_count": 0, "followers_count": 40}
    posts = person(0, **base).post_count
    assert posts is not None
    # Except where the likes mirror the posts (within 1 %): liking exactly what it posts is
    # the repost bot's signature, a signal of its own, not more reading.
    assume(all(abs(n - posts) > _MIRROR_TOLERANCE * max(n, posts) for n in (fewer, more)))
    low = bot_score(score_quality(person(0, like_count=fewer, **base), NOW))
    high = bot_score(score_quality(person(0, like_count=more, **base), NOW))
    assert high <= low


def test_likes_that_mirror_the_posts_are_the_one_exception() -> None:
    base = {"bio": "", "listed_count": 0, "followers_count": 40}
    posts = person(0, **base).post_count
    assert posts is not None
    mirror = bot_score(score_quality(person(0, like_count=posts - 1, **base), NOW))
    fewer = bot_score(score_quality(person(0, like_count=1, **base), NOW))
    assert mirror > fewer


def test_daily_liking_is_named_as_a_reason_for_keeping() -> None:
    # With some doubt to lift (an empty bio, on no list): on a clean account the credit moves
    # the bot score too little to be worth a line.
    doubt = {"bio": "", "listed_count": 0, "post_count": 200_000}
    liker = score_quality(person(0, like_count=30 * 5 * 365, **doubt), NOW)
    reasons = {r.text: r.push for r in liker.reasons}
    assert reasons.get("likes 30 posts a day", 0.0) > 0.0
    # Below one like a day it says nothing: few people liked daily in 2015.
    quiet = score_quality(person(0, like_count=365, **doubt), NOW)
    assert not any("posts a day" in r.text for r in quiet.reasons)


# --- the eval script tells flooding from bot-likeness -------------------------------------


def _eval_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_bots", REPO / "scripts" / "eval_bots.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_bots"] = module
    spec.loader.exec_module(module)
    return module


def test_eval_names_the_fault_of_each_proposed_account() -> None:
    script = _eval_script()
    accounts = [person(0, **FAULTS["flooding"]), person(1, **FAULTS["bot-like"]),
                person(2, **FAULTS["silent"]), *neighbours()]
    scores = scored(accounts)
    assert [script._fault(scores[f"a{i}"]) for i in range(3)] == [
        "posting too much", "bot-like", "silent"]


def test_reading_more_than_writing_is_named_as_a_reason_for_keeping() -> None:
    doubt = {"bio": "", "listed_count": 0}
    reader = score_quality(person(0, post_count=500, like_count=5_000, **doubt), NOW)
    writer = score_quality(person(0, post_count=5_000, like_count=500, **doubt), NOW)
    assert any(r.text == "likes more posts than it writes" and r.push > 0
               for r in reader.reasons)
    assert not any("more posts than it writes" in r.text for r in writer.reasons)
    assert bot_score(reader) < bot_score(writer)
