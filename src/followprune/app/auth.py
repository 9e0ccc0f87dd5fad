"""Connecting accounts: each network's login flow (networks/registry.py names it), handed
its settings, where files live and the store."""

from __future__ import annotations

from followprune.app.context import App
from followprune.errors import InputError
from followprune.networks.login import (
    LoginDeps,
    LoginFlow,
    LoginOptions,
    LoginPrompts,
    LogoutResult,
    StoredLogin,
)
from followprune.networks.registry import get_spec, networks_with_login


def _flow(app: App, network: str) -> tuple[LoginFlow, LoginDeps]:
    spec = get_spec(network)
    if spec is None or spec.login is None:
        raise InputError(f"network {network!r} has no login",
                         hint=f"choose one with --network: {', '.join(networks_with_login())}")
    section = getattr(app.settings, spec.settings_section) if spec.settings_section else None
    return spec.login_flow(), LoginDeps(section, app.paths, app.store)


def login(app: App, network: str, options: LoginOptions, prompts: LoginPrompts) -> StoredLogin:
    flow, deps = _flow(app, network)
    return flow.login(deps, options, prompts)


def logins(app: App, network: str) -> list[StoredLogin]:
    """What a run on `network` could use, without any call to it (so it costs nothing)."""
    flow, deps = _flow(app, network)
    return flow.status(deps)


def logout(app: App, network: str, account: str | None) -> LogoutResult:
    flow, deps = _flow(app, network)
    return flow.logout(deps, account)
