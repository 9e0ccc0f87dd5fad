"""Issue 17, a list too long to hold whole: its list-wide figures gathered a chunk at a time
(`ListSurvey`), then each chunk scored against them (`score_chunk`), give every account the
score `score_all` of the whole list gives it: same components, keep, verdict, reasons and,
once ordered, the same ranks."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import timedelta
from typing import Any

import numpy as np
import pytest

from followprune import components
from followprune.models import Account, Interaction, Relationship
from followprune.scoring import lists
from followprune.scoring.blend import (
    AccountScore,
    ListFigures,
    ListSurvey,
    ScoringPolicy,
    WholeListNeeded,
    _worst_first,
    score_all,
    score_chunk,
)
from followprune.scoring.cohorts import cohorts, creation_seconds
from followprune.scoring.components import Component, chunking_of
from followprune.scoring.context import ScoringContext
from followprune.scoring.quality import DEFAULT_TYPICAL_POSTS_PER_DAY, quality_rate
from followprune.scoring.relevance import InterestProfile
from tests.test_component_registry import STUB
from tests.test_scoring_parallel import _row
from tests.test_scoring_properties import BENCH


def _follows(n: int, seed: int) -> tuple[list[Account], list[Relationship]]:
    """A generated list as a file gives it: no interactions, nobody known to follow back
    (so no interests are learned), every fifteenth profile never read."""
    follows = BENCH.generate(n, seed=seed)
    accounts = [a if i % 15 != 4 else a.model_copy(update={"profile_known": False})
                for i, a in enumerate(follows.accounts)]
    relationships = [r.model_copy(update={"follows_you": False})
                     for r in follows.relationships]
    return accounts, relationships


def _events(interactions: Sequence[Interaction]) -> dict[str, list[Interaction]]:
    by_account: dict[str, list[Interaction]] = defaultdict(list)
    for event in interactions:
        by_account[event.account_id].append(event)
    return by_account


def _chunks(n: int, size: int) -> Iterator[slice]:
    for start in range(0, n, size):
        yield slice(start, min(start + size, n))


def _surveyed(accounts: Sequence[Account], relationships: Sequence[Relationship],
              policy: ScoringPolicy, size: int,
              interactions: Sequence[Interaction] = ()) -> ListFigures | None:
    events = _events(interactions)
    survey = ListSurvey(policy, BENCH.NOW)
    for part in _chunks(len(accounts), size):
        survey.add(accounts[part], relationships[part], events)
    return survey.figures()


def _in_chunks(accounts: Sequence[Account], relationships: Sequence[Relationship],
               policy: ScoringPolicy, size: int) -> list[AccountScore]:
    figures = _surveyed(accounts, relationships, policy, size)
    assert figures is not None
    assert figures.followed == len(accounts)
    scores: list[AccountScore] = []
    for part in _chunks(len(accounts), size):
        scores += score_chunk(accounts[part], relationships[part], {}, policy, BENCH.NOW,
                              figures, part.start)
    return _worst_first(scores)


def _whole(accounts: Sequence[Account], relationships: Sequence[Relationship],
           policy: ScoringPolicy) -> list[AccountScore]:
    return score_all(accounts, relationships, [], policy, BENCH.NOW)


@pytest.mark.parametrize(("n", "size"), [
    (0, 100), (1, 100), (1, 1), (3_000, 1_000), (3_000, 999), (3_000, 1_001),
    (3_000, 2_999), (3_000, 3_000), (3_000, 3_001), (3_000, 257),
])
def test_chunks_score_as_the_whole_list(n: int, size: int) -> None:
    accounts, relationships = _follows(n, seed=n + 1)
    policy = BENCH.policy()
    whole = _whole(accounts, relationships, policy)
    assert [_row(s) for s in _in_chunks(accounts, relationships, policy, size)] == [
        _row(s) for s in whole]


def test_the_list_wide_figures_are_the_ones_the_whole_list_uses() -> None:
    """The generated list's own typical rate is not the default one (a few accounts flood
    the timeline), and each floor is a real component's value, so a wrong figure shows."""
    accounts, relationships = _follows(4_000, seed=2)
    policy = BENCH.policy()
    figures = _surveyed(accounts, relationships, policy, 333)
    assert figures is not None
    whole = _whole(accounts, relationships, policy)
    names = [spec.name for spec in figures.specs]
    for name, floor in zip(names, figures.floors, strict=True):
        if floor is None:  # a floor the blend never reads: every verdict is fully sure
            assert all(s.components[name].confidence == 1.0 for s in whole)
            continue
        real = [s.components[name].value for s in whole
                if s.components[name].confidence >= 0.5 and s.account.profile_known]
        assert floor == min(real)
    typical, made = figures.figures[names.index("quality")]
    assert typical != DEFAULT_TYPICAL_POSTS_PER_DAY
    rates = [quality_rate(s.components["quality"]) for s in whole
             if s.account.profile_known]
    assert typical == float(np.median([r for r in rates if r is not None and r > 0.0]))
    expected = cohorts(creation_seconds(accounts))
    assert np.array_equal(made.others, expected.others)
    assert np.array_equal(made.surprise, expected.surprise)


def test_accounts_made_together_across_chunks_score_as_in_the_whole_list() -> None:
    """A batch created within the hour, spread over chunk boundaries, is found in chunks as
    in the whole list: each chunk looks its accounts up in the whole list's cohorts."""
    accounts, relationships = _follows(3_000, seed=11)
    made_at = BENCH.NOW - timedelta(days=900)
    for n, i in enumerate(range(95, 3_000, 400)):  # 8 accounts, one every 400
        accounts[i] = accounts[i].model_copy(update={
            "created_at": made_at + timedelta(minutes=5 * n), "profile_known": True})
    policy = BENCH.policy()
    whole = _whole(accounts, relationships, policy)
    batch = {accounts[i].id for i in range(95, 3_000, 400)}
    flagged = {s.account.id for s in whole
               if "created_together" in s.components["quality"].facts.get("signals", {})}
    assert flagged == batch
    assert [_row(s) for s in _in_chunks(accounts, relationships, policy, 256)] == [
        _row(s) for s in whole]


def test_the_rates_the_first_pass_reads_are_the_ones_quality_judges() -> None:
    """The first pass takes each account's posting rate without judging its quality."""
    accounts, relationships = _follows(3_000, seed=6)
    odd = [
        accounts[0].model_copy(update={"moved_to": "elsewhere@example.social"}),
        accounts[1].model_copy(update={"post_count": -5}),
        accounts[2].model_copy(update={"recent_posts_per_day": -1.0}),
        accounts[3].model_copy(update={"recent_posts_per_day": 250.0}),
        accounts[5].model_copy(update={"created_at": BENCH.NOW + timedelta(days=3)}),
        accounts[6].model_copy(update={"created_at": None}),
        accounts[7].model_copy(update={"post_count": None}),
    ]
    accounts[:len(odd)] = odd
    context = ScoringContext(accounts, relationships, {}, BENCH.policy(), BENCH.NOW)
    chunking = chunking_of(lists.quality_of_list)
    assert chunking is not None
    judged = [quality_rate(c) for c in lists.quality_of_list(context)]
    assert chunking.survey(context, True).rates == [
        r for r in judged if r is not None and r > 0.0]


def test_a_verdict_short_of_full_confidence_needs_the_whole_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Quality's floor is not gathered, as the blend never reads it; a verdict that would
    read it is not scored a chunk at a time with a floor that is wrong."""
    accounts, relationships = _follows(200, seed=8)
    policy = BENCH.policy()
    figures = _surveyed(accounts, relationships, policy, 100)
    assert figures is not None
    unsure = Component(0.4, (), {}, 0.6)
    real = lists._quality_as_if_typical

    def one_unsure(context: ScoringContext) -> Any:
        found, rates, fast = real(context)
        return [unsure, *found[1:]], rates, fast

    monkeypatch.setattr(lists, "_quality_as_if_typical", one_unsure)
    with pytest.raises(WholeListNeeded):
        score_chunk(accounts[:100], relationships[:100], {}, policy, BENCH.NOW, figures, 0)


@pytest.mark.parametrize("profile", [
    InterestProfile(()),  # no interests: relevance is neutral everywhere
    InterestProfile(("photography",), own_bio="Berlin street photographer"),
])
def test_other_interests_and_guards_score_as_the_whole_list(profile: InterestProfile) -> None:
    accounts, relationships = _follows(2_500, seed=9)
    policy = replace(BENCH.policy(), interests=profile, keep_verified=True,
                     keep_handles=frozenset({accounts[7].handle.lower()}))
    whole = _whole(accounts, relationships, policy)
    assert [_row(s) for s in _in_chunks(accounts, relationships, policy, 400)] == [
        _row(s) for s in whole]


def test_a_list_that_learns_interests_scores_as_the_whole_list() -> None:
    """Interactions and mutuals make relevance learn words from the closest accounts, which
    it can only do once the whole list is read: the learned words must be the same, and
    so every document's match."""
    follows = BENCH.generate(3_000, seed=4)
    events = _events(follows.interactions)
    # What the people the person engages with share, and the rest of the list does not.
    accounts = [a.model_copy(update={"bio": a.bio + " Sourdough baker."}) if a.id in events
                else a for a in follows.accounts]
    policy = BENCH.policy()
    figures = _surveyed(accounts, follows.relationships, policy, 700, follows.interactions)
    assert figures is not None
    scores: list[AccountScore] = []
    for part in _chunks(3_000, 700):
        scores += score_chunk(accounts[part], follows.relationships[part], events,
                              policy, BENCH.NOW, figures, part.start)
    whole = score_all(accounts, follows.relationships, follows.interactions, policy,
                      BENCH.NOW)
    assert any("with the accounts closest to you" in r for s in whole for r in s.reasons(5))
    assert [_row(s) for s in _worst_first(scores)] == [_row(s) for s in whole]


def test_a_component_that_cannot_be_chunked_means_scoring_whole() -> None:
    accounts, relationships = _follows(300, seed=1)
    components.register(STUB)
    try:
        assert _surveyed(accounts, relationships, BENCH.policy(), 100) is None
    finally:
        components.unregister("stub")


@pytest.mark.parametrize("child_fails", [False, True])
def test_the_scan_shared_with_a_child_scores_as_the_whole_list(
    monkeypatch: pytest.MonkeyPatch, child_fails: bool
) -> None:
    """On a long list the combine step scans half the chunks in a forked child; what it
    hands back, or its half scanned here when it fails, is what one process scans."""
    accounts, relationships = _follows(2_000, seed=12)
    policy = BENCH.policy()
    whole = _whole(accounts, relationships, policy)
    children = []
    real_child = lists.Child

    def broken() -> bytes:
        raise RuntimeError("the child's scan failed")

    def counted(work: Any) -> Any:
        child = real_child(broken if child_fails else work)
        children.append(child.pid)
        return child

    monkeypatch.setattr(lists, "can_fork", lambda: True)
    monkeypatch.setattr(lists, "PARALLEL_FROM", 0)
    monkeypatch.setattr(lists, "Child", counted)
    assert [_row(s) for s in _in_chunks(accounts, relationships, policy, 300)] == [
        _row(s) for s in whole]
    assert len(children) == 1
    with pytest.raises(ChildProcessError):  # collected, whatever it sent
        os.waitpid(children[0], os.WNOHANG)
