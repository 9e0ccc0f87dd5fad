"""Carrying out a plan of actions: the one operation review, undo and `--auto` all act through.

Under the run lock it finishes what an interrupted run left in flight, then acts through the
journal and the Pacer (caps per run, day and 15 minutes; jittered pauses) and records the
outcome in the run's summary. It never prints: the caller hands in callbacks for progress
and for showing waits, and renders the result.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from followprune.app.actions import (
    ApplyResult,
    Outcome,
    Pacer,
    PlannedAction,
    apply_actions,
    reconcile_before,
    reconcile_in_flight,
    utcnow,
)
from followprune.app.context import App
from followprune.app.lock import account_lock
from followprune.app.parked import park_from_journal
from followprune.networks.base import Network, Waiter
from followprune.store import Identity
from followprune.store.journal import ActionRecord

log = logging.getLogger("followprune.actions")


@dataclass
class ActingCallbacks:
    """How the caller follows a run: every outcome, the actions finished for an interrupted
    run, and every wait (the Pacer's and the network's rate limits) shown and slept through.
    A wait is always logged, whether or not it is shown."""

    progress: Callable[[Outcome], None] | None = None
    reconciled: Callable[[list[ActionRecord]], None] | None = None
    waiter: Waiter | None = None
    # Told before the first action how many actions the caps let the run take, and, when
    # pacing makes it wait, how and about how long in words ("2-5 s apart (...), at most 15
    # in any 15 minutes (...): about 16 min of waiting in all"),
    # else None. The log says it either way (`--auto` echoes the log to stderr).
    pacing: Callable[[int, str | None], None] | None = None
    # The Pacer's sleep and clock; tests replace them.
    sleep: Callable[[float], None] | None = None
    clock: Callable[[], datetime] = utcnow


def finish_in_flight(app: App, network: Network, identity: Identity,
                     now: datetime) -> list[ActionRecord]:
    """Complete the actions an interrupted run left between intent and outcome, and return
    them as they ended (done or failed)."""
    pending = reconcile_in_flight(app.store, network, identity, now)
    return _log_reconciled(app, identity, pending)


def _log_reconciled(app: App, identity: Identity,
                    pending: list[ActionRecord]) -> list[ActionRecord]:
    if not pending:
        return []
    finished = {r.id: r for r in app.store.journal.actions(identity)}
    records = [finished.get(r.id, r) for r in pending]
    for record in records:
        if record.phase == "intent":
            log.warning("action %d left in flight by an interrupted run: %s @%s: still not"
                        " known whether it was done; the next run checks",
                        record.id, record.kind.value, record.handle)
            continue
        log.warning("reconciled action %d left in flight by an interrupted run: %s @%s -> %s %s",
                    record.id, record.kind.value, record.handle, record.phase, record.detail)
    return records


def carry_out(
    app: App,
    network: Network,
    identity: Identity,
    run_id: int,
    plan: Sequence[PlannedAction],
    callbacks: ActingCallbacks | None = None,
) -> ApplyResult:
    """Act on `plan` for run `run_id`; raises LockedError (exit 7) before anything is
    journaled if another run holds the lock. Partial runs are reported in the result (its
    `stopped_because`, `failed` and `not_attempted`), never raised."""
    hooks = callbacks or ActingCallbacks()
    with account_lock(app.paths, identity.network, identity.account_id), \
            waits_shown(app, hooks.waiter):
        if plan:
            network.ensure_can_act()  # before anything is journaled
        # What that does is dropped from the plan (nothing is done twice), and so is the
        # reversal of an action that turned out never to have happened.
        pending, plan = reconcile_before(app.store, network, identity, plan, hooks.clock())
        if pending:
            settled = _log_reconciled(app, identity, pending)
            if hooks.reconciled:
                hooks.reconciled(settled)
        pacer = Pacer(app.settings.actions, app.store, identity, paced=network.paced,
                      sleep=hooks.sleep, clock=hooks.clock, waiter=hooks.waiter,
                      on_wait=lambda seconds, why: log.info("sleeping %.1fs (%s)", seconds, why))
        count, pacing = _pacing(pacer, len(plan))
        if pacing is not None:
            log.info("pacing %d actions: %s", count, pacing)
        if hooks.pacing:
            hooks.pacing(count, pacing)
        result = apply_actions(app.store, network, identity, run_id, plan, pacer,
                               lambda outcome: _progress(outcome, hooks))
        result.reconciled = pending
        # Issue 16: an unfollow or mute of a silent account is parked now, with the profile
        # as it is before any later sync rewrites it.
        park_from_journal(app.store, identity)
        app.store.runs.update_summary(
            run_id, done=len(result.done), failed=len(result.failed),
            not_attempted=len(result.not_attempted), stopped_because=result.stopped_because,
            left_alone=len(result.left_alone), reconciled=len(pending),
        )
    return result


def _pacing(pacer: Pacer, count: int) -> tuple[int, str | None]:
    """How many of `count` actions the caps let this run take, and what pacing them costs in
    words, said before the first wait: a cron log or a person at the prompt then knows why a
    run takes minutes, and which settings make it so (None: no waiting to speak of)."""
    waits = pacer.expected_wait(count)
    count = pacer.actions_left(count)
    if waits <= 0:
        return count, None
    settings = pacer.settings
    low, high = settings.delay_seconds, settings.delay_seconds + settings.jitter_seconds
    apart = f"{low:g}-{high:g} s" if high > low else f"{low:g} s"
    return count, (f"{apart} apart (actions.delay_seconds, actions.jitter_seconds), at most"
                   f" {settings.per_15_minutes} in any 15 minutes (actions.per_15_minutes):"
                   f" about {_spoken(waits)} of waiting in all")


def _spoken(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes < 90 else f"{minutes // 60} h {minutes % 60} min"


@contextmanager
def waits_shown(app: App, waiter: Waiter | None) -> Iterator[None]:
    """Show the network's waits (rate limits) with `waiter` inside the block, as the Pacer's.
    Restored afterwards: tests run many commands in one process, and a waiter left behind
    would write to a console that is gone."""
    previous = app.on_wait
    if waiter is not None:
        app.on_wait = waiter
    try:
        yield
    finally:
        app.on_wait = previous


def _progress(outcome: Outcome, hooks: ActingCallbacks) -> None:
    action = outcome.action
    rule = f", rule {action.rule}" if action.rule else ""
    if outcome.ok:
        log.info("%s @%s (%s)%s: done", action.kind.value, action.handle, action.account_id,
                 rule)
    else:
        log.warning("%s @%s (%s)%s: failed: %s", action.kind.value, action.handle,
                    action.account_id, rule, outcome.detail)
    if hooks.progress:
        hooks.progress(outcome)
