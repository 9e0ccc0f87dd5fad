from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from followprune.cli.options import FilePath, Handle, UtcMoment, format_option
from followprune.cli.state import as_utc, get_state, network_options


@click.command()
@click.argument("handle", type=Handle())
@format_option("explanation")
@network_options
@click.option("--from", "from_file", type=FilePath(), default=None,
              help="Explain an account of a file of X API user objects, scored as `prune"
                   " --from FILE` scores it.")
@click.option("--skip-bad", is_flag=True, help="With --from: leave out the bad lines.")
@click.option("--as-of", type=UtcMoment(), default=None,
              help="With --from: when the file was captured (2026-12-01, or a time; UTC unless it"
                   " names a zone, as in 2026-12-01T08:30:00Z); scored as of then.")
def explain(handle: str, output_format: str, demo: bool, network: str | None,
            from_file: Path | None, skip_bad: bool, as_of: datetime | None) -> None:
    """Show the full score breakdown for one account you follow (or of a --from file)."""
    from followprune.app.explain import explain_account
    from followprune.app.review import file_network
    from followprune.cli.review import check_file_options, note_uncaptured
    from followprune.render.documents import ExplanationDocument
    from followprune.render.output import write

    check_file_options(from_file, skip_bad, as_of)
    state = get_state()
    app = state.app()
    if from_file is not None:
        net = file_network(app, from_file, skip_bad=skip_bad, as_of=as_utc(as_of))
    else:
        net = app.network(state.network_name(demo, network), stored_ok=True)
    result = explain_account(app, net, handle)
    write("explanation", output_format, ExplanationDocument(result, result.as_of or app.now),
          state.consoles.out)
    if from_file is not None and result.as_of is None:
        note_uncaptured(state, from_file)
    elif result.as_of is not None:
        source = "the moment --as-of gave" if as_of else "when the file was captured"
        state.consoles.note(f"Scored as of {result.as_of:%Y-%m-%d %H:%M} UTC, {source}.")
