"""The write-points budget as a property: whatever actions are asked for and whenever, the
ones it lets through never spend more than a window allows, and it refuses only what would
overrun one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followprune.models import ActionKind
from followprune.networks.bluesky import budget
from followprune.store import Store

# Small windows, so that a few dozen actions reach them.
HOUR, DAY = timedelta(hours=1), timedelta(days=1)
WINDOWS = ((HOUR, 10, "hour"), (DAY, 25, "day"))
START = datetime(2026, 12, 1, tzinfo=UTC)

asks = st.lists(st.tuples(st.sampled_from(list(ActionKind)),
                          st.integers(min_value=0, max_value=240)),  # minutes after the last
                min_size=1, max_size=40)


def spent(done: list[tuple[datetime, int]], until: datetime, window: timedelta) -> int:
    return sum(points for at, points in done if until - window <= at <= until)


@settings(max_examples=60, deadline=None)
@given(asks)
def test_what_the_budget_lets_through_never_overruns_a_window(
    sequence: list[tuple[ActionKind, int]]
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(budget, "WINDOWS", WINDOWS)
        with Store(Path(":memory:")) as store:
            me = store.identity("bluesky", "did:plc:me", "me.bsky.social")
            run = store.runs.start(me, "auto", START)
            now = START
            done: list[tuple[datetime, int]] = []
            for kind, minutes in sequence:
                now += timedelta(minutes=minutes)
                cost = budget.POINTS[kind]
                refused = budget.refusal(store, me, kind, now)
                would_fit = all(spent(done, now, window) + cost <= allowed
                                for window, allowed, _ in WINDOWS)
                assert (refused is None) == would_fit, (refused, done)
                if refused is None:
                    action = store.journal.record_intent(me, run, "did:plc:x", "x", kind, now)
                    store.journal.record_outcome(action, True, now)
                    done.append((now, cost))
                    for window, allowed, _ in WINDOWS:
                        assert spent(done, now, window) <= allowed
