"""Mastodon (and compatible servers) through Mastodon.py: build it from the settings and
the stored login the run picks (--account, `mastodon.account`, or the only one)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followprune.networks.base import Network, NetworkDeps


def build(deps: NetworkDeps) -> Network:
    """The login is resolved here, so commands that never touch Mastodon need none.

    Without one, what an earlier sync left in the store is served for review; acting then
    asks for the login. Several logins and none chosen is a usage error listing them."""
    from followprune.errors import AuthError
    from followprune.networks.mastodon.client import Client
    from followprune.networks.mastodon.logins import choose
    from followprune.networks.mastodon.network import MastodonNetwork
    from followprune.networks.stored import stored_or_raise

    settings = deps.settings
    try:
        chosen = choose(deps.paths, wanted=deps.account, configured_account=settings.account,
                        configured_instance=settings.instance)
    except AuthError as exc:
        # Only the account --account names may be served from the store (as on X and
        # Bluesky): another one's stored follow list was reviewed under a "not logged in"
        # note, then the run stopped with "nothing is known yet" (exit 2, not 5).
        return stored_or_raise(deps.store, "mastodon", exc, deps.account)
    client = Client(chosen.instance, chosen.access_token, settings.timeout_seconds,
                    retries=settings.retries, on_wait=deps.on_wait)
    return MastodonNetwork(client, deps.store, deps.now)
