"""What the top-level options leave for every command, and the lazily built App."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from followprune.app.context import App
    from followprune.render.console import Consoles


@dataclass
class CliState:
    config_file: Path | None = None
    quiet: bool = False
    # --demo / --network given before a subcommand (`prune --demo history`).
    group_network: str | None = None
    # --account: which of a network's logins to use when it has several.
    account: str | None = None
    # Settings given as flags: key path -> (flag name, value); they win over env and file.
    flags: dict[tuple[str, ...], tuple[str, Any]] = field(default_factory=dict)
    _app: App | None = None
    _consoles: Consoles | None = None
    # Results held until the process ends: see keep_until_exit.
    kept_until_exit: list[object] = field(default_factory=list)

    def app(self) -> App:
        if self._app is None:
            from followprune.app.context import App
            from followprune.config import load_settings
            from followprune.paths import resolve_paths

            paths = resolve_paths()
            self._app = App(paths, load_settings(paths, self.config_file, self.flags),
                            account=self.account)
        return self._app

    @property
    def consoles(self) -> Consoles:
        if self._consoles is None:
            from followprune.render.console import make_consoles

            self._consoles = make_consoles(self.quiet)
        return self._consoles

    def network_name(self, demo: bool, network: str | None) -> str:
        if demo:
            return "demo"
        return network or self.group_network or self.app().settings.network

    def store_file(self) -> Path | None:
        """The store in use, if the App was built (for messages about it)."""
        return None if self._app is None else self._app.paths.store_file

    def keep_until_exit(self, *results: object) -> None:
        """Hold `results` until the process ends, for `main` to leave to the operating system.

        A scored follow list is millions of small objects; freeing them one by one once
        the output is written took 0.4 s of a ~6 s run at 100,000 accounts, and grows with
        the list. A process that is ending can hand all of it back at once instead. Under
        a test runner (no `main`) the state and what it holds are freed as usual."""
        self.kept_until_exit.extend(results)

    def close(self) -> None:
        if self._app is not None:
            self._app.close()


def get_state() -> CliState:
    ctx = click.get_current_context()
    state = ctx.find_object(CliState)
    if state is None:
        state = ctx.ensure_object(CliState)
    return state


class RegisteredNetwork(click.Choice[str]):
    """The registered networks (networks/registry.py), read when the option is parsed, so a
    network registered after the CLI was imported (a plugin, a test) is a valid choice."""

    def __init__(self, *, login_only: bool = False) -> None:
        super().__init__((), case_sensitive=True)
        self._login_only = login_only

    @property
    def choices(self) -> tuple[str, ...]:
        from followprune.networks.registry import network_names, networks_with_login

        return networks_with_login() if self._login_only else network_names()

    @choices.setter
    def choices(self, value: object) -> None:
        pass  # click.Choice.__init__ assigns it; the registry is the source


def network_options(func: Any) -> Any:
    """--demo / --network for commands that work on one network's data."""
    func = click.option("--network", type=RegisteredNetwork(), default=None,
                        help="Network to use (default: the configured one).")(func)
    func = click.option("--demo", is_flag=True, help="Use the bundled demo network.")(func)
    return func


def check_range(since: datetime | None, until: datetime | None) -> None:
    """--since/--until typed so that the range ends before it starts match nothing; saying
    so beats "nothing to undo" or "no actions" (the dates were most likely swapped)."""
    from followprune.errors import InputError

    if since is not None and until is not None and since >= until:
        raise InputError(
            f"--since {since:%Y-%m-%d %H:%M} is not before --until {until:%Y-%m-%d %H:%M}:"
            " the range is empty", hint="--since is the start of the range, --until its end")


def as_utc(moment: datetime | None) -> datetime | None:
    """Dates typed on the command line are read as UTC, like every date in the store."""
    return None if moment is None else moment.replace(tzinfo=UTC)
