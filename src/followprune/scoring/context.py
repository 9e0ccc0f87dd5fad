"""What a component's scorer is handed: the whole follow list, so a component may judge an
account against the rest (relevance as a percentile, volume against the list's typical
rate)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from followprune.models import Account, Interaction, Relationship

if TYPE_CHECKING:
    from followprune.scoring.blend import ScoringPolicy


@dataclass(frozen=True)
class ScoringContext:
    accounts: Sequence[Account]
    relationships: Sequence[Relationship]  # in the order of `accounts`
    events: Mapping[str, Sequence[Interaction]]  # by account id
    policy: ScoringPolicy
    now: datetime
    # Where accounts[0] stands in the whole list, when this is a chunk of it.
    start: int = 0
    # What a scorer builds once for a list and reuses in each of its chunks (a query), kept
    # by name; the same dict for every chunk of a list.
    per_list: dict[str, object] = field(default_factory=dict)
