"""Issue 11, item 1: weak evidence never outranks real evidence in the keep score.

A bio too short to judge gets a neutral relevance with a sliver of confidence; a long one that
matches nothing is judged off-topic. Bots leave short bios as often as empty ones, so the
neutral sliver must not lift them above a person whose real bio was judged.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followprune.models import Account, Relationship
from followprune.scoring.blend import COMPONENTS, REAL_EVIDENCE, ScoringPolicy, blend, score_all
from followprune.scoring.components import Component
from followprune.scoring.relevance import InterestProfile, score_relevance

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
POLICY = ScoringPolicy(
    weights={"relevance": 0.30, "interaction": 0.30, "geography": 0.10, "quality": 0.30},
    threshold=0.3,
    interests=InterestProfile(keywords=("python", "open source", "climate")),
)
UNRELATED = "Dog mum, baker of sourdough bread, weekend hiker and coffee lover in the hills"
SHORT = "ciao a tutti"
unit = st.floats(0.0, 1.0, allow_nan=False)


def named(parts: list[Component]) -> dict[str, Component]:
    return dict(zip(COMPONENTS, parts, strict=True))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.builds(Component, value=unit, confidence=unit), min_size=4, max_size=4),
       st.lists(st.floats(0.05, 1.0), min_size=4, max_size=4), st.integers(0, 3),
       unit, st.floats(0.0, REAL_EVIDENCE, exclude_max=True), unit, unit)
def test_weak_evidence_never_beats_the_weakest_real_evidence(
    parts: list[Component], weights: list[float], k: int, weak_value: float,
    weak_confidence: float, weakest: float, evidence: float,
) -> None:
    evidence = max(evidence, weakest)
    floors = [1.0, 1.0, 1.0, 1.0]
    floors[k] = weakest
    with_weak = list(parts)
    with_weak[k] = Component(weak_value, confidence=weak_confidence)
    with_real = list(parts)
    with_real[k] = Component(evidence, confidence=1.0)
    assert (blend(named(with_weak), weights, floors)
            <= blend(named(with_real), weights, floors) + 1e-12)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.builds(Component, value=unit, confidence=unit), min_size=4, max_size=4),
       st.lists(st.floats(0.05, 1.0), min_size=4, max_size=4), st.integers(0, 3),
       unit, unit, st.lists(unit, min_size=4, max_size=4))
def test_more_confidence_in_the_same_value_never_lowers_the_blend(
    parts: list[Component], weights: list[float], k: int, c1: float, c2: float,
    floors: list[float],
) -> None:
    # Where the value is at least the weakest real evidence, being surer of it only helps.
    lo, hi = sorted((c1, c2))
    value = max(parts[k].value, floors[k])
    less, more = list(parts), list(parts)
    less[k] = Component(value, confidence=lo)
    more[k] = Component(value, confidence=hi)
    assert blend(named(less), weights, floors) <= blend(named(more), weights, floors) + 1e-12


def person(index: int, **overrides: Any) -> Account:
    fields: dict[str, Any] = {
        "id": f"a{index}", "handle": f"giulia_b{index}", "name": "Giulia B", "bio": UNRELATED,
        "location": "", "created_at": NOW - timedelta(days=5 * 365), "followers_count": 300,
        "following_count": 350, "post_count": 4_000, "listed_count": 3, "like_count": 5_000,
        "last_active_at": NOW - timedelta(days=1),
    }
    fields.update(overrides)
    return Account(**fields)


def test_a_bio_too_short_to_judge_never_beats_an_unrelated_real_one() -> None:
    short = score_relevance(POLICY.interests, [SHORT])[0]
    assert 0.0 < short.confidence < REAL_EVIDENCE  # what the relevance scorer says today
    accounts = [person(0, bio=SHORT), person(1), person(2, bio="")]
    rels = [Relationship(account_id=a.id, follows_you=None) for a in accounts]
    scores = {s.account.id: s for s in score_all(accounts, rels, [], POLICY, NOW)}
    assert scores["a0"].components["relevance"].value > scores["a1"].components[
        "relevance"].value  # the neutral value itself is higher...
    assert scores["a0"].keep <= scores["a1"].keep + 1e-12  # ...but it does not lift the keep
    assert scores["a2"].keep <= scores["a1"].keep + 1e-12
