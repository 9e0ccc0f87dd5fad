"""Bluesky (AT Protocol) over plain XRPC: build it from the settings and the stored session."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followprune.networks.base import Network, NetworkDeps


def build(deps: NetworkDeps) -> Network:
    """The session is resolved here, so commands that never touch Bluesky need no login.

    Without one, what an earlier sync left in the store is served for review; acting then
    asks for the login. An app password that was given and refused is no missing login: it
    stops the run (exit 5) instead of a review of old data that never said so.
    """
    from followprune.errors import AuthError, CredentialsRefused
    from followprune.networks.bluesky.network import BlueskyNetwork
    from followprune.networks.bluesky.session import Login, login_files
    from followprune.networks.bluesky.xrpc import Xrpc
    from followprune.networks.stored import stored_or_raise

    settings = deps.settings
    xrpc = Xrpc(settings.service, settings.timeout_seconds, retries=settings.retries,
                on_wait=deps.on_wait)
    try:
        login = Login.resolve(xrpc, login_files(deps.paths.data_dir),
                              configured_handle=settings.handle, account=deps.account)
    except CredentialsRefused:
        xrpc.close()
        raise
    except AuthError as exc:
        xrpc.close()
        return stored_or_raise(deps.store, "bluesky", exc, deps.account)
    return BlueskyNetwork(login, deps.now, store=deps.store, settings=settings)
