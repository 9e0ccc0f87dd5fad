"""Bluesky's write-points budget: a PDS counts repo writes in points (create 3, update 2,
delete 1) and allows 5,000 an hour and 35,000 a day per account.

The points spent are counted from the journal, as the caps are, so they hold across runs
and across a crash (an action left in flight counts: it may have reached the PDS). A follow
creates a record (3), an unfollow deletes one (1); mute and unmute are not repo writes.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from followprune.models import ActionKind
from followprune.store import Identity, Store

POINTS = {ActionKind.FOLLOW: 3, ActionKind.UNFOLLOW: 1, ActionKind.MUTE: 0,
          ActionKind.UNMUTE: 0}
# (window, points allowed in it, how it is named in a message)
WINDOWS = ((timedelta(hours=1), 5_000, "hour"), (timedelta(days=1), 35_000, "day"))


def points_spent(store: Store, identity: Identity, since: datetime) -> int:
    return sum(cost * store.journal.count_done(identity, {kind}, since)
               for kind, cost in POINTS.items() if cost)


def refusal(store: Store, identity: Identity, kind: ActionKind, now: datetime) -> str | None:
    """Why one more `kind` would overrun a window of the budget, or None when it fits."""
    cost = POINTS[kind]
    if not cost:
        return None
    for window, allowed, name in WINDOWS:
        spent = points_spent(store, identity, now - window)
        if spent + cost > allowed:
            verb = "a follow" if kind is ActionKind.FOLLOW else "an unfollow"
            return (f"Bluesky write budget reached: {spent:,} of {allowed:,} points used in"
                    f" the last {name}, and {verb} costs {cost}; the rest waits for a later"
                    f" run (points come back as the {name} moves on)")
    return None
