"""The keep-list as a table."""

from __future__ import annotations

from rich import box
from rich.table import Table

from followprune.app.keeps import KeepList


def keeps_table(keeps: KeepList) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False)
    for column in ("handle", "why", "since"):
        table.add_column(column)
    for entry in keeps.stored:
        table.add_row("@" + entry.handle, entry.note, entry.added_at.strftime("%Y-%m-%d"))
    for handle in keeps.configured:
        table.add_row("@" + handle.removeprefix("@"), "in the config (proposals.keep)", "")
    return table
