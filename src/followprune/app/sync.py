"""Reading a network into the store.

Free networks (demo, files) are read whole every time. Priced networks (X) are planned
first: what will be read, what is reused because it is fresh, and an estimate of the
price, which the caller confirms or checks against a budget before anything is spent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from followprune.errors import CostLimitExceeded, InputError
from followprune.models import Graph
from followprune.networks.base import Network, relationships_with_followers
from followprune.store import Identity, Store
from followprune.store.snapshots import SnapshotChange

if TYPE_CHECKING:
    from followprune.app.context import App
    from followprune.networks.x.costs import Usage
    from followprune.networks.x.plan import SyncPlan

log = logging.getLogger("followprune.sync")


@dataclass(frozen=True)
class SyncReport:
    identity: Identity
    change: SnapshotChange
    plan: SyncPlan | None = None  # priced networks only
    usage: Usage | None = None  # what the sync actually called, read and spent
    reused: bool = False  # the following list came from the store, not the network
    notes: tuple[str, ...] = ()  # Network.sync_notes: what the person should be told


@runtime_checkable
class PricedNetwork(Protocol):
    """A network whose reads cost money (X); see networks/x/network.py."""

    max_cost: float

    def first_read_cost(self) -> float:
        """What planning itself costs: the read of your own profile, the counts every
        estimate starts from (0 once read in this process)."""

    def plan_sync(self, now: datetime, *, refresh: bool = False,
                  profiles_only: bool = False) -> SyncPlan: ...

    def sync_into(self, store: Store, plan: SyncPlan, now: datetime,
                  budget: float | None) -> tuple[Identity, SnapshotChange, Usage]:
        """Carry out a confirmed plan within `budget` and record it in the store."""


def sync_graph(
    store: Store, network: Network, now: datetime, *, plan: SyncPlan | None = None,
    budget: float | None = None,
) -> SyncReport:
    """Read what the network offers and record it as one snapshot.

    On a priced network without a confirmed `plan`, plans here and enforces the network's
    configured max cost (the rule for runs nobody watches)."""
    if isinstance(network, PricedNetwork):
        if plan is None:
            refuse_below_first_read(network)
            plan = network.plan_sync(now)
            budget = check_budget(plan, network.max_cost)
        return _sync_priced(store, network, plan, now, budget)
    me = network.whoami()
    identity = store.identity(network.name, me.id, me.handle)
    pairs = list(network.following())
    graph = Graph(
        me=me,
        accounts=[a for a, _ in pairs],
        relationships=relationships_with_followers(pairs, network.followers()),
        interactions=list(network.interactions()),
        my_posts=network.my_posts(),
    )
    sample = network.home_timeline()
    with store.transaction():
        store.snapshots.save_profiles(identity, [me], now)
        change = store.snapshots.save_graph(identity, graph, now)
        if sample is not None:
            store.stream.save_sample(identity, sample, now)
        for key, value in network.sync_state().items():
            store.set_state(identity, key, value)
    return SyncReport(identity, change, notes=tuple(network.sync_notes()))


def sync_with_consent(
    app: App,
    network: Network,
    *,
    refresh: bool = False,
    profiles_only: bool = False,
    show_plan: Callable[[SyncPlan], None] | None = None,
    ask: Callable[[SyncPlan], bool] | None = None,
) -> SyncReport | None:
    """Sync; on a priced network plan first, show the plan, and get consent to spend: `ask`
    when a person can answer (None: nobody can, so the estimate must be within the network's
    max cost). None if the person declined; nothing was read then."""
    if not isinstance(network, PricedNetwork):
        if profiles_only or refresh:
            raise InputError(f"--profiles-only and --refresh only apply to a network whose"
                             f" reads cost money, not {network.name}")
        return sync_graph(app.store, network, app.now)
    if ask is None or app.loaded.source_of((network.name, "max_cost")).startswith("flag"):
        refuse_below_first_read(network)
    plan = network.plan_sync(app.now, refresh=refresh, profiles_only=profiles_only)
    if show_plan is not None:
        show_plan(plan)
    max_cost = network.max_cost
    if plan.estimate <= 0:
        budget = max_cost
    elif ask is None:
        budget = check_budget(plan, max_cost)
    else:
        if app.loaded.source_of((network.name, "max_cost")).startswith("flag"):
            check_budget(plan, max_cost)  # --max-cost given: a limit even when asked
        if not ask(plan):
            return None
        # A list of unknown length: the person was asked to spend up to the max cost.
        budget = max_cost if plan.open_ended else confirmed_budget(plan)
    return sync_graph(app.store, network, app.now, plan=plan, budget=budget)


class _FirstRead(Protocol):
    name: str
    max_cost: float

    def first_read_cost(self) -> float: ...


def refuse_below_first_read(network: _FirstRead) -> None:
    """A max cost below the first read (your own profile, which every plan starts from)
    holds too: `--max-cost 0` spends nothing, so nothing is read."""
    first = network.first_read_cost()
    if first > network.max_cost + 1e-9:
        raise CostLimitExceeded(
            f"even planning a read of {network.name} costs ${first:.3f} (your own profile),"
            f" more than the ${network.max_cost:.2f} allowed; nothing was read",
            hint=f"allow more with --max-cost (or {network.name}.max_cost);"
            " `prune import-archive` is free",
        )


def check_budget(plan: SyncPlan, max_cost: float) -> float:
    """The budget for a run nobody confirms: stop before starting if the estimate is over.
    An open-ended estimate is a lower bound: over it refuses too; under it the lists of
    unknown length are read only as far as the max cost allows."""
    if plan.estimate > max_cost + 1e-9:
        raise CostLimitExceeded(
            f"this sync would cost about ${plan.estimate:.2f}, more than the"
            f" ${max_cost:.2f} allowed; nothing was read",
            hint="allow more with --max-cost (or x.max_cost), or run `prune sync` on a"
            " terminal to be asked; `prune import-archive` is free",
        )
    return max_cost


def confirmed_budget(plan: SyncPlan) -> float:
    """After a person accepted the estimate: some slack, since counts are estimates."""
    return max(plan.estimate * 1.25, plan.estimate + 0.05)


def _sync_priced(
    store: Store, network: PricedNetwork, plan: SyncPlan, now: datetime, budget: float | None
) -> SyncReport:
    identity, change, usage = network.sync_into(store, plan, now, budget)
    log.info("%s sync: %d calls, %d resources, estimate $%.3f, actual $%.3f", identity.network,
             usage.total_calls, usage.resources_read, plan.estimate, usage.cost)
    reused = plan.profiles_only or not plan.read_following
    return SyncReport(identity, change, plan, usage, reused=reused)
