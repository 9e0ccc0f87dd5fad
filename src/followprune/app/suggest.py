"""`prune suggest` (issue 16): people worth following, ranked, each with its reasons.

Candidates come from the network (its free reads, or on X a priced plan the person sees
first), from the store (people who engaged with you whose profile is known) and from parked
accounts that came back. Each is scored with the very scoring pruning uses, as if you
followed it; one pruning would propose is left out (a bot, a silent or gone account), the
rest are ranked by that score and by how they are connected to you.

Nothing is followed here: `follow_chosen` acts only on rows the person picked, journaled,
paced, capped per day ([suggest] follows_per_day on top of [actions]) and undoable. A
muted account that came back is still followed, so it is offered to be unmuted instead:
`unmute_chosen`, on the same terms (undo mutes it again).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, runtime_checkable

from followprune.app.acting import ActingCallbacks, carry_out
from followprune.app.actions import ApplyResult, PlannedAction
from followprune.app.context import App
from followprune.app.lock import run_lock
from followprune.app.parked import Comeback, comebacks, note_parked, record_lookup
from followprune.app.review import REASONS_SHOWN, build_policy, known_identity, leading_cause
from followprune.app.sync import (
    check_budget,
    confirmed_budget,
    refuse_below_first_read,
    sync_graph,
)
from followprune.errors import InputError
from followprune.models import (
    Account,
    AccountState,
    ActionKind,
    Direction,
    Graph,
    Interaction,
    InteractionKind,
    Relationship,
)
from followprune.networks.base import Candidate, Network, SuggestionRequest
from followprune.scoring.blend import MEMORIAL_GUARD, AccountScore, ScoringPolicy, score_all
from followprune.scoring.components import paused_gc
from followprune.scoring.interaction import KIND_WEIGHT
from followprune.scoring.wording import ago
from followprune.store import Identity

# How much of a suggestion's rank is its pruning score (what keeping it would be worth);
# the rest is how it is connected to you. Even: a stranger of good quality and a weak
# account that talks to you a lot should not outrank someone who is both.
SCORE_SHARE = 0.5
# What each connection signal adds to the connection strength (capped at 1): an account
# that came back from silence, one that follows you, engagement with you (saturating),
# yours with it (an archive's replies and mentions), people you engage with who engage with
# it (saturating), lists, the network's own pick.
COMEBACK, FOLLOWS_YOU, ENGAGED_YOU, YOU_ENGAGED, CIRCLE, IN_LISTS, NETWORK_PICK = (
    0.3, 0.3, 0.35, 0.15, 0.2, 0.1, 0.05)
_TOWARD_YOU = (InteractionKind.REPLY, InteractionKind.MENTION, InteractionKind.QUOTE,
               InteractionKind.REPOST)
_VERBS = {
    InteractionKind.REPLY: "replied to you", InteractionKind.MENTION: "mentioned you",
    InteractionKind.QUOTE: "quoted you", InteractionKind.REPOST: "reposted you",
    InteractionKind.LIKE: "liked your posts",
}
_YOUR_VERBS = {
    InteractionKind.REPLY: "you replied to them", InteractionKind.MENTION: "you mentioned them",
    InteractionKind.QUOTE: "you quoted them", InteractionKind.REPOST: "you reposted them",
}
DAY = timedelta(days=1)
_UNDATED = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Suggestion:
    score: AccountScore  # the pruning score, as if you followed the account
    connection: float  # 0..1: how strongly it is tied to you
    rank: float
    candidate: Candidate  # what the sources said: the ties, in `connection_ties`
    comeback: Comeback | None = None

    @property
    def account(self) -> Account:
        return self.score.account


@dataclass
class Suggestions:
    run_id: int
    identity: Identity
    network: str
    suggestions: list[Suggestion]  # what is shown, best first, after the limit
    considered: int  # distinct candidates looked at
    ranked: int  # candidates left after the ones pruning would propose
    left_out: list[tuple[str, int]]  # why the others were left out, most common first
    now: datetime
    plan: Any = None  # a priced network's plan (what was read and its estimate)
    usage: Any = None  # what the priced reads actually cost
    # Muted accounts that came back: still followed, so offered to be unmuted rather than
    # followed, numbered apart from the suggestions (`unmute 1`).
    muted_comebacks: list[Comeback] = field(default_factory=list)

    def reasons(self, suggestion: Suggestion, limit: int = REASONS_SHOWN) -> list[str]:
        return suggestion_reasons(suggestion, self.now, self.network, limit)


@runtime_checkable
class PricedSuggestions(Protocol):
    """A network whose suggest reads cost money (X): planned, shown, then read."""

    max_cost: float

    def first_read_cost(self) -> float: ...

    def plan_suggestions(self, now: datetime, request: SuggestionRequest) -> Any: ...

    def read_suggestions(self, plan: Any, budget: float | None
                         ) -> tuple[list[Candidate], list[Account], Any]: ...


def prepare_suggestions(
    app: App,
    network: Network,
    *,
    limit: int | None = None,
    show_plan: Callable[[Any], None] | None = None,
    ask: Callable[[Any], bool] | None = None,
) -> Suggestions | None:
    """Gather, score and rank candidates, and record the run. On a priced network the plan
    is shown first and `ask` decides (None: nobody can answer, so the estimate must be
    within max_cost); None if the person declined (nothing was read then)."""
    # As in the review (app/review.py): reading and scoring make many small objects and free
    # none, so the cyclic collector stays off throughout (with it on, its collections walked
    # the whole heap again and again: a third of the time at 50,000 candidates).
    with paused_gc():
        return _prepare(app, network, limit=limit, show_plan=show_plan, ask=ask)


def _prepare(
    app: App,
    network: Network,
    *,
    limit: int | None,
    show_plan: Callable[[Any], None] | None,
    ask: Callable[[Any], bool] | None,
) -> Suggestions | None:
    store = app.store
    now = app.now
    if getattr(network, "kept_in_store", True) and network.reads_live and not isinstance(
            network, PricedSuggestions):
        identity = sync_graph(store, network, now).identity
    else:
        identity = known_identity(app, network)
    graph = store.snapshots.load_graph(identity)
    if graph is None:
        raise InputError(f"nothing is known yet about your {network.name} follow list",
                         hint="run `prune sync` first")
    note_parked(store, identity, graph.accounts, graph.relationships, now)
    followed = {a.id for a in graph.accounts}
    parked = [p for p in store.parked.all(identity) if p.why == "silent"]
    # People who engaged with you and whose profile the store holds are candidates for free
    # on every network (an archive's replies and mentions, earlier lookups on X).
    engaged = engaged_you(graph, followed, identity.account_id)
    fans = [i for i in store.snapshots.followers_not_followed(identity) if i not in followed]
    stored = store.snapshots.find_accounts(identity, [*engaged, *fans])
    known = {a.id for a in stored if a.profile_known}
    request = SuggestionRequest(
        author_ids=tuple(i for i in engaged if i not in known),
        parked_ids=tuple(p.account_id for p in parked),
        mutuals=tuple(most_engaged_mutuals(graph, app.settings.suggest.mutuals_read,
                                           fill=not isinstance(network, PricedSuggestions))),
    )
    fan_ids = set(fans)
    candidates = [Candidate(account, follows_you=account.id in fan_ids) for account in stored]
    plan = usage = None
    if isinstance(network, PricedSuggestions):
        if ask is None or app.loaded.source_of((network.name, "max_cost")).startswith("flag"):
            refuse_below_first_read(network)
        plan = network.plan_suggestions(now, request)
        if show_plan is not None:
            show_plan(plan)
        if plan.estimate <= 0:
            budget = network.max_cost
        elif ask is None:
            budget = check_budget(plan, network.max_cost)
        else:
            if app.loaded.source_of((network.name, "max_cost")).startswith("flag"):
                check_budget(plan, network.max_cost)
            if not ask(plan):
                return None
            budget = confirmed_budget(plan)
        found, looked_up, usage = network.read_suggestions(plan, budget)
        candidates += found
    else:
        candidates += network.suggestion_candidates(request)
        looked_up = network.lookup([p.account_id for p in parked])
    record_lookup(store, identity, looked_up, now)
    returned = comebacks(store, identity)
    by_id = {a.id: a for a in looked_up}
    for back in returned:
        account = by_id.get(back.account_id) or store.snapshots.find_account(
            identity, back.account_id)
        if account is not None and back.account_id not in followed:
            candidates.append(Candidate(account))
    merged = merge_candidates(candidates, graph.interactions)
    policy = build_policy(app.settings, graph, network.persona())
    unfollowed = _unfollowed_by_you(app, identity)
    cap = limit if limit is not None else app.settings.suggest.limit
    ranking = rank_candidates(
        merged, policy, now, me_id=identity.account_id, followed=followed,
        unfollowed=unfollowed, comebacks={c.account_id: c for c in returned}, limit=cap)
    shown = ranking.shown
    run_id = store.runs.start(identity, "suggest", now)
    # Nothing is proposed for unfollowing: the suggestions are counted in the summary.
    store.runs.finish(run_id, followed=len(graph.accounts), proposed=0,
                      summary={"suggested": len(shown), "candidates": len(merged)})
    return Suggestions(
        run_id=run_id, identity=identity, network=network.name, suggestions=shown,
        considered=len(merged), ranked=ranking.ranked, left_out=ranking.left_out.most_common(),
        now=now,
        plan=plan, usage=usage,
        muted_comebacks=[c for c in returned if c.account_id in followed],
    )


def engaged_you(graph: Graph, followed: AbstractSet[str], me_id: str) -> list[str]:
    """Ids of the people you don't follow who engaged with you (replied, mentioned, quoted,
    reposted) or with whom you engaged (an archive's replies and mentions), the most recent
    first (a network that reads only so many of them reads the latest), then by id."""
    latest: dict[str, datetime | None] = {}
    for event in graph.interactions:
        account_id = event.account_id
        if account_id in followed or account_id == me_id:
            continue
        seen = latest.get(account_id)
        if account_id not in latest or (event.at is not None and (seen is None
                                                                   or event.at > seen)):
            latest[account_id] = event.at
    by_id = sorted(latest)
    # Stable even in reverse: equal times keep id order; undated ones go last.
    by_id.sort(key=lambda a: latest[a] or _UNDATED, reverse=True)
    return by_id


def most_engaged_mutuals(graph: Graph, count: int, *,
                         fill: bool = False) -> list[tuple[str, str, int]]:
    """(id, handle, following count) of the mutuals you engage with most, both ways. With
    `fill` (reads that cost nothing), mutuals with no known engagement fill the places left,
    in follow order: a network whose interactions are not read yet still has mutuals."""
    if count <= 0:
        return []
    mutual = {r.account_id for r in graph.relationships if r.follows_you}
    weight: dict[str, float] = {}
    for event in graph.interactions:
        if event.account_id in mutual:
            weight[event.account_id] = weight.get(event.account_id, 0.0) + KIND_WEIGHT[
                event.kind]
    accounts = {a.id: a for a in graph.accounts}
    order = sorted(weight, key=lambda a: (-weight[a], a))
    if fill:
        order += [r.account_id for r in graph.relationships
                  if r.follows_you and r.account_id not in weight]
    chosen = []
    for account_id in order:
        account = accounts.get(account_id)
        if account is None or account.state.dead or not account.following_count:
            continue
        chosen.append((account_id, account.handle, account.following_count))
        if len(chosen) == count:
            break
    return chosen


def merge_candidates(candidates: Iterable[Candidate],
                     stored: Iterable[Interaction] = ()) -> list[Candidate]:
    """One candidate an account, whatever number of sources named it; the engagement either
    way gathered from every source and the store, each event once."""
    merged: dict[str, Candidate] = {}
    for c in candidates:
        seen = merged.get(c.account.id)
        if seen is None:
            merged[c.account.id] = c
            continue
        account = c.account if (c.account.profile_known and not seen.account.profile_known
                                ) else seen.account
        merged[c.account.id] = Candidate(
            account=account,
            follows_you=seen.follows_you or c.follows_you,
            interactions=seen.interactions + c.interactions,
            engaged_by=tuple(dict.fromkeys(seen.engaged_by + c.engaged_by)),
            lists=tuple(dict.fromkeys(seen.lists + c.lists)),
            suggested_by_network=seen.suggested_by_network or c.suggested_by_network,
        )
    by_account: dict[str, list[Interaction]] = {}
    for event in stored:
        if event.account_id in merged:
            by_account.setdefault(event.account_id, []).append(event)
    out = []
    for account_id, c in merged.items():
        events = c.interactions + tuple(by_account.get(account_id, ()))
        if len(events) > 1:
            events = tuple({(e.kind, e.direction, e.source_id or id(e)): e
                            for e in events}.values())
        account = _active_when_posted(c.account, events)
        out.append(c if events is c.interactions and account is c.account else Candidate(
            account, c.follows_you, events, c.engaged_by, c.lists, c.suggested_by_network))
    return out


def _active_when_posted(account: Account, events: Iterable[Interaction]) -> Account:
    """`account`, last active no earlier than its latest post toward you (a reply, mention,
    quote or repost is a post): "last active: unknown" beside "replied to you 3 days ago" had
    contradicted itself (persona round 16), and the silence scored should be what is known."""
    posted = [e.at for e in events
              if e.direction is Direction.FROM_THEM and e.kind in _TOWARD_YOU and e.at]
    if not posted:
        return account
    latest = max(posted)
    known = account.last_active_at
    try:
        if known is not None and known >= latest:
            return account
    except TypeError:  # a naive moment beside an aware one: the profile's is kept
        return account
    return account.model_copy(update={"last_active_at": latest})


@dataclass(frozen=True)
class Ranking:
    shown: list[Suggestion]  # the best `limit` candidates, best first
    ranked: int  # how many were worth suggesting (not left out)
    left_out: Counter[str]  # why the others were left out


# A candidate's tie to you as the scoring sees it: followed (as if), following you or not,
# never muted, no first-seen moment. Scoring reads only these fields of a relationship, never
# its account id, so every candidate shares one of the two (a shown row gets its own, see
# `_own_relationship`): validating 50,000 pydantic models cost a twentieth of the ranking.
_AS_IF_FOLLOWED = {
    follows: Relationship(account_id="", you_follow=False, follows_you=follows)
    for follows in (False, True)
}


def rank_candidates(
    candidates: Sequence[Candidate],
    policy: ScoringPolicy,
    now: datetime,
    *,
    me_id: str,
    followed: AbstractSet[str],
    unfollowed: AbstractSet[str] = frozenset(),
    comebacks: dict[str, Comeback] | None = None,
    limit: int | None = None,
) -> Ranking:
    """Score every candidate as pruning would, as if followed; leave out those pruning
    would propose and those you already follow or unfollowed (unless they came back); rank
    the rest by score and connection and keep the best `limit` (all if None).

    Equal ranks are ordered as the scoring orders a list (dead first, then by keep score,
    then by handle regardless of case, then as given), spelled out here rather than taken
    from score_all's order. Only the rows kept become Suggestions: every candidate needs a
    rank, but a ranking of 50,000 shows 30."""
    back = comebacks or {}
    left_out: Counter[str] = Counter()
    kept: list[Candidate] = []
    for c in candidates:
        account_id = c.account.id
        if account_id == me_id:
            continue
        if account_id in followed:
            left_out["already followed"] += 1
        elif account_id in unfollowed and account_id not in back:
            left_out["unfollowed by you"] += 1
        elif c.account.state is AccountState.MEMORIAL:
            # Its owner has died: pruning never proposes it, and nor is it offered as
            # someone new to follow.
            left_out[MEMORIAL_GUARD] += 1
        else:
            kept.append(c)
    with paused_gc():
        shared = _AS_IF_FOLLOWED
        scores = score_all(
            [c.account for c in kept],
            [shared[bool(c.follows_you)] for c in kept],
            (e for c in kept for e in c.interactions),
            policy, now)
        # The scores hold the very Account objects given: their position says whose it is.
        position = {id(c.account): i for i, c in enumerate(kept)}
        worth: list[AccountScore] = []
        strengths: list[float] = []
        ranks: list[float] = []
        half_life = policy.half_life_days
        for score in scores:
            if score.proposed:
                left_out[leading_cause(score)] += 1
                continue
            candidate = kept[position[id(score.account)]]
            strength = connection_strength(candidate, back.get(candidate.account.id), now,
                                           half_life)
            worth.append(score)
            strengths.append(strength)
            ranks.append(SCORE_SHARE * score.keep + (1.0 - SCORE_SHARE) * strength)
        count = len(worth) if limit is None else min(limit, len(worth))
        chosen: Sequence[int] = range(len(worth))
        if count < len(worth):
            # Every rank at least the count-th best: the rows shown and any tied with the last.
            lowest = heapq.nlargest(count, ranks)[-1] if count else math.inf
            chosen = [i for i, rank in enumerate(ranks) if rank >= lowest]
        def tie_order(i: int) -> tuple[bool, float, str, int]:
            score = worth[i]
            return (not score.dead, score.keep, score.account.handle.lower(),
                    position[id(score.account)])

        order = _best_first(chosen, ranks, tie_order)[:count]
        shown = []
        for i in order:
            score = worth[i]
            candidate = kept[position[id(score.account)]]
            shown.append(Suggestion(_own_relationship(score), strengths[i], ranks[i], candidate,
                                    back.get(candidate.account.id)))
    return Ranking(shown, len(worth), left_out)


def _best_first(chosen: Sequence[int], ranks: Sequence[float],
                tie_order: Callable[[int], Any]) -> list[int]:
    """`chosen` by rank, highest first, equal ranks by `tie_order`: sorted by the float
    alone, then only each run of equal ranks by the tuple (a tuple per row would cost
    more than the rest of the sort)."""
    order = sorted(chosen, key=ranks.__getitem__, reverse=True)
    start = 0
    for end in range(1, len(order) + 1):
        if end == len(order) or ranks[order[end]] != ranks[order[start]]:
            if end - start > 1:
                order[start:end] = sorted(order[start:end], key=tie_order)
            start = end
    return order


def _own_relationship(score: AccountScore) -> AccountScore:
    """The score with a relationship naming its own account (see `_AS_IF_FOLLOWED`)."""
    shared = score.relationship
    return replace(score, relationship=Relationship(
        account_id=score.account.id, you_follow=False, follows_you=shared.follows_you))


def connection_strength(candidate: Candidate, comeback: Comeback | None, now: datetime,
                        half_life_days: float) -> float:
    """How strongly a candidate is tied to you, 0..1 (worked out for every candidate, so
    plain arithmetic; the words are made only for the rows shown, by `connection_ties`)."""
    if comeback is None and not (candidate.follows_you or candidate.interactions
                                 or candidate.engaged_by or candidate.lists
                                 or candidate.suggested_by_network):
        return 0.0  # most of a large set: no tie at all
    strength = COMEBACK if comeback is not None else 0.0
    if candidate.follows_you:
        strength += FOLLOWS_YOU
    if candidate.interactions:
        weight = 0.0
        for e in candidate.interactions:
            if e.direction is Direction.FROM_THEM and e.kind in _TOWARD_YOU:
                age = 0.0 if e.at is None else max(0.0, (now - e.at).total_seconds() / 86400)
                weight += KIND_WEIGHT[e.kind] * 0.5 ** (age / half_life_days)
        if weight:
            strength += ENGAGED_YOU * (1.0 - math.exp(-weight / 1.5))
        if any(e.direction is Direction.FROM_YOU for e in candidate.interactions):
            strength += YOU_ENGAGED
    if candidate.engaged_by:
        strength += CIRCLE * (1.0 - math.exp(-len(candidate.engaged_by) / 2.0))
    if candidate.lists:
        strength += IN_LISTS
    if candidate.suggested_by_network:
        strength += NETWORK_PICK
    return min(1.0, strength)


def connection_ties(candidate: Candidate, comeback: Comeback | None, now: datetime,
                    network_name: str) -> list[str]:
    """The ties of `connection_strength` in words, strongest kind first."""
    ties: list[str] = []
    if comeback is not None:
        ties.append(comeback.sentence(now))
    if candidate.follows_you:
        ties.append("follows you; you don't follow back")
    toward = [e for e in candidate.interactions
              if e.direction is Direction.FROM_THEM and e.kind in _TOWARD_YOU]
    if toward:
        counts = Counter(e.kind for e in toward)
        said = ", ".join(f"{_VERBS[k]} {_times(n)}" for k, n in counts.most_common())
        last = max((e.at for e in toward if e.at is not None), default=None)
        ties.append(said + (f" (last {ago(last, now)})" if last is not None else ""))
    mine = Counter(e.kind for e in candidate.interactions
                   if e.direction is Direction.FROM_YOU and e.kind in _YOUR_VERBS)
    if mine:
        ties.append(", ".join(f"{_YOUR_VERBS[k]} {_times(n)}" for k, n in mine.most_common()))
    if candidate.engaged_by:
        n = len(candidate.engaged_by)
        names = ", ".join(f"@{h}" for h in candidate.engaged_by[:3])
        more = f" and {n - 3} more" if n > 3 else ""
        who = "1 person" if n == 1 else f"{n} people"
        ties.append(f"followed or engaged by {who} you engage with: {names}{more}")
    if candidate.lists:
        ties.append(f"in {'a list' if len(candidate.lists) == 1 else 'lists'} you follow: "
                    + ", ".join(candidate.lists))
    if candidate.suggested_by_network:
        ties.append(f"suggested by {network_name}")
    return ties


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def suggestion_reasons(suggestion: Suggestion, now: datetime, network_name: str,
                       limit: int = REASONS_SHOWN) -> list[str]:
    """The ties first, then what the score finds in the account's favour (its interaction
    part is left out: the ties already say it in full)."""
    found = connection_ties(suggestion.candidate, suggestion.comeback, now, network_name)
    if len(found) < limit:
        favour = sorted(
            ((reason.push, reason.text)
             for name, component in suggestion.score.components.items()
             if name != "interaction"
             for reason in component.reasons_toward(True)),
            key=lambda r: -r[0])
        found += [text for _, text in favour]
    return found[:limit]


def _unfollowed_by_you(app: App, identity: Identity) -> set[str]:
    """Accounts you unfollowed and did not follow again: not put to you again, unless they
    came back from silence."""
    journal = app.store.journal
    undone = journal.undone(identity)
    latest: dict[str, ActionKind] = {}
    for record in journal.actions(identity):
        if record.phase == "failed" or record.kind not in (ActionKind.FOLLOW,
                                                           ActionKind.UNFOLLOW):
            continue
        if record.id in undone:
            continue
        latest[record.account_id] = record.kind
    return {a for a, kind in latest.items() if kind is ActionKind.UNFOLLOW}


# -- following what the person chose -----------------------------------------------------------

@dataclass(frozen=True)
class FollowCap:
    allowed: int  # follows (or unmutes) left in the last 24 hours under the cap
    per_day: int


def follow_cap(app: App, identity: Identity,
               kind: ActionKind = ActionKind.FOLLOW) -> FollowCap:
    """What is left today of [suggest] follows_per_day for `kind`: follows, or unmutes,
    each counted on its own against the same figure (an unmute makes no noise on the
    network, but a burst of them is as much a decision made in haste)."""
    per_day = app.settings.suggest.follows_per_day
    used = app.store.journal.count_done(identity, {kind}, app.now - DAY)
    return FollowCap(max(0, per_day - used), per_day)


def follow_chosen(
    app: App,
    network: Network,
    suggestions: Suggestions,
    chosen: Sequence[Suggestion],
    callbacks: ActingCallbacks | None = None,
) -> ApplyResult:
    """Follow exactly the suggestions the person picked, under the run lock: journaled,
    paced and capped like every action, and at most [suggest] follows_per_day follows in
    any 24 hours (every follow counts, an undo's too: it is what the network sees)."""
    identity = suggestions.identity
    with run_lock(app.paths.lock_file, reentrant=True):
        plan = [PlannedAction(s.account.id, s.account.handle, ActionKind.FOLLOW)
                for s in chosen]
        allowed = follow_cap(app, identity).allowed
        # Known before the follow, so the review and `explain` see the account at once.
        app.store.snapshots.save_profiles(identity, [s.account for s in chosen[:allowed]],
                                          app.now)
        result = _capped(app, network, suggestions, plan, ActionKind.FOLLOW, callbacks)
        app.store.parked.forget(identity, [o.action.account_id for o in result.done])
    return result


def unmute_chosen(
    app: App,
    network: Network,
    suggestions: Suggestions,
    chosen: Sequence[Comeback],
    callbacks: ActingCallbacks | None = None,
) -> ApplyResult:
    """Unmute exactly the muted comebacks the person picked, as `follow_chosen` follows:
    journaled, paced, capped ([suggest] follows_per_day unmutes in any 24 hours) and
    undoable (`prune undo` mutes them again). They stay parked until the next sync or
    suggest sees them unmuted, so an undo before then leaves them parked as they were."""
    plan = [PlannedAction(c.account_id, c.parked.handle, ActionKind.UNMUTE) for c in chosen]
    with run_lock(app.paths.lock_file, reentrant=True):
        return _capped(app, network, suggestions, plan, ActionKind.UNMUTE, callbacks)


def _capped(app: App, network: Network, suggestions: Suggestions,
            plan: list[PlannedAction], kind: ActionKind,
            callbacks: ActingCallbacks | None) -> ApplyResult:
    """Carry out what the daily cap for `kind` allows of `plan`; the rest is reported as not
    attempted, with why."""
    cap = follow_cap(app, suggestions.identity, kind)
    allowed, over = plan[:cap.allowed], plan[cap.allowed:]
    runs = app.store.runs
    earlier = runs.get(suggestions.run_id)
    result = carry_out(app, network, suggestions.identity, suggestions.run_id, allowed,
                       callbacks)
    if over:
        result.not_attempted = list(result.not_attempted) + over
        result.stopped_because = result.stopped_because or (
            f"daily {kind.value} cap of {cap.per_day} reached ([suggest] follows_per_day)")
        runs.update_summary(suggestions.run_id, not_attempted=len(result.not_attempted),
                            stopped_because=result.stopped_because)
    # One suggest run may unmute, then follow: carry_out counted only its own actions, so
    # what an earlier batch of the run counted is added back.
    before = earlier.summary if earlier is not None else {}
    if "done" in before:
        runs.update_summary(suggestions.run_id, **{
            key: before.get(key, 0) + len(getattr(result, key))
            for key in ("done", "failed", "not_attempted")})
    return result
