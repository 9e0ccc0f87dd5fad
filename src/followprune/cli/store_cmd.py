"""`prune store`: look after the local store."""

from __future__ import annotations

import click

from followprune.cli.state import get_state


@click.group()
def store() -> None:
    """Look after the local store (runs, proposals, snapshots)."""


@store.command()
def vacuum() -> None:
    """Drop per-run detail past the [store] retention settings and reclaim the space."""
    from followprune.app.history import vacuum_store

    state = get_state()
    result = vacuum_store(state.app())
    saved = max(0, result.before - result.after)
    state.consoles.out.print(
        f"{result.path}: {_size(result.before)} -> {_size(result.after)}"
        f" ({_size(saved)} reclaimed; {result.runs_trimmed:,} old runs trimmed).",
        highlight=False,
    )


def _size(count: int) -> str:
    if count >= 2**20:
        return f"{count / 2**20:,.1f} MB"
    return f"{count / 2**10:,.0f} KB"
