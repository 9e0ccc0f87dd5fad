"""Carrying out a plan with a progress bar on a terminal and a result summary."""

from __future__ import annotations

from collections.abc import Sequence

from followprune.app.actions import ApplyResult, Outcome, Pacer, PlannedAction, apply_actions
from followprune.cli.state import CliState
from followprune.errors import ExitCode, FollowpruneError
from followprune.store import Identity


class PartialRun(FollowpruneError):
    exit_code = ExitCode.PARTIAL


def apply_with_progress(
    state: CliState,
    identity: Identity,
    run_id: int,
    plan: Sequence[PlannedAction],
    *,
    network_name: str,
) -> ApplyResult:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    app = state.app()
    network = app.network(network_name)
    consoles = state.consoles
    pacer = Pacer(
        app.settings.actions, app.store, identity, paced=network.paced,
        on_wait=lambda seconds, why: consoles.note(f"waiting {seconds:.0f}s ({why})")
        if seconds >= 5 else None,
    )
    show_bar = consoles.err.is_terminal and not consoles.quiet
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=consoles.err, disable=not show_bar, transient=True) as progress:
        task = progress.add_task("acting", total=len(plan))

        def advance(outcome: Outcome) -> None:
            verb = outcome.action.kind.value
            progress.update(task, advance=1, description=f"{verb} @{outcome.action.handle}")
            if not outcome.ok:
                consoles.note(f"failed: {verb} @{outcome.action.handle}: {outcome.detail}")

        result = apply_actions(app.store, network, identity, run_id, plan, pacer, advance)
    app.store.runs.update_summary(
        run_id, done=len(result.done), failed=len(result.failed),
        not_attempted=len(result.not_attempted), stopped_because=result.stopped_because,
    )
    _print_result(state, result)
    if result.stopped_because or result.failed:
        raise PartialRun(
            f"stopped early: {result.stopped_because}" if result.stopped_because
            else f"{len(result.failed)} actions failed",
            hint=f"`prune history --run {run_id}` lists every action and its outcome",
        )
    return result


def _print_result(state: CliState, result: ApplyResult) -> None:
    counts: dict[str, int] = {}
    for outcome in result.done:
        counts[outcome.action.kind.value] = counts.get(outcome.action.kind.value, 0) + 1
    done = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())) or "nothing"
    line = f"Done: {done}."
    if result.failed:
        line += f" {len(result.failed)} failed."
    if result.not_attempted:
        line += f" {len(result.not_attempted)} not attempted ({result.stopped_because})."
    state.consoles.out.print(line + " `prune undo` reverses this run.")
