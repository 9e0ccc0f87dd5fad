"""The output layer: the formats a command can write, and the writer of each document in each.

Every command that prints a result takes the same `--format` option (cli/options.py), whose
choices are the formats this table lists for its document. Adding an output format is one
`Format` line and a writer per document it supports, named here; adding a document is one
entry in WRITERS.

Writers are named as "module:function" and imported when used, so `prune --help` (which
shows the choices) imports nothing heavy. A writer takes the document and the Rich console
of stdout; machine formats write to `console.file` only, so nothing but data reaches stdout.
Every JSON document carries `schema_version` and `kind` (see `envelope`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followprune.plugins import resolve

if TYPE_CHECKING:
    from rich.console import Console

# Raised when a JSON document changes in a way a script would notice (a field removed or
# its meaning changed); adding fields does not raise it.
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Format:
    name: str
    summary: str
    suffix: str | None = None  # for files written with --report


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("table", "for people: a table or plain text"),
    Format("json", "for scripts: one JSON document with schema_version", ".json"),
    Format("csv", "for spreadsheets: one row per account or action", ".csv"),
    Format("markdown", "for reports: Markdown", ".md"),
    Format("html", "for reading and sharing: one self-contained HTML file with charts", ".html"),
)}

# document kind -> format -> "module:function" writing it.
WRITERS: dict[str, dict[str, str]] = {
    "proposals": {
        "table": "followprune.render.tables:write_proposals",
        "json": "followprune.render.export:write_proposals_json",
        "csv": "followprune.render.export:write_proposals_csv",
        "html": "followprune.render.html:write_proposals_html",
    },
    "suggestions": {
        "table": "followprune.render.suggestions:write_suggestions_table",
        "json": "followprune.render.suggestions:write_suggestions_json",
        "csv": "followprune.render.suggestions:write_suggestions_csv",
        "html": "followprune.render.suggestions:write_suggestions_html",
    },
    "explanation": {
        "table": "followprune.render.tables:write_explanation",
        "json": "followprune.render.export:write_explanation_json",
    },
    "places": {
        "table": "followprune.render.places:write_places_table",
        "json": "followprune.render.places:write_places_json",
    },
    "rules-check": {
        "table": "followprune.render.report:write_rules_check_text",
        "json": "followprune.render.report:write_rules_check_json",
    },
    "history": {
        "table": "followprune.render.history:write_history_table",
        "json": "followprune.render.history:write_history_json",
        "csv": "followprune.render.history:write_history_csv",
    },
    "auto-report": {
        "table": "followprune.render.report:write_report_text",
        "json": "followprune.render.report:write_report_json",
        "markdown": "followprune.render.report:write_report_markdown",
        "html": "followprune.render.html:write_report_html",
    },
}


def formats_of(kind: str) -> tuple[str, ...]:
    return tuple(WRITERS[kind])


def write(kind: str, fmt: str, document: Any, console: Console) -> None:
    """Write `document` (a `kind`) in format `fmt` to stdout's console."""
    reference = WRITERS[kind].get(fmt)
    if reference is None:
        from followprune.errors import InputError

        raise InputError(f"{kind} cannot be written as {fmt}",
                         hint=f"choose one of: {', '.join(formats_of(kind))}")
    writer: Callable[[Any, Console], None] = resolve(reference)
    writer(document, console)


def format_of_file(kind: str, path: Path, option: str) -> str:
    """The format a file is written in, from its suffix (`--report run.md`)."""
    by_suffix = {FORMATS[f].suffix: f for f in formats_of(kind) if FORMATS[f].suffix}
    fmt = by_suffix.get(path.suffix.lower())
    if fmt is None:
        from followprune.errors import InputError

        known = ", ".join(sorted(s for s in by_suffix if s))
        raise InputError(f"{option} {path}: the file must end in one of {known}",
                         hint="the suffix chooses the format")
    return fmt


def envelope(kind: str, **fields: Any) -> dict[str, Any]:
    """The head of every JSON document: what it is and which shape of it."""
    return {"schema_version": SCHEMA_VERSION, "kind": kind, **fields}
