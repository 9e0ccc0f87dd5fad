"""The scheduled run (`prune --auto`) and its dry counterpart (`prune rules check`).

An automatic run, under the run lock:
1. finishes actions a killed run left in flight (the journal says which), before anything new;
2. syncs and scores like a review, recording the run, its proposals and its rule matches;
3. keeps the matches that have cooled off and were not acted on or undone before;
4. acts through the journal and the Pacer (caps per run, day and 15 minutes; jittered pauses).
It never prompts and never prints: it logs, and returns an `AutoReport` for the CLI to render.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from followprune.app.acting import ActingCallbacks, carry_out, finish_in_flight
from followprune.app.actions import ApplyResult, PlannedAction, utcnow
from followprune.app.context import App
from followprune.app.lock import account_lock, run_lock
from followprune.app.review import prepare_review, score_graph
from followprune.app.rules import (
    Blocked,
    RuleMatch,
    RuleVerdicts,
    Waiting,
    check_countries,
    match_rules,
    split_cooled,
)
from followprune.app.stream import with_stream_rates
from followprune.app.sync import sync_graph
from followprune.config import AutoRule
from followprune.errors import ConfigError, ExitCode, FollowpruneError, InputError
from followprune.models import ActionKind
from followprune.store import Identity, Store
from followprune.store.journal import ActionRecord
from followprune.store.runs import RuleMatchRow

log = logging.getLogger("followprune.auto")


@dataclass(frozen=True)
class Skipped:
    match: RuleMatch
    why: str


@dataclass
class AutoReport:
    network: str
    started_at: datetime
    rules: list[str]
    run_id: int | None = None
    finished_at: datetime | None = None
    followed: int = 0
    reconciled: list[ActionRecord] = field(default_factory=list)
    matched: list[RuleMatch] = field(default_factory=list)  # every actionable match
    blocked: list[Blocked] = field(default_factory=list)
    waiting: list[Waiting] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    plan: list[PlannedAction] = field(default_factory=list)
    result: ApplyResult = field(default_factory=ApplyResult)
    # An error the next call would meet too (auth, network down): it ended the run early.
    error: FollowpruneError | None = None
    reasons: dict[str, tuple[str, ...]] = field(default_factory=dict)  # account id -> why

    @property
    def exit_code(self) -> ExitCode:
        if self.error is not None:
            return self.error.exit_code
        if self.result.stopped_because or self.result.failed or self.result.not_attempted:
            return ExitCode.PARTIAL
        if self.result.done or any(r.phase == "done" for r in self.reconciled):
            return ExitCode.OK
        return ExitCode.NOTHING_TO_DO


def configured_rules(app: App) -> list[AutoRule]:
    rules = app.settings.auto.rules
    if not rules:
        where = app.loaded.file or "no config file"
        raise ConfigError(
            f"{where}: auto.rules: no rules, and an automatic run acts only on accounts a rule"
            " matches",
            hint="add [[auto.rules]] (see `prune config init`), then try `prune rules check`",
        )
    check_countries(rules)
    return rules


def run_auto(
    app: App,
    network_name: str,
    *,
    sleep: Callable[[float], None] | None = None,
    clock: Callable[[], datetime] = utcnow,
    waiter: Callable[[float, str, Callable[[float], None]], None] | None = None,
) -> AutoReport:
    """One scheduled run; raises LockedError at once if another run holds the lock.

    `waiter` shows the Pacer's waits (the CLI's countdown) and sleeps through them with
    `sleep`; every wait is logged either way."""
    rules = configured_rules(app)
    # The store-wide lock shared at once (nothing is read while `store vacuum` runs), the
    # account's own as soon as we know who we are; reentrant, as the acting step takes both.
    with run_lock(app.paths.lock_file, reentrant=True, shared=True):
        network = app.network(network_name)
        network.ensure_can_act()
        report = AutoReport(network.name, app.now, [r.name for r in rules])
        log.info("auto run on %s started; rules: %s", network.name, ", ".join(report.rules))
        me = network.whoami()
        with account_lock(app.paths, network.name, me.id):
            identity = app.store.identity(network.name, me.id, me.handle)
            # Before the sync, so the snapshot and the rules see what those actions did.
            report.reconciled = finish_in_flight(app, network, identity, clock())
            review = prepare_review(app, network, mode="auto")
            report.run_id, report.followed = review.run_id, len(review.scores)
            verdicts = match_rules(review.scores, rules, app.now, review.stream)
            app.store.runs.save_rule_matches(
                review.run_id,
                [
                    RuleMatchRow(m.score.account.id, m.score.account.handle, m.rule.name,
                                 m.rule.action, list(m.reasons))
                    for m in verdicts.matches
                ],
            )
            _plan(app, identity, verdicts, report)
            report.result = carry_out(app, network, identity, review.run_id, report.plan,
                                      ActingCallbacks(waiter=waiter, sleep=sleep, clock=clock))
            report.error = report.result.stopping_error
            report.finished_at = clock()
            _finish(app.store, report)
    return report


def _plan(app: App, identity: Identity, verdicts: RuleVerdicts, report: AutoReport) -> None:
    report.matched, report.blocked = verdicts.matches, verdicts.blocked
    ids = [m.score.account.id for m in verdicts.matches]
    seen = app.store.runs.flagged_times(identity, ids)
    hours = app.settings.auto.cooling_off_hours
    ready, report.waiting = split_cooled(verdicts.matches, seen, hours)
    ready, report.skipped = drop_settled(app.store.journal.actions(identity), ready)
    report.plan = [
        PlannedAction(m.score.account.id, m.score.account.handle, m.action, rule=m.rule.name)
        for m in ready
    ]
    report.reasons = {m.score.account.id: m.reasons for m in verdicts.matches}
    log.info("%d accounts followed; %d match a rule, %d protected, %d cooling off, %d skipped,"
             " %d to act on", report.followed, len(verdicts.matches), len(verdicts.blocked),
             len(report.waiting), len(report.skipped), len(report.plan))


def drop_settled(
    records: Sequence[ActionRecord], ready: Sequence[RuleMatch]
) -> tuple[list[RuleMatch], list[Skipped]]:
    """Never act twice, and never undo the person's undo.

    An account whose latest action is this very action (done or in flight) needs nothing; an
    account the person restored with `prune undo` is theirs to keep, so no rule takes it again.
    """
    latest: dict[str, ActionRecord] = {}
    restored: set[str] = set()
    for record in records:  # oldest first
        if record.phase == "failed":
            continue
        latest[record.account_id] = record
        if record.undo_of is not None and record.phase == "done":
            restored.add(record.account_id)
    keep: list[RuleMatch] = []
    skipped: list[Skipped] = []
    for match in ready:
        account_id = match.score.account.id
        previous = latest.get(account_id)
        if account_id in restored:
            skipped.append(Skipped(match, "you undid an earlier action on this account"))
        elif previous is not None and previous.kind is match.action:
            done = "unfollowed" if match.action is ActionKind.UNFOLLOW else "muted"
            skipped.append(Skipped(match, f"already {done} (action {previous.id})"))
        else:
            keep.append(match)
    return keep, skipped


def _finish(store: Store, report: AutoReport) -> None:
    assert report.run_id is not None
    result = report.result
    store.runs.update_summary(
        report.run_id, matched=len(report.matched), waiting=len(report.waiting),
        done=len(result.done), failed=len(result.failed),
        not_attempted=len(result.not_attempted), stopped_because=result.stopped_because,
        left_alone=len(result.left_alone), reconciled=len(report.reconciled),
        exit_code=int(report.exit_code),
    )
    log.info("auto run %d finished: %d done, %d failed, %d not attempted%s (exit %d)",
             report.run_id, len(result.done), len(result.failed), len(result.not_attempted),
             f"; stopped: {result.stopped_because}" if result.stopped_because else "",
             report.exit_code)


@dataclass
class RulesCheck:
    network: str
    rules: list[AutoRule]
    followed: int
    verdicts: RuleVerdicts
    ready: list[RuleMatch]
    waiting: list[Waiting]
    skipped: list[Skipped]
    cooling_off_hours: float
    now: datetime


def check_rules(app: App, network_name: str, *, sync: bool = True) -> RulesCheck:
    """What an automatic run would do now, without recording a run: a check must not count
    towards anyone's cooling-off period, or checking twice would arm the rules."""
    rules = configured_rules(app)
    # Checking the stored list needs no login (e.g. after an archive import).
    network = app.network(network_name, stored_ok=not sync)
    store = app.store
    if sync:
        identity = sync_graph(store, network, app.now).identity
    else:
        found = store.stored_identity(network.name, app.account)
        if found is None:
            raise InputError(f"nothing is known yet about your {network.name} follow list",
                             hint="run without --offline to read it")
        identity = found
    graph = store.snapshots.load_graph(identity)
    assert graph is not None  # a sync or a found identity means a snapshot exists
    graph, stream = with_stream_rates(store, identity, graph, app.now)  # as a review does
    scores = score_graph(app, identity, graph, network.persona())
    verdicts = match_rules(scores, rules, app.now, stream)
    ids = [m.score.account.id for m in verdicts.matches]
    seen = store.runs.flagged_times(identity, ids)
    for account_id in ids:  # as if the run were recorded now, as `prune --auto` would
        seen.setdefault(account_id, []).append(app.now)
    hours = app.settings.auto.cooling_off_hours
    ready, waiting = split_cooled(verdicts.matches, seen, hours)
    ready, skipped = drop_settled(store.journal.actions(identity), ready)
    return RulesCheck(network.name, rules, len(scores), verdicts, ready, waiting, skipped, hours,
                      app.now)
