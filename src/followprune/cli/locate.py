from __future__ import annotations

from typing import TYPE_CHECKING

import click

from followprune.cli.options import format_option
from followprune.cli.state import get_state

if TYPE_CHECKING:
    from followprune.cli.state import CliState
    from followprune.scoring.geography import Place


# A southern or western coordinate starts with "-" ("-33.87,151.21"): a text, not an option.
@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("texts", nargs=-1, required=True)
@click.option("--no-home", "bare", is_flag=True,
              help="Read the texts as for no one in particular, without your home and regions.")
@format_option("places")
def locate(texts: tuple[str, ...], bare: bool, output_format: str) -> None:
    """Show how location texts resolve, offline: profiles' locations, or what you would
    write as your home or regions (`prune config show` shows the settings in force).
    Regions are shown as ISO 3166-2 codes ("MX-JAL"), which a setting accepts as well.

    With a home or regions set, a text is read as a review reads it for you: "Richmond" is
    Melbourne's to a Melburnian, "Vic" is Victoria. `--no-home` shows the bare reading.

    A text naming several places ("London / NYC") shows each; scoring uses the one that
    suits you best.
    """
    from followprune.render.documents import Places
    from followprune.render.output import write
    from followprune.scoring.geography import describe_setting, resolve_shown

    for text in texts:
        if text.startswith("--"):
            raise click.NoSuchOption(text.split("=", 1)[0])
    state = get_state()
    homes, regions = ([], []) if bare else _your_places(state)
    if homes or regions:
        said = "; ".join(
            f"{what}: {' / '.join(describe_setting(p) for p in places)}"
            for what, places in (("home", homes), ("regions", regions)) if places)
        state.consoles.note(f"Read as a review reads them for you ({said});"
                            " --no-home for the bare reading.")
    places = Places([(text, resolve_shown(text, homes, regions)) for text in texts])
    write("places", output_format, places, state.consoles.out)


def _your_places(state: CliState) -> tuple[list[Place], list[Place]]:
    """The home and regions set, read as a review reads them; none when a place setting
    cannot be read (that is what `locate` is for checking), said on stderr."""
    from followprune.app.review import place_settings
    from followprune.errors import InputError

    try:
        places = place_settings(state.app().settings)
    except InputError as error:
        state.consoles.note(f"Read bare: {error}")
        return [], []
    return ([p for key, _, p in places if key == "geography.home"],
            [p for key, _, p in places if key == "geography.regions"])
