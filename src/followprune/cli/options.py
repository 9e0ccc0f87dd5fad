"""Option bundles shared by commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from followprune.render.output import FORMATS, formats_of


def format_option(kind: str, *, default: str = "table",
                  extra_help: str = "") -> Callable[[Any], Any]:
    """`--format` with the formats the output layer can write `kind` in (render/output.py)."""
    choices = formats_of(kind)
    described = "; ".join(f"{name}: {FORMATS[name].summary}" for name in choices)
    return click.option(
        "--format", "output_format", type=click.Choice(choices), default=default,
        show_default=True, help=f"How to write the result to stdout ({described}).{extra_help}",
    )
