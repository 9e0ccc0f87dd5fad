"""`prune auth login | status | logout`: connect, check and forget your accounts.

Each network brings its own flow (networks/registry.py names it); this module only talks to
the person: prompts on the terminal, the browser, and what each login looks like."""

from __future__ import annotations

from typing import Any

import click

from followprune.cli.options import Text
from followprune.cli.state import get_state
from followprune.networks.login import StoredLogin

TITLES = {"x": "X", "bluesky": "Bluesky", "mastodon": "Mastodon", "demo": "the demo"}


def _title(network: str) -> str:
    return TITLES.get(network, network)


@click.group()
def auth() -> None:
    """Connect your accounts (X: OAuth 2.0 with your own developer app; Bluesky: an app
    password; Mastodon: OAuth on your instance), check them, forget them. Several accounts
    per network: pick one with --account."""


def _login_options(func: Any) -> Any:
    """--network (the networks that have a login, from the registry) and --account."""
    from followprune.cli.state import RegisteredNetwork

    func = click.option("--account", type=Text(), default=None, metavar="HANDLE",
                        help="Which account (when you have logged in to several).")(func)
    return click.option(
        "--network", "network", type=RegisteredNetwork(login_only=True), default=None,
        help="Network whose login to use (default: the configured network).",
    )(func)


def _chosen(network: str | None) -> str:
    """The network named, or the configured one; a network without a login is refused."""
    from followprune.errors import InputError
    from followprune.networks.registry import networks_with_login

    state = get_state()
    name = network or state.group_network or state.app().settings.network
    if name not in networks_with_login():
        raise InputError(f"network {name!r} has no login",
                         hint=f"choose one with --network: {', '.join(networks_with_login())}")
    return name


class TerminalPrompts:
    """LoginPrompts on the terminal: questions on stderr, URLs printed and opened."""

    def __init__(self, no_browser: bool) -> None:
        from followprune.render.console import stdin_is_interactive

        self.interactive = stdin_is_interactive()
        self._no_browser = no_browser

    def ask(self, question: str, *, secret: bool = False) -> str:
        from followprune.cli.answers import prompt

        return prompt(question, secret=secret).strip()

    def tell(self, text: str) -> None:
        get_state().consoles.err.print(text, markup=False, highlight=False)

    def open_url(self, url: str, why: str) -> None:
        import webbrowser

        get_state().consoles.err.print(url, markup=False, highlight=False, soft_wrap=True)
        if not self._no_browser:
            webbrowser.open(url)


@auth.command()
@_login_options
@click.option("--instance", type=Text(), default=None, metavar="URL",
              help="Mastodon: the instance to log in to (e.g. https://mastodon.social).")
@click.option("--paste", is_flag=True,
              help="Paste the URL (or code) the browser ends on, instead of a local listener"
              " (for machines the browser cannot reach).")
@click.option("--no-browser", is_flag=True, help="Only print the URL; do not open a browser.")
@click.option("--timeout", type=click.FloatRange(min=1), default=300.0, show_default=True,
              help="Seconds to wait for the browser to come back.")
def login(network: str | None, account: str | None, instance: str | None, paste: bool,
          no_browser: bool, timeout: float) -> None:
    """Log in and store what later runs reuse (readable by you only, renewed automatically)."""
    from followprune.app.auth import login as log_in
    from followprune.networks.login import LoginOptions

    state = get_state()
    name = _chosen(network)
    options = LoginOptions(paste=paste, no_browser=no_browser, timeout=timeout,
                           instance=instance, account=account or state.account)
    result = log_in(state.app(), name, options, TerminalPrompts(no_browser))
    line = f"Connected to {_title(name)} as @{result.account}."
    scopes = dict(result.details).get("Scopes")
    if scopes:
        line += f" Scopes: {scopes}."
    state.consoles.out.print(line, highlight=False)
    state.consoles.note(f"The login is stored in {result.source} (readable by you only) and"
                        " renewed automatically.")


@auth.command()
@_login_options
def status(network: str | None, account: str | None) -> None:
    """Show every stored login (or one network's), as a run would use them; never a secret,
    and no call to any network."""
    from followprune.app.auth import logins
    from followprune.networks.registry import networks_with_login

    state = get_state()
    names = [_chosen(network)] if network or state.group_network else list(networks_with_login())
    wanted = account or state.account
    out = state.consoles.out
    for name in names:
        found = logins(state.app(), name)
        if wanted:
            from followprune.networks.login import same_account

            found = [login for login in found
                     if same_account(wanted, login.account, login.account_id)]
        if not found:
            out.print(f"Not connected to {_title(name)}" + (f" as {wanted}" if wanted else "")
                      + ".", highlight=False)
            out.print(f"  Run `prune auth login --network {name}`"
                      + (", or set X_BEARER_TOKEN or the four X_API_* variables."
                         if name == "x" else "."), markup=False, highlight=False)
            continue
        for login in found:
            _show(name, login)


def _show(network: str, login: StoredLogin) -> None:
    out = get_state().consoles.out
    if login.problem and not login.account and not login.source:
        out.print(f"Not connected to {_title(network)}:"
                  f" {login.problem.removeprefix('not connected to X: ')}.", highlight=False)
        return
    who = f"@{login.account}" if login.account else "(account shown after the first sync)"
    if login.account_id:
        who += f" (id {login.account_id})"
    out.print(f"Connected to {_title(network)}: {who}", highlight=False)
    out.print(f"  Credentials: {login.source}", markup=False, highlight=False)
    for label, value in login.details:
        out.print(f"  {label}: {value}", markup=False, highlight=False)
    if login.problem:
        out.print(f"  Problem: {login.problem}", markup=False, highlight=False)


@auth.command()
@_login_options
def logout(network: str | None, account: str | None) -> None:
    """Revoke a stored login on its network and forget it (environment variables are not
    touched)."""
    from followprune.app.auth import logout as forget

    state = get_state()
    name = _chosen(network)
    title = _title(name)
    result = forget(state.app(), name, account or state.account)
    out = state.consoles.out
    who = f" ({', '.join(result.forgot)})" if result.forgot else ""
    if result.revoked:
        out.print(f"Logged out of {title}{who}: access revoked on {title} and the stored login"
                  " was deleted.", highlight=False)
    elif result.forgot:
        out.print(f"Logged out of {title}{who}: the stored login was deleted.", highlight=False)
    else:
        out.print(f"No stored {title} login to forget.", highlight=False)
    if result.still_in_environment:
        state.consoles.note("Credentials in the environment still apply:"
                            f" {', '.join(result.still_in_environment)}.")
    if result.forgot and not result.revoked and result.problem:
        # Still exit 0: the local forget worked, and the network's own page can finish the
        # job. Printed even with --quiet: the app may keep access until the person acts.
        state.consoles.err.print(
            f"Revoking the access on {title} failed ({result.problem}). Revoke it there:"
            f" {result.revoke_by_hand}.", markup=False, highlight=False)
