from __future__ import annotations

import click

from followprune.cli.options import format_option
from followprune.cli.state import get_state, network_options


@click.command()
@click.argument("handle")
@format_option("explanation")
@network_options
def explain(handle: str, output_format: str, demo: bool, network: str | None) -> None:
    """Show the full score breakdown for one account you follow."""
    from followprune.app.explain import explain_account
    from followprune.render.documents import ExplanationDocument
    from followprune.render.output import write

    state = get_state()
    app = state.app()
    net = app.network(state.network_name(demo, network), stored_ok=True)
    result = explain_account(app, net, handle)
    write("explanation", output_format, ExplanationDocument(result, app.now),
          state.consoles.out)
