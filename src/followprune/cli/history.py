from __future__ import annotations

from datetime import datetime

import click

from followprune.cli.options import Text, UtcMoment, format_option
from followprune.cli.state import as_utc, check_range, get_state, network_options


@click.command()
@click.option("--run", "run_id", type=int, default=None, help="Only this run's actions.")
@click.option("--rule", type=Text(), default=None,
              help="Only actions taken by this automatic rule.")
@click.option("--since", type=UtcMoment(), default=None, help="Actions from this date.")
@click.option("--until", type=UtcMoment(), default=None, help="Actions before this date.")
@click.option("--limit", type=click.IntRange(min=1, max=100_000), default=20, show_default=True,
              help="How many runs to list.")
@format_option("history", extra_help=" csv lists the actions.")
@click.option("--csv", "as_csv", is_flag=True, hidden=True,
              help="The same as --format csv (kept for scripts written before --format).")
@network_options
def history(run_id: int | None, rule: str | None, since: datetime | None,
            until: datetime | None, limit: int, output_format: str, as_csv: bool, demo: bool,
            network: str | None) -> None:
    """List past runs and the actions they took."""
    from followprune.app.history import load_history
    from followprune.render.documents import HistoryDocument
    from followprune.render.output import write

    check_range(since, until)
    state = get_state()
    app = state.app()
    result = load_history(app, state.network_name(demo, network), run_id=run_id, rule=rule,
                          since=as_utc(since), until=as_utc(until), limit=limit)
    write("history", "csv" if as_csv else output_format,
          HistoryDocument(result, filtered=bool(run_id or rule or since or until)),
          state.consoles.out)
    if rule and not result.actions and rule not in {r.name for r in app.settings.auto.rules}:
        state.consoles.note(f"No rule named {rule!r} in your config, and none in the journal.")
