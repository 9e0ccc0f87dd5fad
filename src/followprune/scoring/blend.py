"""The keep score: components blended by weight, guards applied, proposals decided.

Pure: the same graph, policy and moment always give the same scores.
"""

from __future__ import annotations

import math
import pickle
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from operator import itemgetter
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from followprune.components import ComponentSpec, component_names, component_specs
from followprune.config import DEFAULT_THRESHOLD
from followprune.models import Account, AccountState, Direction, Interaction, Relationship
from followprune.scoring.components import (
    Chunking,
    Component,
    Reason,
    chunking_of,
    packing_of,
    paused_gc,
)
from followprune.scoring.context import ScoringContext
from followprune.scoring.documents import TextsMadeWhenRead
from followprune.scoring.forked import PARALLEL_FROM, PARALLEL_UP_TO, Child, can_fork
from followprune.scoring.geography import (
    Place,
    best_reading,
    describe_setting,
    geography_confidence,
    geography_score,
    located_in,
    location_of,
    resolve_location,
)
from followprune.scoring.quality import (
    DEFAULT_TYPICAL_POSTS_PER_DAY,
    GONE_PENALTY,
    bot_score,
    silence_penalty,
    typical_part,
)
from followprune.scoring.relevance import InterestProfile
from followprune.scoring.wording import ago, days_ago

# The registered components' names when this module was imported; code that must see a
# component registered later (a plugin, a test) calls component_names().
COMPONENTS = component_names()
# Muting was the person's decision: the review does not put the account to them again
# unless something new happens (it is gone, or an automatic rule matches it).
NOTHING_AGAINST = "nothing known for or against it"
MUTED_GUARD = "muted by you: proposed again only if it is gone or a rule matches"
# The account of someone who has died (Mastodon's `memorial`): proposing to unfollow it, or
# calling it gone, would hurt, so it is guarded before anything else and no rule sees past it.
MEMORIAL_GUARD = "memorial account (in memoriam)"
_MEMORIAL = AccountState.MEMORIAL
_UNKNOWN_PROFILE = Component(
    0.5, (Reason("profile not read yet, so this part is neutral", 0.0),), {"profile_known": False}
)


@dataclass(frozen=True)
class ScoringPolicy:
    weights: Mapping[str, float]
    threshold: float
    keep_handles: frozenset[str] = frozenset()  # lower case, without '@'
    # The stored keep-list: account id -> why it is kept ("restored by undo of run 4").
    kept: Mapping[str, str] = field(default_factory=dict)
    keep_mutuals: bool = False
    keep_verified: bool = False
    keep_places: tuple[Place, ...] = ()
    grace_days: int = 30
    protect_engaged_mutuals_days: int = 180
    half_life_days: float = 90.0
    interests: InterestProfile = field(default_factory=lambda: InterestProfile(keywords=()))
    home: tuple[Place, ...] = ()
    regions: tuple[Place, ...] = ()
    # False when there is no engagement history at all (a --from file, a first read without
    # likes or mentions): then no reason may claim that nobody engaged.
    engagement_known: bool = True


@dataclass(frozen=True, slots=True)
class AccountScore:
    account: Account
    relationship: Relationship
    components: Mapping[str, Component]
    keep: float
    proposed: bool
    dead: bool
    guard: str | None  # why this account is never proposed, if it is protected

    def reasons(self, limit: int = 3) -> list[str]:
        """The strongest reasons, in the direction of the verdict: against keeping for a
        proposal, for keeping otherwise; a kept account with nothing in its favour shows
        its strongest reasons of either kind, so no row is left unexplained."""
        if self.account.state is _MEMORIAL:
            # Its guard alone: "silent for 3 years" or "never engaged with you" beside it
            # would be true, and unkind, and change nothing.
            return [MEMORIAL_GUARD][:limit]
        parts = self.components.values()
        # Only the side the verdict shows is worded (see Component.reasons_toward); both
        # sides only for a kept account with no reason in its favour. Filtering then sorting
        # stably keeps the order sorting the whole list then filtering would give; a reverse
        # sort is stable too, so it orders as sorting by the negated push did.
        side = not self.proposed
        weighted = [reason for component in parts for reason in component.reasons_toward(side)]
        if self.proposed:
            weighted.sort(key=_PUSH)
        elif weighted:
            weighted.sort(key=_PUSH, reverse=True)
        else:
            # Nothing argues for keeping, so every reason that moves the value argues
            # against: those are each component's other side, worded without the neutral
            # ones and in the order of its reasons, as filtering them all would give.
            weighted = sorted(
                (reason for component in parts for reason in component.reasons_toward(False)),
                key=_strength,
            )
        if self.proposed and self.account.state.dead:
            # A deleted or suspended account is proposed for that alone; "doesn't follow you
            # back" beside it is true of every dead account and says nothing (persona round
            # 13 called it noise).
            limit = 1
        texts = [reason.text for reason in weighted[:limit]]
        if self.guard and not self.proposed:
            texts.insert(0, self.guard)
        if not texts:
            # Nothing is known either way (no interests, no home, no history, a plain
            # profile): said, so no row is left without a word.
            texts.append(NOTHING_AGAINST)
        return texts[:limit]


# A Reason's push, read in C: the sort key of every row's reasons.
_PUSH = itemgetter(1)


def _strength(reason: Reason) -> float:
    return -abs(reason.push)


def score_all(
    accounts: Sequence[Account],
    relationships: Sequence[Relationship],
    interactions: Iterable[Interaction],
    policy: ScoringPolicy,
    now: datetime,
) -> list[AccountScore]:
    """Score every followed account with every registered component; worst first."""
    by_account: dict[str, list[Interaction]] = defaultdict(list)
    for event in interactions:
        by_account[event.account_id].append(event)
    specs = component_specs()
    context = ScoringContext(accounts, relationships, by_account, policy, now)
    with paused_gc():
        def guards() -> list[str | None]:
            return [_guard(account, rel, by_account.get(account.id, ()), policy, now)
                    for account, rel in zip(accounts, relationships, strict=True)]

        columns, guarded = _columns(specs, context, guards)
        for n, (spec, scored) in enumerate(zip(specs, columns, strict=True)):
            if spec.needs_profile:
                # Also a fresh list: holding on to what the scorers returned instead (skipping
                # this when every profile is known) cost 12 MB more at peak for 100,000.
                columns[n] = profiled(accounts, scored, True)
        rows: list[_Row] = list(zip(accounts, relationships, zip(*columns, strict=True),
                                    guarded, strict=True))
        floors = _floors(rows, len(specs))
        return _worst_first(_scores(rows, specs, policy, floors))


def profiled(accounts: Sequence[Account], column: Sequence[Component],
             needs_profile: bool) -> Sequence[Component]:
    """A component's column as the blend takes it: neutral for an account whose profile was
    never read, when the component needs one."""
    if not needs_profile:
        return column
    return [c if a.profile_known else _UNKNOWN_PROFILE
            for a, c in zip(accounts, column, strict=True)]


def _scores(rows: Sequence[_Row], specs: Sequence[ComponentSpec], policy: ScoringPolicy,
            floors: Sequence[float]) -> list[AccountScore]:
    """Each row blended, capped and floored, and its verdict, in the order of `rows`."""
    names = tuple(spec.name for spec in specs)
    index = {name: i for i, name in enumerate(names)}
    weights = tuple(policy.weights.get(spec.name, spec.weight) for spec in specs)
    total = sum(weights)
    quality_at = index.get("quality")
    scores = []
    threshold = policy.threshold
    # sound_floor(q, keep) <= DEFAULT_THRESHOLD + _FLOOR_SLOPE * keep, below keep from here.
    floor_reach = DEFAULT_THRESHOLD / (1.0 - _FLOOR_SLOPE)
    with paused_gc():
        blended = _blends(rows, weights, floors, total)
        for (account, rel, parts, guard), keep in zip(rows, blended, strict=True):
            if quality_at is not None:
                quality = parts[quality_at]
                # The floor can only matter for an account above doubtful quality whose blend
                # is below where the floor tops out; a cheap test spares most accounts.
                if quality.value > DOUBTFUL_QUALITY and keep < floor_reach:
                    keep = max(keep, sound_floor(quality.value, keep))
                bot = bot_score(quality)
                if bot > CLEAR_BOT:
                    keep = min(keep, clear_bot_cap(bot, threshold))
                silence = silence_penalty(quality)
                if silence >= GONE_PENALTY:
                    keep = min(keep, gone_cap(silence, threshold))
            # An account without a profile is scored neutral, even if its state says gone.
            dead = account.profile_known and account.state.dead
            # A moved account is proposed like a dead one: the person is elsewhere now; and
            # so is one behind a block, which shows you nothing, and one the network's
            # moderation labelled (spam, impersonation), whatever credits its profile earns.
            proposed = guard is None and (dead or bool(account.moved_to) or rel.blocks_you
                                          or rel.blocked or bool(account.moderation)
                                          or keep < threshold)
            scores.append(AccountScore(account, rel, _Components(names, index, parts), keep,
                                       proposed, dead, guard))
    return scores


@dataclass(frozen=True)
class ListFigures:
    """What scoring any chunk of a list needs to know about the whole list: each component's
    list-wide figures (see `Chunking`) and the blend's floors."""

    specs: tuple[ComponentSpec, ...]
    figures: tuple[object, ...]  # in the order of `specs`
    floors: tuple[float | None, ...]  # None: never read (see Chunking.weakest)
    followed: int  # accounts in the list


class WholeListNeeded(Exception):
    """A chunk's verdict needs a list-wide figure the first pass did not gather (a floor it
    took to be never read): the list must be scored whole."""


class ListSurvey:
    """A list's figures gathered a chunk at a time, in list order (the first of two passes
    over a list too long to hold whole; `score_chunk` is the second). `figures()` is called
    once, after the last chunk.

    `figures()` is None when the list cannot be scored that way: a registered component
    cannot be worked out a chunk at a time (a plugin's)."""

    def __init__(self, policy: ScoringPolicy, now: datetime) -> None:
        self.policy, self.now = policy, now
        self.specs = tuple(component_specs())
        found = [chunking_of(spec.score_function()) for spec in self.specs]
        self._chunkings: tuple[Chunking, ...] | None = (
            None if any(c is None for c in found) else tuple(c for c in found if c))
        self._surveys: list[list[object]] = [[] for _ in self.specs]
        self._per_list: dict[str, object] = {}
        self.count = 0

    @property
    def chunked(self) -> bool:
        """Whether every registered component can be worked out a chunk at a time."""
        return self._chunkings is not None

    def add(self, accounts: Sequence[Account], relationships: Sequence[Relationship],
            events: Mapping[str, Sequence[Interaction]]) -> None:
        """The next chunk of the list."""
        if self._chunkings is None:
            return
        self.add_surveyed(self.survey_of(accounts, relationships, events, self.count),
                          len(accounts))

    def survey_of(self, accounts: Sequence[Account], relationships: Sequence[Relationship],
                  events: Mapping[str, Sequence[Interaction]], start: int) -> list[object]:
        """What each component gathers from the chunk of the list from account `start`,
        without adding it (another process may have surveyed it: `add_surveyed`)."""
        assert self._chunkings is not None
        context = ScoringContext(accounts, relationships, events, self.policy, self.now,
                                 start=start, per_list=self._per_list)
        with paused_gc():
            return [chunking.survey(context, spec.needs_profile)
                    for spec, chunking in zip(self.specs, self._chunkings, strict=True)]

    def add_surveyed(self, surveyed: Sequence[object], count: int) -> None:
        """The next chunk of the list, of `count` accounts, as `survey_of` surveyed it."""
        for surveys, survey in zip(self._surveys, surveyed, strict=True):
            surveys.append(survey)
        self.count += count

    def figures(self) -> ListFigures | None:
        if self._chunkings is None:
            return None
        figures = []
        for chunking, surveys in zip(self._chunkings, self._surveys, strict=True):
            combined = chunking.combine(surveys)
            if combined is None:
                return None
            figures.append(combined)
        floors = tuple(chunking.weakest(combined)
                       for chunking, combined in zip(self._chunkings, figures, strict=True))
        # What the chunks left (relevance's documents: ~150 bytes an account) is not needed
        # once combined.
        for surveys in self._surveys:
            surveys.clear()
        return ListFigures(self.specs, tuple(figures), floors, self.count)


def score_chunk(
    accounts: Sequence[Account],
    relationships: Sequence[Relationship],
    events: Mapping[str, Sequence[Interaction]],
    policy: ScoringPolicy,
    now: datetime,
    figures: ListFigures,
    start: int,
) -> list[AccountScore]:
    """The scores of a chunk of a list (accounts `start` onwards), as `score_all` of the
    whole list gives them, in the chunk's order (`_worst_first` orders a whole list)."""
    context = ScoringContext(accounts, relationships, events, policy, now, start=start)
    floor_unknown = [floor is None for floor in figures.floors]
    # Never read (checked below): any number would do.
    floors = [math.inf if floor is None else floor for floor in figures.floors]
    columns: list[Sequence[Component]] = []
    with paused_gc():
        for spec, figure in zip(figures.specs, figures.figures, strict=True):
            chunking = chunking_of(spec.score_function())
            assert chunking is not None
            column = profiled(accounts, chunking.score(context, figure), spec.needs_profile)
            if floor_unknown[len(columns)] and any(c.confidence < 1.0 for c in column):
                raise WholeListNeeded(f"{spec.name}: a verdict with less than full confidence")
            columns.append(column)
        guarded = [_guard(account, rel, events.get(account.id, ()), policy, now)
                   for account, rel in zip(accounts, relationships, strict=True)]
        rows: list[_Row] = list(zip(accounts, relationships, zip(*columns, strict=True),
                                    guarded, strict=True))
    return _scores(rows, figures.specs, policy, floors)


T = TypeVar("T")


def _columns(
    specs: Sequence[ComponentSpec], context: ScoringContext, meanwhile: Callable[[], T]
) -> tuple[list[Sequence[Component]], T]:
    """Each component's scores of the list, in registry order, and `meanwhile()`.

    On a long list (from PARALLEL_FROM to PARALLEL_UP_TO accounts) the scorers that can
    pass their components as bytes (`packed_by`: relevance, interaction, geography) run in
    a forked child, in registry order, while the others (quality), then `meanwhile`, run
    here; if the child fails, its scorers are run here too, so what is returned, and an
    error any one scorer raises, is what one process gives."""
    functions = [spec.score_function() for spec in specs]
    packings = [packing_of(f) for f in functions]
    offloaded = [n for n, packing in enumerate(packings) if packing is not None]
    if (not offloaded or not PARALLEL_FROM <= len(context.accounts) <= PARALLEL_UP_TO
            or not can_fork()):
        return [function(context) for function in functions], meanwhile()

    def in_child() -> bytes:
        packed = []
        for n in offloaded:
            packing = packings[n]
            assert packing is not None
            packed.append(packing[0](functions[n](context)))
        return pickle.dumps(packed, protocol=pickle.HIGHEST_PROTOCOL)

    columns: list[Sequence[Component]] = []
    # At 100,000 accounts relevance takes ~1.8 s and quality ~1.75 s CPU; interaction and
    # geography (~0.15 s) go to the child with relevance and the guards (`meanwhile`,
    # ~0.15 s) stay here, which leaves the two sides about as long.
    with Child(in_child) as child:
        for n, function in enumerate(functions):
            columns.append([] if n in offloaded else function(context))
        done_meanwhile = meanwhile()
        data = child.result()
    if data is None:
        for n in offloaded:
            columns[n] = functions[n](context)
        return columns, done_meanwhile
    packed = pickle.loads(data)  # our own child's bytes
    for n, part in zip(offloaded, packed, strict=True):
        packing = packings[n]
        assert packing is not None
        columns[n] = packing[1](part)
    return columns, done_meanwhile


# An account, its tie, its components in registry order, and why it is never proposed.
_Row = tuple[Account, Relationship, tuple[Component, ...], str | None]


# A component at least this sure counts as real evidence for the floors: a place the resolver
# is fairly sure of (0.5-0.95), a bio long enough to judge.
REAL_EVIDENCE = 0.5


def _floors(rows: Sequence[_Row], count: int) -> list[float]:
    """The weakest real evidence each component gave anyone in the list: what missing
    evidence is worth at most (see `blend`)."""
    return [weakest_evidence([row[2][i] for row in rows]) for i in range(count)]


def weakest_evidence(column: Iterable[Component]) -> float:
    """The least value of the components that are real evidence (1.0 if none is)."""
    # Most accounts share a few Components: each distinct one is looked at once.
    distinct = {id(c): c for c in column}.values()
    return min(
        (c.value for c in distinct
         if c.confidence >= REAL_EVIDENCE and c is not _UNKNOWN_PROFILE),
        default=1.0,
    )


def blend(
    components: Mapping[str, Component],
    weights: Sequence[float],
    floors: Sequence[float] | None = None,
) -> float:
    """The weighted blend of the components (in COMPONENTS order), with missing evidence moved.

    A component with confidence c keeps c of its weight at its own value. The rest, weight * (1
    - c), stands for evidence nobody has, and is worth the least of: the component's own value,
    the weakest real evidence of its kind (`floors`: the lowest value in the list at confidence
    REAL_EVIDENCE or more) and the account's overall blend, in which missing parts count at that
    weakest evidence. So an empty bio never scores above an unrelated one and an unknown place
    never above a far one, while a bot whose real evidence is poor is judged by that evidence,
    not shielded by its empty fields: absence moves weight to evidence that is worse, and never
    lifts an account. Every stand-in is a minimum of terms that only grow with evidence, so
    adding evidence at least as good as the weakest can only raise the blend.

    Evidence less sure than REAL_EVIDENCE is not real evidence: its sure part counts at most
    the weakest real evidence too, so a bio too short to judge (0.45, confidence 0.2) never
    outranks one long enough to be judged off-topic (0.15). Bots leave short bios as often as
    empty ones; a neutral value on a sliver of confidence must not shield them either.
    """
    parts = tuple(components[name] for name in component_names())
    return _blend(parts, weights, floors, sum(weights))


def _blends(rows: Sequence[_Row], weights: Sequence[float], floors: Sequence[float],
            total: float) -> list[float]:
    """`_blend` of every row, worked out a column at a time with numpy: the same float
    operations in the same order (each account's sums run over its parts in registry order,
    and an addition of +0.0 where an account has no gap leaves its sum as it was), so every
    keep score is bit for bit `_blend`'s. The loop over 100,000 rows took 0.25 s; this
    ~0.05 s, most of it reading each component's value and confidence.

    Python's `sum` adds the gaps from 0 one after the other (3.11), as the columns are added
    here; from 3.12 it compensates the rounding, so rows go through `_blend` there, and
    wherever a weight is negative (a +0.0 added to a -0.0 sum would then change its sign)."""
    count = len(rows)
    if (count == 0 or total <= 0.0 or sys.version_info >= (3, 12)
            or any(not w >= 0.0 for w in weights)):
        return [_blend(parts, weights, floors, total) for _, _, parts, _ in rows]
    known = np.zeros(count)
    gaps: list[tuple[npt.NDArray[np.bool_], npt.NDArray[np.float64],
                     npt.NDArray[np.float64]]] = []
    for at, (w, floor) in enumerate(zip(weights, floors, strict=True)):
        value = np.fromiter((row[2][at].value for row in rows), dtype=np.float64, count=count)
        confidence = np.fromiter((row[2][at].confidence for row in rows), dtype=np.float64,
                                 count=count)
        full = confidence >= 1.0
        low = np.where(value < floor, value, floor)
        weak = np.where(confidence < REAL_EVIDENCE, low, value)
        known += np.where(full, w * value, w * confidence * weak)
        if not full.all():
            gaps.append((~full, w * (1.0 - confidence), low))
    if not gaps:
        blended = known / total
    else:
        spread = np.zeros(count)
        for has, gap, low in gaps:
            spread += np.where(has, gap * low, 0.0)
        overall = (known + spread) / total
        capped = np.zeros(count)
        for has, gap, low in gaps:
            capped += np.where(has, gap * np.where(low < overall, low, overall), 0.0)
        blended = (known + capped) / total
    result: list[float] = np.where(blended <= 1.0, blended, 1.0).tolist()
    return result


def _blend(
    parts: tuple[Component, ...], weights: Sequence[float], floors: Sequence[float] | None,
    total: float,
) -> float:
    if total <= 0.0:
        return 0.5
    # One pass: the weight each part has evidence for is summed at once, and only the missing
    # rest is kept aside for the second step (most accounts miss one part at most). This runs
    # for nearly every account (a resolved place is rarely fully certain), so it stays plain.
    known = 0.0
    gaps: list[tuple[float, float]] = []  # (weight without evidence, weakest evidence)
    for w, part, floor in zip(weights, parts, floors or (math.inf,) * len(parts), strict=True):
        value, confidence = part.value, part.confidence
        if confidence >= 1.0:
            known += w * value
            continue
        low = value if value < floor else floor
        if confidence < REAL_EVIDENCE:
            # Weak evidence may lower an account but never lift it above the weakest real
            # evidence (see `blend`).
            value = low
        known += w * confidence * value
        gaps.append((w * (1.0 - confidence), low))
    # Sums of weighted values can round a hair past 1 (1.0000000000000002 for four parts at
    # 1.0, found by hypothesis): a keep score stays within [0, 1].
    if not gaps:
        blended = known / total
        return blended if blended <= 1.0 else 1.0
    overall = (known + sum(gap * low for gap, low in gaps)) / total
    blended = (known + sum(gap * (low if low < overall else overall) for gap, low in gaps)) / total
    return blended if blended <= 1.0 else 1.0


# Quality at or above SOUND is an account with nothing wrong with it: a person, posting at a
# pace the list bears, still there. Below DOUBT something is clearly wrong. See `sound_floor`.
SOUND_QUALITY = 0.8
DOUBTFUL_QUALITY = 0.5
# How much of the blend a sound account's floor keeps, so floored accounts still rank by it.
_FLOOR_SLOPE = 0.1


def sound_floor(quality: float, keep: float) -> float:
    """The least a keep score may be, given the account's own quality.

    Not sharing your interests and never having talked to you rank an account lower, but
    they are only the absence of a reason to keep it; an unfollow a person agrees with needs
    something wrong with the account itself (bot-like, flooding the stream, silent, gone).
    So an account of sound quality is floored just above the default threshold (by a tenth
    of its blend, which keeps the floored accounts in blend order), one of clearly poor
    quality is not floored at all, and the floor rises linearly between the two. Rises with
    quality and with the blend, so it never reverses the direction of either.

    The default threshold, not the one set: a lower threshold still proposes no sound
    account, and a higher one is a person asking for a stricter cut, so it proposes the sound
    accounts whose blend is below it (floored to the threshold, the floor made the cut move
    with it: 0.6 and 0.9 proposed nothing more, and the keep scores shown moved instead).
    """
    share = (quality - DOUBTFUL_QUALITY) / (SOUND_QUALITY - DOUBTFUL_QUALITY)
    share = min(1.0, max(0.0, share))
    return share * (DEFAULT_THRESHOLD + _FLOOR_SLOPE * keep)


# A bot score above this is a clear bot: proposed whatever its relevance and place.
CLEAR_BOT = 0.65


def clear_bot_cap(bot: float, threshold: float) -> float:
    """The most a clear bot's keep score may be: below the threshold, the further the
    clearer, so relevance and geography never undo the quality evidence; 1 (no cap) for
    anything that is not a clear bot. Never rises as the bot score rises."""
    if bot <= CLEAR_BOT:
        return 1.0
    return threshold * (1.0 - bot) / (1.0 - CLEAR_BOT)


def gone_cap(silence: float, threshold: float) -> float:
    """The most the keep score of an account silent for a year or more may be: below the
    threshold, the lower the longer (two years: half the threshold), so a topic and a place
    it shares with you never keep an account that left ("silent for 7 years" kept as "same
    city as you" was the dispute). 1 (no cap) for one heard from within the year. Never
    rises as the silence grows."""
    if silence < GONE_PENALTY:
        return 1.0
    share = min(1.0, (silence - GONE_PENALTY) / (1.0 - GONE_PENALTY))
    return threshold * (_GONE_CAP_START - (_GONE_CAP_START - 0.5) * share)


# Just below the threshold, so a year's silence is proposed, and ranks above longer ones.
_GONE_CAP_START = 0.99


def typical_posts_per_day(accounts: Iterable[Account], now: datetime) -> float:
    """The median posting rate of the live, read profiles in a list that post at all: what
    over-posting is judged against (the quality module's default when no rate is known).
    Accounts that never post would make any poster look loud, so they are left out; see
    quality.typical_part."""
    return _median([
        rate for account in accounts
        if account.profile_known and not account.state.dead
        and (rate := typical_part(account, now)) is not None
    ])


def _median(rates: list[float]) -> float:
    if not rates:
        return DEFAULT_TYPICAL_POSTS_PER_DAY
    return float(np.median(np.asarray(rates, dtype=np.float64)))


class _Components(Mapping[str, Component]):
    """An account's components by name, in registry order. The names and their positions are
    shared by every account of a list; each account holds only its tuple of components."""

    __slots__ = ("_index", "_names", "_parts")

    def __init__(self, names: tuple[str, ...], index: Mapping[str, int],
                 parts: tuple[Component, ...]) -> None:
        self._names = names
        self._index = index
        self._parts = parts

    def __getitem__(self, name: str) -> Component:
        return self._parts[self._index[name]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def values(self) -> tuple[Component, ...]:  # type: ignore[override]
        # The parts themselves: the Mapping default looks each name up again.
        return self._parts

    def items(self) -> zip[tuple[str, Component]]:  # type: ignore[override]
        return zip(self._names, self._parts, strict=True)

    def __repr__(self) -> str:
        return repr(dict(self))


def _worst_first(scores: list[AccountScore]) -> list[AccountScore]:
    """Dead accounts first, then by keep score, ties by handle regardless of case."""
    n = len(scores)
    keep = np.fromiter((s.keep for s in scores), dtype=np.float64, count=n)
    alive = np.fromiter((not s.dead for s in scores), dtype=np.bool_, count=n)
    return [scores[i] for i in rank_order(keep, alive, lambda i: scores[i].account.handle)]


def rank_order(keep: npt.NDArray[np.float64], alive: npt.NDArray[np.bool_],
               handle: Callable[[int], str]) -> list[int]:
    """The accounts' positions worst first: dead accounts first, then by keep score, ties by
    handle regardless of case (`handle(i)`: account i's), then by position.

    Sorting with a key tuple per score would make a tuple and a lower-cased handle for every
    account at once, at the moment the process holds the most; numpy orders two arrays of
    8 and 1 bytes an account instead, and only tied scores compare handles.
    """
    order = np.lexsort((keep, alive))  # stable, last key first: alive, then keep
    ordered: list[int] = order.tolist()
    keep, alive = keep[order], alive[order]
    # Position i ties with i + 1; each run of ties is put in handle order (stably, as before).
    ties = np.flatnonzero((keep[1:] == keep[:-1]) & (alive[1:] == alive[:-1])).tolist()
    run_start = None
    for i, tie in enumerate(ties):
        if run_start is None:
            run_start = tie
        if i + 1 == len(ties) or ties[i + 1] != tie + 1:
            run = slice(run_start, tie + 2)
            ordered[run] = sorted(ordered[run], key=lambda at: handle(at).lower())
            run_start = None
    return ordered


def _geography(location: str, policy: ScoringPolicy, *, from_bio: bool = False) -> Component:
    place = resolve_location(location)
    value, reasons = geography_score(place, policy.home, policy.regions)
    if from_bio:
        # The place was read from the bio (see geography.location_of): said, since the
        # profile's own location is blank.
        reasons = [text.replace(" — ", " (says its bio) — ", 1) for text in reasons]
    best = best_reading(place, policy.home, policy.regions)
    facts: dict[str, object] = {"location": location}
    if from_bio:
        facts["location_from_bio"] = True
    if best is not None:
        facts["country"] = best.country
    return Component(
        value,
        tuple(Reason(text, (value - 0.5) * 0.8) for text in reasons),
        facts,
        geography_confidence(place, policy.home, policy.regions),
    )


class _Documents(TextsMadeWhenRead):
    """Each account's text for relevance (bio, then pinned post), made only when asked for."""

    def __init__(self, accounts: Sequence[Account]) -> None:
        self._accounts = accounts

    def __len__(self) -> int:
        return len(self._accounts)

    def _text(self, index: int) -> str:
        return _document(self._accounts[index])


def _document(account: Account) -> str:
    if not account.profile_known:
        return ""
    if not account.pinned_text:
        return account.bio
    return f"{account.bio}\n{account.pinned_text}"


def _guard(
    account: Account,
    rel: Relationship,
    events: Sequence[Interaction],
    policy: ScoringPolicy,
    now: datetime,
) -> str | None:
    if account.state is _MEMORIAL:
        return MEMORIAL_GUARD  # first, so explain and the outputs always name it
    # Most lists keep no handles and no ids: a person's keep-list is short or empty.
    if policy.keep_handles and account.handle.lower() in policy.keep_handles:
        return "on your keep-list"
    kept = policy.kept.get(account.id) if policy.kept else None
    if kept is not None:
        return kept
    if policy.keep_mutuals and rel.follows_you:
        return "follows you back (keep_mutuals)"
    if policy.keep_verified and account.verified:
        return "verified (keep_verified)"
    if policy.keep_places:
        place = resolve_location(location_of(account.location, account.bio))
        for area in policy.keep_places:
            if located_in(place, area):
                return f"located in {describe_setting(area)} (keep_places)"
    dead = account.profile_known and account.state.dead
    if rel.first_seen is not None:
        # A follow "made" more than a day ahead is a wrong date (a server's, or a creation
        # date in the future), not a new follow: it would have kept the account for good.
        # (A dead account followed lately is still in it, as the README says: a suspension
        # can be lifted within days.)
        days = (now - rel.first_seen).total_seconds() / 86400
        if -1.0 < days < policy.grace_days:
            return f"followed {days_ago(max(days, 0.0))} (grace period of {policy.grace_days}" \
                   " days)"
    if rel.follows_you:
        recent = [
            e.at for e in events
            if e.direction is Direction.FROM_THEM and e.at is not None
            and (now - e.at).days < policy.protect_engaged_mutuals_days
        ]
        if recent:
            return f"mutual who engaged with you {ago(max(recent), now)}"
    if rel.muted and not dead and not rel.blocks_you:
        return MUTED_GUARD  # last: a rule may see through it, never through the ones above
    return None
