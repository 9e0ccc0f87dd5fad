"""The daily follow cap of `prune suggest`, for any sequence of confirmed batches over days:
no 24 hours ever hold more follows than [suggest] follows_per_day, and each batch follows
exactly as many as the cap leaves (the rest reported as not attempted, never dropped)."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from followprune.app.acting import ActingCallbacks
from followprune.app.context import App
from followprune.app.suggest import Suggestion, Suggestions, follow_chosen, prepare_suggestions
from followprune.config import ActionSettings, LoadedSettings, Settings, SuggestSettings
from followprune.networks.demo import DemoNetwork
from followprune.paths import Paths
from followprune.store import Store

T0 = datetime(2026, 6, 1, tzinfo=UTC)
UNCAPPED = ActionSettings(per_run=10_000, per_day=10_000, per_15_minutes=10_000,
                          delay_seconds=0, jitter_seconds=0)


def _app(root: Path, store: Store, now: datetime, per_day: int) -> App:
    paths = Paths(config_dir=root, data_dir=root, log_dir=root / "logs")
    settings = Settings(actions=UNCAPPED, suggest=SuggestSettings(follows_per_day=per_day))
    return App(paths, LoadedSettings(settings, None), now=now, _store=store)


@cache
def _suggested() -> tuple[Suggestion, ...]:
    """The demo's suggestions, worked out once: every example follows from the same rows."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        store = Store(root / "store.sqlite3")
        try:
            found = prepare_suggestions(_app(root, store, T0, 20), DemoNetwork(store, now=T0),
                                        limit=60)
        finally:
            store.close()
    assert found is not None and len(found.suggestions) == 60
    return tuple(found.suggestions)


@settings(max_examples=25, deadline=None)
@given(per_day=st.integers(1, 6),
       batches=st.lists(st.tuples(st.integers(0, 30), st.integers(1, 6)), min_size=1,
                        max_size=8))
def test_no_day_ever_holds_more_follows_than_the_cap(
    per_day: int, batches: list[tuple[int, int]]
) -> None:
    rows = _suggested()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        store = Store(root / "store.sqlite3")
        try:
            network = DemoNetwork(store, now=T0)
            me = network.whoami()
            identity = store.identity("demo", me.id, me.handle)
            moment, used, followed_at = T0, 0, []
            for hours, wanted in batches:
                moment += timedelta(hours=hours)
                now = moment
                app = _app(root, store, now, per_day)
                run_id = store.runs.start(identity, "suggest", now)
                chosen = list(rows[used:used + wanted])
                used += wanted
                if not chosen:
                    break
                result = follow_chosen(
                    app, network, Suggestions(run_id, identity, "demo", [], 0, 0, [], now),
                    chosen, ActingCallbacks(clock=lambda now=now: now))
                in_window = sum(1 for t in followed_at if t >= now - timedelta(days=1))
                allowed = max(0, per_day - in_window)
                assert len(result.done) == min(len(chosen), allowed)
                assert len(result.done) + len(result.not_attempted) == len(chosen)
                if len(chosen) > allowed:
                    assert result.stopped_because is not None
                    assert f"daily follow cap of {per_day}" in result.stopped_because
                followed_at += [now] * len(result.done)
            for t in followed_at:
                window = [u for u in followed_at if t <= u < t + timedelta(days=1)]
                assert len(window) <= per_day
        finally:
            store.close()
