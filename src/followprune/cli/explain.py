from __future__ import annotations

import click

from followprune.cli.state import get_state, network_options


@click.command()
@click.argument("handle")
@network_options
def explain(handle: str, demo: bool, network: str | None) -> None:
    """Show the full score breakdown for one account you follow."""
    from followprune.app.explain import explain_account
    from followprune.render.tables import explain_table, keep_bar, last_active

    state = get_state()
    app = state.app()
    net = app.network(state.network_name(demo, network), stored_ok=True)
    result = explain_account(app, net, handle)
    score, out = result.score, state.consoles.out
    account = score.account
    out.print(f"[bold]@{account.handle}[/bold] {account.name}  (id {account.id})")
    if account.bio:
        out.print(f"  bio: {account.bio}")
    out.print(f"  location: {account.location or '—'} · last active: "
              f"{last_active(score, app.now)} · follows you: "
              f"{_yes_no(score.relationship.follows_you)}")
    out.print("  keep score: ", keep_bar(score.keep),
              f"  (rank {result.rank:,} of {result.followed:,}, worst first)")
    out.print(explain_table(score, result.weights))
    out.print(f"[bold]{result.verdict}[/bold]")


def _yes_no(known: bool | None) -> str:
    return "unknown" if known is None else "yes" if known else "no"
