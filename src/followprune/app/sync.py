"""Reading a network into the store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from followprune.models import Graph
from followprune.networks.base import Network
from followprune.store import Identity, Store
from followprune.store.snapshots import SnapshotChange


@dataclass(frozen=True)
class SyncReport:
    identity: Identity
    change: SnapshotChange


def sync_graph(store: Store, network: Network, now: datetime) -> SyncReport:
    """Read everything the network offers and record it as one snapshot."""
    me = network.whoami()
    identity = store.identity(network.name, me.id, me.handle)
    pairs = list(network.following())
    followers = network.followers()
    relationships = [
        rel if followers is None else rel.model_copy(update={"follows_you": a.id in followers})
        for a, rel in pairs
    ]
    graph = Graph(
        me=me,
        accounts=[a for a, _ in pairs],
        relationships=relationships,
        interactions=list(network.interactions()),
        my_posts=network.my_posts(),
    )
    with store.transaction():
        store.snapshots.save_profiles(identity, [me], now)
        change = store.snapshots.save_graph(identity, graph, now)
    return SyncReport(identity, change)
