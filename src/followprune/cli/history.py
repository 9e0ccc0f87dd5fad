from __future__ import annotations

from datetime import datetime

import click

from followprune.cli.state import as_utc, get_state, network_options


@click.command()
@click.option("--run", "run_id", type=int, default=None, help="Only this run's actions.")
@click.option("--rule", default=None, help="Only actions taken by this automatic rule.")
@click.option("--since", type=click.DateTime(), default=None, help="Actions from this date.")
@click.option("--until", type=click.DateTime(), default=None, help="Actions before this date.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="How many runs to list.")
@click.option("--csv", "as_csv", is_flag=True, help="Write the actions as CSV to stdout.")
@network_options
def history(run_id: int | None, rule: str | None, since: datetime | None,
            until: datetime | None, limit: int, as_csv: bool, demo: bool,
            network: str | None) -> None:
    """List past runs and the actions they took."""
    from followprune.app.history import load_history
    from followprune.render.history import actions_csv
    from followprune.render.tables import actions_table, runs_table

    state = get_state()
    app = state.app()
    result = load_history(app, state.network_name(demo, network), run_id=run_id, rule=rule,
                          since=as_utc(since), until=as_utc(until), limit=limit)
    out = state.consoles.out
    if as_csv:
        out.file.write(actions_csv(result.actions))
        return
    counts: dict[int, dict[str, int]] = {}
    for record in result.actions:
        per_run = counts.setdefault(record.run_id, {})
        label = f"{record.kind.value} {record.phase}"
        per_run[label] = per_run.get(label, 0) + 1
    out.print(runs_table(result.runs, counts))
    if result.actions:
        out.print(actions_table(result.actions))
    else:
        out.print("No actions recorded" + (" for that selection." if run_id or rule else "."))

