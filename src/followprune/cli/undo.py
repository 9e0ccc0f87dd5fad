from __future__ import annotations

from datetime import datetime

import click

from followprune.cli.state import as_utc, get_state, network_options


@click.command()
@click.option("--run", "run_id", type=click.IntRange(min=1), default=None,
              help="Undo this run (default: the last run with actions not yet undone).")
@click.option("--since", type=click.DateTime(), default=None,
              help="Undo every action from this date (UTC)…")
@click.option("--until", type=click.DateTime(), default=None, help="…until this date (UTC).")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@network_options
def undo(run_id: int | None, since: datetime | None, until: datetime | None, yes: bool,
         demo: bool, network: str | None) -> None:
    """Re-follow or unmute what a run did, after confirmation."""
    from followprune.app.history import plan_undo
    from followprune.app.lock import run_lock
    from followprune.cli.progress import apply_with_progress
    from followprune.errors import NeedsConfirmation
    from followprune.render.console import stdin_is_interactive

    state = get_state()
    app = state.app()
    name = state.network_name(demo, network)
    undo_plan = plan_undo(app, name, run_id=run_id, since=as_utc(since), until=as_utc(until))
    out = state.consoles.out
    if not undo_plan.plan:
        out.print(f"Nothing to undo in {undo_plan.source}.")
        return
    out.print(f"Undo {undo_plan.source}: {len(undo_plan.plan)} actions")
    for action in undo_plan.plan:
        out.print(f"  {action.kind.value} @{action.handle}")
    if not yes:
        if not stdin_is_interactive():
            raise NeedsConfirmation("undo needs confirmation, and stdin is not a terminal",
                                    hint="add --yes to undo without asking")
        if not click.confirm("Go ahead?", default=False):
            out.print("Nothing was changed.")
            return
    # Locked before the run is recorded, so a refused undo (exit 7) leaves no trace; the
    # acting code takes the same lock again, hence reentrant.
    with run_lock(app.paths.lock_file, reentrant=True):
        # Another run may have acted while the person read the list (an undo in another
        # terminal): act only on what they confirmed and is still not undone.
        still = set(plan_undo(app, name, run_id=run_id, since=as_utc(since),
                              until=as_utc(until)).plan)
        plan = [action for action in undo_plan.plan if action in still]
        if len(plan) < len(undo_plan.plan):
            state.consoles.note(f"{len(undo_plan.plan) - len(plan)} of these were undone"
                                " meanwhile by another run; skipping them.")
        if not plan:
            out.print("Nothing was changed.")
            return
        run = app.store.runs.start(undo_plan.identity, "undo", app.now)
        app.store.runs.finish(run, followed=0, proposed=0,
                              summary={"undo_of": undo_plan.source})
        apply_with_progress(state, undo_plan.identity, run, plan, network_name=name,
                            undoable=False)

