from __future__ import annotations

from datetime import datetime

import click

from followprune.cli.options import UtcMoment
from followprune.cli.state import as_utc, check_range, get_state, network_options


@click.command()
@click.option("--run", "run_id", type=click.IntRange(min=1), default=None,
              help="Undo this run (default: the last run with actions not yet undone).")
@click.option("--since", type=UtcMoment(), default=None,
              help="Undo every action from this date (UTC)…")
@click.option("--until", type=UtcMoment(), default=None, help="…until this date (UTC).")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@network_options
def undo(run_id: int | None, since: datetime | None, until: datetime | None, yes: bool,
         demo: bool, network: str | None) -> None:
    """Re-follow or unmute what a run did, after confirmation."""
    from followprune.app.history import UndoPlan
    from followprune.app.undo import undo as carry_out_undo
    from followprune.cli.progress import acting_display, report_result
    from followprune.errors import InputError, NeedsConfirmation
    from followprune.render.console import stdin_is_interactive
    from followprune.scoring.wording import plural

    check_range(since, until)
    if run_id is not None and (since is not None or until is not None):
        # One or the other: silently taking the run and dropping the range undid more, or
        # less, than the person asked for.
        raise InputError("--run and --since/--until choose what to undo in two ways; give one",
                         hint="`prune history` lists the runs and their times")
    state = get_state()
    out = state.consoles.out

    gone_said = False

    def say_gone(plan: UndoPlan) -> None:
        nonlocal gone_said
        if plan.unrestorable and not gone_said:
            gone = ", ".join(f"@{action.handle} ({why})" for action, why in plan.unrestorable)
            state.consoles.note(f"Cannot be restored, the account is gone: {gone}.")
            gone_said = True

    def confirm(plan: UndoPlan) -> bool:
        out.print(f"Undo {plan.source}: {plural(len(plan.plan), 'action')}")
        for action in plan.plan:
            out.print(f"  {action.kind.value} @{action.handle}")
        # Said with the plan, before any wait: an undo stopped during its pacing had never
        # said which of the run's actions it left out (persona round 16).
        say_gone(plan)
        for old, new in plan.whole_moves:
            out.print(f"@{old} moved to @{new}: the time range holds half of that move, so"
                      " both halves are undone together.", highlight=False)
        if yes:
            return True
        if not stdin_is_interactive():
            raise NeedsConfirmation("undo needs confirmation, and stdin is not a terminal",
                                    hint="add --yes to undo without asking")
        from followprune.cli.answers import confirm as ask

        return ask("Go ahead?", default=False)

    with acting_display(state, None, command="undo") as callbacks:
        outcome = carry_out_undo(state.app(), state.network_name(demo, network),
                                 run_id=run_id, since=as_utc(since), until=as_utc(until),
                                 confirm=confirm, callbacks=callbacks)
    say_gone(outcome.plan)
    if not outcome.plan.plan:
        out.print(f"Nothing to undo in {outcome.plan.source}.")
        return
    if outcome.undone_meanwhile:
        meanwhile = outcome.undone_meanwhile
        state.consoles.note(f"{meanwhile} of these {'was' if meanwhile == 1 else 'were'} undone"
                            " meanwhile by another run; skipping "
                            + ("it." if meanwhile == 1 else "them."))
    if outcome.result is None or outcome.run_id is None:
        out.print("Nothing was changed.")
        return
    report_result(state, outcome.result, outcome.run_id, undoable=False)
