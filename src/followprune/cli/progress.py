"""Carrying out a plan with a progress bar on a terminal and a result summary; and how the
waits of acting commands (the Pacer's, X's rate limits) are shown."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import NoReturn

from followprune.app.acting import ActingCallbacks, waits_shown
from followprune.app.actions import ApplyResult, Outcome, PlannedAction
from followprune.cli.state import CliState
from followprune.errors import ExitCode, FollowpruneError
from followprune.networks.base import Waiter
from followprune.scoring.wording import plural
from followprune.store import Identity
from followprune.store.journal import ActionRecord

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


def apply_with_progress(
    state: CliState,
    identity: Identity,
    run_id: int,
    plan: Sequence[PlannedAction],
    *,
    network_name: str,
    undoable: bool = True,
    set_aside: str | None = None,
) -> ApplyResult:
    """Act on `plan` (app.acting.carry_out) with a progress bar on a terminal, then print the
    result; PartialRun (exit 4) if the run stopped early or actions failed."""
    from followprune.app.acting import carry_out

    app = state.app()
    with acting_display(state, len(plan)) as callbacks:
        # Built with the waiter in place, so a network's waits while logging in show too.
        with waits_shown(app, callbacks.waiter):
            network = app.network(network_name)
        result = carry_out(app, network, identity, run_id, plan, callbacks)
    report_result(state, result, run_id, undoable, set_aside)
    return result


@contextmanager
def acting_display(state: CliState, total: int | None,
                   command: str = "review") -> Iterator[ActingCallbacks]:
    """Callbacks that show an acting run: a progress bar on a terminal (started with the
    first action, so a prompt before it is not disturbed), failures and finished in-flight
    actions as notes, how long pacing will make it take before the first action, and waits
    as a countdown; a long wait mid-way says how many are done and left, and what Ctrl-C
    leaves behind (`command`: "review", "undo" or "suggest", which say it differently).
    Acting also writes the log file."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from followprune.app.acting import ActingCallbacks

    consoles = state.consoles
    _log_to_file(state)
    show_bar = consoles.err.is_terminal and not consoles.quiet
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        console=consoles.err, disable=not show_bar, transient=True)
    task = progress.add_task("acting", total=total)
    # Attempted so far, and how many this run may take (known once the plan is settled).
    done = 0
    planned = total

    def advance(outcome: Outcome) -> None:
        nonlocal done
        progress.start()  # idempotent
        done += 1
        verb = outcome.action.kind.value
        progress.update(task, advance=1, description=f"{verb} @{outcome.action.handle}")
        if not outcome.ok:
            consoles.note(f"failed: {verb} @{outcome.action.handle}: {outcome.detail}")

    def reconciled(records: list[ActionRecord]) -> None:
        # As they ended: one the network could not be asked about now is still in flight.
        left = sum(1 for record in records if record.phase == "intent")
        if len(records) > left:
            consoles.note(f"Finished {plural(len(records) - left, 'action')} an interrupted"
                          " run had left in flight.")
        if left:
            one = left == 1
            consoles.note(f"{plural(left, 'action')} an interrupted run had left in flight"
                          f" could not be checked now (whether {'it was' if one else 'they were'}"
                          f" done is not known): the next run checks {'it' if one else 'them'}.")

    def pacing(actions: int, words: str | None) -> None:
        nonlocal planned
        planned = actions
        if words is not None:
            # The caps are kept on purpose (reference/bluesky.md, mastodon.md): a person who
            # confirmed 18 unfollows sat 15 minutes not knowing why.
            consoles.note(f"Pacing {plural(actions, 'action')}: {words}.")

    shown = visible_waiter(state)

    def waiter(seconds: float, why: str, sleep: Callable[[float], None]) -> None:
        if why == "pacing" or planned is None or seconds < VISIBLE_WAIT_SECONDS:
            shown(seconds, why, sleep)
            return
        after = _after_stop(command, done, planned - done)
        consoles.note(f"{done} of {planned} done; waiting {_wait_words(seconds)}: {why}."
                      f" Ctrl-C stops here: {after}.")
        if consoles.err.is_terminal and not consoles.quiet:
            shown(seconds, why, sleep)  # the countdown
        else:
            sleep(seconds)

    try:
        yield ActingCallbacks(progress=advance, reconciled=reconciled, waiter=waiter,
                              pacing=pacing)
    finally:
        progress.stop()


def _wait_words(seconds: float) -> str:
    """'14 min 24 s': a wait a person is about to sit through, to the second."""
    whole = round(seconds)
    if whole < 90:
        return f"{whole} s"
    minutes, rest = divmod(whole, 60)
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def _after_stop(command: str, done: int, left: int) -> str:
    """What stopping with Ctrl-C during a wait leaves, as it is: what was done is journaled
    (and undone by `prune undo`), and nothing resumes on its own."""
    if command == "undo":
        # `prune undo` takes the last run with actions not yet undone: this one's rest.
        return f"the same `prune undo` again restores the other {left}"
    kept = f"the {done} done stay done (`prune undo` reverses them)" if done else ""
    rest = (f"`prune suggest` lists the other {left} again" if command == "suggest"
            else f"the next `prune` proposes the other {left} again")
    return f"{kept} and {rest}" if kept else rest


def report_result(state: CliState, result: ApplyResult, run_id: int, undoable: bool,
                  set_aside: str | None = None) -> None:
    """Print what a run did; PartialRun (exit 4, "the next run carries on") if it stopped
    early or actions failed, unless what stopped it will stop the next run too: access
    refused (credits used up, a usage cap: 10) or credentials refused (5), raised with their
    own code, as `--auto` exits. A network failing (6) passes, so that is partial."""
    _print_result(state, result, undoable, set_aside)
    error = result.stopping_error
    if error is not None and error.exit_code in (ExitCode.ACCESS, ExitCode.AUTH):
        raise error
    if stopped_at_cap(result):
        end_at_cap(state, result.stopped_because or "",
                   f"the next run carries on; `prune history --run {run_id}` lists every action"
                   " and its outcome")
    if result.stopped_because or result.failed:
        raise PartialRun(
            f"stopped early: {result.stopped_because}" if result.stopped_because
            else f"{plural(len(result.failed), 'action')} failed",
            hint=f"`prune history --run {run_id}` lists every action and its outcome",
        )


def stopped_at_cap(result: ApplyResult) -> bool:
    """The run ended at a cap or budget it was told to keep, with nothing failed: a normal
    end, not an error (exit 4 says it to a script; the next run carries on)."""
    return (bool(result.stopped_because) and result.stopping_error is None
            and not result.failed)


def end_at_cap(state: CliState, reason: str, then: str) -> NoReturn:
    """Exit 4 after a note, not an "Error:": persona 16's `--auto` stopping at the per-run
    cap it was set to keep printed "Error: stopped early", which the README calls a normal
    end. Under --quiet the exit status alone says it (cron mails any output)."""
    import click

    state.consoles.note(f"Stopped early, as the caps say: {reason}; {then}.")
    raise click.exceptions.Exit(int(ExitCode.PARTIAL))


def _log_to_file(state: CliState) -> None:
    """Acting leaves a trace in the log file, as `--auto` does: every wait and every error,
    even when nothing showed on the screen. A log file that cannot be written is no reason
    to refuse what the person just confirmed, so that is only a note."""
    from followprune.logs import setup_logging

    try:
        setup_logging(state.app().paths.log_file)
    except FollowpruneError as exc:
        state.consoles.note(f"Not logging: {exc.message}")


def _print_result(state: CliState, result: ApplyResult, undoable: bool,
                  set_aside: str | None) -> None:
    counts: dict[str, int] = {}
    for outcome in result.done:
        counts[outcome.action.kind.value] = counts.get(outcome.action.kind.value, 0) + 1
    done = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())) or "nothing"
    line = f"Done: {done}."
    if result.failed:
        line += f" {len(result.failed)} failed."
    if result.not_attempted:
        line += f" {len(result.not_attempted)} not attempted ({result.stopped_because})."
    if result.left_alone:
        by_why: dict[str, list[str]] = {}
        for action, why in result.left_alone:
            by_why.setdefault(why, []).append(f"@{action.handle}")
        for why, handles in by_why.items():
            shown = ", ".join(handles[:5]) + (", …" if len(handles) > 5 else "")
            line += f" {len(handles)} left alone, {why}: {shown}."
    if set_aside is not None:
        line += f" Not acted on, as you said: {set_aside}."
    # An undo run is not itself undone by `prune undo` (that takes the last acting run).
    # Nor is there anything to reverse when nothing was done.
    state.consoles.after_output.print(
        line + (" `prune undo` reverses this run." if undoable and result.done else ""))
