"""Issue 11, parts 2-5: absence never beats evidence, a clear bot stays proposed, over-posting
is judged against the list, and reasons never state an unknown as a fact."""

from __future__ import annotations

import dataclasses
import math
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from followprune.app.rules import CHECKS
from followprune.models import (
    Account,
    AccountState,
    Direction,
    Interaction,
    InteractionKind,
    Relationship,
)
from followprune.scoring.blend import (
    CLEAR_BOT,
    COMPONENTS,
    AccountScore,
    ScoringPolicy,
    _blend,
    _blends,
    blend,
    clear_bot_cap,
    score_all,
    typical_posts_per_day,
)
from followprune.scoring.components import Component
from followprune.scoring.geography import resolve_setting
from followprune.scoring.interaction import score_interaction
from followprune.scoring.quality import bot_score, quality_rate, score_quality
from followprune.scoring.relevance import InterestProfile, score_relevance

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
WEIGHTS = {"relevance": 0.30, "interaction": 0.30, "geography": 0.10, "quality": 0.30}
POLICY = ScoringPolicy(
    weights=WEIGHTS,
    threshold=0.3,
    interests=InterestProfile(keywords=("rust", "open source", "climate")),
    home=(resolve_setting("Berlin"),),
)
ON_TOPIC = "Rust developer and open source maintainer, writing about compilers and tooling"
UNRELATED = "Dog mum, baker of sourdough bread, weekend hiker and coffee lover in the hills"
SETTINGS = settings(max_examples=80, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def person(index: int = 0, **overrides: Any) -> Account:
    """An ordinary, genuine, active person; tests change one thing at a time."""
    fields: dict[str, Any] = {
        "id": f"a{index}",
        "handle": f"maria_rossi{index}",
        "name": "Maria Rossi",
        "bio": UNRELATED,
        "location": "Lisbon, Portugal",
        "created_at": NOW - timedelta(days=4 * 365),
        "followers_count": 310,
        "following_count": 280,
        "post_count": 3_000,
        "listed_count": 4,
        "like_count": 900,
        "last_active_at": NOW - timedelta(days=2),
    }
    fields.update(overrides)
    return Account(**fields)


def rel(index: int = 0, follows_you: bool | None = False) -> Relationship:
    return Relationship(account_id=f"a{index}", follows_you=follows_you,
                        first_seen=NOW - timedelta(days=400))


def score_in(accounts: list[Account], rels: list[Relationship] | None = None,
             events: list[Interaction] | None = None,
             policy: ScoringPolicy = POLICY) -> dict[str, AccountScore]:
    rels = rels if rels is not None else [rel(i) for i in range(len(accounts))]
    for a, r in zip(accounts, rels, strict=True):
        assert a.id == r.account_id
    return {s.account.id: s for s in score_all(accounts, rels, events or [], policy, NOW)}


# --- the blend with confidence -------------------------------------------------------------

unit = st.floats(0.0, 1.0, allow_nan=False)
components_st = st.lists(st.builds(Component, value=unit, confidence=unit),
                         min_size=4, max_size=4)
weights_st = st.lists(st.floats(0.05, 1.0), min_size=4, max_size=4)


def named(parts: list[Component]) -> dict[str, Component]:
    return dict(zip(COMPONENTS, parts, strict=True))


@given(st.lists(unit, min_size=4, max_size=4), weights_st)
def test_full_confidence_is_the_plain_weighted_mean(values: list[float],
                                                    weights: list[float]) -> None:
    parts = named([Component(v) for v in values])
    expected = sum(w * v for w, v in zip(weights, values, strict=True)) / sum(weights)
    assert blend(parts, weights) == pytest.approx(expected)


@SETTINGS
@given(components_st, weights_st, st.integers(0, 3), unit, unit, unit)
def test_absence_never_beats_evidence_in_the_blend(
    parts: list[Component], weights: list[float], k: int, absent_value: float,
    weakest: float, evidence: float,
) -> None:
    # Any real evidence at least as good as the weakest the list holds beats having none,
    # whatever value the component without evidence reports.
    evidence = max(evidence, weakest)
    floors = [1.0, 1.0, 1.0, 1.0]
    floors[k] = weakest
    with_none = list(parts)
    with_none[k] = Component(absent_value, confidence=0.0)
    with_some = list(parts)
    with_some[k] = Component(evidence, confidence=1.0)
    assert (blend(named(with_none), weights, floors)
            <= blend(named(with_some), weights, floors) + 1e-12)


@SETTINGS
@given(components_st, weights_st)
# Four parts at 1.0 had blended to 1.0000000000000002 (float rounding).
@example([Component(1.0, confidence=0.0), Component(1.0, confidence=0.0), Component(1.0),
          Component(1.0)], [1.0, 0.5791502186569688, 0.8253053545100838, 0.8915049930470814])
def test_missing_evidence_never_lifts_the_blend(parts: list[Component],
                                                weights: list[float]) -> None:
    # Whatever the components lack is never worth more than what they say themselves.
    as_if_sure = [Component(p.value) for p in parts]
    assert blend(named(parts), weights) <= blend(named(as_if_sure), weights) + 1e-12
    assert 0.0 <= blend(named(parts), weights) <= 1.0


# Confidences at the blend's edges (none, weak, just real, full) as often as any other.
edge_unit = st.one_of(st.sampled_from([0.0, 0.2, 0.4999999, 0.5, 0.95, 1.0]), unit)
edge_components_st = st.lists(st.builds(Component, value=unit, confidence=edge_unit),
                              min_size=4, max_size=4)
floor_st = st.one_of(unit, st.just(math.inf))


@SETTINGS
@given(st.lists(edge_components_st, min_size=1, max_size=12),
       st.lists(st.one_of(st.just(0.0), st.floats(0.0, 1.0)), min_size=4, max_size=4),
       st.lists(floor_st, min_size=4, max_size=4))
def test_the_blend_of_a_whole_list_is_each_rows_blend_bit_for_bit(
    rows: list[list[Component]], weights: list[float], floors: list[float]
) -> None:
    # score_all blends a column at a time with numpy (blend._blends): every keep score must
    # be the very float the one-row blend gives, or ranks and the output would change.
    total = sum(weights)
    table = [(None, None, tuple(parts), None) for parts in rows]
    found = _blends(table, weights, floors, total)  # type: ignore[arg-type]
    expected = [_blend(tuple(parts), weights, floors, total) for parts in rows]
    assert [x.hex() for x in found] == [x.hex() for x in expected]


def test_missing_weight_moves_to_worse_evidence() -> None:
    # A bot's empty bio (no evidence, a neutral-looking value) does not shield it: the weight
    # goes to the evidence there is, which is poor.
    parts = named([Component(0.45, confidence=0.0), Component(0.15), Component(0.5),
                   Component(0.1)])
    weights = [0.3, 0.3, 0.1, 0.3]
    sure = blend(named([Component(0.45), Component(0.15), Component(0.5), Component(0.1)]),
                 weights)
    assert blend(parts, weights) < sure


# --- absence never beats evidence, with the real scorers -----------------------------------


def test_empty_bio_never_beats_an_unrelated_real_bio() -> None:
    if score_relevance(POLICY.interests, [""])[0].confidence >= 1.0:
        pytest.skip("relevance does not yet report low confidence for an empty bio")
    scores = score_in([person(0, bio=""), person(1, bio=UNRELATED), person(2, bio=ON_TOPIC)])
    # Equal where the unknown takes the list's weakest evidence: up to rounding.
    assert scores["a0"].keep <= scores["a1"].keep + 1e-12
    assert scores["a1"].keep < scores["a2"].keep


def test_unknown_location_never_beats_a_far_one() -> None:
    scores = score_in([person(0, location=""), person(1, location="Sydney, Australia"),
                       person(2, location="Berlin")])
    if scores["a0"].components["geography"].confidence >= 1.0:
        pytest.skip("geography does not yet report low confidence for an unknown place")
    # Equal where the unknown takes the list's weakest evidence: up to rounding.
    assert scores["a0"].keep <= scores["a1"].keep + 1e-12
    assert scores["a1"].keep < scores["a2"].keep


# --- directions of the keep score ----------------------------------------------------------


@SETTINGS
@given(st.integers(0, 6), st.sampled_from(InteractionKind), st.sampled_from(Direction),
       st.integers(0, 700), st.sampled_from([True, False, None]), st.booleans())
def test_more_engagement_never_lowers_the_keep_score(
    n_before: int, kind: InteractionKind, direction: Direction, days: int,
    follows_you: bool | None, bot_like: bool,
) -> None:
    target = person(0, bio="", default_avatar=True, like_count=0) if bot_like else person(0)
    accounts = [target, person(1), person(2, bio=ON_TOPIC)]
    rels = [rel(0, follows_you), rel(1), rel(2)]
    events = [Interaction(account_id="a0", kind=InteractionKind.LIKE,
                          direction=Direction.FROM_YOU, at=NOW - timedelta(days=30 * i),
                          source_id=f"e{i}") for i in range(n_before)]
    extra = Interaction(account_id="a0", kind=kind, direction=direction,
                        at=NOW - timedelta(days=days), source_id="extra")
    before = score_in(accounts, rels, events)["a0"].keep
    after = score_in(accounts, rels, [*events, extra])["a0"].keep
    assert after >= before


# Bot signals, each a change a person would call "more bot-like".
BOT_STEPS: dict[str, dict[str, Any]] = {
    "default avatar": {"default_avatar": True},
    "generated handle": {"handle": "maria84629173"},
    "never liked": {"like_count": 0},
    "unlisted": {"listed_count": 0},
    "seeker": {"following_count": 6_000, "followers_count": 90},
    "digits in name": {"name": "Maria 0560"},
}


@SETTINGS
@given(st.lists(st.sampled_from(sorted(BOT_STEPS)), min_size=1, max_size=4, unique=True),
       st.sampled_from(sorted(BOT_STEPS)), st.sampled_from([UNRELATED, ON_TOPIC]))
def test_a_stronger_bot_signal_never_raises_the_keep_score(
    steps: list[str], extra: str, bio: str
) -> None:
    update: dict[str, Any] = {}
    for step in steps:
        update.update(BOT_STEPS[step])
    weaker = person(0, bio=bio, **update)
    stronger = weaker.model_copy(update=BOT_STEPS[extra])
    neighbours = [person(1), person(2, bio=ON_TOPIC)]
    before = score_in([weaker, *neighbours])["a0"]
    after = score_in([stronger, *neighbours])["a0"]
    assert bot_score(after.components["quality"]) >= bot_score(before.components["quality"])
    assert after.keep <= before.keep + 1e-12


def test_clear_bot_is_proposed_whatever_its_relevance_and_place() -> None:
    bot = person(0, handle="grow29426538", bio=ON_TOPIC, location="Berlin", default_avatar=True,
                 like_count=0, listed_count=0, following_count=4_000, followers_count=40)
    scores = score_in([bot, person(1), person(2, bio=ON_TOPIC)])
    score = scores["a0"]
    assert bot_score(score.components["quality"]) > CLEAR_BOT
    assert score.components["relevance"].value > scores["a1"].components["relevance"].value
    assert score.proposed and score.keep < POLICY.threshold


@given(unit, unit, st.floats(0.05, 0.9))
def test_clear_bot_cap_is_below_threshold_and_never_rises(a: float, b: float,
                                                          threshold: float) -> None:
    lo, hi = sorted((a, b))
    assert clear_bot_cap(hi, threshold) <= clear_bot_cap(lo, threshold)
    if hi > CLEAR_BOT:
        assert clear_bot_cap(hi, threshold) < threshold
    else:
        assert clear_bot_cap(hi, threshold) == 1.0


def test_genuine_people_are_not_capped() -> None:
    scores = score_in([person(0), person(1, bio=ON_TOPIC, location="Berlin")])
    assert all(bot_score(s.components["quality"]) < 0.2 for s in scores.values())
    assert scores["a1"].keep > 0.5


# --- follower-seeking only when it is real evidence ----------------------------------------


def reasons_of(account: Account) -> list[str]:
    return [r.text for r in score_quality(account, NOW).reasons]


def test_ordinary_following_is_not_called_follower_seeking() -> None:
    ordinary = person(following_count=700, followers_count=60)
    assert not any("follows 700" in text for text in reasons_of(ordinary))
    assert "seeker_ratio" not in dict(score_quality(ordinary, NOW).facts["signals"])  # type: ignore[call-overload]


def test_real_follower_seeking_is_named() -> None:
    seeker = person(following_count=4_900, followers_count=120)
    assert "follows 4,900, followed by 120" in reasons_of(seeker)


# --- over-posting, judged against the list ---------------------------------------------------


def rate_account(index: int, per_day: float, **overrides: Any) -> Account:
    return person(index, post_count=int(per_day * 4 * 365), **overrides)


def volume(score: AccountScore) -> float:
    penalty = score.components["quality"].facts["volume_penalty"]
    assert isinstance(penalty, float)
    return penalty


def test_sixty_a_day_is_too_much_for_a_quiet_list() -> None:
    quiet = [rate_account(i, 1.0) for i in range(1, 8)]
    scores = score_in([rate_account(0, 60.0), *quiet])
    assert typical_posts_per_day([a for a in quiet], NOW) == pytest.approx(1.0, rel=0.01)
    assert volume(scores["a0"]) > 0.5
    assert any("60 times a day" in text for text in scores["a0"].reasons())


def test_the_same_rate_weighs_less_in_a_loud_list() -> None:
    quiet = [rate_account(i, 1.0) for i in range(1, 8)]
    loud = [rate_account(i, 20.0) for i in range(1, 8)]
    in_quiet = score_in([rate_account(0, 60.0), *quiet])["a0"]
    in_loud = score_in([rate_account(0, 60.0), *loud])["a0"]
    assert volume(in_loud) < volume(in_quiet)
    # A busy person in a quiet list is still not "too much".
    assert volume(score_in([rate_account(0, 6.0), *quiet])["a0"]) == 0.0


def test_recent_rate_is_used_where_known() -> None:
    quiet = [rate_account(i, 1.0) for i in range(1, 8)]
    lately_flooding = rate_account(0, 2.0, recent_posts_per_day=80.0)
    lately_quiet = rate_account(0, 80.0, recent_posts_per_day=2.0)
    assert volume(score_in([lately_flooding, *quiet])["a0"]) > 0.5
    assert volume(score_in([lately_quiet, *quiet])["a0"]) == 0.0


def test_accounts_your_timeline_did_not_see_post_count_at_their_lifetime_rate() -> None:
    """A 13-hour timeline sample sees the loud accounts post and measures the rest at 0:
    the typical account is not the median of the loud ones alone ("72 a day, 4x the typical
    account" of a list whose typical account posts 2; persona round 10)."""
    seen = [rate_account(i, 2.0, recent_posts_per_day=20.0) for i in range(1, 4)]
    unseen = [rate_account(i, 2.0, recent_posts_per_day=0.0) for i in range(4, 12)]
    assert typical_posts_per_day([*seen, *unseen], NOW) == pytest.approx(2.0, rel=0.01)
    scores = score_in([rate_account(0, 2.0, recent_posts_per_day=72.0), *seen, *unseen])
    assert any("72 times a day, 36x the typical account" in t for t in scores["a0"].reasons())
    # Once loud, quiet lately: no more than a typical account (review round 11: four of
    # seven at their lifetime 80 a day had made the typical account post 80).
    quiet = [rate_account(i, 1.0) for i in range(1, 4)]
    hushed = [rate_account(i, 80.0, recent_posts_per_day=0.0) for i in range(4, 8)]
    assert typical_posts_per_day([*quiet, *hushed], NOW) == pytest.approx(2.4)


@SETTINGS
@given(st.floats(0.0, 500.0), st.floats(0.0, 500.0), st.floats(0.01, 50.0))
def test_higher_rate_never_scores_higher_quality(a: float, b: float, typical: float) -> None:
    lo, hi = sorted((a, b))
    slow = score_quality(person(recent_posts_per_day=lo), NOW, typical).value
    fast = score_quality(person(recent_posts_per_day=hi), NOW, typical).value
    assert fast <= slow


# --- unknowns are never stated as facts ----------------------------------------------------


def test_unknown_follow_back_is_never_stated() -> None:
    component = score_interaction(rel(0, None), [], NOW, 90.0)
    texts = [r.text for r in component.reasons]
    assert not any("follow" in text for text in texts)
    assert component.facts["follows_you"] is None
    assert component.confidence < 1.0
    # Knowing they don't follow back is said, and unknown is never better than known-no.
    known = score_interaction(rel(0, False), [], NOW, 90.0)
    assert "doesn't follow you back" in [r.text for r in known.reasons]
    assert component.value == known.value
    scores = score_in([person(0)], [rel(0, None)])
    assert not any("follow" in text and "back" in text for text in scores["a0"].reasons(10))


def test_no_engagement_history_is_never_stated_as_no_engagement() -> None:
    # A --from file has no replies, mentions or likes to read: "never engaged" would state
    # an unknown as a fact. Follow-back, where known, is still said, and the values are
    # those of an account nobody engaged with, so no ranking changes.
    unknown = dataclasses.replace(POLICY, engagement_known=False)
    people = [person(i) for i in range(3)]
    rels = [rel(0, True), rel(1, False), rel(2, None)]
    blind = score_in(people, rels, policy=unknown)
    known = score_in(people, rels)
    for i in range(3):
        texts = [r.text for r in blind[f"a{i}"].components["interaction"].reasons]
        assert not any("engaged" in text for text in texts)
        assert blind[f"a{i}"].keep == known[f"a{i}"].keep
    assert any("engaged" in r.text for r in known["a1"].components["interaction"].reasons)
    said = {i: [r.text for r in blind[f"a{i}"].components["interaction"].reasons]
            for i in range(3)}
    assert said == {0: ["follows you back"], 1: ["doesn't follow you back"], 2: []}


def test_rules_never_match_an_unknown_follow_back() -> None:
    score = score_in([person(0)], [rel(0, None)])["a0"]
    assert CHECKS["follows_you"](False, score, NOW) is None
    assert CHECKS["follows_you"](True, score, NOW) is None
    known = score_in([person(0)], [rel(0, False)])["a0"]
    assert CHECKS["follows_you"](False, known, NOW) == "doesn't follow you back"


def test_sparse_posting_is_worded_as_of_the_scoring_moment() -> None:
    crawled = datetime(2015, 2, 14, tzinfo=UTC)
    sparse = person(created_at=datetime(2006, 1, 1, tzinfo=UTC), post_count=3,
                    last_active_at=None)
    then = [r.text for r in score_quality(sparse, crawled).reasons]
    later = [r.text for r in score_quality(sparse, NOW).reasons]
    assert "only 3 posts in 9 years" in then
    assert "only 3 posts in 20 years" in later


def test_a_wrong_date_is_no_grace_period() -> None:
    # A follow dated years ahead (a server's clock, a creation date in the future) kept the
    # account in its grace period for good, dead or not.
    people = [person(0), person(1, state=AccountState.SUSPENDED), person(2)]
    rels = [rel(i).model_copy(update={"first_seen": moment}) for i, moment in enumerate(
        (NOW + timedelta(days=365 * 900), NOW + timedelta(days=365 * 900),
         NOW + timedelta(hours=2)))]
    scores = score_in(people, rels)
    assert scores["a0"].guard is None
    assert scores["a1"].guard is None and scores["a1"].proposed
    assert scores["a2"].guard == "followed today (grace period of 30 days)"  # clock skew
    # And a creation date ahead is an unknown age, not "every post in the last 30 days".
    ahead = score_quality(person(0, created_at=NOW + timedelta(days=365 * 900),
                                 post_count=1000), NOW)
    assert quality_rate(ahead) is None


def test_a_busy_past_is_no_flood_once_the_account_is_silent() -> None:
    """"silent for 13 months" and "posts 44 times a day" had been said of one account
    (persona round 11): past the start of the silence penalty, with no recent rate, its
    lifetime average is no volume."""
    quiet = [rate_account(i, 1.0) for i in range(1, 8)]
    gone_quiet = rate_account(0, 44.0, last_active_at=NOW - timedelta(days=400))
    score = score_in([gone_quiet, *quiet])["a0"]
    assert volume(score) == 0.0
    assert not any("times a day" in text for text in score.reasons())
    assert any("silent for" in text for text in score.reasons())
