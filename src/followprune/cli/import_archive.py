from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from followprune.cli.options import FilePath
from followprune.cli.state import CliState, get_state

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from followprune.app.import_archive import ImportReport


_PLURAL = {"reply": "replies"}


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun if n == 1 else _PLURAL.get(noun, noun + 's')}"


class _Bar:
    """The use case's progress, drawn on stderr (the command only creates it on a terminal)."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._task: TaskID | None = None

    def start(self, total_bytes: int) -> None:
        self._task = self._progress.add_task("reading the archive", total=total_bytes)

    def advance(self, read_bytes: int) -> None:
        if self._task is not None:
            self._progress.advance(self._task, read_bytes)


@click.command("import-archive")
@click.argument("path", type=FilePath())
def import_archive(path: Path) -> None:
    """Import your X data archive (.zip or unpacked folder): no API reads, no cost."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    from followprune.app.import_archive import import_archive as run_import

    state = get_state()
    app = state.app()
    consoles = state.consoles
    show_bar = consoles.err.is_terminal and not consoles.quiet
    with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                  TimeRemainingColumn(), console=consoles.err, disable=not show_bar,
                  transient=True) as progress:
        report = run_import(app.store, path, app.now, paths=app.paths,
                            progress=_Bar(progress) if show_bar else None)
    _print_report(state, report)


def _print_report(state: CliState, report: ImportReport) -> None:
    out = state.consoles.out
    made = (f" (made {report.generated_at.date().isoformat()})" if report.generated_at
            else " (date unknown)")
    out.print(f"Imported the X archive of @{report.identity.handle}{made}.")
    counts, change = report.counts, report.change
    out.print(f"  following  {counts['following']:>9,}  ({change.new:,} new,"
              f" {change.gone:,} no longer followed)")
    for label, key in (("followers", "followers"), ("blocked", "blocked"), ("muted", "muted"),
                       ("likes", "likes")):
        out.print(f"  {label:<9}  {counts[key]:>9,}")
    span = ""
    if report.first_post_at and report.last_post_at:
        span = f"  from {report.first_post_at:%Y-%m-%d} to {report.last_post_at:%Y-%m-%d}"
    out.print(f"  posts      {counts['posts']:>9,}{span}")
    found = ", ".join(_count(n, kind.value) for kind, n in sorted(report.interactions.items()))
    out.print(f"  your interactions: {found or 'none'}")
    if report.profiles_kept:
        out.print(f"  kept {report.profiles_kept:,} profiles already read from X")
    for warning in report.warnings:
        state.consoles.note(f"Note: {warning}.")
    if report.profiles_kept < counts["following"]:
        state.consoles.note("Profiles are not in the archive: relevance, geography and quality"
                            " stay neutral for accounts whose profile was never read.")
    state.consoles.note("Next: `prune --network x --dry-run`.")
