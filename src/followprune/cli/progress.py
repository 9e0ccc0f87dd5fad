"""Carrying out a plan with a progress bar on a terminal and a result summary; and how the
waits of acting commands (the Pacer's, X's rate limits) are shown."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from followprune.app.actions import (
    ApplyResult,
    Outcome,
    Pacer,
    PlannedAction,
    apply_actions,
    reconcile_before,
)
from followprune.cli.state import CliState
from followprune.errors import ExitCode, FollowpruneError
from followprune.networks.base import Network
from followprune.store import Identity

log = logging.getLogger("followprune.actions")

# Shows a wait and sleeps through it with the sleep it is given (as networks/x/ratelimit).
Waiter = Callable[[float, str, Callable[[float], None]], None]

# Shorter waits pass silently (they are still logged): a countdown flashing for a second or
# two between actions would be noise.
VISIBLE_WAIT_SECONDS = 5.0


class PartialRun(FollowpruneError):
    exit_code = ExitCode.PARTIAL


def visible_waiter(state: CliState, *, line: bool = True) -> Waiter:
    """A wait of VISIBLE_WAIT_SECONDS or more: the `prune sync` countdown (Rich, on stderr)
    on a terminal; otherwise one stderr line (not with --quiet) if `line`. `--auto` passes
    line=False: its log already echoes every wait to stderr, a second line would repeat it."""
    from followprune.cli.sync import countdown

    show = countdown(state)
    consoles = state.consoles

    def wait(seconds: float, why: str, sleep: Callable[[float], None]) -> None:
        terminal = consoles.err.is_terminal and not consoles.quiet
        if seconds >= VISIBLE_WAIT_SECONDS and (line or terminal):
            show(seconds, why, sleep)
        else:
            sleep(seconds)

    return wait


@contextmanager
def x_waits_shown(waiter: Waiter) -> Iterator[None]:
    """Install `waiter` as the X client's rate-limit waiter (`timing.WAITER`) for networks
    built inside the block. Restored afterwards: tests run many commands in one process, and
    a waiter left behind would write to a console that is gone."""
    from followprune.networks.x import timing

    previous = timing.WAITER
    timing.WAITER = waiter
    try:
        yield
    finally:
        timing.WAITER = previous


def apply_with_progress(
    state: CliState,
    identity: Identity,
    run_id: int,
    plan: Sequence[PlannedAction],
    *,
    network_name: str,
    undoable: bool = True,
) -> ApplyResult:
    """Act on `plan` under the run lock; LockedError (exit 7) at once, before anything is
    journaled, if another run holds it."""
    from followprune.app.lock import run_lock

    app = state.app()
    _log_to_file(state)
    with run_lock(app.paths.lock_file):
        result = _apply(state, identity, run_id, plan, network_name)
        app.store.runs.update_summary(
            run_id, done=len(result.done), failed=len(result.failed),
            not_attempted=len(result.not_attempted), stopped_because=result.stopped_because,
        )
    _print_result(state, result, undoable)
    if result.stopped_because or result.failed:
        raise PartialRun(
            f"stopped early: {result.stopped_because}" if result.stopped_because
            else f"{len(result.failed)} actions failed",
            hint=f"`prune history --run {run_id}` lists every action and its outcome",
        )
    return result


def _apply(
    state: CliState, identity: Identity, run_id: int, plan: Sequence[PlannedAction],
    network_name: str,
) -> ApplyResult:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    app = state.app()
    consoles = state.consoles
    waiter = visible_waiter(state)
    with x_waits_shown(waiter):  # an X network built now (undo) shows its rate-limit waits
        network = app.network(network_name)
    pacer = Pacer(
        app.settings.actions, app.store, identity, paced=network.paced, waiter=waiter,
        on_wait=lambda seconds, why: log.info("waiting %.0fs: %s", seconds, why),
    )
    if plan:
        network.ensure_can_act()
        plan = _after_reconciling(state, network, identity, plan)
    show_bar = consoles.err.is_terminal and not consoles.quiet
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=consoles.err, disable=not show_bar, transient=True) as progress:
        task = progress.add_task("acting", total=len(plan))

        def advance(outcome: Outcome) -> None:
            verb = outcome.action.kind.value
            progress.update(task, advance=1, description=f"{verb} @{outcome.action.handle}")
            if not outcome.ok:
                consoles.note(f"failed: {verb} @{outcome.action.handle}: {outcome.detail}")

        return apply_actions(app.store, network, identity, run_id, plan, pacer, advance)


def _after_reconciling(
    state: CliState, network: Network, identity: Identity, plan: Sequence[PlannedAction]
) -> list[PlannedAction]:
    app = state.app()
    pending, remaining = reconcile_before(app.store, network, identity, plan, app.now)
    if pending:
        state.consoles.note(
            f"Finished {len(pending)} actions an interrupted run had left in flight.")
    return remaining


def _log_to_file(state: CliState) -> None:
    """Acting leaves a trace in the log file, as `--auto` does: every wait and every error,
    even when nothing showed on the screen. A log file that cannot be written is no reason
    to refuse what the person just confirmed, so that is only a note."""
    from followprune.logs import setup_logging

    try:
        setup_logging(state.app().paths.log_file)
    except FollowpruneError as exc:
        state.consoles.note(f"Not logging: {exc.message}")


def _print_result(state: CliState, result: ApplyResult, undoable: bool) -> None:
    counts: dict[str, int] = {}
    for outcome in result.done:
        counts[outcome.action.kind.value] = counts.get(outcome.action.kind.value, 0) + 1
    done = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())) or "nothing"
    line = f"Done: {done}."
    if result.failed:
        line += f" {len(result.failed)} failed."
    if result.not_attempted:
        line += f" {len(result.not_attempted)} not attempted ({result.stopped_because})."
    # An undo run is not itself undone by `prune undo` (that takes the last acting run).
    state.consoles.out.print(line + (" `prune undo` reverses this run." if undoable else ""))
