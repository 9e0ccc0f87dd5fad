"""How much of your timeline each account takes: posting-rate estimates and budget selection.

Pure functions only; the store keeps the inputs (post counts per sync, a timeline sample) and
app/stream.py feeds the chosen rate into `Account.recent_posts_per_day` before scoring.

A rate is one of three kinds, most trusted first:
- timeline: how often the account appeared in a sample of your home timeline;
- snapshots: its post count's change between two syncs over the time between them (free);
- lifetime: its post count over its age, the fallback, which hides a recent flood or silence.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple

from followprune.models import Account, TimelineCounts
from followprune.scoring.wording import duration

# Two syncs closer than this say little: a count moves in bursts.
MIN_SNAPSHOT_WINDOW_DAYS = 0.25
# A young account's lifetime rate would be wild; quality uses the same floor.
MIN_AGE_DAYS = 30.0
# Silent longer than this, an account's lifetime average no longer says what it adds to the
# timeline ("about 0.5 posts a day" of someone silent for 7 years): it adds nothing. Where
# quality starts to count silence.
SILENT_DAYS = 60.0


class RateSource(StrEnum):
    TIMELINE = "timeline"
    SNAPSHOTS = "snapshots"
    LIFETIME = "lifetime"
    SILENT = "silent"  # nothing: its last post is long past (instead of its lifetime average)

    @property
    def phrase(self) -> str:
        return {
            RateSource.TIMELINE: "from your timeline",
            RateSource.SNAPSHOTS: "from its post count between syncs",
            RateSource.LIFETIME: "its lifetime average",
            RateSource.SILENT: "silent",
        }[self]


class Rate(NamedTuple):
    """Posts a day, where the figure came from, the window it covers and how far to trust it
    (0..1: a lifetime average is a guess, a long window with many posts is near certain).
    A tuple: one is made for every followed account, and a file may hold 100,000."""

    posts_per_day: float
    source: RateSource
    window_days: float
    confidence: float

    def describe(self) -> str:
        if self.source is RateSource.LIFETIME:
            return "its lifetime average (no recent measure yet)"
        if self.source is RateSource.SILENT:
            return f"silent for {duration(self.window_days)}"
        return f"{self.source.phrase} over the last {_days(self.window_days)}"


def _days(days: float) -> str:
    if days < 1.5:
        hours = max(1, round(days * 24))
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{round(days)} days"


def _count_confidence(events: float, window_days: float, full_window: float) -> float:
    """More events and a longer window both narrow a Poisson rate's error."""
    by_events = 1.0 - 1.0 / math.sqrt(events + 1.0)
    by_window = min(1.0, window_days / full_window)
    return round(max(0.05, min(0.95, 0.5 * by_events + 0.5 * by_window)), 3)


def rate_from_snapshots(
    earlier: tuple[int, datetime], later: tuple[int, datetime]
) -> Rate | None:
    """The change in post count between two syncs over the time between them.

    None when the syncs are too close together, or the count fell (deleted posts make the
    difference meaningless rather than negative)."""
    (count0, at0), (count1, at1) = earlier, later
    days = (at1 - at0).total_seconds() / 86400
    if days < MIN_SNAPSHOT_WINDOW_DAYS or count1 < count0:
        return None
    posts = count1 - count0
    return Rate(posts / days, RateSource.SNAPSHOTS, days,
                _count_confidence(posts, days, full_window=14.0))


def rate_from_timeline(counts: TimelineCounts, window_days: float) -> Rate | None:
    """Appearances in a home-timeline sample covering `window_days`. Every kind counts: a
    repost takes as much room in the stream as an original."""
    if window_days <= 0:
        return None
    return Rate(counts.total / window_days, RateSource.TIMELINE, window_days,
                _count_confidence(counts.total, window_days, full_window=7.0))


def silence(account: Account, now_ts: float) -> Rate | None:
    """The rate of an account whose last post is more than SILENT_DAYS before `now_ts` (a
    POSIX time): nothing, from its silence; None for any other."""
    last = account.last_active_at
    if last is None:
        return None
    days = (now_ts - last.timestamp()) / 86400
    return Rate(0.0, RateSource.SILENT, days, 0.8) if days > SILENT_DAYS else None


def lifetime_rate(account: Account, now: datetime) -> Rate | None:
    """Post count over the account's age; None when either is unknown. An account whose last
    post is more than SILENT_DAYS back adds nothing to the timeline now, whatever it once
    posted: 0, from its silence."""
    silent = silence(account, now.timestamp())
    if silent is not None:
        return silent
    if account.post_count is None or account.created_at is None:
        return None
    age = max((now.timestamp() - account.created_at.timestamp()) / 86400, MIN_AGE_DAYS)
    return Rate(max(account.post_count, 0) / age, RateSource.LIFETIME, age, 0.2)


def choose_rate(
    account: Account,
    now: datetime,
    *,
    timeline: Rate | None = None,
    snapshots: Rate | None = None,
) -> Rate | None:
    """The most trusted estimate available. A network's own recent rate (already on the
    account) ranks with snapshots: both measure the last weeks without a sample."""
    if timeline is not None:
        return timeline
    if snapshots is not None:
        return snapshots
    if account.recent_posts_per_day is not None:
        return Rate(max(account.recent_posts_per_day, 0.0), RateSource.SNAPSHOTS, 28.0, 0.6)
    return lifetime_rate(account, now)


# --- the timeline as a whole -------------------------------------------------------------


@dataclass(frozen=True)
class StreamSummary:
    posts_per_day: float  # the whole estimated timeline
    accounts: int  # accounts contributing to it (followed, not muted, rate known)
    loudest_share: float  # share of the `loudest_n` loudest, 0..1
    loudest_n: int
    cut: float  # posts a day the proposals would remove
    proposals: int

    @property
    def cut_share(self) -> float:
        return self.cut / self.posts_per_day if self.posts_per_day > 0 else 0.0


def summarize(rates: Sequence[float], proposed: Iterable[float], *,
              loudest_n: int = 10) -> StreamSummary:
    """`rates`: the posts a day of every account in the timeline; `proposed`: those of the
    proposals (which must be among them)."""
    total = float(sum(rates))
    loudest = sum(heapq.nlargest(loudest_n, rates))
    cut_rates = list(proposed)
    return StreamSummary(
        posts_per_day=total,
        accounts=len(rates),
        loudest_share=loudest / total if total > 0 else 0.0,
        loudest_n=min(loudest_n, len(rates)),
        cut=float(sum(cut_rates)),
        proposals=len(cut_rates),
    )


# --- pruning to a budget -----------------------------------------------------------------


class Candidate(NamedTuple):
    account_id: str
    posts_per_day: float
    keep: float  # keep value, 0..1: what unfollowing gives up
    guarded: bool  # keep-list, grace period, engaged mutual...: never selected


@dataclass(frozen=True)
class BudgetChoice:
    selected: list[str]  # account ids, in the order chosen
    before: float  # posts a day before
    after: float  # posts a day once the selected are gone
    budget: float
    met: bool
    # Why each was chosen: its value per post, the lowest left at the time.
    value_per_post: dict[str, float]


def select_for_budget(
    candidates: Sequence[Candidate], budget: float, *, cap: int | None = None
) -> BudgetChoice:
    """The accounts to unfollow or mute so the timeline falls to `budget` posts a day or
    below, giving up the least keep value.

    Greedy by keep value per post (the cheapest posts to lose first: loud accounts you value
    little), then a pass that puts back, most valuable first, any choice the budget no longer
    needs. Never selects a guarded account; at most `cap` accounts. O(n log n)."""
    before = float(sum(c.posts_per_day for c in candidates))
    excess = before - budget
    if excess <= 0:
        return BudgetChoice([], before, before, budget, True, {})
    pool = [c for c in candidates if not c.guarded and c.posts_per_day > 0]
    pool.sort(key=lambda c: (c.keep / c.posts_per_day, -c.posts_per_day, c.account_id))
    limit = len(pool) if cap is None else max(cap, 0)
    chosen: list[Candidate] = []
    removed = 0.0
    for c in pool:
        if removed >= excess or len(chosen) >= limit:
            break
        chosen.append(c)
        removed += c.posts_per_day
    if removed >= excess:
        # The last pick may have overshot enough that an earlier, dearer one is unneeded.
        dropped: set[str] = set()
        for c in sorted(chosen, key=lambda c: -c.keep):
            if c.keep <= 0:
                break
            if removed - c.posts_per_day >= excess:
                dropped.add(c.account_id)
                removed -= c.posts_per_day
        chosen = [c for c in chosen if c.account_id not in dropped]
    after = before - removed
    met = after <= budget + 1e-9
    return BudgetChoice(
        selected=[c.account_id for c in chosen],
        before=before,
        after=max(after, 0.0),
        budget=budget,
        met=met,
        value_per_post={c.account_id: c.keep / c.posts_per_day for c in chosen},
    )
