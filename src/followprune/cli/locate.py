from __future__ import annotations

import click

from followprune.cli.options import format_option
from followprune.cli.state import get_state


@click.command()
@click.argument("texts", nargs=-1, required=True)
@format_option("places")
def locate(texts: tuple[str, ...], output_format: str) -> None:
    """Show how location texts resolve, offline: profiles' locations, or what you would
    write as your home or regions (`prune config show` shows the settings in force).

    A text naming several places ("London / NYC") shows each; scoring uses the one that
    suits you best.
    """
    from followprune.render.documents import Places
    from followprune.render.output import write
    from followprune.scoring.geography import resolve_location

    state = get_state()
    places = Places([(text, resolve_location(text)) for text in texts])
    write("places", output_format, places, state.consoles.out)
