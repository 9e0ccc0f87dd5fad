"""Issue 12: posting-rate estimates, the stream view, and pruning to a stream budget."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followprune.app.stream import StreamView, estimate_rates, posts_a_day, with_stream_rates
from followprune.models import Account, Graph, Relationship, TimelineCounts, TimelineSample
from followprune.scoring.stream import (
    Candidate,
    Rate,
    RateSource,
    choose_rate,
    lifetime_rate,
    rate_from_snapshots,
    rate_from_timeline,
    select_for_budget,
    summarize,
)
from followprune.store import Store

NOW = datetime(2026, 11, 1, tzinfo=UTC)


def test_two_snapshots_give_the_change_over_the_time_between() -> None:
    rate = rate_from_snapshots((1000, NOW - timedelta(days=4)), (1200, NOW))
    assert rate is not None
    assert rate.posts_per_day == pytest.approx(50.0)
    assert rate.source is RateSource.SNAPSHOTS and rate.window_days == pytest.approx(4.0)
    assert 0 < rate.confidence < 1
    assert rate.describe() == "from its post count between syncs over the last 4 days"


def test_snapshots_too_close_or_a_falling_count_say_nothing() -> None:
    assert rate_from_snapshots((10, NOW - timedelta(hours=1)), (20, NOW)) is None
    assert rate_from_snapshots((500, NOW - timedelta(days=3)), (400, NOW)) is None


def test_longer_windows_and_more_posts_are_trusted_more() -> None:
    short = rate_from_snapshots((0, NOW - timedelta(days=1)), (5, NOW))
    long = rate_from_snapshots((0, NOW - timedelta(days=14)), (70, NOW))
    assert short is not None and long is not None
    assert long.confidence > short.confidence
    few = rate_from_timeline(TimelineCounts(originals=1), 3.0)
    many = rate_from_timeline(TimelineCounts(originals=60, reposts=30, replies=30), 3.0)
    assert few is not None and many is not None
    assert many.confidence > few.confidence


def test_a_timeline_sample_counts_every_kind() -> None:
    rate = rate_from_timeline(TimelineCounts(originals=60, reposts=40, replies=14), 3.0)
    assert rate is not None
    assert rate.posts_per_day == pytest.approx(38.0)
    assert rate.describe() == "from your timeline over the last 3 days"
    assert rate_from_timeline(TimelineCounts(), 0.0) is None


def test_lifetime_is_the_marked_fallback() -> None:
    account = Account(id="1", handle="a", post_count=3650, created_at=NOW - timedelta(days=365))
    rate = lifetime_rate(account, NOW)
    assert rate is not None and rate.source is RateSource.LIFETIME
    assert rate.posts_per_day == pytest.approx(10.0)
    assert "lifetime" in rate.describe()
    assert lifetime_rate(Account(id="2", handle="b"), NOW) is None


def test_an_account_long_silent_adds_nothing_to_the_timeline() -> None:
    # Its lifetime average said "about 0.5 posts a day" of someone silent for 7 years.
    def account(silent_days: float) -> Account:
        return Account(id=str(silent_days), handle="a", post_count=3650,
                       created_at=NOW - timedelta(days=3650),
                       last_active_at=NOW - timedelta(days=silent_days))

    rate = lifetime_rate(account(2557), NOW)
    assert rate is not None and rate.source is RateSource.SILENT and rate.posts_per_day == 0
    assert rate.describe() == "silent for 7 years"
    recent = lifetime_rate(account(30), NOW)
    assert recent is not None and recent.source is RateSource.LIFETIME
    # The inlined fallback of a whole list says the same, and quality is left its own view.
    accounts = [account(2557), account(30)]
    graph = Graph(me=Account(id="me", handle="me"), accounts=accounts,
                  relationships=[Relationship(account_id=a.id) for a in accounts], interactions=[])
    graph_after, view = with_stream_rates(None, None, graph, NOW)
    assert view.rates["2557"] == rate and view.rates["30"].source is RateSource.LIFETIME
    assert view.describe("2557") == "nothing now: silent for 7 years"
    assert all(a.recent_posts_per_day is None for a in graph_after.accounts)


def test_the_most_trusted_rate_wins() -> None:
    account = Account(id="1", handle="a", post_count=3650, created_at=NOW - timedelta(days=365))
    timeline = rate_from_timeline(TimelineCounts(originals=3), 3.0)
    snaps = rate_from_snapshots((0, NOW - timedelta(days=2)), (10, NOW))
    assert choose_rate(account, NOW, timeline=timeline, snapshots=snaps) is timeline
    assert choose_rate(account, NOW, snapshots=snaps) is snaps
    fallback = choose_rate(account, NOW)
    assert fallback is not None and fallback.source is RateSource.LIFETIME


def _graph(counts: dict[str, int], muted: frozenset[str] = frozenset()) -> Graph:
    return Graph(
        me=Account(id="0", handle="me"),
        accounts=[Account(id=i, handle=f"h{i}", post_count=n,
                          created_at=NOW - timedelta(days=1000)) for i, n in counts.items()],
        relationships=[Relationship(account_id=i, muted=i in muted) for i in counts],
        interactions=[],
    )


def test_store_keeps_counts_per_sync_and_feeds_the_recent_rate(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    identity = store.identity("demo", "0", "me")
    first = _graph({"a": 1000, "b": 50})
    store.snapshots.save_graph(identity, first, NOW - timedelta(days=5))
    second = _graph({"a": 1500, "b": 50})
    store.snapshots.save_graph(identity, second, NOW)
    graph, view = with_stream_rates(store, identity, second, NOW)
    assert view.rates["a"].posts_per_day == pytest.approx(100.0)
    assert view.rates["a"].source is RateSource.SNAPSHOTS
    assert view.rates["b"].posts_per_day == 0.0
    by_id = {a.id: a for a in graph.accounts}
    assert by_id["a"].recent_posts_per_day == pytest.approx(100.0)
    assert view.share("a") == pytest.approx(1.0)


def test_old_counts_go_with_retention_but_the_latest_stays(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    identity = store.identity("demo", "0", "me")
    store.stream.record_counts(identity, _graph({"a": 1, "b": 5}).accounts,
                               NOW - timedelta(days=90))
    store.stream.record_counts(identity, _graph({"a": 9}).accounts, NOW - timedelta(days=60))
    store.stream.record_counts(identity, _graph({"a": 40}).accounts, NOW, keep_days=30)
    spans = store.stream.count_spans(identity)
    assert set(spans) == {"a"}  # b was seen once; a's 90-day-old point rolled off
    assert spans["a"][0] == (9, NOW - timedelta(days=60))
    assert spans["a"][1] == (40, NOW)


def test_daily_syncs_keep_one_row_an_account_and_a_window_within_retention(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "s.sqlite3")
    identity = store.identity("demo", "0", "me")
    start = NOW - timedelta(days=120)
    windows = []
    for day in range(121):
        at = start + timedelta(days=day)
        store.stream.record_counts(identity, _graph({"a": 10 * day, "b": 7}).accounts, at,
                                   keep_days=30)
        span = store.stream.count_spans(identity).get("a")
        if span is not None:
            (c0, t0), (c1, t1) = span
            assert (c1 - c0) / ((t1 - t0).total_seconds() / 86400) == pytest.approx(10.0)
            windows.append((t1 - t0).days)
    assert len(store.stream.count_spans(identity)) == 2  # one row each, rewritten in place
    assert max(windows) <= 31 and min(windows[40:]) >= 15


def test_a_timeline_sample_beats_snapshots_and_ignores_muted(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    identity = store.identity("demo", "0", "me")
    graph = _graph({"a": 1000, "b": 2000, "m": 10_000}, muted=frozenset({"m"}))
    store.snapshots.save_graph(identity, graph, NOW)
    sample = TimelineSample(3.0, {"a": TimelineCounts(originals=30, reposts=9, replies=0)})
    store.stream.save_sample(identity, sample, NOW)
    view = estimate_rates(store, identity, graph, NOW)
    assert view.rates["a"].posts_per_day == pytest.approx(13.0)
    assert view.rates["b"].source is RateSource.TIMELINE
    assert view.rates["b"].posts_per_day == 0.0  # absent from a complete sample
    assert view.rates["m"].source is RateSource.LIFETIME  # muted: absence says nothing
    assert view.in_stream("m") == 0.0
    text = view.describe("a")
    assert text == ("about 13 posts a day, 100 % of your timeline, from your timeline over"
                    " the last 3 days")
    # Not seen in the window is no "no posts a day" (persona round 10).
    assert view.describe("b") == "none seen, from your timeline over the last 3 days"
    # Too old a sample is ignored.
    later = estimate_rates(store, identity, graph, NOW + timedelta(days=30))
    assert later.rates["a"].source is RateSource.LIFETIME


def test_summary_counts_the_loudest_and_the_cut() -> None:
    rates = [100.0, 50.0, 25.0, 25.0] + [1.0] * 20
    summary = summarize(rates, [100.0, 1.0], loudest_n=2)
    assert summary.posts_per_day == pytest.approx(220.0)
    assert summary.loudest_share == pytest.approx(150 / 220)
    assert summary.cut_share == pytest.approx(101 / 220)
    assert summary.accounts == 24 and summary.proposals == 2


def test_budget_picks_loud_low_value_first_and_spares_the_guarded() -> None:
    candidates = [
        Candidate("quiet_friend", 1.0, 0.9, False),
        Candidate("loud_meh", 40.0, 0.4, False),
        Candidate("loud_loved", 40.0, 0.95, False),
        Candidate("guarded_flood", 200.0, 0.1, True),
        Candidate("medium_bot", 10.0, 0.05, False),
    ]
    choice = select_for_budget(candidates, 250.0)
    assert choice.met and choice.after <= 250.0
    assert choice.selected == ["medium_bot", "loud_meh"]
    unreachable = select_for_budget(candidates, 150.0)
    assert not unreachable.met
    assert "guarded_flood" not in unreachable.selected
    assert unreachable.after == pytest.approx(200.0)


def test_budget_already_met_selects_nothing() -> None:
    choice = select_for_budget([Candidate("a", 5.0, 0.1, False)], 10.0)
    assert choice.met and choice.selected == [] and choice.after == pytest.approx(5.0)


_candidates = st.lists(
    st.builds(
        Candidate,
        account_id=st.uuids().map(str),
        posts_per_day=st.floats(0, 500, allow_nan=False),
        keep=st.floats(0, 1, allow_nan=False),
        guarded=st.booleans(),
    ),
    max_size=60,
    unique_by=lambda c: c.account_id,
)


@settings(max_examples=300, deadline=None)
@given(_candidates, st.floats(0.1, 5000, allow_nan=False),
       st.one_of(st.none(), st.integers(0, 60)))
def test_budget_property(candidates: list[Candidate], budget: float, cap: int | None) -> None:
    choice = select_for_budget(candidates, budget, cap=cap)
    by_id = {c.account_id: c for c in candidates}
    assert not any(by_id[a].guarded for a in choice.selected)
    assert len(set(choice.selected)) == len(choice.selected)
    if cap is not None:
        assert len(choice.selected) <= cap
    remaining = sum(c.posts_per_day for c in candidates) - sum(
        by_id[a].posts_per_day for a in choice.selected)
    assert remaining == pytest.approx(choice.after, abs=1e-6)
    if choice.met:
        assert remaining <= budget + 1e-6
    else:
        # Not met only when every unguarded poster (within the cap) was already taken.
        unguarded = [c for c in candidates if not c.guarded and c.posts_per_day > 0]
        assert len(choice.selected) == min(len(unguarded), cap if cap is not None else 10**9)


def test_the_inlined_lifetime_path_agrees_with_choose_rate() -> None:
    from followprune.models import AccountState

    accounts = [
        Account(id="old", handle="a", post_count=5000, created_at=NOW - timedelta(days=900)),
        Account(id="young", handle="b", post_count=90, created_at=NOW - timedelta(days=3)),
        Account(id="none", handle="c", post_count=None, created_at=NOW - timedelta(days=9)),
        Account(id="recent", handle="d", post_count=5, created_at=NOW - timedelta(days=99),
                recent_posts_per_day=12.5),
        Account(id="dead", handle="e", post_count=7, created_at=NOW - timedelta(days=99),
                state=AccountState.SUSPENDED),
        Account(id="zero", handle="f", post_count=-3, created_at=NOW - timedelta(days=99)),
    ]
    graph = Graph(me=Account(id="0", handle="me"), accounts=accounts,
                  relationships=[Relationship(account_id=a.id) for a in accounts],
                  interactions=[])
    view = estimate_rates(None, None, graph, NOW)
    expected = {a.id: choose_rate(a, NOW) for a in accounts if not a.state.dead}
    assert view.rates == {k: v for k, v in expected.items() if v is not None}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.floats(0.0, 500.0), st.sampled_from(list(RateSource)),
                          st.floats(0.0, 400.0), st.booleans()), max_size=6))
def test_record_values_for_every_account_are_each_accounts_own(
    rates: list[tuple[float, RateSource, float, bool]],
) -> None:
    # An export asks `record_values_of()` once and calls it for every account: it must give
    # each account what `record_values` gives, muted, unknown and a zero timeline included.
    view = StreamView(
        rates={str(i): Rate(ppd, source, window, 0.5)
               for i, (ppd, source, window, _) in enumerate(rates)},
        muted=frozenset(str(i) for i, (*_, muted) in enumerate(rates) if muted),
    )
    values = view.record_values_of()
    for account_id in [*view.rates, "unknown"]:
        assert values(account_id) == view.record_values(account_id)


@pytest.mark.parametrize(("rate", "said"), [
    (38.2, "about 38 posts a day"), (1.0, "about 1 post a day"), (0.25, "about 0.25 posts a day"),
    (0.004, "about 1 post every 250 days"), (0.0, "no posts a day"),
])
def test_a_rare_poster_is_not_said_to_post_zero_a_day(rate: float, said: str) -> None:
    # "about 0.00 posts a day" had been said of 15 posts in ten years (persona round 15).
    assert posts_a_day(rate) == said
