"""A network as last synced, read back from the store.

Used when a real network cannot be reached for lack of a login, for example after
`prune import-archive` by someone who never pays for API reads: the review still works on
what is stored, and any action asks for the login it needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from followprune.errors import AuthError, InputError
from followprune.models import Account, Graph, Interaction, Relationship
from followprune.networks.base import Network
from followprune.store import Identity, Store


class StoredNetwork(Network):
    reads_live = False

    def __init__(self, store: Store, identity: Identity, why: AuthError) -> None:
        graph = store.snapshots.load_graph(identity)
        if graph is None:
            raise why
        self.name = identity.network
        self._graph: Graph = graph
        self._why = why
        self.synced_at: datetime | None = store.snapshots.last_synced(identity)

    def whoami(self) -> Account:
        return self._graph.me

    def following(self) -> Iterable[tuple[Account, Relationship]]:
        return zip(self._graph.accounts, self._graph.relationships, strict=True)

    def followers(self) -> set[str] | None:
        return None

    def interactions(self) -> Iterable[Interaction]:
        return list(self._graph.interactions)

    def my_posts(self) -> list[str]:
        return list(self._graph.my_posts)

    def ensure_can_act(self) -> None:
        raise AuthError(f"cannot act on {self.name} without a login: {self._why.message}",
                        hint=self._why.hint or "run `prune auth login`")

    def _needs_login(self, account_id: str) -> None:
        self.ensure_can_act()

    unfollow = follow = mute = unmute = _needs_login


def stored_or_raise(store: Store, network: str, why: AuthError,
                    account: str | None = None) -> StoredNetwork:
    found = store.identities_named(network, account)
    if not found:
        raise why  # an account with neither a login nor data: the login is what is missing
    identity = store.one_of(network, account, found)
    assert identity is not None  # found holds one at least
    try:
        return StoredNetwork(store, identity, why)
    except InputError:
        raise why from None
