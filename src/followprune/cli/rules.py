"""`prune rules check`: what the automatic rules would take today, changing nothing."""

from __future__ import annotations

import click

from followprune.cli.state import get_state, network_options


@click.group()
def rules() -> None:
    """Inspect the automatic rules ([[auto.rules]] in the config)."""


@rules.command()
@click.option("--offline", is_flag=True,
              help="Use the follow list as last synced instead of reading it again.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How to write the result to stdout.")
@network_options
def check(offline: bool, output_format: str, demo: bool, network: str | None) -> None:
    """Show, per rule, which accounts it would take today and why; and which match no rule.

    Nothing is changed and no run is recorded, so checking never counts towards the
    cooling-off period.
    """
    from followprune.app.auto import check_rules
    from followprune.render.report import rules_check_dict, rules_check_text

    state = get_state()
    app = state.app()
    result = check_rules(app, state.network_name(demo, network), sync=not offline)
    out = state.consoles.out
    if output_format == "json":
        import json

        out.file.write(json.dumps(rules_check_dict(result), indent=2, ensure_ascii=False) + "\n")
    else:
        out.print(rules_check_text(result), end="", markup=False, highlight=False)
