"""`prune auth login | status | logout`: connect an X account."""

from __future__ import annotations

from typing import Any

import click

from followprune.cli.state import get_state


@click.group()
def auth() -> None:
    """Connect your account on a network (X: OAuth 2.0 with your own developer app), check
    it, forget it."""


def _login_network(func: Any) -> Any:
    """--network for the auth commands: the networks that have a login (registry)."""
    from followprune.cli.state import RegisteredNetwork

    return click.option(
        "--network", "network", type=RegisteredNetwork(login_only=True), default=None,
        help="Network whose login to use (default: the configured network).",
    )(func)


def _chosen(network: str | None) -> str:
    """The network named, or the configured one; a network without a login is refused."""
    from followprune.errors import InputError
    from followprune.networks.registry import networks_with_login

    name = network or get_state().app().settings.network
    if name not in networks_with_login():
        raise InputError(f"network {name!r} has no login",
                         hint=f"choose one with --network: {', '.join(networks_with_login())}")
    return name


@auth.command()
@_login_network
@click.option("--paste", is_flag=True,
              help="Paste the URL the browser ends on, instead of a local listener (for"
              " machines the browser cannot reach).")
@click.option("--no-browser", is_flag=True, help="Only print the URL; do not open a browser.")
@click.option("--timeout", type=click.FloatRange(min=1), default=300.0, show_default=True,
              help="Seconds to wait for the browser to come back.")
def login(network: str | None, paste: bool, no_browser: bool, timeout: float) -> None:
    """Log in to X in the browser and store the tokens (renewed automatically)."""
    import webbrowser

    from followprune.app.auth import begin_login, finish_login
    from followprune.errors import InputError
    from followprune.networks.x.loopback import LoopbackListener, is_loopback
    from followprune.render.console import stdin_is_interactive

    _chosen(network)  # only X so far: the flow below is X's
    state = get_state()
    app = state.app()
    consoles = state.consoles
    request = begin_login(app)
    if not paste and not is_loopback(request.redirect_uri):
        paste = True  # X sends the browser somewhere we cannot listen
    if paste:
        if not stdin_is_interactive():
            raise InputError(
                "--paste needs a terminal to paste into, and stdin is not one",
                hint="run `prune auth login --paste` in a terminal, or use the local listener"
                " (a loopback x.redirect_uri, without --paste)",
            )
        consoles.err.print("Open this URL, approve the access, then paste the URL the browser"
                           " ends on (it may show an error page; that is fine):",
                           highlight=False)
        consoles.err.print(request.url, markup=False, highlight=False, soft_wrap=True)
        from followprune.networks.x.oauth2 import code_from_redirect

        pasted = click.prompt("Redirected URL", err=True, hide_input=True)
        code = code_from_redirect(pasted, request.state)
    else:
        with LoopbackListener(request.redirect_uri) as listener:
            consoles.err.print("Opening the browser to log in to X. If it does not open, visit:",
                               highlight=False)
            consoles.err.print(request.url, markup=False, highlight=False, soft_wrap=True)
            if not no_browser:
                webbrowser.open(request.url)
            code = listener.wait(request.state, timeout)
    result = finish_login(app, request, code)
    consoles.out.print(f"Connected to X as @{result.username}. Scopes:"
                       f" {' '.join(result.scopes)}.", highlight=False)
    consoles.note(f"The login is stored in {result.stored_in} (readable by you only) and"
                  " renewed automatically.")


@auth.command()
@_login_network
def status(network: str | None) -> None:
    """Show which X account and credentials a run would use (never the tokens)."""
    from followprune.app.auth import auth_status

    _chosen(network)
    state = get_state()
    info = auth_status(state.app())
    out = state.consoles.out
    if not info.connected:
        problem = (info.problem or "").removeprefix("not connected to X: ")
        out.print(f"Not connected to X: {problem}.", highlight=False)
        out.print("Run `prune auth login`, or set X_BEARER_TOKEN or the four X_API_*"
                  " variables.", markup=False, highlight=False)
        return
    who = f"@{info.username}" if info.username else "(account shown after the first sync)"
    if info.user_id:
        who += f" (id {info.user_id})"
    out.print(f"Connected: {who}", highlight=False)
    out.print(f"Credentials: {info.source}", markup=False, highlight=False)
    if info.scopes is not None:
        out.print(f"Scopes: {' '.join(info.scopes) or '(none reported)'}", highlight=False)
    if info.expires_at is not None:
        renew = "renewed automatically" if info.renewable else "not renewable: log in again"
        out.print(f"Access token expires: {info.expires_at:%Y-%m-%d %H:%M} UTC ({renew})",
                  highlight=False)


@auth.command()
@_login_network
def logout(network: str | None) -> None:
    """Revoke the stored X login on X and forget it (environment variables are not touched)."""
    import os

    from followprune.app.auth import logout as forget
    from followprune.networks.x.auth import BEARER_VARIABLE, OAUTH1_VARIABLES

    _chosen(network)
    state = get_state()
    result = forget(state.app())
    out = state.consoles.out
    if result.revoked:
        out.print("Logged out of X: access revoked on X and the stored login was deleted.")
    elif result.forgot:
        out.print("Logged out of X: the stored login was deleted.")
    else:
        out.print("No stored X login to forget.")
    still = [n for n in (*OAUTH1_VARIABLES, BEARER_VARIABLE) if os.environ.get(n)]
    if still:
        state.consoles.note(f"Credentials in the environment still apply: {', '.join(still)}.")
    if result.forgot and not result.revoked:
        # Still exit 0: the local forget worked, and X's own page can finish the job.
        # Printed even with --quiet: the app may keep access until the person acts on it.
        state.consoles.err.print(
            f"Revoking the access on X failed ({result.problem}). Revoke it there: Settings →"
            " Security and account access → Apps and sessions"
            " (https://x.com/settings/connected_apps).", markup=False, highlight=False)
