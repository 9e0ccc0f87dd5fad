"""What X charges for: resources read and written, priced from `[x.prices]`.

Reads are billed per resource returned, objects in `includes` too (assumed: X bills every
returned resource). Your own following/followers lists, posts, mentions and likes read
through your own developer app are "owned reads" at a lower price; `x.owned_reads` says
whether the app is yours.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from followprune.config import XSettings


class Resource(StrEnum):
    USER = "user"  # a user object from a lookup or an expansion
    POST = "post"  # a post object (timeline or expansion)
    OWNED_USER = "owned user"  # from your own following/followers list
    OWNED_POST = "owned post"  # from your own posts, mentions or likes
    FOLLOW = "follow"  # follow / mute: a create
    UNFOLLOW = "unfollow"  # unfollow / unmute: a delete


class Prices:
    def __init__(self, settings: XSettings) -> None:
        p = settings.prices
        self.owned_reads = settings.owned_reads
        self._unit = {
            Resource.USER: p.user_read,
            Resource.POST: p.post_read,
            # Not your app: your own lists are billed like anyone's.
            Resource.OWNED_USER: p.owned_read if settings.owned_reads else p.user_read,
            Resource.OWNED_POST: p.owned_read if settings.owned_reads else p.post_read,
            Resource.FOLLOW: p.follow_write,
            Resource.UNFOLLOW: p.unfollow_write,
        }

    def unit(self, resource: Resource) -> float:
        return self._unit[resource]


@dataclass
class Usage:
    """What one run actually did and spent."""

    calls: Counter[str] = field(default_factory=Counter)  # by endpoint
    resources: Counter[Resource] = field(default_factory=Counter)
    cost: float = 0.0

    @property
    def total_calls(self) -> int:
        return sum(self.calls.values())

    @property
    def resources_read(self) -> int:
        return sum(n for r, n in self.resources.items()
                   if r not in (Resource.FOLLOW, Resource.UNFOLLOW))

    def add(self, resource: Resource, count: int, unit_price: float) -> None:
        if count:
            self.resources[resource] += count
            self.cost += count * unit_price
