from __future__ import annotations

import click

from followprune.cli.options import format_option
from followprune.cli.state import get_state


# A southern or western coordinate starts with "-" ("-33.87,151.21"): a text, not an option.
@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("texts", nargs=-1, required=True)
@format_option("places")
def locate(texts: tuple[str, ...], output_format: str) -> None:
    """Show how location texts resolve, offline: profiles' locations, or what you would
    write as your home or regions (`prune config show` shows the settings in force).
    Regions are shown as ISO 3166-2 codes ("MX-JAL"), which a setting accepts as well.

    A text naming several places ("London / NYC") shows each; scoring uses the one that
    suits you best.
    """
    from followprune.render.documents import Places
    from followprune.render.output import write
    from followprune.scoring.geography import resolve_shown

    for text in texts:
        if text.startswith("--"):
            raise click.NoSuchOption(text.split("=", 1)[0])
    state = get_state()
    places = Places([(text, resolve_shown(text)) for text in texts])
    write("places", output_format, places, state.consoles.out)
