"""What every use case needs: settings, paths, the store, the clock, and a network on demand."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from followprune.config import LoadedSettings, Settings
from followprune.errors import InputError
from followprune.networks.base import Network
from followprune.paths import Paths
from followprune.store import Store

NETWORKS = ("demo", "x")


@dataclass
class App:
    paths: Paths
    loaded: LoadedSettings
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    _store: Store | None = None
    _networks: dict[str, Network] = field(default_factory=dict)

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
        if name == "demo":
            from followprune.networks.demo import DemoNetwork

            return DemoNetwork(self.store, now=self.now)
        if name == "x":
            from followprune.errors import AuthError
            from followprune.networks.stored import stored_or_raise
            from followprune.networks.x import build_x_network

            try:
                return build_x_network(self)
            except AuthError as exc:
                # Not logged in: review what is stored (an imported archive, an earlier
                # sync); acting will ask for the login.
                return stored_or_raise(self.store, name, exc)
        raise InputError(f"unknown network {name!r}", hint=f"choose one of: {', '.join(NETWORKS)}")

    def close(self) -> None:
        for network in self._networks.values():
            network.close()
        if self._store is not None:
            self._store.close()
