"""Every network followprune knows, each declared once.

The `--network` choices, the check of `network` in the config, the networks `prune auth`
accepts and the way each network is built all come from here. Adding a network is a new
package under `networks/` plus one `register(...)` line at the bottom of this file.

This module is read by `prune --help`, so it imports nothing heavy: a network's factory and
its factory is named as "module:function" and imported only when the network is built.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from followprune.plugins import Registry, resolve

if TYPE_CHECKING:
    from followprune.networks.base import Network, NetworkDeps
    from followprune.networks.login import LoginFlow


@dataclass(frozen=True)
class NetworkSpec:
    name: str
    summary: str  # one line for help texts
    # "module:function" taking NetworkDeps and returning the Network.
    factory: str
    # The config section holding this network's settings (`[x]`), if it has one.
    settings_section: str | None = None
    # Its login flow (`prune auth login|status|logout --network NAME`), as "module:attr"
    # naming a networks.login.LoginFlow; None for a network without a login.
    login: str | None = None
    # Reading costs the user money: syncs print an estimate and obey --max-cost.
    paid_reads: bool = False
    # The network can show the home timeline (a sample of what the person reads).
    home_timeline: bool = False
    # Without a login, review what an earlier sync or import left in the store.
    stored_without_login: bool = False

    def build(self, deps: NetworkDeps) -> Network:
        factory: Callable[[NetworkDeps], Network] = resolve(self.factory)
        return factory(deps)

    def login_flow(self) -> LoginFlow:
        assert self.login is not None, f"network {self.name} has no login"
        flow: LoginFlow = resolve(self.login)
        return flow


_NETWORKS: Registry[NetworkSpec] = Registry("network")
register = _NETWORKS.register
unregister = _NETWORKS.unregister
get_spec = _NETWORKS.get
network_names = _NETWORKS.names


def networks_with_login() -> tuple[str, ...]:
    return tuple(spec.name for spec in _NETWORKS.items() if spec.login)



register(NetworkSpec(
    "demo", "the bundled demo network (no account needed)",
    factory="followprune.networks.demo:build",
))
register(NetworkSpec(
    "x", "X (Twitter), API v2",
    factory="followprune.networks.x:build",
    settings_section="x",
    login="followprune.networks.x.login:FLOW",
    paid_reads=True,
    home_timeline=True,
    stored_without_login=True,
))
register(NetworkSpec(
    "bluesky", "Bluesky (AT Protocol), with an app password",
    factory="followprune.networks.bluesky:build",
    settings_section="bluesky",
    login="followprune.networks.bluesky.login:FLOW",
    home_timeline=True,
    stored_without_login=True,
))
register(NetworkSpec(
    "mastodon", "Mastodon (and compatible servers), OAuth login per user@instance",
    factory="followprune.networks.mastodon:build",
    settings_section="mastodon",
    login="followprune.networks.mastodon.login:FLOW",
    stored_without_login=True,
))
