"""`prune undo`: reverse what a run (or a time range) did, after the person confirms."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from followprune.app.acting import ActingCallbacks, carry_out, finish_in_flight, waits_shown
from followprune.app.actions import ApplyResult
from followprune.app.context import App
from followprune.app.history import UndoPlan, identity_for, plan_undo
from followprune.app.lock import account_lock


@dataclass(frozen=True)
class UndoResult:
    plan: UndoPlan  # what was put to the person
    confirmed: bool
    run_id: int | None = None  # the undo run, if one acted
    result: ApplyResult | None = None
    # Actions another run undid while the person read the list: skipped.
    undone_meanwhile: int = 0


def undo(
    app: App,
    network_name: str,
    *,
    run_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    confirm: Callable[[UndoPlan], bool],
    callbacks: ActingCallbacks | None = None,
) -> UndoResult:
    """Plan the undo, ask `confirm` (which sees the plan; False changes nothing), then carry
    it out as a run of its own. A refused lock (exit 7) leaves no trace, not even the run."""
    if since is not None and since > app.now:
        # Nothing was done after now: said as such, and nothing settled or reached for (a
        # killed run's actions in flight would otherwise call for a login here).
        return UndoResult(UndoPlan(identity_for(app, network_name),
                                   f"the chosen time range: --since {since:%Y-%m-%d %H:%M}"
                                   f" is in the future (now is {app.now:%Y-%m-%d %H:%M} UTC)",
                                   []), confirmed=False)
    wanted = plan_undo(app, network_name, run_id=run_id, since=since, until=until)
    if not wanted.plan and app.store.journal.in_flight(wanted.identity):
        # Nothing to restore (the accounts are gone, say), yet a killed run left actions in
        # flight: carry_out, which settles them, is never reached, so settle them here, or
        # the journal keeps an intent for good. Planned again: one that never happened
        # (reconciled as failed) is no longer "cannot be restored".
        _settle_in_flight(app, network_name, wanted, callbacks)
        wanted = plan_undo(app, network_name, run_id=run_id, since=since, until=until)
    if not wanted.plan:
        return UndoResult(wanted, confirmed=False)
    # Before the person is asked: a missing or refused login said after "Go ahead?" had
    # them confirm an undo that could not be done.
    network = app.network(network_name)
    if not confirm(wanted):
        return UndoResult(wanted, confirmed=False)
    with account_lock(app.paths, wanted.identity.network, wanted.identity.account_id):
        # Another run may have acted while the person read the list (an undo in another
        # terminal): act only on what they confirmed and is still not undone.
        still = set(plan_undo(app, network_name, run_id=run_id, since=since,
                              until=until).plan)
        plan = [action for action in wanted.plan if action in still]
        meanwhile = len(wanted.plan) - len(plan)
        if not plan:
            return UndoResult(wanted, True, undone_meanwhile=meanwhile)
        run = app.store.runs.start(wanted.identity, "undo", app.now)
        app.store.runs.finish(run, followed=0, proposed=0, summary={"undo_of": wanted.source})
        result = carry_out(app, network, wanted.identity, run, plan, callbacks)
    return UndoResult(wanted, True, run, result, meanwhile)


def _settle_in_flight(app: App, network_name: str, wanted: UndoPlan,
                      callbacks: ActingCallbacks | None) -> None:
    hooks = callbacks or ActingCallbacks()
    network = app.network(network_name)
    with account_lock(app.paths, wanted.identity.network, wanted.identity.account_id), \
            waits_shown(app, hooks.waiter):
        settled = finish_in_flight(app, network, wanted.identity, hooks.clock())
    if settled and hooks.reconciled:
        hooks.reconciled(settled)
