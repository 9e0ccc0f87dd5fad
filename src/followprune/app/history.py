"""Past runs and their actions; planning an undo."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise
from pathlib import Path

from followprune.app.actions import PlannedAction, undo_plan
from followprune.app.context import App
from followprune.errors import InputError
from followprune.models import ActionKind
from followprune.store import Identity
from followprune.store.journal import ActionRecord
from followprune.store.runs import RunRecord


@dataclass(frozen=True)
class History:
    identity: Identity
    runs: list[RunRecord]
    actions: list[ActionRecord]


def identity_for(app: App, network_name: str) -> Identity:
    identity = app.store.stored_identity(network_name, app.account)
    if identity is None:
        raise InputError(f"no runs on {network_name} yet", hint="run `prune` first")
    return identity


def check_run_is_yours(app: App, identity: Identity, run_id: int) -> None:
    """Refuse a run number that is not one of this account's runs: a run of another network
    or account would otherwise read as an empty run of this one."""
    owner = app.store.runs.owner(run_id)
    if owner is None:
        raise InputError(f"there is no run {run_id}", hint="`prune history` lists the runs")
    owner_id, network, handle = owner
    if owner_id != identity.id:
        raise InputError(
            f"run {run_id} was a run of @{handle} on {network}, not of"
            f" @{identity.handle} on {identity.network}",
            hint=f"add --network {network}" + (
                f" --account {handle}" if network == identity.network else ""),
        )


def load_history(
    app: App,
    network_name: str,
    *,
    run_id: int | None = None,
    rule: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 20,
) -> History:
    identity = identity_for(app, network_name)
    runs = app.store.runs.recent(identity, limit=limit)
    if run_id is not None:
        check_run_is_yours(app, identity, run_id)
        runs = [r for r in runs if r.id == run_id] or [
            r for r in [app.store.runs.get(run_id)] if r is not None
        ]
    actions = app.store.journal.actions(identity, run_id=run_id, rule=rule, since=since,
                                        until=until)
    if run_id is None and (rule or since or until):
        # The runs the selection speaks of: those that took its actions, and, for a time
        # range without a rule, those that ran in it; not every run with "none" beside it.
        holding = {a.run_id for a in actions}
        chosen = {r.id: r for r in runs
                  if r.id in holding or (rule is None and _within(r.started_at, since, until))}
        for missing in holding - chosen.keys():
            record = app.store.runs.get(missing)
            if record is not None:
                chosen[missing] = record
        runs = sorted(chosen.values(), key=lambda r: r.id, reverse=True)
    elif run_id is None:
        # The last `limit` runs and their actions: "--limit 1" had listed one run beside
        # every action ever journaled (persona round 10).
        listed = {r.id for r in runs}
        actions = [a for a in actions if a.run_id in listed]
    return History(identity, runs, actions)


def _within(moment: datetime, since: datetime | None, until: datetime | None) -> bool:
    return (since is None or moment >= since) and (until is None or moment < until)


@dataclass(frozen=True)
class UndoPlan:
    identity: Identity
    source: str  # what is being undone, in words
    plan: list[PlannedAction]
    # Re-follows left out because the account is gone (deleted, suspended, deactivated):
    # no network follows those, so trying would only fail (and on X, cost money).
    unrestorable: list[tuple[PlannedAction, str]] = field(default_factory=list)
    # Moves (old handle, new handle) the time range held only half of: the other half, an
    # unfollow of the old address or the follow of the new one, is in the plan too.
    whole_moves: list[tuple[str, str]] = field(default_factory=list)


def plan_undo(
    app: App,
    network_name: str,
    *,
    run_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> UndoPlan:
    """What `prune undo` would do: by default, the last run whose actions are not undone."""
    identity = identity_for(app, network_name)
    journal = app.store.journal
    # A restore an earlier undo found impossible (the account is gone for good) is settled
    # like one done: never tried again, and no reason for plain undo to pick its run.
    refused = journal.not_restorable(identity)
    undone = journal.undone(identity) | refused.keys()
    if run_id is not None:
        check_run_is_yours(app, identity, run_id)
    if run_id is not None or since is not None or until is not None:
        records = journal.actions(identity, run_id=run_id, since=since, until=until)
        source = f"run {run_id}" if run_id is not None else "the chosen time range"
        records, split = _with_whole_moves(app, identity, records)
        wanted = _restorable(app, UndoPlan(identity, source, undo_plan(records, undone)))
        planned = {action.undo_of for action in wanted.plan}
        wanted.whole_moves.extend((old.handle, new.handle) for old, new in split
                                  if old.id in planned or new.id in planned)
        # Asked for by name: said again, as the accounts gone by their profile are.
        wanted.unrestorable.extend(
            (action, refused.get(action.undo_of or 0, ""))
            for action in undo_plan([r for r in records if r.id in refused], set()))
        return wanted
    # In flight counts as done (it may have reached the network); undo_plan says why.
    done = [r for r in journal.actions(identity) if r.undo_of is None and r.phase != "failed"]
    for candidate in sorted({r.run_id for r in done}, reverse=True):
        chosen = _restorable(app, UndoPlan(
            identity, f"run {candidate}",
            undo_plan([r for r in done if r.run_id == candidate], undone)))
        # A last run whose accounts are all gone is still the last run: undoing an older one
        # instead would surprise; `--run` picks another.
        if chosen.plan or chosen.unrestorable:
            return chosen
    return UndoPlan(identity, "the last run", [])


def _with_whole_moves(
    app: App, identity: Identity, records: list[ActionRecord]
) -> tuple[list[ActionRecord], list[tuple[ActionRecord, ActionRecord]]]:
    """`records` with the other half of every move they hold half of, and those moves as
    (unfollow, follow) pairs. A moved account's unfollow is journaled with the follow of its
    new address right after it, in the same run; a time range can fall between the two, and
    undoing one half alone would leave the person following both addresses, or neither."""
    chosen = {r.id for r in records}
    added: list[ActionRecord] = []
    split: list[tuple[ActionRecord, ActionRecord]] = []
    for run_id in sorted({r.run_id for r in records}):
        in_run = app.store.journal.actions(identity, run_id=run_id)
        if {r.id for r in in_run} <= chosen:
            continue  # the whole run is chosen: no move of it is split
        for old, new in pairwise(in_run):
            if (old.id in chosen) == (new.id in chosen) or not _is_move(app, identity, old, new):
                continue
            added.append(new if old.id in chosen else old)
            split.append((old, new))
    if not added:
        return records, []
    return sorted([*records, *added], key=lambda r: r.id), split


def _is_move(app: App, identity: Identity, old: ActionRecord, new: ActionRecord) -> bool:
    if (old.kind, new.kind) != (ActionKind.UNFOLLOW, ActionKind.FOLLOW) or (
            old.undo_of is not None or new.undo_of is not None):
        return False
    account = app.store.snapshots.find_account(identity, old.account_id)
    return account is not None and account.moved_to_id == new.account_id


def _restorable(app: App, wanted: UndoPlan) -> UndoPlan:
    """Leave out re-follows of accounts the store knows are gone, and say which."""
    plan: list[PlannedAction] = []
    gone: list[tuple[PlannedAction, str]] = []
    for action in wanted.plan:
        account = (app.store.snapshots.find_account(wanted.identity, action.account_id)
                   if action.kind is ActionKind.FOLLOW else None)
        if account is not None and account.profile_known and account.state.dead:
            gone.append((action, account.state.value))
        else:
            plan.append(action)
    return UndoPlan(wanted.identity, wanted.source, plan, gone, wanted.whole_moves)


@dataclass(frozen=True)
class Vacuumed:
    path: Path
    runs_trimmed: int  # runs whose per-account rows the retention settings dropped now
    before: int  # bytes, write-ahead log included
    after: int


def vacuum_store(app: App) -> Vacuumed:
    """Apply the [store] retention settings to every account, then give the space back.

    Holds the run lock: VACUUM rewrites the whole file, which must not race a run."""
    from followprune.app.lock import run_lock

    kept = app.settings.store
    with run_lock(app.paths.lock_file):
        trimmed = app.store.runs.apply_retention(
            None, kept.keep_runs, kept.keep_days, app.now,
            min_hours=app.settings.auto.cooling_off_hours,
        )
        before, after = app.store.runs.vacuum()
    return Vacuumed(app.store.path, trimmed, before, after)
