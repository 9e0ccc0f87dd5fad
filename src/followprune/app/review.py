"""Score the follow list and decide what to propose."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from followprune.app.actions import PlannedAction
from followprune.app.context import App
from followprune.app.stream import StreamView, budget_proposals, with_stream_rates
from followprune.app.sync import SyncReport, sync_graph
from followprune.components import component_spec, component_specs
from followprune.config import Settings
from followprune.errors import InputError
from followprune.logs import FILE_ONLY
from followprune.models import Account, ActionKind, Graph
from followprune.networks.base import Network, Persona, relationships_with_followers
from followprune.paths import Paths, resolve_paths
from followprune.scoring.blend import AccountScore, ScoringPolicy, score_all
from followprune.scoring.components import hold_frozen, paused_gc, release_frozen
from followprune.scoring.facts import quality_faults
from followprune.scoring.geography import (
    Place,
    describe_place,
    resolve_setting,
    setting_area,
    wider_than_written,
)
from followprune.scoring.relevance import InterestProfile
from followprune.scoring.semantic import load_model, stderr_notice
from followprune.store import Identity
from followprune.store.runs import ScoreRow

if TYPE_CHECKING:
    from followprune.app.streamed import RestLine, RestOfList
    from followprune.networks.file import FileNetwork

_PROPOSED = attrgetter("proposed")
# The most reasons any output shows (JSON and CSV); tables and the store show fewer, and
# AccountScore.reasons(n) is always the first n of reasons(REASONS_SHOWN).
REASONS_SHOWN = 5


@dataclass
class Review:
    run_id: int
    identity: Identity
    network: str
    scores: list[AccountScore]  # every followed account, worst first
    proposals: list[AccountScore]  # what is put to the person, after --limit
    threshold: float
    sync: SyncReport | None = None
    missing: list[str] = field(default_factory=list)  # components with no data
    # The moment the scores are as of, when it is not now (a file captured earlier), and
    # whether --as-of gave it (else the file said when it was captured).
    as_of: datetime | None = None
    as_of_given: bool = False
    skipped: int = 0  # bad lines of a --from file left out with --skip-bad
    # Rows the person took out at the review prompt: `skip` (this time) and `keep` (from now
    # on). `proposals` no longer holds them; the summaries say what is left to act on.
    skipped_at_prompt: int = 0
    kept_at_prompt: int = 0
    repeated: int = 0  # users of a --from file met again (same id), scored once
    stream: StreamView = field(default_factory=StreamView)  # issue 12: the timeline estimate
    # Reasons are the costliest part of a score to word out; each account's are worked out
    # at most once a run, by whichever output asks first.
    _reasons: dict[str, list[str]] = field(default_factory=dict, repr=False)
    # A list scored a chunk at a time (app/streamed.py): `scores` holds the proposals only,
    # `followed` counts every account, and `rest` gives every account in rank order when
    # the output shows them all.
    followed: int | None = None
    rest: RestOfList | None = None

    @property
    def followed_total(self) -> int:
        return len(self.scores) if self.followed is None else self.followed

    @property
    def set_aside(self) -> str | None:
        """"1 skipped this time, 2 kept from now on": the rows taken out at the prompt, or
        None when none were."""
        parts = []
        if self.skipped_at_prompt:
            parts.append(f"{self.skipped_at_prompt:,} skipped this time")
        if self.kept_at_prompt:
            parts.append(f"{self.kept_at_prompt:,} kept from now on")
        return ", ".join(parts) or None

    @property
    def as_of_source(self) -> str:
        """Where the moment the scores are as of came from, in words."""
        return "the moment --as-of gave" if self.as_of_given else "when the file was captured"

    def reasons(self, score: AccountScore, limit: int = REASONS_SHOWN) -> list[str]:
        """`score.reasons(limit)`, worked out once; any limit up to REASONS_SHOWN.

        Only proposals are remembered: they are the accounts more than one output asks
        about (the store, the table, the export); remembering every account's would hold
        ~0.4 KB an account until the run ends."""
        key = score.account.id
        found = self._reasons.get(key)
        if found is None:
            found = score.reasons(limit=REASONS_SHOWN)
            if self.stream.budget is not None:  # issue 12: a budget pick says so first
                found = self.stream.with_budget_reason(score.account.id, found)
            if score.proposed:
                self._reasons[key] = found
        return found[:limit]

    def why(self, score: AccountScore, limit: int = REASONS_SHOWN) -> list[str]:
        """The reasons as a person reads them (tables, HTML): `reasons`, and for a proposal
        of someone who follows you back, that too, last. Unfollowing a mutual may cost the
        follow back, and the case against an account shows none of what is for it; the
        machine outputs carry `follows_you` as a field of its own."""
        found = self.reasons(score, limit)
        if score.proposed and score.relationship.follows_you and not score.dead:
            found = [*found, "but follows you back"]
        return found

    @property
    def proposed_total(self) -> int:
        # Counted in C (`proposed` is a bool): asked three times a run (the store, the JSON,
        # the note), ~15 ms each at 100,000 accounts as a generator.
        return list(map(_PROPOSED, self.scores)).count(True)

    def why_counts(self) -> list[tuple[str, int]]:
        """How many of all proposed accounts (not only those shown) each leading cause
        accounts for, most common first, so the counts add up to the total in the summary."""
        return Counter(leading_cause(s) for s in self.scores if s.proposed).most_common()


def plan_actions(review: Review, actions: Sequence[ActionKind]) -> list[PlannedAction]:
    """The actions for the rows the person confirmed, `actions[i]` for proposal i. A moved
    account that is unfollowed has its new address followed right after, in the same run
    (journaled, capped and paced like the rest, and undone together), unless it is followed
    already: Mastodon moves most followers by itself."""
    followed = {score.account.id for score in review.scores}
    plan: list[PlannedAction] = []
    for score, kind in zip(review.proposals, actions, strict=True):
        account = score.account
        plan.append(PlannedAction(account.id, account.handle, kind))
        new = account.moved_to_id
        if kind is ActionKind.UNFOLLOW and new and new not in followed:
            plan.append(PlannedAction(new, account.moved_to, ActionKind.FOLLOW))
            followed.add(new)
    return plan


def moves(review: Review) -> int:
    """Proposals whose unfollow would also follow a new address."""
    followed = {score.account.id for score in review.scores}
    return sum(1 for s in review.proposals
               if s.account.moved_to_id and s.account.moved_to_id not in followed)


def leading_cause(score: AccountScore) -> str:
    """The one word-group a summary line counts this proposal under: the account's own fault
    when it has one (a proposal mostly needs one), else its weakest component's cause."""
    if score.dead:
        return "dead"
    if score.relationship.blocks_you or score.relationship.blocked:
        return "blocked"
    if "quality" in score.components:
        faults = quality_faults(score.components["quality"])
        penalties = {
            "bot-like or follower-seeking": faults.bot,
            "silent": faults.silence,
            "posting too much": faults.volume,
        }
        worst_fault = max(penalties, key=lambda cause: penalties[cause])
        if penalties[worst_fault] > 0.0:
            return worst_fault
    worst = min(score.components, key=lambda name: score.components[name].value)
    return component_spec(worst).cause


def build_policy(
    settings: Settings, graph: Graph, persona: Persona | None,
    kept: Mapping[str, str] | None = None, *, paths: Paths | None = None,
) -> ScoringPolicy:
    """Turn settings (plus the demo persona, where the user set nothing) and the stored
    keep-list (account id -> why) into a policy.

    With `[interests] semantic` on, the semantic model is loaded here (fetched into the cache
    of `paths` on first use), so a model that cannot be had stops the run before any scoring."""
    interests = settings.interests
    semantic = None
    if interests.semantic:
        cache = (paths or resolve_paths()).model_cache_dir
        semantic = load_model(interests.semantic_model, cache, _note_fetch)
    keywords = tuple(interests.keywords) or (persona.interests if persona else ())
    home = tuple(settings.geography.home) or (persona.home if persona else ())
    regions = tuple(settings.geography.regions) or (persona.regions if persona else ())
    homes = _setting_places(home, "geography.home")
    return ScoringPolicy(
        weights=weights_in_force(settings),
        engagement_known=bool(graph.interactions),
        threshold=settings.proposals.threshold,
        keep_handles=frozenset(h.lower().removeprefix("@") for h in settings.proposals.keep),
        kept=dict(kept or {}),
        keep_mutuals=settings.proposals.keep_mutuals,
        keep_verified=settings.proposals.keep_verified,
        keep_places=_setting_places(settings.proposals.keep_places, "proposals.keep_places",
                                    homes),
        grace_days=settings.proposals.grace_days,
        protect_engaged_mutuals_days=settings.proposals.protect_engaged_mutuals_days,
        half_life_days=settings.interaction.half_life_days,
        interests=InterestProfile(
            keywords=keywords,
            own_bio=graph.me.bio if interests.use_own_bio else "",
            own_posts=tuple(graph.my_posts) if interests.use_own_posts else (),
            semantic=semantic,
        ),
        home=homes,
        regions=_setting_places(regions, "geography.regions", homes),
    )


def _note_fetch(message: str) -> None:
    # A one-off download of hundreds of MB must not look like a hang, in cron mail too.
    logging.getLogger("followprune").info(message, extra=FILE_ONLY)
    stderr_notice(message)


def weights_in_force(settings: Settings) -> dict[str, float]:
    """The weight of every registered component: as configured, else its default."""
    configured = settings.weights.model_dump()
    return {spec.name: float(configured.get(spec.name, spec.weight))
            for spec in component_specs()}


# The settings that name places, as `build_policy` reads them.
PLACE_SETTINGS = (("geography", "home"), ("geography", "regions"), ("proposals", "keep_places"))


def place_settings(settings: Settings) -> list[tuple[str, str, Place]]:
    """Every place a setting names, as (key, text, place) in the order of PLACE_SETTINGS;
    raises the review's own InputError for one it cannot read, so `prune config show`
    refuses what a run would."""
    found: list[tuple[str, str, Place]] = []
    for section, name in PLACE_SETTINGS:
        key = f"{section}.{name}"
        # Home comes first, so the others read "Vic" as its state (Victoria to a Melburnian).
        homes = [place for k, _, place in found if k == "geography.home"]
        for text in getattr(getattr(settings, section), name):
            found += ((key, text, place) for place in _setting_places((text,), key, homes))
    return found


def _setting_places(texts: Sequence[str], key: str,
                    homes: Sequence[Place] = ()) -> tuple[Place, ...]:
    """The places a setting's texts name, each area ("Midwest", "関西") as all its parts."""
    return tuple(_setting_place(part, key, homes)
                 for text in texts for part in setting_area(text) or (text,))


def _setting_place(text: str, key: str, homes: Sequence[Place] = ()) -> Place:
    """A place setting read as a run reads it: regions and keep_places with the home, so a
    home country's region abbreviated ("Vic", "NSW" in Australia) is that region."""
    place = resolve_setting(text, homes)
    if not place.known:
        raise InputError(
            f"{key}: {text!r} is not a place followprune knows",
            hint="use a country code (DE), a region code (US-OH), a country, region or city"
                 " name; check with `prune locate`. In the environment a list is split at"
                 " commas: write a place with a comma as a JSON list, e.g. '[\"Portland, OR\"]'",
        )
    if wider_than_written(text, place):
        # Refused, not widened: "Dolomiti" read as all of Italy had made Rome one of the
        # user's regions, and as keep_places would guard every account in Italy.
        country = describe_place(place)
        raise InputError(
            f"{key}: {text!r} is an area followprune knows only as part of {country};"
            f" it would count as all of {country}",
            hint=f"write {country!r} (or its code, {place.country}) if you mean all of it,"
                 " else the region(s) or cities it lies in (a region code such as DE-BY,"
                 " or a name); check with `prune locate`",
        )
    return place


def score_graph(
    app: App, identity: Identity, graph: Graph, persona: Persona | None,
    as_of: datetime | None = None,
) -> list[AccountScore]:
    """Score `graph` as of `as_of` (a file's capture time), else now."""
    kept = {e.account_id: _kept_because(e.note) for e in app.store.keeps.entries(identity)}
    policy = build_policy(app.settings, graph, persona, kept, paths=app.paths)
    return score_all(graph.accounts, graph.relationships, graph.interactions, policy,
                     as_of or app.now)


def file_network(
    app: App, path: Path, *, skip_bad: bool = False, as_of: datetime | None = None
) -> Network:
    """The network of a `--from` file, read as of `as_of` (else its own capture time)."""
    from followprune.networks.file import FileNetwork

    if as_of is not None and as_of > app.now:
        raise InputError(f"--as-of {as_of:%Y-%m-%d %H:%M} is in the future",
                         hint="give the date the file was exported")
    network = app.network("file", source_file=path)
    assert isinstance(network, FileNetwork)
    network.skip_bad = skip_bad
    network.as_of = as_of
    return network


def prepare_review(
    app: App, network: Network, *, mode: str, limit: int | None = None, sync: bool = True,
    streamed: bool = False, rest_line: RestLine | None = None,
) -> Review:
    """Sync (when asked), score every followed account, record the run and its proposals.

    `streamed`: the output only writes the review (no table to browse), so a `--from` file
    may be scored a chunk at a time (app/streamed.py); `rest_line` then makes the output
    line of each account that is not proposed, when the output shows every account."""
    store = app.store
    report = None
    if getattr(network, "kept_in_store", True) and sync and network.reads_live:
        report = sync_graph(store, network, app.now)
    # Reading and scoring build millions of small objects and free none: the cyclic collector
    # is kept off from the first to the last (scoring pauses it too, but the first collection
    # after each pause walked everything made during it: 0.3 s at 100,000 accounts). What is
    # left then lives until the command ends, so it is frozen out of later collections, which
    # would otherwise walk it again and again while the output is written.
    # An earlier review in the same process (tests, a long-lived caller) is let go of first.
    release_frozen()
    with paused_gc():
        review = _score_and_record(app, network, report, mode=mode, limit=limit,
                                   streamed=streamed, rest_line=rest_line)
        hold_frozen()
    return review


def _score_and_record(
    app: App, network: Network, report: SyncReport | None, *, mode: str, limit: int | None,
    streamed: bool = False, rest_line: RestLine | None = None,
) -> Review:
    store = app.store
    as_of: datetime | None = None
    skipped = repeated = 0
    cap = limit if limit is not None else app.settings.proposals.limit
    if streamed and not getattr(network, "kept_in_store", True):
        from followprune.networks.file import FileNetwork

        assert isinstance(network, FileNetwork)
        review = _in_chunks(app, network, cap, rest_line)
        if review is not None:
            return _record(app, review, mode)
    if not getattr(network, "kept_in_store", True):
        # A file is scored where it is read: a copy in the store would cost more than the
        # scoring, and nothing later reads it back (explain and undo need a real network).
        graph = read_whole(network)
        me = graph.me
        identity = store.identity(network.name, me.id, me.handle)
        as_of = getattr(network, "captured_at", None)
        skipped = int(getattr(network, "skipped", 0))
        repeated = int(getattr(network, "repeated", 0))
    else:
        identity = report.identity if report else known_identity(app, network)
        stored = store.snapshots.load_graph(identity)
        if stored is None:
            raise InputError(f"nothing is known yet about your {network.name} follow list",
                             hint="run `prune sync` first")
        graph = stored
    # Issue 12: measured recent rates go on the accounts before scoring (over-posting).
    graph, stream = with_stream_rates(store, identity, graph, as_of or app.now)
    scores = score_graph(app, identity, graph, network.persona(), as_of)
    if app.settings.proposals.stream_budget > 0:
        scores = budget_proposals(scores, stream, app.settings.proposals.stream_budget, cap)
    proposals = [s for s in scores if s.proposed][:cap]
    review = Review(
        run_id=0,
        identity=identity,
        network=network.name,
        scores=scores,
        proposals=proposals,
        threshold=app.settings.proposals.threshold,
        sync=report,
        missing=_missing_components(graph.accounts, graph.interactions == []),
        as_of=as_of,
        as_of_given=getattr(network, "as_of", None) is not None,
        skipped=skipped,
        repeated=repeated,
        stream=stream,
    )
    return _record(app, review, mode)


def _record(app: App, review: Review, mode: str) -> Review:
    """The run and its proposals, in the store."""
    store, identity = app.store, review.identity
    run_id = store.runs.start(identity, mode, app.now)
    # Only proposals are kept per run: they are what cooling-off and history read; the
    # run's counts live on the run itself.
    store.runs.save_scores(run_id, (_row(s, review) for s in review.scores if s.proposed))
    store.runs.finish(run_id, followed=review.followed_total,
                      proposed=review.proposed_total)
    review.run_id = run_id
    kept = app.settings.store
    store.runs.apply_retention(identity, kept.keep_runs, kept.keep_days, app.now,
                               min_hours=app.settings.auto.cooling_off_hours)
    return review


def _in_chunks(
    app: App, network: FileNetwork, cap: int, rest_line: RestLine | None
) -> Review | None:
    """A `--from` file scored a chunk at a time, or None when it must be scored whole."""
    # Imported here: only a file read for an output pays for it.
    from followprune.app.streamed import score_in_chunks, streamable

    me = network.whoami()
    identity = app.store.identity(network.name, me.id, me.handle)
    if not streamable(app, identity, network):
        return None
    kept = {e.account_id: _kept_because(e.note) for e in app.store.keeps.entries(identity)}
    # What the policy reads of a graph: whose list it is and their posts.
    owner = Graph.model_construct(me=me, accounts=[], relationships=[], interactions=[],
                                  my_posts=network.my_posts())
    policy = build_policy(app.settings, owner, network.persona(), kept)
    found = score_in_chunks(app, network, identity, policy, rest_line)
    if found is None:
        return None
    missing = []
    if found.followed and not found.any_profile:
        missing += [_NEUTRAL.format(spec.name) for spec in component_specs()
                    if spec.needs_profile]
    if not list(network.interactions()):
        missing.append(NO_ENGAGEMENT)
    return Review(
        run_id=0,
        identity=identity,
        network=network.name,
        scores=found.scores,
        proposals=found.scores[:cap],
        threshold=app.settings.proposals.threshold,
        missing=missing,
        as_of=network.captured_at,
        as_of_given=network.as_of is not None,
        skipped=network.skipped,
        repeated=network.repeated,
        stream=found.stream,
        followed=found.followed,
        rest=found.rest,
    )


def read_whole(network: Network) -> Graph:
    """Read a network that is not kept in the store, straight into a graph.

    Nothing is validated twice: the accounts were checked as they were read, so the graph
    is assembled without pydantic walking a list of a million models again."""
    me = network.whoami()
    # Reading makes a few containers per account and frees none: the cyclic collector would
    # walk the growing heap again and again (half the reading time at 100,000 accounts).
    with paused_gc():
        pairs = list(network.following())
    return Graph.model_construct(
        me=me,
        accounts=[a for a, _ in pairs],
        relationships=relationships_with_followers(pairs, network.followers()),
        interactions=list(network.interactions()),
        my_posts=network.my_posts(),
    )


def _kept_because(note: str) -> str:
    """The guard a stored keep shows: a restore says so, the person's own keep is the
    keep-list."""
    return note if note.startswith("restored by undo") else "on your keep-list"


def known_identity(app: App, network: Network) -> Identity:
    """The stored account a read from the store works on (review, suggest), or InputError."""
    identity = app.store.stored_identity(network.name, app.account)
    if identity is None:
        raise InputError(f"nothing is known yet about your {network.name} follow list",
                         hint="run `prune sync` first")
    return identity


# What a review says of data no account has, one sentence each (the table's notes, HTML).
_NEUTRAL = "{} is scored neutral for every account"
NO_ENGAGEMENT = ("no engagement history (replies, mentions, likes either way): interaction is"
                 " scored on follow-back alone, and no reason claims engagement either way")


def _missing_components(accounts: list[Account], no_interactions: bool) -> list[str]:
    missing = []
    if accounts and not any(a.profile_known for a in accounts):
        missing += [_NEUTRAL.format(spec.name) for spec in component_specs()
                    if spec.needs_profile]
    if no_interactions:
        missing.append(NO_ENGAGEMENT)
    return missing


def _row(score: AccountScore, review: Review) -> ScoreRow:
    return ScoreRow(
        account_id=score.account.id,
        handle=score.account.handle,
        keep=round(score.keep, 4),
        components={n: round(c.value, 4) for n, c in score.components.items()},
        proposed=score.proposed,
        reasons=review.reasons(score, 3),
    )
