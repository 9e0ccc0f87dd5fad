"""Issue 17, both cores: relevance worked out in a forked child (blend._columns) scores a
list exactly as one process does, its components cross as bytes and come back equal, and a
child that fails changes nothing."""

from __future__ import annotations

import os
import pickle
import threading
import time
from collections.abc import Sequence

import pytest

from followprune.scoring import blend, forked, lists
from followprune.scoring import components as scoring_components
from followprune.scoring.blend import AccountScore, score_all
from followprune.scoring.components import Component, packing_of
from followprune.scoring.context import ScoringContext
from followprune.scoring.relevance import pack_relevance, unpack_relevance
from tests.test_scoring_properties import BENCH


def _score(n: int, seed: int) -> list[AccountScore]:
    follows = BENCH.generate(n, seed=seed)
    return score_all(follows.accounts, follows.relationships, follows.interactions,
                     BENCH.policy(), BENCH.NOW)


def _row(score: AccountScore) -> tuple[object, ...]:
    parts = tuple((c.value, c.confidence, c.reasons, dict(c.facts))
                  for c in score.components.values())
    return (score.account.id, score.keep, score.proposed, score.dead, score.guard, parts,
            score.reasons(5))


def _relevance(n: int, seed: int) -> list[Component]:
    follows = BENCH.generate(n, seed=seed)
    context = ScoringContext(follows.accounts, follows.relationships, {}, BENCH.policy(),
                             BENCH.NOW)
    return list(lists.relevance_of_list(context))


@pytest.fixture(autouse=True)
def forking_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    # A thread left running by another test would keep the child from being started.
    monkeypatch.setattr(blend, "can_fork", lambda: True)


def _assert_children_collected() -> None:
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_relevance_is_the_scorer_handed_to_a_child() -> None:
    assert packing_of(lists.relevance_of_list) == (pack_relevance, unpack_relevance)
    assert packing_of(lists.quality_of_list) is None


def test_interaction_and_geography_go_to_the_child_too() -> None:
    shared = (scoring_components.pack_shared, scoring_components.unpack_shared)
    assert packing_of(lists.interaction_of_list) == shared
    assert packing_of(lists.geography_of_list) == shared


@pytest.mark.parametrize("scorer", [lists.interaction_of_list, lists.geography_of_list])
def test_shared_components_come_back_equal_and_shared(scorer: object) -> None:
    follows = BENCH.generate(2_000, seed=5)
    context = ScoringContext(follows.accounts, follows.relationships, {}, BENCH.policy(),
                             BENCH.NOW)
    components = list(scorer(context))  # type: ignore[operator]
    back = scoring_components.unpack_shared(scoring_components.pack_shared(components))
    assert [type(c) for c in back] == [type(c) for c in components]
    for old, new in zip(components, back, strict=True):
        assert (new.value, new.confidence, new.reasons, dict(new.facts)) == (
            old.value, old.confidence, old.reasons, dict(old.facts))
    # One object for many accounts is still one object, and no more objects than before.
    assert len({id(c) for c in back}) == len({id(c) for c in components})


@pytest.mark.parametrize("n", [0, 1, 2_000])
def test_packed_relevance_comes_back_equal_and_shared(n: int) -> None:
    components = _relevance(n, seed=5)
    back = unpack_relevance(pack_relevance(components))
    assert [type(c) for c in back] == [type(c) for c in components]
    for old, new in zip(components, back, strict=True):
        assert (new.value, new.confidence, new.reasons, dict(new.facts)) == (
            old.value, old.confidence, old.reasons, dict(old.facts))
    # What was one object for many documents is still one object.
    assert len({id(c) for c in back}) == len({id(c) for c in components})
    if n > 1:
        kinds = {type(c).__name__ for c in components}
        assert kinds == {"Component", "_Matched"}  # both ways of packing were used


def _same_scores(alone: Sequence[AccountScore], shared: Sequence[AccountScore]) -> None:
    assert [_row(s) for s in shared] == [_row(s) for s in alone]


@pytest.mark.parametrize("seed", [3, 11])
def test_a_child_scores_relevance_as_this_process_does(
    monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    alone = _score(2_500, seed)
    monkeypatch.setattr(blend, "PARALLEL_FROM", 1)
    calls: list[int] = []
    real = blend.Child.__init__

    def counted(child: blend.Child, work: object) -> None:
        calls.append(1)
        real(child, work)  # type: ignore[arg-type]

    monkeypatch.setattr(blend.Child, "__init__", counted)
    _same_scores(alone, _score(2_500, seed))
    assert calls == [1]
    _assert_children_collected()


@pytest.mark.parametrize(("cores", "load", "allowed"),
                         [(2, 0.3, True), (2, 1.4, True), (2, 1.6, False), (1, 0.2, True),
                          (1, 0.6, False), (4, 3.0, True)])
def test_a_child_only_with_a_core_idle(
    monkeypatch: pytest.MonkeyPatch, cores: int, load: float, allowed: bool
) -> None:
    monkeypatch.setattr(forked, "_cores", lambda: cores)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    # Only the load is under test: a thread an earlier test left behind (a fake server's)
    # would refuse the child for its own reason.
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert forked.can_fork() is allowed


def test_no_child_when_the_load_is_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    def unknown() -> tuple[float, float, float]:
        raise OSError("no load average here")

    monkeypatch.setattr(os, "getloadavg", unknown)
    assert not forked.can_fork()


def test_no_child_while_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not forked.can_fork()
    finally:
        stop.set()
        thread.join()


@pytest.mark.parametrize(("low", "high"), [(301, 10**9), (1, 299)])
def test_a_list_too_short_or_too_long_starts_no_child(
    monkeypatch: pytest.MonkeyPatch, low: int, high: int
) -> None:
    def no_child(*args: object) -> None:
        raise AssertionError("no child for this list")

    monkeypatch.setattr(blend.Child, "__init__", no_child)
    monkeypatch.setattr(blend, "PARALLEL_FROM", low)
    monkeypatch.setattr(blend, "PARALLEL_UP_TO", high)
    assert len(_score(300, 3)) == 300


@pytest.mark.parametrize("n", [0, 1])
def test_the_smallest_lists_through_a_child(monkeypatch: pytest.MonkeyPatch, n: int) -> None:
    alone = _score(n, 3)
    monkeypatch.setattr(blend, "PARALLEL_FROM", 0)
    _same_scores(alone, _score(n, 3))
    _assert_children_collected()


def test_a_failing_child_is_made_up_for_here(monkeypatch: pytest.MonkeyPatch) -> None:
    alone = _score(2_000, 7)
    parent = os.getpid()
    monkeypatch.setattr(blend, "PARALLEL_FROM", 1)

    def fails_in_child(components: Sequence[Component]) -> bytes:
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        return pack_relevance(components)

    monkeypatch.setitem(scoring_components._PACKINGS, lists.relevance_of_list,
                        (fails_in_child, unpack_relevance))
    _same_scores(alone, _score(2_000, 7))
    _assert_children_collected()


def test_an_error_in_relevance_is_raised_as_without_a_child(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object) -> list[Component]:
        raise ValueError("relevance could not be worked out")

    monkeypatch.setattr(lists, "score_relevance", broken)
    with pytest.raises(ValueError, match="could not be worked out"):
        _score(500, 3)
    monkeypatch.setattr(blend, "PARALLEL_FROM", 1)
    with pytest.raises(ValueError, match="could not be worked out"):
        _score(500, 3)
    _assert_children_collected()


def test_a_child_still_running_is_ended_and_collected() -> None:
    started = time.monotonic()
    with forked.Child(lambda: time.sleep(60) or b"never sent"):
        pass  # the parent stops waiting at once (an error, an interrupt)
    _assert_children_collected()
    assert time.monotonic() - started < 10


def test_a_child_result_crosses_whole_or_not_at_all() -> None:
    big = bytes(range(256)) * 40_000  # far more than a pipe holds at once
    with forked.Child(lambda: big) as child:
        assert child.result() == big

    def fails() -> bytes:
        raise RuntimeError("in the child")

    with forked.Child(fails) as child:
        assert child.result() is None
    _assert_children_collected()


def test_scores_pickle_as_the_numbers_their_components_are_made_from() -> None:
    # A forked child of the chunked second pass hands its proposals back pickled
    # (app/streamed.py): the lazily worded kinds must come back as themselves, saying the
    # same, and what many scores share must still be shared.
    scores = _score(2_000, seed=5)
    back: list[AccountScore] = pickle.loads(pickle.dumps(scores, pickle.HIGHEST_PROTOCOL))
    assert [_row(s) for s in back] == [_row(s) for s in scores]
    kinds = {type(c).__name__ for s in scores for c in s.components.values()}
    assert {"_QualityComponent", "_Matched"} <= kinds
    assert ([[type(c) for c in s.components.values()] for s in back]
            == [[type(c) for c in s.components.values()] for s in scores])
    quality = [s.components["quality"] for s in back]
    assert all(getattr(c, "_account", s.account) is s.account
               for c, s in zip(quality, back, strict=True))  # one account, not two copies
    assert (len({id(c) for s in back for c in s.components.values()})
            == len({id(c) for s in scores for c in s.components.values()}))
