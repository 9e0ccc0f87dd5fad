"""Carrying out actions: journaled, capped and paced; reconciling and undoing them."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from followprune.config import ActionSettings
from followprune.errors import (
    AccountGone,
    FollowpruneError,
    InterruptedInFlight,
    OutcomeUnknown,
)
from followprune.models import ActionKind
from followprune.networks.base import Network
from followprune.scoring.wording import plural
from followprune.store import Identity, Store
from followprune.store.journal import NOT_RESTORABLE, ActionRecord

WINDOW = timedelta(minutes=15)
DAY = timedelta(days=1)


@dataclass(frozen=True)
class PlannedAction:
    account_id: str
    handle: str
    kind: ActionKind
    rule: str | None = None
    undo_of: int | None = None


@dataclass(frozen=True)
class Outcome:
    action: PlannedAction
    ok: bool
    detail: str = ""


@dataclass
class ApplyResult:
    outcomes: list[Outcome] = field(default_factory=list)
    not_attempted: list[PlannedAction] = field(default_factory=list)
    stopped_because: str | None = None  # a cap, a limit or an error that ended the run early
    # The error that ended the run early, so callers can exit with its own code.
    stopping_error: FollowpruneError | None = None
    # Actions an interrupted run had left in flight, finished before this plan.
    reconciled: list[ActionRecord] = field(default_factory=list)
    # Planned actions not taken because things changed since the plan was made (a keep
    # added, another run did it first), with why: nothing was done, nothing failed.
    left_alone: list[tuple[PlannedAction, str]] = field(default_factory=list)

    @property
    def done(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.ok]

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]


def utcnow() -> datetime:
    return datetime.now(UTC)


def pause(seconds: float) -> None:
    """How the Pacer sleeps unless told otherwise; looked up at call time so tests that run
    the CLI in-process can replace it."""
    time.sleep(seconds)


class Pacer:
    """Caps per run, per day and per 15 minutes, and a jittered pause between calls.

    Counts come from the journal, so they hold across runs and across a crash.
    """

    def __init__(
        self,
        settings: ActionSettings,
        store: Store,
        identity: Identity,
        *,
        paced: bool = True,
        sleep: Callable[[float], None] | None = None,
        clock: Callable[[], datetime] = utcnow,
        rng: random.Random | None = None,
        on_wait: Callable[[float, str], None] | None = None,
        waiter: Callable[[float, str, Callable[[float], None]], None] | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.identity = identity
        self.paced = paced
        self.sleep: Callable[[float], None] = sleep or (lambda seconds: pause(seconds))
        self.clock = clock
        self.rng = rng or random.Random()
        self.on_wait = on_wait  # told of every wait (a log line)
        # Sleeps through a wait with `sleep`, showing it (the CLI's countdown); None: sleep.
        self.waiter = waiter
        self.used_this_run = 0
        self._last_call: datetime | None = None

    def stop_reason(self) -> str | None:
        """Why no further action may be taken in this run, or None."""
        if self.used_this_run >= self.settings.per_run:
            return f"per-run cap of {plural(self.settings.per_run, 'action')} reached"
        used_today = self._count_since(self.clock() - DAY)
        if used_today >= self.settings.per_day:
            return f"daily cap of {plural(self.settings.per_day, 'action')} reached"
        return None

    def before_call(self) -> None:
        """Sleep as long as needed to respect the 15-minute window and the spacing."""
        if not self.paced:
            return
        while self._count_since(self.clock() - WINDOW) >= self.settings.per_15_minutes:
            oldest = self._oldest_in_window()
            wait = max(1.0, (oldest + WINDOW - self.clock()).total_seconds() + 1)
            self._wait(wait, f"15-minute cap of {plural(self.settings.per_15_minutes, 'action')}"
                             " reached (actions.per_15_minutes)")
        if self._last_call is not None:
            gap = self.settings.delay_seconds + self.rng.uniform(0, self.settings.jitter_seconds)
            elapsed = (self.clock() - self._last_call).total_seconds()
            if gap > elapsed:
                self._wait(gap - elapsed, "pacing")

    def expected_wait(self, count: int) -> float:
        """About how many seconds a run of `count` actions spends waiting: the pauses
        between them (jitter taken at its mean) and a 15-minute window for every time the
        window's cap fills up, counting what was done in the last 15 minutes. Caps per run
        and per day stop the run (stop_reason) and count here only as the actions they
        leave; 0 on a network that is not paced."""
        settings = self.settings
        count = min(count, self.actions_left(count))
        if not self.paced or count < 2:
            return 0.0
        gaps = (count - 1) * (settings.delay_seconds + settings.jitter_seconds / 2)
        recent = self._count_since(self.clock() - WINDOW)
        windows = (recent + count - 1) // settings.per_15_minutes
        return gaps + windows * WINDOW.total_seconds()

    def actions_left(self, count: int) -> int:
        """How many of `count` actions the caps per run and per day let this run take."""
        settings = self.settings
        used_today = self._count_since(self.clock() - DAY)
        return max(0, min(count, settings.per_run - self.used_this_run,
                          settings.per_day - used_today))

    def after_call(self) -> None:
        self.used_this_run += 1
        self._last_call = self.clock()

    def _wait(self, seconds: float, why: str) -> None:
        if self.on_wait:
            self.on_wait(seconds, why)
        if self.waiter:
            self.waiter(seconds, why, self.sleep)
        else:
            self.sleep(seconds)

    def _count_since(self, since: datetime) -> int:
        return self.store.journal.count_done(self.identity, set(ActionKind), since)

    def _oldest_in_window(self) -> datetime:
        since = self.clock() - WINDOW
        records = [
            r for r in self.store.journal.actions(self.identity, since=since)
            if r.phase != "failed"
        ]
        return min((r.created_at for r in records), default=self.clock())


def apply_actions(
    store: Store,
    network: Network,
    identity: Identity,
    run_id: int,
    plan: Sequence[PlannedAction],
    pacer: Pacer,
    on_progress: Callable[[Outcome], None] | None = None,
) -> ApplyResult:
    """Journal each action as an intent, call the network, journal the outcome.

    An error the next call would meet too (auth, access, rate caps) stops the run; the actions
    not attempted are reported, never silently dropped.
    """
    if plan:
        network.ensure_can_act()  # before any intent is journaled
    result = ApplyResult()
    run = store.runs.get(run_id)
    planned_at = None if run is None else run.started_at
    for index, action in enumerate(plan):
        changed = _changed_since_planned(store, identity, run_id, planned_at, action)
        if changed is not None:
            result.left_alone.append((action, changed))
            continue
        reason = pacer.stop_reason() or network.refusal(action.kind, pacer.clock())
        if reason is not None:
            result.stopped_because = reason
            result.not_attempted = list(plan[index:])
            break
        pacer.before_call()
        action_id = store.journal.record_intent(
            identity, run_id, action.account_id, action.handle, action.kind, pacer.clock(),
            rule=action.rule, undo_of=action.undo_of,
        )
        try:
            try:
                network.act(action.kind, action.account_id)
            except FollowpruneError as exc:
                message = exc.message
                if isinstance(exc, OutcomeUnknown):
                    # Left in flight: the next acting run does it again and records it.
                    message += "; whether it was done is not known: the next run checks"
                else:
                    if isinstance(exc, AccountGone) and action.undo_of is not None:
                        # Said once, and marked so that no later undo tries it again.
                        message = NOT_RESTORABLE + message
                    store.journal.record_outcome(action_id, False, pacer.clock(), message)
                outcome = Outcome(action, False, message)
                result.outcomes.append(outcome)
                if on_progress:
                    on_progress(outcome)
                if exc.stops_run:
                    result.stopped_because = exc.message
                    result.stopping_error = exc
                    result.not_attempted = list(plan[index + 1 :])
                    break
                continue
            finally:
                pacer.after_call()
            store.journal.record_outcome(action_id, True, pacer.clock())
        except KeyboardInterrupt:
            raise InterruptedInFlight from None
        _reflect(store, identity, action, pacer.clock())
        outcome = Outcome(action, True)
        result.outcomes.append(outcome)
        if on_progress:
            on_progress(outcome)
    return result


def _changed_since_planned(
    store: Store, identity: Identity, run_id: int, planned_at: datetime | None,
    action: PlannedAction,
) -> str | None:
    """Why an unfollow or mute planned before this run held the lock is no longer wanted:
    the person put the account on the keep-list meanwhile (the keep-list wins over every
    proposal and rule), or another run did it since the plan was made. None to go ahead.
    Read afresh before each action: a paced run lasts minutes, `prune keep add` takes no
    lock, and two reviews can be made before either acts."""
    if action.undo_of is not None or action.kind not in (ActionKind.UNFOLLOW, ActionKind.MUTE):
        return None
    # Only the person's own keeps: a restore by undo was there when the plan was made (an
    # undo holds the lock), so the plan already knew of it.
    if store.keeps.decided_to_keep(identity, action.account_id):
        return "on the keep-list now"
    if planned_at is not None:
        last = store.journal.last_by_others(identity, action.account_id,
                                            (action.kind, action.kind.inverse), run_id,
                                            planned_at)
        if last is not None and last[0] is action.kind and last[1] != "failed":
            verb = "unfollowed" if action.kind is ActionKind.UNFOLLOW else "muted"
            return f"{verb} by another run since this one was planned"
    return None


def _reflect(store: Store, identity: Identity, action: PlannedAction, now: datetime) -> None:
    """Show the action in the snapshot at once, so the next review doesn't propose it again."""
    changes = {
        ActionKind.UNFOLLOW: {"following": False},
        ActionKind.FOLLOW: {"following": True},
        ActionKind.MUTE: {"muted": True},
        ActionKind.UNMUTE: {"muted": False},
    }[action.kind]
    # The follow that reverses an unfollow is the old follow back, not a new one.
    store.snapshots.set_tie(identity, action.account_id, now=now,
                            restored=action.undo_of is not None, **changes)


def reconcile_in_flight(
    store: Store, network: Network, identity: Identity, now: datetime
) -> list[ActionRecord]:
    """Finish actions a killed run left between intent and outcome.

    Every action is idempotent on the network, so repeating the call is always safe; it is
    then journaled as done. One an undo has reversed since is not repeated. Returns the
    records reconciled.
    """
    pending = store.journal.in_flight(identity)
    undone = store.journal.undone(identity)
    for record in pending:
        if record.id in undone:
            # An undo reversed it while it was in flight (its outcome could not be told
            # then): repeating it now would take back what the undo restored. Whether or
            # not it had reached the network, the undo's action came after it.
            store.journal.record_outcome(record.id, True, now, "not repeated: undone by a"
                                         " later run before its outcome was known")
            continue
        try:
            try:
                network.act(record.kind, record.account_id)
            except OutcomeUnknown:
                continue  # still not known: left in flight for the next run
            except FollowpruneError as exc:
                done = _settled(network, record)
                if done is None and exc.stops_run:
                    continue  # nothing answered: left in flight for the next run
                if not done:
                    store.journal.record_outcome(record.id, False, now,
                                                 f"reconcile: {exc.message}")
                    continue
            store.journal.record_outcome(record.id, True, now,
                                         "reconciled after an interrupted run")
        except KeyboardInterrupt:
            raise InterruptedInFlight from None
        _reflect(store, identity, PlannedAction(record.account_id, record.handle, record.kind,
                                                undo_of=record.undo_of), now)
    return pending


def _settled(network: Network, record: ActionRecord) -> bool | None:
    """Whether an in-flight action whose repeat failed was done all the same, as the
    network's tie tells; None when the network cannot be asked now.

    A repeat that fails says nothing of the first attempt, which may have reached the
    network: journaling it as failed had dropped the reversal of an unfollow that was done,
    so undo never followed the account again. That held for an error of the server or the
    connection (every retry failed, the read before the action failed, the session was
    refused), and for a refusal of the repeat too (Mastodon's 403 or 422 to an unfollow
    already done). The tie says; when it cannot be read, an error that stops the run leaves
    the action in flight, and a refusal of this action (ActionRejected: the account is
    gone, say) is journaled failed, as before. A network that cannot tell (None) has it
    journaled failed, as before.

    A mute or unmute too (is_muting): a mute carried out, its outcome unknown, then its
    repeat refused had been journaled failed, its unmute dropped from the undo that
    reconciled it ("Done: nothing."), and the account stayed muted."""
    try:
        if record.kind in (ActionKind.MUTE, ActionKind.UNMUTE):
            now, wanted = network.is_muting(record.account_id), record.kind is ActionKind.MUTE
        else:
            now = network.is_following(record.account_id)
            wanted = record.kind is ActionKind.FOLLOW
    except FollowpruneError:
        return None
    if now is None:
        return False
    return now is wanted


def reconcile_before(
    store: Store, network: Network, identity: Identity, plan: Sequence[PlannedAction],
    now: datetime,
) -> tuple[list[ActionRecord], list[PlannedAction]]:
    """Finish what an interrupted run left in flight before anything new, and drop from the
    plan what that just did (so nothing is journaled twice) and the reversal of an action
    that turned out never to have happened (reconciling it failed)."""
    pending = reconcile_in_flight(store, network, identity, now)
    if not pending:
        return pending, list(plan)
    finished = {(r.account_id, r.kind) for r in pending}
    latest = {r.id: r.phase for r in store.journal.actions(identity)}
    never_happened = {r.id for r in pending if latest.get(r.id) == "failed"}
    return pending, [
        a for a in plan
        if (a.account_id, a.kind) not in finished and a.undo_of not in never_happened
    ]


def undo_plan(records: Iterable[ActionRecord], already_undone: set[int]) -> list[PlannedAction]:
    """The inverse of every original action not yet reversed, newest first.

    Only original actions are reversed: an undo's own follow or unmute (`undo_of` set) never
    is, or undoing a time range that holds an undo would take back what the person restored.
    An action still in flight (a killed run left its intent) counts as done: it may have
    reached the network, and the acting code reconciles it before carrying out its reversal.
    """
    plan = [
        PlannedAction(r.account_id, r.handle, r.kind.inverse, rule=r.rule, undo_of=r.id)
        for r in records
        if r.undo_of is None and r.phase in ("done", "intent") and r.id not in already_undone
    ]
    plan.reverse()
    return plan
