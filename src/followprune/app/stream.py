"""Each followed account's share of the timeline (issue 12), and pruning to a budget.

The rates are worked out before scoring: the chosen recent rate goes into
`Account.recent_posts_per_day`, which quality judges over-posting on. A lifetime average is
left off the account (quality works that out itself) but still shown, marked as such.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import cached_property

from followprune.models import AccountState, Graph, TimelineCounts, TimelineSample
from followprune.scoring.blend import AccountScore
from followprune.scoring.components import paused_gc
from followprune.scoring.stream import (
    MIN_AGE_DAYS,
    BudgetChoice,
    Candidate,
    Rate,
    RateSource,
    StreamSummary,
    choose_rate,
    rate_from_snapshots,
    rate_from_timeline,
    select_for_budget,
    silence,
    summarize,
)
from followprune.scoring.wording import plural
from followprune.store import Identity, Store
from followprune.store.stream import CountSpan

# A sample older than this no longer says what the timeline is like.
SAMPLE_FRESH_DAYS = 14


@dataclass
class StreamView:
    """The estimated timeline: each followed account's rate, and who does not reach it."""

    rates: dict[str, Rate] = field(default_factory=dict)
    muted: frozenset[str] = frozenset()
    # Filled when a --stream-budget chose the proposals.
    budget: BudgetChoice | None = None

    def in_stream(self, account_id: str) -> float:
        """Posts a day this account puts in the timeline (0 when muted or unknown)."""
        if account_id in self.muted:
            return 0.0
        rate = self.rates.get(account_id)
        return rate.posts_per_day if rate else 0.0

    @cached_property
    def total(self) -> float:
        # `in_stream` of each account, in the same order (so the same sum), without a call
        # per account: a Rate is a non-empty tuple, so always there once looked up.
        muted = self.muted
        return sum([0.0 if a in muted else rate.posts_per_day for a, rate in self.rates.items()])

    def record_values(
        self, account_id: str
    ) -> tuple[float | None, float | None, str | None, float | None]:
        """The additive JSON/CSV fields of one account (posts_per_day, stream_share,
        rate_source, rate_window_days), as a tuple: an `--all` export asks for every
        account's."""
        rate = self.rates.get(account_id)
        if rate is None:
            return None, None, None, None
        posts_per_day = rate.posts_per_day
        # As `share` works it out, without looking the rate up again.
        whole = self.total
        share = (0.0 if account_id in self.muted else posts_per_day) / whole if whole > 0 else 0.0
        return (round(posts_per_day, 3), round(share, 5), rate.source.value,
                round(rate.window_days, 2))

    def record_values_of(
        self,
    ) -> Callable[[str], tuple[float | None, float | None, str | None, float | None]]:
        """`record_values`, for asking about every account of an `--all` export: the
        timeline's total, the muted set and each source's text are looked up once here,
        not once an account (~4 % of a 100,000-account run went to this per account)."""
        rates_get, muted = self.rates.get, self.muted
        whole = self.total
        source_text = {source: source.value for source in RateSource}

        def values(account_id: str) -> tuple[float | None, float | None, str | None,
                                             float | None]:
            rate = rates_get(account_id)
            if rate is None:
                return None, None, None, None
            posts_per_day, source, window_days, _ = rate
            share = ((0.0 if account_id in muted else posts_per_day) / whole
                     if whole > 0 else 0.0)
            return (round(posts_per_day, 3), round(share, 5), source_text[source],
                    round(window_days, 2))

        return values

    def summary_record(self, proposals: Iterable[AccountScore]) -> dict[str, object]:
        summary = self.summary(proposals)
        out: dict[str, object] = {
            "posts_per_day": round(summary.posts_per_day, 1),
            "accounts": summary.accounts,
            "loudest_10_share": round(summary.loudest_share, 4),
            "proposals_cut_posts_per_day": round(summary.cut, 1),
            "proposals_cut_share": round(summary.cut_share, 4),
        }
        if self.budget is not None:
            out["budget"] = {
                "posts_per_day": self.budget.budget, "met": self.budget.met,
                "after": round(self.budget.after, 1), "selected": len(self.budget.selected),
            }
        return out

    def summary_line(self, proposals: Sequence[AccountScore]) -> str | None:
        """"Your timeline: about 2,400 posts a day from 544 accounts; the 10 loudest make
        31 % of it. These 74 proposals would cut it by 18 %." None when nothing is known."""
        summary = self.summary(proposals)
        if summary.accounts == 0 or summary.posts_per_day <= 0:
            return None
        loudest = ("the loudest makes" if summary.loudest_n == 1
                   else f"the {summary.loudest_n:,} loudest make")
        text = (f"Your timeline: {_about_a_day(summary.posts_per_day)} from"
                f" {plural(summary.accounts, 'account')}; {loudest}"
                f" {percent(summary.loudest_share)} of it.")
        if summary.proposals:
            these = "This proposal" if summary.proposals == 1 else (
                f"These {summary.proposals:,} proposals")
            text += f" {these} would cut it by {percent(summary.cut_share)}."
        choice = self.budget
        if choice is not None:
            if choice.met:
                text += f" That meets your budget of {_a_day(choice.budget)}."
            else:
                text += (f" Your budget of {_a_day(choice.budget)} cannot be met"
                         f" within the guards and caps: the closest is about"
                         f" {choice.after:,.0f}.")
        return text

    def share(self, account_id: str) -> float | None:
        """This account's share of the timeline, 0..1; None when its rate is unknown."""
        if account_id not in self.rates:
            return None
        whole = self.total
        return self.in_stream(account_id) / whole if whole > 0 else 0.0

    def summary(self, proposals: Iterable[AccountScore]) -> StreamSummary:
        muted = self.muted
        rates = [rate.posts_per_day for a, rate in self.rates.items() if a not in muted]
        return summarize(rates, (self.in_stream(s.account.id) for s in proposals))

    def with_budget_reason(self, account_id: str, reasons: list[str]) -> list[str]:
        """`reasons` led by a short one when the stream budget chose this account."""
        if self.budget is None or account_id not in self.budget.value_per_post:
            return reasons
        rate = self.rates.get(account_id)
        posts = posts_a_day(rate.posts_per_day) if rate else "its posts"
        return [f"{posts}: chosen for your stream budget", *reasons]

    def describe(self, account_id: str) -> str | None:
        """"about 38 posts a day, 6 % of your timeline, from your timeline over the last
        3 days"; None when nothing is known."""
        rate = self.rates.get(account_id)
        if rate is None:
            return None
        if rate.source is RateSource.SILENT:
            return f"nothing now: {rate.describe()}"
        if rate.posts_per_day <= 0.0 and rate.source is RateSource.TIMELINE:
            # Unseen in a window is no rate: "no posts a day" had been said of an account
            # that posted yesterday, outside a 13-hour sample (persona round 10).
            return f"none seen, {rate.describe()}"
        text = posts_a_day(rate.posts_per_day)
        if account_id in self.muted:
            text += " (muted: none of it reaches your timeline)"
        else:
            text += f", {percent(self.share(account_id) or 0.0)} of your timeline"
        return f"{text}, {rate.describe()}"


def percent(share: float) -> str:
    value = share * 100
    if 0 < value < 1:
        return "under 1 %" if value >= 0.1 else "under 0.1 %"
    return f"{value:.0f} %"


def posts_a_day(rate: float) -> str:
    """'about 38 posts a day', 'about 1 post a day', 'about 0.25 posts a day', 'about 1
    post every 250 days', 'no posts a day'."""
    if rate >= 10:
        number = f"{rate:,.0f}"
    elif rate >= 1:
        number = f"{rate:.1f}".rstrip("0").rstrip(".")
    elif rate > 0:
        number = f"{rate:.2f}"
        if number == "0.00":
            # "about 0.00 posts a day" read as none (persona round 15): say how seldom.
            return f"about 1 post every {1 / rate:,.0f} days"
    else:
        return "no posts a day"
    return f"about {number} {'post' if number == '1' else 'posts'} a day"


def estimate_rates(
    store: Store | None, identity: Identity | None, graph: Graph, now: datetime
) -> StreamView:
    """The best rate of every followed account from what the store holds (a timeline sample,
    post counts at earlier syncs), else its lifetime average."""
    spans = store.stream.count_spans(identity) if store and identity else {}
    found = store.stream.latest_sample(identity) if store and identity else None
    sample = None
    if found is not None and now - found[1] <= timedelta(days=SAMPLE_FRESH_DAYS):
        sample = found[0]
    muted = frozenset(r.account_id for r in graph.relationships if r.muted)
    rates: dict[str, Rate] = {}
    # One tuple an account and none freed: the cyclic collector would walk the whole graph
    # again and again (see paused_gc).
    with paused_gc():
        _fill(rates, graph, muted, spans, sample, now)
    return StreamView(rates=rates, muted=muted)


def _fill(rates: dict[str, Rate], graph: Graph, muted: frozenset[str],
          spans: Mapping[str, CountSpan], sample: TimelineSample | None, now: datetime) -> None:
    if sample is None and not spans:
        _fill_lifetime(rates, graph, now)
        return
    for account in graph.accounts:
        if account.state is not AccountState.ACTIVE:
            # Posts nothing: gone (quality judges it so, not loud), or memorial, whose owner
            # has died. _fill_lifetime leaves out the same accounts.
            continue
        timeline = None
        # A muted account never shows in the timeline: its absence says nothing of its rate.
        if sample is not None and account.id not in muted:
            timeline = rate_from_timeline(sample.counts.get(account.id, TimelineCounts()),
                                          sample.window_days)
        span = spans.get(account.id)
        snapshots = rate_from_snapshots(*span) if span else None
        rate = choose_rate(account, now, timeline=timeline, snapshots=snapshots)
        if rate is not None:
            rates[account.id] = rate


def _fill_lifetime(rates: dict[str, Rate], graph: Graph, now: datetime) -> None:
    """`choose_rate` with nothing measured, inlined: a file of 100,000 accounts has no
    samples or earlier syncs, and the calls alone would cost a fifth of a second."""
    now_ts = now.timestamp()
    lifetime = RateSource.LIFETIME
    for account in graph.accounts:
        if account.state is not AccountState.ACTIVE:
            continue
        recent = account.recent_posts_per_day
        if recent is not None:
            rates[account.id] = Rate(max(recent, 0.0), RateSource.SNAPSHOTS, 28.0, 0.6)
            continue
        silent = silence(account, now_ts)  # as lifetime_rate: adds nothing now
        if silent is not None:
            rates[account.id] = silent
            continue
        count, created = account.post_count, account.created_at
        if count is None or created is None:
            continue
        age = (now_ts - created.timestamp()) / 86400
        if age < MIN_AGE_DAYS:
            age = MIN_AGE_DAYS
        rates[account.id] = Rate(count / age if count > 0 else 0.0, lifetime, age, 0.2)


_GUESSED = (RateSource.LIFETIME, RateSource.SILENT)


def with_stream_rates(
    store: Store | None, identity: Identity | None, graph: Graph, now: datetime
) -> tuple[Graph, StreamView]:
    """The graph with each measured recent rate on its account, and the stream view."""
    view = estimate_rates(store, identity, graph, now)
    # A silence is no measure of a posting rate: quality judges it from the last post.
    measured = {a: r.posts_per_day for a, r in view.rates.items()
                if r.source not in _GUESSED and r.window_days > 0}
    if not measured:
        return graph, view
    accounts = [
        a.model_copy(update={"recent_posts_per_day": measured[a.id]})
        if a.id in measured and a.recent_posts_per_day != measured[a.id] else a
        for a in graph.accounts
    ]
    return graph.model_copy(update={"accounts": accounts}), view


def budget_proposals(
    scores: Sequence[AccountScore], view: StreamView, budget: float, cap: int
) -> list[AccountScore]:
    """Mark as proposed exactly the accounts the budget selection chose (in `scores` order,
    worst first) and return the new scores; the choice is kept on `view.budget`."""
    candidates = [
        Candidate(s.account.id, view.in_stream(s.account.id), s.keep, s.guard is not None)
        for s in scores
    ]
    choice = select_for_budget(candidates, budget, cap=cap)
    view.budget = choice
    chosen = set(choice.selected)
    return [
        s if s.proposed == (s.account.id in chosen) else replace(s, proposed=s.account.id in chosen)
        for s in scores
    ]


def budget_reason(view: StreamView, account_id: str) -> str | None:
    """Why the budget chose this account, for `explain`."""
    choice = view.budget
    if choice is None or account_id not in choice.value_per_post:
        return None
    verdict = ("meets it" if choice.met
               else f"gets to about {choice.after:,.0f}, the closest the guards and caps allow")
    return (f"chosen for your stream budget of {choice.budget:,.0f} posts a day: it gives up"
            f" the least keep value per post ({choice.value_per_post[account_id]:.3f} per daily"
            f" post); the selection cuts your timeline from about {choice.before:,.0f} and"
            f" {verdict}")


def _a_day(rate: float) -> str:
    """'1 post a day', '2,400 posts a day'."""
    whole = round(rate)
    return f"{whole:,} post{'' if whole == 1 else 's'} a day"


def _about_a_day(rate: float) -> str:
    """'about 2,400 posts a day'; 'under 1 post a day' where rounding would say 0."""
    return "under 1 post a day" if rate < 0.5 else f"about {_a_day(rate)}"
