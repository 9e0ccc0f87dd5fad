"""What every scoring component returns: a value in [0,1] with reasons a person can read."""

from __future__ import annotations

import gc
import pickle
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar


class Reason(NamedTuple):
    """One plain-words reason. `push` < 0 argues for unfollowing, > 0 for keeping;
    its size says how strongly, so the strongest reasons can be shown first.

    A named tuple rather than a frozen dataclass: a list's reasons are made by the hundred
    thousand, and a frozen dataclass sets each field through `object.__setattr__` (three
    times the cost of building a tuple)."""

    text: str
    push: float


@dataclass(frozen=True, slots=True)
class Component:
    """One component's verdict: higher `value` means more reason to keep the account.

    Accounts with identical outcomes share one Component (most accounts never interact with
    the person, many bios match nothing), so a million-account list does not hold a million
    copies of the same reasons and facts: treat `facts` and what it holds as read-only.
    For the same reason the components that differ per account (quality, matched relevance)
    are subclasses that keep a few numbers and make `reasons` and `facts` when they are read;
    read them once per use rather than in a loop over their items.
    """

    value: float
    reasons: tuple[Reason, ...] = ()
    # The facts the value was computed from, shown by `prune explain`.
    facts: Mapping[str, object] = field(default_factory=dict)
    # How much evidence the value rests on: 1 is full evidence, 0 is none (an empty bio, an
    # unknown place). The blend moves a component's weight to the others in proportion to
    # what it lacks, so missing data is never worth more than real evidence.
    confidence: float = 1.0

    def __post_init__(self) -> None:
        if not 0.0 <= self.value <= 1.0:
            raise ValueError(f"component value {self.value} outside [0, 1]")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"component confidence {self.confidence} outside [0, 1]")

    def reasons_toward(self, keep: bool) -> list[Reason]:
        """The reasons arguing for keeping (`keep`) or for unfollowing (not `keep`), in the
        order of `reasons`; neutral ones (push 0) are in neither.

        An output shows one side for nearly every account (a proposal's case against it, a
        kept account's case for it), so a component that words its reasons when they are
        read overrides this to word only that side."""
        if keep:
            return [reason for reason in self.reasons if reason.push > 0.0]
        return [reason for reason in self.reasons if reason.push < 0.0]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small containers.

    Every few hundred new dicts and tuples trigger a collection, and each full one walks the
    whole heap, the follow list included; scoring a large list spent nearly half its time
    there. Scores hold no reference cycles, so nothing is left for the collector to find.

    Everything made meanwhile would still be walked once, by the first young-generation
    collection after the pause (0.15 s for 100,000 accounts); it is moved straight to the
    oldest generation instead (freezing, then unfreezing, moves lists, not objects), where
    only a full collection looks, as it would at any old object. Skipped while a review
    holds its objects frozen (`hold_frozen`), since unfreezing would release them.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if not _frozen.held:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


class _Frozen:
    """Whether `hold_frozen` keeps objects out of the collector's sight. Kept here rather
    than asked of `gc.get_freeze_count()`, which counts the frozen objects one by one
    (CPython 3.11): 40 ms a call once 100,000 accounts are frozen, on every pause after."""

    held = False


_frozen = _Frozen()


def hold_frozen() -> None:
    """Move everything alive now out of the cyclic collector's sight until `release_frozen`
    (what a review built lives until the command ends)."""
    gc.freeze()
    _frozen.held = True


def release_frozen() -> None:
    """Let the collector see again what `hold_frozen` hid."""
    gc.unfreeze()
    _frozen.held = False


Scorer = TypeVar("Scorer", bound=Callable[..., Any])
# A list scorer's way to pass its components between processes as bytes (see `packed_by`).
Packing = tuple[Callable[[Sequence[Component]], bytes], Callable[[bytes], list[Component]]]
_PACKINGS: dict[Callable[..., Any], Packing] = {}


def packed_by(
    pack: Callable[[Sequence[Component]], bytes], unpack: Callable[[bytes], list[Component]]
) -> Callable[[Scorer], Scorer]:
    """Mark a list scorer whose components `pack` turns into bytes and `unpack` back into
    equal components: blend.score_all may then run it in a forked child while the other
    scorers run here (issue 17: both cores)."""
    def mark(scorer: Scorer) -> Scorer:
        _PACKINGS[scorer] = (pack, unpack)
        return scorer
    return mark


def packing_of(scorer: Callable[..., Any]) -> Packing | None:
    return _PACKINGS.get(scorer)


def pack_shared(components: Sequence[Component]) -> bytes:
    """A list scorer's components as bytes, pickled: for scorers whose accounts share a few
    plain `Component`s (interaction: one per kind of tie; geography: one per place), which
    pickle's memo sends once each, the rest of the list as references to them (~0.2 MB and
    a few ms at 100,000 accounts). `unpack_shared` reads them back, shared as they were."""
    return pickle.dumps(list(components), protocol=pickle.HIGHEST_PROTOCOL)


def unpack_shared(data: bytes) -> list[Component]:
    found: list[Component] = pickle.loads(data)  # a forked child's own bytes
    return found


@dataclass(frozen=True)
class Chunking:
    """How a list scorer is worked out over a list read a chunk at a time (issue 17: a list
    of a million scored in bounded memory), in two passes over the chunks:

    - `survey(context, needs_profile)`: a chunk's share of the list-wide figures the scorer
      judges an account against (a median, a percentile table, its weakest real evidence);
    - `combine(surveys)`: the chunks' shares, in list order, made into the list's figures,
      or None when this list cannot be scored a chunk at a time (then it is scored whole);
    - `score(context, figures)`: a chunk's components, each as scoring the whole list gives;
    - `weakest(figures)`: the least value of real evidence in the list, counted as
      blend._floors counts it (the floor the blend moves missing evidence to); None for a
      component whose every verdict has full confidence, whose floor the blend never reads
      (`score_chunk` checks each verdict, so a verdict that has less ends in
      `WholeListNeeded` rather than a different score).

    The list scorer itself stays the one used for a list held whole."""

    survey: Callable[[Any, bool], Any]
    combine: Callable[[Sequence[Any]], Any]
    score: Callable[[Any, Any], Sequence[Component]]
    weakest: Callable[[Any], float | None]


_CHUNKINGS: dict[Callable[..., Any], Chunking] = {}


def chunked_by(chunking: Chunking) -> Callable[[Scorer], Scorer]:
    """Mark a list scorer that can also be worked out a chunk at a time (see `Chunking`)."""
    def mark(scorer: Scorer) -> Scorer:
        _CHUNKINGS[scorer] = chunking
        return scorer
    return mark


def chunking_of(scorer: Callable[..., Any]) -> Chunking | None:
    return _CHUNKINGS.get(scorer)
