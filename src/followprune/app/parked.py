"""Parked accounts (issue 16): unfollowed or muted while silent, remembered, and told when
they come back.

The journal already holds every unfollow and mute; parking reads it once per action (the
newest one looked at is remembered) and keeps what the account looked like then. A later
lookup (`prune suggest`) or sync says how it is now; one that posted again recently has
"come back", and the review and `suggest` say so in numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from followprune.models import Account, ActionKind, Relationship
from followprune.scoring.wording import ago, duration, plural
from followprune.store import Identity, Store
from followprune.store.parked import ParkedAccount

# Silent for this long when unfollowed or muted: parked. A shorter pause is no silence a
# person would remember an account by.
SILENT_DAYS = 90
# Active again: posted within this many days of the latest look at it.
ACTIVE_DAYS = 30


@dataclass(frozen=True)
class Comeback:
    """A parked account that posted again."""

    parked: ParkedAccount

    @property
    def account_id(self) -> str:
        return self.parked.account_id

    def sentence(self, now: datetime) -> str:
        p = self.parked
        verb = "unfollowed" if p.why == "silent" else "muted"
        if p.last_active_then is None:
            before = f"@{p.handle} had never posted when you {verb} it"
        else:
            silent = (p.parked_at - p.last_active_then).total_seconds() / 86400
            before = f"@{p.handle} was silent for {duration(silent)} when you {verb} it"
        posted = (p.posts_now - p.posts_then
                  if p.posts_now is not None and p.posts_then is not None else 0)
        if posted > 0:
            return f"{before}; it has posted {plural(posted, 'time')} since"
        assert p.last_active_now is not None  # a comeback has a recent activity
        return f"{before}; it was active again {ago(p.last_active_now, now)}"


def silent_when(account: Account, moment: datetime) -> bool:
    """Whether `account` had been silent for SILENT_DAYS at `moment` (never posting counts;
    an unknown last activity does not)."""
    if not account.profile_known or account.state.dead:
        return False
    if account.last_active_at is None:
        return account.post_count == 0
    return moment - account.last_active_at >= timedelta(days=SILENT_DAYS)


def park_from_journal(store: Store, identity: Identity) -> None:
    """Park what the journal did since the last look: each unfollow or mute of an account
    silent for SILENT_DAYS, with its profile as stored. Called right after acting (see
    app/acting.py), before any later read can overwrite that profile with a newer one."""
    journal = store.journal
    seen = store.parked.latest_action(identity)
    records = [r for r in journal.actions(identity) if r.id > seen]
    if not records:
        return
    undone = journal.undone(identity)
    parked: list[ParkedAccount] = []
    newest = seen
    for record in records:
        if record.phase == "intent":
            break  # in flight: looked at again once it has an outcome
        newest = record.id
        if (record.kind not in (ActionKind.UNFOLLOW, ActionKind.MUTE)
                or record.phase != "done" or record.undo_of is not None
                or record.id in undone):
            continue
        profile = store.snapshots.find_account(identity, record.account_id)
        if profile is None or not silent_when(profile, record.created_at):
            continue
        parked.append(ParkedAccount(
            account_id=record.account_id, handle=profile.handle,
            why="silent" if record.kind is ActionKind.UNFOLLOW else "muted",
            action_id=record.id, parked_at=record.created_at,
            last_active_then=profile.last_active_at, posts_then=profile.post_count,
        ))
    store.parked.remember(identity, parked)
    store.parked.mark_seen(identity, newest)


def note_parked(store: Store, identity: Identity, accounts: Iterable[Account],
                relationships: Iterable[Relationship], now: datetime) -> None:
    """Park what the journal did since the last look (if acting has not yet), forget what
    is followed (or unmuted) again, and record how muted ones look in the latest sync (they
    are still followed, so the sync read them for free)."""
    park_from_journal(store, identity)
    journal = store.journal
    followed = {a.id: a for a in accounts}
    muted = {r.account_id for r in relationships if r.muted}
    undone_ids = journal.undone(identity)
    back_again = [
        p.account_id for p in store.parked.all(identity)
        if (p.why == "silent" and p.account_id in followed)
        or (p.why == "muted" and p.account_id not in muted)
        or p.action_id in undone_ids
    ]
    store.parked.forget(identity, back_again)
    still_muted = [followed[p.account_id] for p in store.parked.all(identity)
                   if p.why == "muted" and p.account_id in followed]
    store.parked.seen_now(identity, still_muted, now)


def unfollowed_parked(store: Store, identity: Identity) -> list[ParkedAccount]:
    """Parked accounts no longer followed: only a lookup says how they are now."""
    return [p for p in store.parked.all(identity) if p.why == "silent"]


def record_lookup(store: Store, identity: Identity, accounts: Iterable[Account],
                  now: datetime) -> None:
    store.parked.seen_now(identity, accounts, now)


def comebacks(store: Store, identity: Identity) -> list[Comeback]:
    """Parked accounts the latest look found active again, most recently active first."""
    found = [Comeback(p) for p in store.parked.all(identity) if came_back(p)]
    found.sort(key=lambda c: c.parked.last_active_now or c.parked.parked_at, reverse=True)
    return found


def came_back(p: ParkedAccount) -> bool:
    if p.checked_at is None or p.last_active_now is None:
        return False
    newer = p.last_active_then is None or p.last_active_now > p.last_active_then
    recent = p.checked_at - p.last_active_now <= timedelta(days=ACTIVE_DAYS)
    # Parked only when silent for SILENT_DAYS, so activity this recent is new since then.
    return newer and recent


def news_of_parked(store: Store, identity: Identity, accounts: Iterable[Account],
                   relationships: Iterable[Relationship], now: datetime) -> list[str]:
    """What the review says about parked accounts after its sync: each one that came back,
    in words (the muted ones from this very sync, unfollowed ones from the latest lookup
    `prune suggest` made)."""
    note_parked(store, identity, accounts, relationships, now)
    return [c.sentence(now) for c in comebacks(store, identity)]
