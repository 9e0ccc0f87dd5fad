"""paused_gc and the frozen review: what a review holds stays frozen through later pauses,
and a pause without one hands what it made to the oldest generation."""

from __future__ import annotations

import gc

import pytest

from followprune.scoring.components import hold_frozen, paused_gc, release_frozen


@pytest.fixture(autouse=True)
def _collector_as_found():
    was = gc.isenabled()
    yield
    release_frozen()
    if was:
        gc.enable()


def test_a_pause_turns_the_collector_off_and_back_on():
    gc.enable()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_pause_inside_a_pause_leaves_it_off():
    gc.enable()
    with paused_gc():
        with paused_gc():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_pause_keeps_what_a_review_holds_frozen():
    gc.enable()
    held = [[n] for n in range(1000)]  # containers the collector tracks
    hold_frozen()
    frozen = gc.get_freeze_count()
    assert frozen >= len(held)
    with paused_gc():
        made = [[n] for n in range(10)]
    # Unfreezing (what a pause does without a frozen review) would have released them.
    assert gc.get_freeze_count() == frozen
    release_frozen()
    assert gc.get_freeze_count() == 0
    assert made and held


def test_without_a_frozen_review_a_pause_leaves_nothing_frozen():
    release_frozen()
    gc.enable()
    with paused_gc():
        made = [[n] for n in range(100)]
    assert gc.get_freeze_count() == 0
    assert made
