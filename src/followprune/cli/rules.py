"""`prune rules check`: what the automatic rules would take today, changing nothing."""

from __future__ import annotations

import click

from followprune.cli.options import format_option
from followprune.cli.state import get_state, network_options


@click.group()
def rules() -> None:
    """Inspect the automatic rules ([[auto.rules]] in the config)."""


@rules.command()
@click.option("--offline", is_flag=True,
              help="Use the follow list as last synced instead of reading it again.")
@format_option("rules-check")
@network_options
def check(offline: bool, output_format: str, demo: bool, network: str | None) -> None:
    """Show, per rule, which accounts it would take today and why; and which match no rule.

    Nothing is changed and no run is recorded, so checking never counts towards the
    cooling-off period.
    """
    from followprune.app.auto import check_rules
    from followprune.render.output import write

    state = get_state()
    app = state.app()
    result = check_rules(app, state.network_name(demo, network), sync=not offline)
    write("rules-check", output_format, result, state.consoles.out)
