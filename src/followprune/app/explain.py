"""One account's full breakdown, computed like a review but recorded nowhere."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from followprune.app.context import App
from followprune.app.handles import not_followed, on_home_instance
from followprune.app.review import read_whole, score_graph, weights_in_force
from followprune.app.stream import budget_proposals, budget_reason, with_stream_rates
from followprune.app.sync import sync_graph
from followprune.errors import InputError
from followprune.models import Graph
from followprune.networks.base import Network
from followprune.scoring.blend import AccountScore
from followprune.store import Identity


@dataclass(frozen=True)
class Explanation:
    score: AccountScore
    rank: int  # 1 = the worst of the list
    followed: int
    threshold: float
    weights: dict[str, float]
    # "about 38 posts a day, 6 % of your timeline, from your timeline over the last 3 days"
    stream: str | None = None
    budget_reason: str | None = None  # why a --stream-budget chose it
    as_of: datetime | None = None  # when a --from file was captured, which it is scored as of

    @property
    def verdict(self) -> str:
        s = self.score
        if s.guard:
            return f"never proposed: {s.guard}"
        if s.dead:
            return "proposed: the account is dead (suspended, deactivated or deleted)"
        if s.proposed and self.budget_reason:
            return f"proposed: {self.budget_reason}"
        keep, threshold = _apart(s.keep, self.threshold)
        if s.proposed:
            return f"proposed: keep score {keep} is below the threshold {threshold}"
        return f"kept: keep score {keep} is at or above the threshold {threshold}"


def _apart(keep: float, threshold: float) -> tuple[str, str]:
    """Both to two places, or to as many as it takes to tell them apart: "0.30 is below the
    threshold 0.30" read as a contradiction (it was 0.2967)."""
    for places in range(2, 7):
        shown = f"{keep:.{places}f}", f"{threshold:.{places}f}"
        if shown[0] != shown[1] or keep == threshold:
            return shown
    return f"{keep:.6f}", f"{threshold:.6f}"


def explain_account(app: App, network: Network, handle: str) -> Explanation:
    """`handle` (or an id) scored among the list it belongs to, as the review scores it: the
    stored list of a network, or the whole of a `--from` file."""
    as_of = None
    from_file = not getattr(network, "kept_in_store", True)
    if from_file:
        graph = read_whole(network)
        identity = app.store.identity(network.name, graph.me.id, graph.me.handle)
        as_of = getattr(network, "captured_at", None)
    else:
        identity, graph = _stored_graph(app, network)
    # As the review does: measured rates feed quality, and a budget chooses the proposals.
    graph, stream = with_stream_rates(app.store, identity, graph, as_of or app.now)
    scores = score_graph(app, identity, graph, network.persona(), as_of)
    proposals = app.settings.proposals
    if proposals.stream_budget > 0:
        scores = budget_proposals(scores, stream, proposals.stream_budget, proposals.limit)
    key = handle.lower().removeprefix("@")
    local = on_home_instance(identity, key)
    for rank, score in enumerate(scores, start=1):
        if key in (score.account.handle.lower(), score.account.id) or (
                local is not None and score.account.handle.lower() == local):
            return Explanation(score, rank, len(scores), proposals.threshold,
                               weights_in_force(app.settings),
                               stream=stream.describe(score.account.id),
                               budget_reason=budget_reason(stream, score.account.id),
                               as_of=as_of)
    where = "accounts of the file" if from_file else f"accounts you follow on {network.name}"
    raise not_followed(identity, key, f"@{key} is not among the {len(scores):,} {where}",
                       (score.account.handle for score in scores))


def _stored_graph(app: App, network: Network) -> tuple[Identity, Graph]:
    identity = app.store.stored_identity(network.name, app.account)
    graph = app.store.snapshots.load_graph(identity) if identity else None
    if graph is None and network.name == "demo":
        # The demo costs nothing to read, so explain works before the first review.
        identity = sync_graph(app.store, network, app.now).identity
        graph = app.store.snapshots.load_graph(identity)
    if graph is None:
        raise InputError(f"nothing is known yet about your {network.name} follow list",
                         hint="run `prune` or `prune sync` first")
    assert identity is not None
    return identity, graph
