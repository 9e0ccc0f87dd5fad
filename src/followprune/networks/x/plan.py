"""What a sync of X will read and about what it will cost, before anything is spent."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from followprune.models import Account


@dataclass(frozen=True)
class PlannedRead:
    label: str
    calls: int
    resources: int
    cost: float


@dataclass
class SyncPlan:
    me: Account
    reads: list[PlannedRead] = field(default_factory=list)
    # Reads that happen only if needed; shown, not part of the estimate.
    maybe: list[PlannedRead] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    read_following: bool = True
    resume_pages: int = 0  # following pages already read by an interrupted sync
    # Whether the saved pages of an interrupted read are used (fresh enough, no --refresh).
    resume: bool = False
    profiles_only: bool = False
    profile_ids: list[str] = field(default_factory=list)
    made_at: datetime | None = None
    # Lists whose length X did not say ("following", "followers"): the estimate is then a
    # lower bound, and they are read page by page only as far as the max cost allows.
    unknown: list[str] = field(default_factory=list)
    # The estimate of the reads after the following list, and after the followers list,
    # which a list of unknown length must leave room for.
    reserve_after_following: float = 0.0
    reserve_after_followers: float = 0.0

    @property
    def estimate(self) -> float:
        return round(sum(r.cost for r in self.reads), 4)

    @property
    def open_ended(self) -> bool:
        """Whether the estimate is only a lower bound (a list of unknown length)."""
        return bool(self.unknown)

    @property
    def calls(self) -> int:
        return sum(r.calls for r in self.reads)

    @property
    def resources(self) -> int:
        return sum(r.resources for r in self.reads)


@dataclass
class SuggestPlan(SyncPlan):
    """What `prune suggest` reads on X (issue 16), within max_cost: each read kept in
    `reads` is carried out; those over the budget are listed in `maybe` and left out."""

    read_followers: bool = False
    author_ids: list[str] = field(default_factory=list)
    parked_ids: list[str] = field(default_factory=list)
    mutuals: list[tuple[str, str]] = field(default_factory=list)  # (id, handle)
