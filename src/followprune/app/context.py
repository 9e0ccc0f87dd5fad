"""What every use case needs: settings, paths, the store, the clock, and a network on demand."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from followprune.config import LoadedSettings, Settings
from followprune.errors import ConfigError, InputError
from followprune.networks.base import Network, NetworkDeps, Waiter
from followprune.networks.registry import get_spec, network_names
from followprune.paths import Paths
from followprune.store import Store


@dataclass
class App:
    paths: Paths
    loaded: LoadedSettings
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    # How waits (rate limits) are shown: the CLI sets it for the command at hand. Networks
    # are handed a waiter that looks it up when they wait, so one built earlier shows waits
    # the way the current command wants.
    on_wait: Waiter | None = None
    # --account: which login (and whose stored data) to use on a network with several.
    account: str | None = None
    _store: Store | None = None
    _networks: dict[str, Network] = field(default_factory=dict)

    def __post_init__(self) -> None:
        name = self.loaded.settings.network
        if get_spec(name) is None:
            raise ConfigError(
                f"{self.loaded.source_of(('network',))}: network: unknown network {name!r}"
                f" (expected one of: {', '.join(network_names())})"
            )

    @property
    def settings(self) -> Settings:
        return self.loaded.settings

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.paths.store_file)
        return self._store

    def network(
        self, name: str, *, source_file: Path | None = None, stored_ok: bool = False
    ) -> Network:
        """Built on first use only, so commands that never touch a network need no login.

        With `stored_ok`, a network that cannot be reached for lack of a login is served
        from the store instead (reviewing an imported archive); syncing and acting never are.
        """
        key = f"file:{source_file}" if source_file else name
        if key not in self._networks:
            self._networks[key] = self._build_network(name, source_file)
        network = self._networks[key]
        if not stored_ok and not network.reads_live:
            network.ensure_can_act()  # raises the login error the fallback stood in for
        return network

    def _build_network(self, name: str, source_file: Path | None) -> Network:
        if source_file is not None:
            from followprune.networks.file import FileNetwork

            return FileNetwork(source_file)
        spec = get_spec(name)
        if spec is None:
            raise InputError(f"unknown network {name!r}",
                             hint=f"choose one of: {', '.join(network_names())}")
        section = getattr(self.settings, spec.settings_section) if spec.settings_section else None
        return spec.build(NetworkDeps(section, self.paths, self.store, self.now, self._wait,
                                      self.account))

    def _wait(self, seconds: float, why: str, sleep: Callable[[float], None]) -> None:
        if self.on_wait is None:
            sleep(seconds)  # still logged by whoever waits
        else:
            self.on_wait(seconds, why, sleep)

    def close(self) -> None:
        for network in self._networks.values():
            network.close()
        if self._store is not None:
            self._store.close()
