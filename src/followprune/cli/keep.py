"""`prune keep list | add | remove`: the accounts never proposed."""

from __future__ import annotations

import click

from followprune.cli.options import Handle
from followprune.cli.state import get_state, network_options


class _KeepGroup(click.Group):
    """`prune keep @alice` is `prune keep add @alice`: what people type first. Only a word
    that cannot be a command (a handle with its "@", a profile link) is taken so, so that a
    mistyped command ("lsit") is still refused rather than kept."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        first = args[0] if args else ""
        if first not in self.commands and (first.startswith("@") or "/" in first):
            return "add", self.commands["add"], args
        return super().resolve_command(ctx, args)


@click.group(cls=_KeepGroup)
def keep() -> None:
    """The keep-list: accounts that are never proposed (`keep` at the review adds to it;
    `prune keep @alice` adds too)."""


@keep.command("list")
@network_options
def list_command(demo: bool, network: str | None) -> None:
    """Show the keep-list: your decisions, restores by undo, and proposals.keep."""
    from followprune.app.keeps import list_keeps
    from followprune.render.keeps import keeps_table

    state = get_state()
    result = list_keeps(state.app(), state.network_name(demo, network))
    out = state.consoles.out
    if not result.stored and not result.configured:
        out.print(f"Your keep-list on {result.network} is empty.")
        return
    out.print(keeps_table(result))


@keep.command()
@click.argument("handles", nargs=-1, required=True, type=Handle())
@network_options
def add(handles: tuple[str, ...], demo: bool, network: str | None) -> None:
    """Never propose these accounts (handles you follow, e.g. @alice)."""
    from followprune.app.keeps import add_keeps

    state = get_state()
    added = add_keeps(state.app(), state.network_name(demo, network), handles)
    state.consoles.out.print("Kept from now on: " + ", ".join(f"@{e.handle}" for e in added)
                             + ".", highlight=False)


@keep.command()
@click.argument("handles", nargs=-1, required=True, type=Handle())
@network_options
def remove(handles: tuple[str, ...], demo: bool, network: str | None) -> None:
    """Take accounts off the keep-list, so they can be proposed again."""
    from followprune.app.keeps import kept_by_config, remove_keeps

    state = get_state()
    app = state.app()
    removed = remove_keeps(app, state.network_name(demo, network), handles)
    state.consoles.out.print("Off the keep-list: " + ", ".join(f"@{h}" for h in removed) + ".",
                             highlight=False)
    # Off the stored list, but the config's proposals.keep still guards it: say so, or the
    # person believes it can be proposed again.
    still = kept_by_config(app, removed)
    if still:
        state.consoles.out.print(
            ", ".join(f"@{h}" for h in still) + (" is" if len(still) == 1 else " are")
            + " still kept by your config file (proposals.keep): remove "
            + ("it" if len(still) == 1 else "them") + " there too.", highlight=False)
