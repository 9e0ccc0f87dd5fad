"""Option bundles shared by commands."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from followprune.render.output import FORMATS, formats_of


def format_option(kind: str, *, default: str = "table",
                  extra_help: str = "") -> Callable[[Any], Any]:
    """`--format` with the formats the output layer can write `kind` in (render/output.py)."""
    choices = formats_of(kind)
    described = "; ".join(f"{name}: {FORMATS[name].summary}" for name in choices)

    def inherited(ctx: click.Context, param: click.Parameter, value: str) -> str:
        # `prune --format json history` means JSON: a format given before the subcommand
        # carries down unless the subcommand is given its own.
        if ctx.get_parameter_source("output_format") is not ParameterSource.DEFAULT:
            return value
        parent = ctx.parent
        while parent is not None:
            source = parent.get_parameter_source("output_format")
            if source is not None and source is not ParameterSource.DEFAULT:
                given = parent.params["output_format"]
                if given not in choices:
                    raise click.BadParameter(
                        f"`{ctx.command_path}` cannot write {given}; it writes"
                        f" {', '.join(choices)}", ctx=ctx, param=param)
                return str(given)
            parent = parent.parent
        return value

    return click.option(
        "--format", "output_format", type=click.Choice(choices), default=default,
        show_default=True, callback=inherited,
        help=f"How to write the result to stdout ({described}).{extra_help}",
    )


class FilePath(click.Path):
    """click.Path (as a pathlib.Path) that refuses, as a usage error naming the option, a name
    no file can have: one with a NUL byte, or one too long for the file system. Each command
    would otherwise meet it as ValueError or OSError from its first file call, far from the
    option, and report an internal error."""

    def __init__(self) -> None:
        super().__init__(path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        import errno
        import os

        text = os.fsdecode(value) if isinstance(value, str | bytes | os.PathLike) else str(value)
        shown = text if len(text) <= 80 else text[:79] + "…"
        if not text.strip():
            # An empty name is "." to pathlib: "--config ''" had been "config file . is a
            # directory".
            self.fail("an empty name is no file", param, ctx)
        if "\x00" in text:  # before click's own os.stat, which raises ValueError on it
            self.fail(f"{shown!r} holds a NUL byte, which no file name can", param, ctx)
        path = super().convert(value, param, ctx)
        try:
            os.stat(text)
        except OSError as exc:
            if exc.errno == errno.ENAMETOOLONG:
                self.fail(f"{shown!r}: {exc.strerror}", param, ctx)
        return path


class Text(click.ParamType[str]):
    """Text typed on the command line (a handle, a rule name, an instance). A terminal that
    is not UTF-8 sends bytes Python keeps as lone surrogates ("\\udcff"), which no text in
    the store can hold: refused here as a usage error naming the option, not met later as a
    store write that fails. Blank text names nothing, and read as "not given" it would
    quietly drop a filter the person asked for (`history --rule ""` listed every action)."""

    name = "text"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        text = str(value)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            shown = text if len(text) <= 80 else text[:79] + "…"
            self.fail(f"{shown!r} is not valid text: it holds bytes that are not UTF-8 (set"
                      " the terminal to UTF-8, or type it again)", param, ctx)
        if not text.strip():
            self.fail("is empty (a shell variable that was never set passes nothing here)",
                      param, ctx)
        return text


# A profile's address as a browser shows it: x.com/alice, bsky.app/profile/alice.bsky.social,
# mastodon.social/@alice (kept as alice@mastodon.social, as Mastodon handles are stored).
_X_PROFILE = re.compile(
    r"(?:https?://)?(?:www\.|mobile\.)?(?:x|twitter)\.com/@?([A-Za-z0-9_]{1,15})/?(?:[?#].*)?",
    re.IGNORECASE)
_BLUESKY_PROFILE = re.compile(r"(?:https?://)?bsky\.app/profile/([^/?#\s]+)/?(?:[?#].*)?",
                              re.IGNORECASE)
_FEDIVERSE_PROFILE = re.compile(
    r"(?:https?://)?([^/@\s]+\.[^/@\s]+)/@([^/?#@\s]+)(?:@([^/?#\s]+))?/?(?:[?#].*)?")


class Handle(Text):
    """An account as the person names it: `@alice`, `alice`, or its profile's address copied
    from a browser, which would otherwise be looked up as a handle and not found."""

    name = "handle"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        text = super().convert(value, param, ctx).strip()
        for pattern in (_X_PROFILE, _BLUESKY_PROFILE):
            found = pattern.fullmatch(text)
            if found:
                return found.group(1)
        found = _FEDIVERSE_PROFILE.fullmatch(text)
        if found:
            host, user, elsewhere = found.groups()
            return f"{user}@{elsewhere or host}"
        # "@@alice" is "@alice" to every command: `keep add` found it, `keep remove` did not.
        return "@" + text.lstrip("@") if text.startswith("@") else text


class UtcMoment(click.DateTime):
    """A date, or a date and time, in UTC: click's formats, and ISO 8601 with a zone as X and
    most tools write it ("2026-12-01T00:00:00Z", "…+01:00"), converted to UTC. Returned
    without a zone, as every date typed on the command line is read as UTC (state.as_utc)."""

    name = "moment"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        if isinstance(value, datetime):
            return value
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            try:
                moment = datetime.fromisoformat(str(value).strip())
                if moment.tzinfo is not None:
                    moment = moment.astimezone(UTC).replace(tzinfo=None)
            except (ValueError, OverflowError):  # OverflowError: before year 1 in UTC
                self.fail(f"{value!r} is not a date: give 2026-12-01, 2026-12-01T08:30:00,"
                          " or ISO 8601 with a zone (2026-12-01T08:30:00Z)", param, ctx)
            return moment

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "DATE"
