"""The four built-in components, each scoring a whole follow list (see followprune/components.py,
where they are registered), and each also a chunk at a time against list-wide figures
gathered first (`Chunking`: a list too long to hold whole)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from followprune.scoring.blend import (
    _UNKNOWN_PROFILE,
    _Documents,
    _geography,
    _median,
    profiled,
    weakest_evidence,
)
from followprune.scoring.cohorts import Cohorts, cohorts, creation_seconds
from followprune.scoring.components import (
    Chunking,
    Component,
    chunked_by,
    pack_shared,
    packed_by,
    unpack_shared,
)
from followprune.scoring.context import ScoringContext
from followprune.scoring.documents import TextsMadeWhenRead
from followprune.scoring.forked import PARALLEL_FROM, Child, can_fork
from followprune.scoring.geography import location_of
from followprune.scoring.interaction import (
    blocked_tie,
    engagement_unknown,
    score_interaction,
)
from followprune.scoring.quality import (
    DEFAULT_TYPICAL_POSTS_PER_DAY,
    MIN_VOLUME_START,
    judged_against,
    made_together,
    quality_rate,
    score_quality,
    typical_part,
)
from followprune.scoring.relevance import (
    InterestProfile,
    RelevanceFigures,
    RelevanceScan,
    RelevanceScanner,
    joined_scans,
    learn_interests,
    pack_relevance,
    pack_scans,
    relevance_figures,
    score_relevance,
    unpack_relevance,
    unpack_scans,
)
from followprune.scoring.semantic import lift_relevance


def _closeness(context: ScoringContext) -> list[int]:
    # Issue 11: how close each account is to the person (engaged with, follows back).
    return [len(context.events.get(a.id, ())) + bool(r.follows_you)
            for a, r in zip(context.accounts, context.relationships, strict=True)]


class _PackedDocuments(TextsMadeWhenRead):
    """A chunk's documents kept as one UTF-8 blob (~150 bytes a document, where a list of
    texts costs ~50 bytes more each, and four bytes a character once one needs it)."""

    def __init__(self, documents: Sequence[str]) -> None:
        encoded = [d.encode("utf-8", "surrogatepass") for d in documents]
        self._ends = np.cumsum([len(e) for e in encoded], dtype=np.int64)
        self._blob = b"".join(encoded)

    def __len__(self) -> int:
        return len(self._ends)

    def _text(self, index: int) -> str:
        end = int(self._ends[index])
        start = int(self._ends[index - 1]) if index > 0 else 0
        return self._blob[start:end].decode("utf-8", "surrogatepass")


class _ChainedDocuments(TextsMadeWhenRead):
    """The chunks' documents as one list's."""

    def __init__(self, parts: Sequence[Sequence[str]]) -> None:
        self._parts = parts
        self._starts = np.cumsum([0] + [len(p) for p in parts], dtype=np.int64)

    def __len__(self) -> int:
        return int(self._starts[-1])

    def _text(self, index: int) -> str:
        part = int(np.searchsorted(self._starts, index, side="right")) - 1
        return self._parts[part][index - int(self._starts[part])]


@dataclass(frozen=True)
class _RelevanceSurvey:
    profile: InterestProfile
    closeness: list[int]
    documents: _PackedDocuments


def _survey_relevance(context: ScoringContext, needs_profile: bool) -> _RelevanceSurvey:
    # The documents are kept, not scanned: the words learned from the closest accounts
    # (known once the whole list is read) change the query every document is scanned for.
    return _RelevanceSurvey(context.policy.interests, _closeness(context),
                            _PackedDocuments(_Documents(context.accounts)))


def _combine_relevance(surveys: Sequence[_RelevanceSurvey]) -> RelevanceFigures:
    if not surveys:  # an empty list
        return relevance_figures(RelevanceScanner(InterestProfile(())).scan([]))
    closeness = [c for survey in surveys for c in survey.closeness]
    documents = _ChainedDocuments([survey.documents for survey in surveys])
    interests = learn_interests(surveys[0].profile, documents, closeness)
    scanner = RelevanceScanner(interests)
    # A chunk at a time, each decoded only while it is scanned; the same arrays as one scan
    # of the whole list (each document is scanned alone).
    return relevance_figures(joined_scans(_scanned(scanner, [s.documents for s in surveys])))


def _scanned(scanner: RelevanceScanner, parts: Sequence[Sequence[str]]) -> list[RelevanceScan]:
    """Each part's scan. On a long list the second half of the parts is scanned in a forked
    child meanwhile (issue 17: both cores): it reads only the packed documents, so it copies
    few pages, and hands back arrays. If it fails, its half is scanned here."""
    if len(parts) < 2 or sum(len(p) for p in parts) < PARALLEL_FROM or not can_fork():
        return [scanner.scan(part) for part in parts]
    half = len(parts) // 2
    with Child(lambda: pack_scans([scanner.scan(part) for part in parts[half:]])) as child:
        first = [scanner.scan(part) for part in parts[:half]]
        data = child.result()
    if data is None:
        return first + [scanner.scan(part) for part in parts[half:]]
    return first + unpack_scans(data, scanner.terms)


def _relevance_of_chunk(context: ScoringContext, figures: RelevanceFigures) -> list[Component]:
    return figures.components(context.start, context.start + len(context.accounts))


def _weakest_relevance(figures: RelevanceFigures) -> float:
    # An account whose profile was never read has an empty document, never real evidence,
    # so the accounts `profiled` scores neutral need no leaving out here.
    return figures.weakest_evidence()


# The costliest component, and the one most list-wide (its percentiles, its learned words):
# on a long list it is worked out in a second process while the others are worked out here.
@chunked_by(Chunking(_survey_relevance, _combine_relevance, _relevance_of_chunk,
                     _weakest_relevance))
@packed_by(pack_relevance, unpack_relevance)
def relevance_of_list(context: ScoringContext) -> Sequence[Component]:
    # Issue 11: widen the interests with what the closest accounts share.
    documents = _Documents(context.accounts)
    interests = learn_interests(context.policy.interests, documents, _closeness(context))
    scored = score_relevance(interests, documents)
    if interests.semantic is None:
        return scored
    return lift_relevance(scored, interests, documents, interests.semantic)


def _survey_plainly(context: ScoringContext, needs_profile: bool,
                    scorer: Callable[[ScoringContext], Sequence[Component]]) -> float:
    return weakest_evidence(profiled(context.accounts, scorer(context), needs_profile))


def _survey_interaction(context: ScoringContext, needs_profile: bool) -> float:
    return _survey_plainly(context, needs_profile, interaction_of_list)


def _survey_geography(context: ScoringContext, needs_profile: bool) -> float:
    return _survey_plainly(context, needs_profile, geography_of_list)


def _least(surveys: Sequence[float]) -> float:
    return min(surveys, default=1.0)


def _same(weakest: float) -> float:
    return weakest


def _interaction_of_chunk(context: ScoringContext, figures: float) -> list[Component]:
    return interaction_of_list(context)


def _geography_of_chunk(context: ScoringContext, figures: float) -> list[Component]:
    return geography_of_list(context)


# Interaction and geography judge each account alone: their only list-wide figure is the
# weakest real evidence, for the blend.
@chunked_by(Chunking(_survey_interaction, _least, _interaction_of_chunk, _same))
@packed_by(pack_shared, unpack_shared)
def interaction_of_list(context: ScoringContext) -> list[Component]:
    policy, now = context.policy, context.now
    if not policy.engagement_known:
        found = [engagement_unknown(rel.follows_you) for rel in context.relationships]
    else:
        found = [
            score_interaction(rel, context.events.get(account.id, ()), now,
                              policy.half_life_days)
            for account, rel in zip(context.accounts, context.relationships, strict=True)
        ]
    for n, rel in enumerate(context.relationships):
        tie = blocked_tie(rel)
        if tie is not None:
            found[n] = tie
    return found


@chunked_by(Chunking(_survey_geography, _least, _geography_of_chunk, _same))
@packed_by(pack_shared, unpack_shared)
def geography_of_list(context: ScoringContext) -> list[Component]:
    # Geography depends on the location text alone, and a list repeats the same few thousand.
    seen: dict[str, Component] = {}
    from_bio: dict[str, Component] = {}
    found = []
    for account in context.accounts:
        location = account.location
        if not location and (said := location_of(location, account.bio)):
            component = from_bio.get(said)
            if component is None:
                component = from_bio[said] = _geography(said, context.policy, from_bio=True)
            found.append(component)
            continue
        component = seen.get(location)
        if component is None:
            component = seen[location] = _geography(location, context.policy)
        found.append(component)
    return found


def _quality_as_if_typical(context: ScoringContext) -> tuple[list[Component], list[float],
                                                              list[int]]:
    """The list's quality against the default typical posting rate, the rates the list's
    own typical rate is the median of, and where the accounts fast enough for that rate to
    matter stand."""
    now = context.now
    found: list[Component] = []
    rates: list[float] = []
    fast: list[int] = []
    followed: set[str] | None = None  # made only when an account moved (Mastodon's)
    for account, rel in zip(context.accounts, context.relationships, strict=True):
        if not account.profile_known:
            found.append(_UNKNOWN_PROFILE)
            continue
        follows_new = False
        if account.moved_to_id:
            # A chunk knows only its own accounts; moves come from Mastodon, whose lists are
            # scored whole (chunks are for --from files of X user objects).
            if followed is None:
                followed = {a.id for a in context.accounts}
            follows_new = account.moved_to_id in followed
        quality = score_quality(account, now, follows_new=follows_new,
                                follows_you=rel.follows_you is True)
        rate = quality_rate(quality)
        if rate is not None and rate > 0.0:
            rates.append(rate)
            if rate > MIN_VOLUME_START:
                fast.append(len(found))
        elif rate == 0.0 and (quiet := typical_part(account, now)) is not None:
            rates.append(quiet)  # measured posting nothing lately: see typical_part
        found.append(quality)
    return found, rates, fast


def _judged_fast(found: list[Component], fast: list[int], typical: float) -> list[Component]:
    if typical != DEFAULT_TYPICAL_POSTS_PER_DAY:
        for n in fast:
            found[n] = judged_against(found[n], typical)
    return found


def _made_together(found: list[Component], made: Cohorts, start: int) -> list[Component]:
    """The accounts created in the same hour as others on the list, beyond chance, with that
    evidence added (few on any list: most lists have none)."""
    if made.any():
        for n in np.flatnonzero(made.surprise[start:start + len(found)]):
            others, surprise = made.at(start + int(n))
            found[n] = made_together(found[n], others, surprise)
    return found


@dataclass(frozen=True)
class _QualitySurvey:
    rates: list[float]
    seconds: np.ndarray


def _survey_quality(context: ScoringContext, needs_profile: bool) -> _QualitySurvey:
    """The posting rates the list's typical rate is the median of, as `quality_of_list`
    gathers them, without judging each account: `typical_part` is what an account it scores
    as alive (not dead, not moved), whose profile was read, adds to that median
    (tests/test_scoring_chunks.py holds the two together); and when each account was
    created, which the accounts made together are found from."""
    now = context.now
    rates = []
    for account in context.accounts:
        if not account.profile_known or account.state.dead or account.moved_to:
            continue
        rate = typical_part(account, now)
        if rate is not None:
            rates.append(rate)
    return _QualitySurvey(rates, creation_seconds(context.accounts))


def _combine_quality(surveys: Sequence[_QualitySurvey]) -> tuple[float, Cohorts]:
    typical = _median([rate for survey in surveys for rate in survey.rates])
    seconds = np.concatenate([survey.seconds for survey in surveys]) if surveys else np.zeros(0)
    return typical, cohorts(seconds)


def _quality_of_chunk(context: ScoringContext,
                      figures: tuple[float, Cohorts]) -> list[Component]:
    typical, made = figures
    found, _, fast = _quality_as_if_typical(context)
    return _made_together(_judged_fast(found, fast, typical), made, context.start)


def _weakest_quality(figures: tuple[float, Cohorts]) -> None:
    # Every quality verdict has full confidence, so the blend never reads quality's floor
    # (score_chunk checks that each one it is given does).
    return None


@chunked_by(Chunking(_survey_quality, _combine_quality, _quality_of_chunk, _weakest_quality))
def quality_of_list(context: ScoringContext) -> list[Component]:
    """Scored against the default typical posting rate first; the few accounts fast enough
    for the list's own typical rate to matter have their volume judged again against it,
    and the few created together with others beyond chance have that evidence added."""
    found, rates, fast = _quality_as_if_typical(context)
    made = cohorts(creation_seconds(context.accounts))
    return _made_together(_judged_fast(found, fast, _median(rates)), made, 0)
