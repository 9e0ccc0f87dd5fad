"""`rank_candidates` ranks only what it shows: it shares two relationships among all the
candidates, ranks by plain numbers and makes Suggestions for the rows kept. Held here to
the straightforward ranking it replaced (every candidate scored with its own relationship,
every one made a Suggestion, the whole list sorted by rank over the scoring's worst-first
order) on a generated set with ties, comebacks, unfollowed and followed accounts: the
same rows, in the same order, with the same numbers and reasons, and the same left-out
counts."""

from __future__ import annotations

import importlib.util
import random
import sys
from collections import Counter
from datetime import timedelta
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from followprune.app.parked import Comeback
from followprune.app.review import leading_cause
from followprune.app.suggest import (
    SCORE_SHARE,
    Suggestion,
    connection_strength,
    rank_candidates,
    suggestion_reasons,
)
from followprune.models import (
    Account,
    AccountState,
    Direction,
    Interaction,
    InteractionKind,
    Relationship,
)
from followprune.networks.base import Candidate
from followprune.scoring.blend import MEMORIAL_GUARD, ScoringPolicy, score_all
from followprune.store.parked import ParkedAccount

ROOT = Path(__file__).resolve().parents[1]


def _load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_scoring", ROOT / "benchmarks" / "bench_scoring.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_scoring"] = module
    spec.loader.exec_module(module)
    return module


BENCH = _load_bench()
NOW = BENCH.NOW


def reference_ranking(
    candidates: list[Candidate], policy: ScoringPolicy, *, me_id: str, followed: set[str],
    unfollowed: set[str], comebacks: dict[str, Comeback],
) -> tuple[list[Suggestion], Counter[str]]:
    """The ranking as it was before it was made cheaper, kept as the yardstick."""
    left_out: Counter[str] = Counter()
    kept = []
    for c in candidates:
        if c.account.id == me_id:
            continue
        if c.account.id in followed:
            left_out["already followed"] += 1
        elif c.account.id in unfollowed and c.account.id not in comebacks:
            left_out["unfollowed by you"] += 1
        else:
            kept.append(c)
    scores = score_all(
        [c.account for c in kept],
        [Relationship(account_id=c.account.id, you_follow=False, follows_you=c.follows_you)
         for c in kept],
        (e for c in kept for e in c.interactions), policy, NOW)
    by_id = {c.account.id: c for c in kept}
    ranked = []
    for score in scores:
        if score.proposed:
            left_out[leading_cause(score)] += 1
            continue
        candidate = by_id[score.account.id]
        comeback = comebacks.get(score.account.id)
        strength = connection_strength(candidate, comeback, NOW, policy.half_life_days)
        rank = SCORE_SHARE * score.keep + (1.0 - SCORE_SHARE) * strength
        ranked.append(Suggestion(score, strength, rank, candidate, comeback))
    ranked.sort(key=lambda s: s.rank, reverse=True)
    return ranked, left_out


def _twin(account: Account, index: int, handle: str) -> Account:
    return account.model_copy(update={"id": f"twin{index}", "handle": handle})


@cache
def generated() -> tuple[list[Candidate], dict[str, Comeback], set[str], set[str]]:
    """2,000 candidates with every kind of tie, and twins: copies of an account under other
    handles (one differing only in case), whose equal ranks the tie order must settle."""
    follows = BENCH.generate(2_000, 11)
    rng = random.Random(11)
    events: dict[str, list[Interaction]] = {}
    for event in follows.interactions:
        events.setdefault(event.account_id, []).append(event)
    accounts = list(follows.accounts)
    for i, account in enumerate(follows.accounts[:40]):
        accounts.append(_twin(account, i, account.handle.upper()))
        accounts.append(_twin(account, 100 + i, "a" + account.handle))
    circle = [f"friend{i}" for i in range(12)]
    candidates = []
    for account in accounts:
        own = tuple(events.get(account.id, ()))
        if rng.random() < 0.05:
            own += (Interaction(account_id=account.id, kind=InteractionKind.MENTION,
                                direction=Direction.FROM_THEM,
                                at=NOW - timedelta(days=rng.uniform(1, 200)),
                                source_id=f"extra-{account.id}"),)
        candidates.append(Candidate(
            account, follows_you=rng.random() < 0.3, interactions=own,
            engaged_by=tuple(rng.sample(circle, rng.randint(1, 4)))
            if rng.random() < 0.2 else (),
            lists=("rustaceans",) if rng.random() < 0.05 else (),
            suggested_by_network=rng.random() < 0.1))
    ids = [a.id for a in follows.accounts]
    comebacks = {
        account_id: Comeback(ParkedAccount(
            account_id=account_id, handle=f"parked{account_id}", why="silent", action_id=1,
            parked_at=NOW - timedelta(days=300), last_active_then=NOW - timedelta(days=500),
            posts_then=10, checked_at=NOW, last_active_now=NOW - timedelta(days=2),
            posts_now=40))
        for account_id in ids[100:110]
    }
    unfollowed = set(ids[105:130])  # half of them came back, so are ranked anyway
    followed = set(ids[200:230])
    return candidates, comebacks, unfollowed, followed


def _policy() -> ScoringPolicy:
    candidates = generated()[0]
    # A dead account on the keep-list is guarded, so not proposed: a dead account is ranked.
    dead = next(c.account.handle for c in candidates if c.account.state.dead)
    base = BENCH.policy()
    return ScoringPolicy(weights=base.weights, threshold=base.threshold,
                         interests=base.interests, home=base.home, regions=base.regions,
                         keep_handles=frozenset({dead.lower()}))


@pytest.mark.parametrize("limit", [None, 1, 30, 500])
def test_the_ranking_shows_what_the_full_ranking_would(limit: int | None) -> None:
    candidates, comebacks, unfollowed, followed = generated()
    policy = _policy()
    expected, expected_left_out = reference_ranking(
        candidates, policy, me_id="7", followed=followed, unfollowed=unfollowed,
        comebacks=comebacks)
    ranking = rank_candidates(candidates, policy, NOW, me_id="7", followed=followed,
                              unfollowed=unfollowed, comebacks=comebacks, limit=limit)
    assert ranking.ranked == len(expected)
    assert ranking.left_out == expected_left_out
    wanted = expected if limit is None else expected[:limit]
    assert len(ranking.shown) == len(wanted)

    def row(s: Suggestion) -> tuple[object, ...]:
        return (s.account.id, s.rank, s.connection, s.score.keep, s.score.components,
                s.comeback, s.candidate, s.score.relationship,
                suggestion_reasons(s, NOW, "demo"))

    assert [row(s) for s in ranking.shown] == [row(s) for s in wanted]


def test_the_generated_set_has_what_the_comparison_needs() -> None:
    """Ties, comebacks and a guarded dead account among the ranked, or the test above
    would prove less than it says."""
    candidates, comebacks, unfollowed, followed = generated()
    ranked, left_out = reference_ranking(candidates, _policy(), me_id="7", followed=followed,
                                         unfollowed=unfollowed, comebacks=comebacks)
    ranks = Counter(s.rank for s in ranked)
    assert sum(1 for n in ranks.values() if n > 1) >= 10
    assert any(s.comeback is not None for s in ranked[:500])
    assert any(s.score.dead for s in ranked)
    assert left_out["already followed"] == 30 and left_out["unfollowed by you"] == 20


def test_a_limit_that_cuts_through_equal_ranks_keeps_the_same_ones() -> None:
    """The rows picked by rank then cut at `limit` are those of the full ranking even when
    the cut falls between candidates of equal rank."""
    candidates, comebacks, unfollowed, followed = generated()
    policy = _policy()
    expected, _ = reference_ranking(candidates, policy, me_id="7", followed=followed,
                                    unfollowed=unfollowed, comebacks=comebacks)
    cut = next(i + 1 for i in range(len(expected) - 1)
               if expected[i].rank == expected[i + 1].rank)
    ranking = rank_candidates(candidates, policy, NOW, me_id="7", followed=followed,
                              unfollowed=unfollowed, comebacks=comebacks, limit=cut)
    assert [s.account.id for s in ranking.shown] == [s.account.id for s in expected[:cut]]
    assert ranking.shown[-1].rank == expected[cut].rank


def test_a_memorial_account_is_never_suggested_and_is_counted_as_left_out() -> None:
    """Someone who has died is not offered as someone new to follow: left out, and counted
    under the memorial guard's own words, whatever its score would be."""
    candidates = generated()[0]
    policy = _policy()
    ranking = rank_candidates(candidates, policy, NOW, me_id="7", followed=set())
    best = ranking.shown[0].candidate
    memorial = Candidate(best.account.model_copy(update={"state": AccountState.MEMORIAL}),
                         follows_you=best.follows_you, interactions=best.interactions,
                         engaged_by=best.engaged_by, lists=best.lists,
                         suggested_by_network=best.suggested_by_network)
    others = [c for c in candidates if c.account.id != best.account.id]
    again = rank_candidates([*others, memorial], policy, NOW, me_id="7", followed=set())
    assert best.account.id not in {s.account.id for s in again.shown}
    assert again.left_out[MEMORIAL_GUARD] == 1
    assert again.ranked == ranking.ranked - 1
