from __future__ import annotations

from pathlib import Path

import click

from followprune.cli.options import FilePath
from followprune.cli.state import CliState, get_state


@click.group()
def config() -> None:
    """Write a starting config, or show the settings in force."""


@config.command()
@click.option("--force", is_flag=True, help="Replace an existing file (a backup is kept).")
@click.option("--path", "target", type=FilePath(), default=None,
              help="Where to write (default: --config, FOLLOWPRUNE_CONFIG or the platform dir).")
def init(force: bool, target: Path | None) -> None:
    """Write a commented config file from config.example.toml."""
    from followprune.app.settings import write_example_config

    state = get_state()
    written = write_example_config(target or state.config_file, force=force)
    state.consoles.out.print(f"Wrote {written.path}")
    if written.backup:
        state.consoles.note(f"The previous file was kept as {written.backup}")


@config.command()
def show() -> None:
    """Print every setting, its value and where it came from; secrets redacted."""
    from followprune.config import redacted_value, setting_paths

    state = get_state()
    loaded = state.app().loaded
    out = state.consoles.out
    out.print(f"# config file: {loaded.file or '(none; defaults)'}", markup=False)
    section = None
    for key_path in setting_paths():
        if key_path[:-1] != section:
            section = key_path[:-1]
            if section:
                out.print(f"\n[{'.'.join(section)}]", markup=False)
        value = redacted_value(loaded.settings, key_path)
        out.print(f"{key_path[-1]} = {_toml(value)}  # {loaded.source_of(key_path)}",
                  markup=False, highlight=False)
    _show_places(state)


def _show_places(state: CliState) -> None:
    """What each place setting is read as, and the review's refusal for one it cannot
    read: a home of "9ja" had been shown here as fine, and stopped the run (persona
    round 15)."""
    from followprune.app.review import place_settings
    from followprune.scoring.geography import describe_place

    places = place_settings(state.app().settings)
    if not places:
        return
    out = state.consoles.out
    out.print("\n# places, as read (`prune locate` shows how a text is read)", markup=False)
    # An area ("Midwest") is read as all its parts: said once, with each part.
    read: dict[tuple[str, str], list[str]] = {}
    for key, text, place in places:
        read.setdefault((key, text), []).append(describe_place(place))
    for (key, text), parts in read.items():
        said = parts[0] if len(parts) == 1 else f"{len(parts)} places: " + "; ".join(parts)
        out.print(f"# {key}: {text!r} is {said}", markup=False, highlight=False)


def _toml(value: object) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if value is None:
        return '""'
    if isinstance(value, list):
        return json.dumps([v if isinstance(v, str | int | float) else str(v) for v in value],
                          ensure_ascii=False)
    return json.dumps(str(value), ensure_ascii=False)
