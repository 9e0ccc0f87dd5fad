"""The X network (API v2 through tweepy)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followprune.app.context import App
    from followprune.networks.base import Network


def build_x_network(app: App) -> Network:
    from followprune.errors import AuthError

    raise AuthError("the X network is not connected yet in this version",
                    hint="try `prune --demo`")
