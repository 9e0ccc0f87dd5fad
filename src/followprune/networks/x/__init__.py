"""The X network (API v2 through tweepy): build it from the settings and the stored login."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followprune.networks.base import Network, NetworkDeps


def build(deps: NetworkDeps) -> Network:
    """Credentials are resolved here, so commands that never touch X need no login.

    Without a login, what an earlier sync or an imported archive left in the store is served
    instead, for review; acting asks for the login.
    """
    from followprune.errors import AuthError
    from followprune.networks.stored import stored_or_raise

    try:
        return build_x_network(deps)
    except AuthError as exc:
        return stored_or_raise(deps.store, "x", exc, deps.account)


def build_x_network(deps: NetworkDeps) -> Network:
    from followprune.networks.x import timing
    from followprune.networks.x.auth import Authenticator, resolve_credentials
    from followprune.networks.x.client import XClient
    from followprune.networks.x.costs import Prices
    from followprune.networks.x.network import XNetwork
    from followprune.networks.x.ratelimit import RateLimits
    from followprune.networks.x.tokens import login_files
    from followprune.networks.x.transport import XSession

    settings = deps.settings
    clock = timing.SYSTEM_TIMING
    credentials, token_file = resolve_credentials(login_files(deps.paths.data_dir), deps.account)
    session = XSession(settings.api_base_url, settings.timeout_seconds)
    secret = settings.client_secret.get_secret_value() if settings.client_secret else None
    auth = Authenticator(credentials, token_file, api_base_url=settings.api_base_url,
                         client_secret=secret, session=session, timing=clock)
    limits = RateLimits(clock, on_wait=deps.on_wait)
    client = XClient(auth, session, Prices(settings), limits, clock)
    return XNetwork(client, deps.store, settings, deps.now)
