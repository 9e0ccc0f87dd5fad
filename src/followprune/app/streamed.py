"""A `--from` file scored a chunk at a time, for an output that is written, not browsed
(issue 17: a million accounts in well under 1.5 GB).

Holding a whole list at once costs ~2 KB an account (the accounts ~1.2 KB, their scores
~0.9 KB). Here the file is read twice, a chunk of accounts at a time, each chunk dropped
before the next is read:

1. the list-wide figures (`ListSurvey`: relevance's learned words and percentiles, the
   typical posting rate, the floors) and the timeline's totals; a bad line ends the run
   here, after the last line, with the message and exit code reading the file whole gives;
2. each chunk scored against those figures (`score_chunk`). A proposal is kept whole (the
   store records it with its reasons; the table and `--limit` need it); any other account
   leaves only its place in the ranking (keep score, dead or not, handle for ties) and, when
   every account is written (`--all`), its finished output line, made now without its rank
   and kept in a temporary file, read back in rank order as the output is written.

The scores, and so every output byte, are the ones scoring the whole list gives: the same
scoring functions run on each chunk with the list's figures fixed
(tests/test_streamed_review.py holds the two ways together). Lists this cannot score the
same way are read whole (`streamable`): a stream budget (it chooses among all accounts at
once), the semantic relevance backend (its threshold is the whole list's), timeline
measurements in the store (read per account of the whole graph), or a score component that
cannot be worked out a chunk at a time. So are files shorter than
STREAMED_FROM_BYTES, which whole scoring handles faster in memory they fit in.
"""

from __future__ import annotations

import os
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO

import numpy as np
import numpy.typing as npt

from followprune.app.context import App
from followprune.app.stream import StreamView, estimate_rates
from followprune.errors import InputError
from followprune.models import Account, Graph, Interaction, Relationship
from followprune.networks.base import relationships_with_followers
from followprune.networks.file import FileNetwork
from followprune.scoring.blend import (
    AccountScore,
    ListSurvey,
    ScoringPolicy,
    WholeListNeeded,
    rank_order,
    score_chunk,
)
from followprune.scoring.stream import Rate, StreamSummary, summarize
from followprune.store import Identity

# Accounts read, scored and dropped at a time: a multiple of relevance's scan chunk (2,048).
CHUNK = 16_384

# Makes an account's output line without its rank (see render/export.py), given the
# account's timeline fields.
RestLine = Callable[[AccountScore, Callable[[str], tuple[float | None, float | None,
                                                         str | None, float | None]]], bytes]


class ListStreamView(StreamView):
    """The timeline of a list scored a chunk at a time: the rates of the proposals only
    (the others' lines are made while their chunk is scored), with the whole list's
    total and the numbers its summary reads, gathered in the first pass."""

    def __init__(self, rates: dict[str, Rate], muted: frozenset[str], total: float,
                 in_stream: Sequence[float]) -> None:
        super().__init__(rates=rates, muted=muted)
        vars(self)["total"] = total  # StreamView.total, as the whole list sums it
        self._in_stream = in_stream  # every unmuted account's posts a day, in list order

    def summary(self, proposals: Iterable[AccountScore]) -> StreamSummary:
        return summarize(self._in_stream, (self.in_stream(s.account.id) for s in proposals))


@dataclass
class RestOfList:
    """Every account's place in rank order, for an output of every account: a proposal's
    score, or the bytes of another account's line after its rank."""

    order: list[int]  # positions in the file, worst first
    proposals: dict[int, AccountScore]  # by position
    lines: IO[bytes]  # the others' lines, unlinked from the start
    offsets: npt.NDArray[np.int64]
    lengths: npt.NDArray[np.int64]
    _fd: int = field(init=False)

    def __post_init__(self) -> None:
        self.lines.flush()
        self._fd = self.lines.fileno()

    def ranked(self) -> Iterator[AccountScore | bytes]:
        # Read back a line at a time with pread: the file's pages stay the operating
        # system's cache, not this process's memory.
        offsets, lengths, proposals = self.offsets, self.lengths, self.proposals
        for position in self.order:
            score = proposals.get(position)
            if score is not None:
                yield score
            else:
                yield os.pread(self._fd, int(lengths[position]), int(offsets[position]))

    def __len__(self) -> int:
        return len(self.order)


@dataclass
class StreamedList:
    """What scoring a file a chunk at a time leaves for the review."""

    scores: list[AccountScore]  # every proposal, worst first
    followed: int
    stream: StreamView
    any_profile: bool
    rest: RestOfList | None


# A file at least this long is scored a chunk at a time (~250,000 accounts of X user
# objects). Below it the whole list fits in well under a gigabyte, and scoring it whole is
# quicker: the file is read and its accounts' quality judged once, not twice, and relevance
# runs beside the rest in a second process (scoring/forked.py, up to 250,000 accounts).
# Measured at 100,000 accounts: 5.1 s and 355 MB whole, 6.9 s and 183 MB in chunks.
STREAMED_FROM_BYTES = 160_000_000


def streamable(app: App, identity: Identity, network: FileNetwork) -> bool:
    """Whether this list is scored a chunk at a time, and can be with the scores it would
    get whole (see the module's notes)."""
    try:
        if network.path.stat().st_size < STREAMED_FROM_BYTES:
            return False
    except OSError:
        return False  # reading it whole says what is wrong
    if app.settings.proposals.stream_budget > 0:
        return False
    if app.settings.interests.semantic:
        return False  # the semantic lift judges off-topic bios against the whole list's
    stream = app.store.stream
    return not stream.count_spans(identity) and stream.latest_sample(identity) is None


def score_in_chunks(
    app: App, network: FileNetwork, identity: Identity,
    policy: ScoringPolicy, rest_line: RestLine | None,
) -> StreamedList | None:
    """Score `network`'s file a chunk at a time (None when its components cannot be)."""
    events: dict[str, list[Interaction]] = {}
    for event in network.interactions():
        events.setdefault(event.account_id, []).append(event)
    before = _fingerprint(network)
    now = network.as_of or app.now
    first = _survey(network, policy, events, now)
    if first is None:
        return None
    # A twarc2 file says when it was captured only on its pages: if that is not the moment
    # the first pass assumed, the pass is made again as of the file's own moment.
    if network.captured_at is not None and network.captured_at != now:
        now = network.captured_at
        first = _survey(network, policy, events, now)
        assert first is not None
    survey, in_stream, muted, total, any_profile = first
    figures = survey.figures()
    if figures is None:
        return None
    n = figures.followed
    keep = np.zeros(n, dtype=np.float64)
    alive = np.zeros(n, dtype=np.bool_)
    handles: list[str] = []
    proposals: dict[int, AccountScore] = {}
    proposal_rates: dict[str, Rate] = {}
    offsets = np.zeros(n if rest_line else 0, dtype=np.int64)
    lengths = np.zeros(n if rest_line else 0, dtype=np.int64)
    # Beside the store, on disk (a temporary directory may be memory); unlinked at once,
    # so nothing is left behind however the run ends. It lives as long as the review.
    lines = (tempfile.TemporaryFile(dir=app.paths.data_dir)  # noqa: SIM115
             if rest_line else None)
    try:
        written = 0
        position = 0
        for accounts, relationships in _chunks(network):
            if position + len(accounts) > n:
                raise _changed(network)
            view = _chunk_view(network, accounts, relationships, now, total)
            for score in score_chunk(accounts, relationships, events, policy, now, figures,
                                     position):
                keep[position] = score.keep
                alive[position] = not score.dead
                handles.append(score.account.handle)
                if score.proposed:
                    proposals[position] = score
                    rate = view.rates.get(score.account.id)
                    if rate is not None:
                        proposal_rates[score.account.id] = rate
                elif rest_line is not None and lines is not None:
                    line = rest_line(score, view.record_values)
                    lines.write(line)
                    offsets[position] = written
                    lengths[position] = len(line)
                    written += len(line)
                position += 1
        if position != n or _fingerprint(network) != before:
            raise _changed(network)
    except WholeListNeeded:
        if lines is not None:
            lines.close()
        return None
    except BaseException:
        if lines is not None:
            lines.close()
        raise
    order = rank_order(keep, alive, handles.__getitem__)
    del keep, alive, handles
    rest = (RestOfList(order, proposals, lines, offsets, lengths)
            if lines is not None else None)
    scores = [proposals[i] for i in order if i in proposals]
    stream = ListStreamView(proposal_rates, muted, total, in_stream)
    return StreamedList(scores, n, stream, any_profile, rest)


_Survey = tuple[ListSurvey, Sequence[float], frozenset[str], float, bool]


def _survey(network: FileNetwork, policy: ScoringPolicy,
            events: dict[str, list[Interaction]], now: datetime) -> _Survey | None:
    """The first pass: the list's figures, and its timeline's totals and summary numbers."""
    survey = ListSurvey(policy, now)
    if not survey.chunked:
        return None
    # Each account's posts a day in the timeline (0 when muted), in list order, as
    # StreamView.total and StreamView.summary read them from the whole list's rates.
    # Arrays of doubles: 8 bytes an account, where a list holds a 24-byte float object too.
    every = array("d")
    unmuted = array("d")
    muted: set[str] = set()
    any_profile = False
    for accounts, relationships in _chunks(network):
        survey.add(accounts, relationships, events)
        view = _chunk_view(network, accounts, relationships, now, None)
        muted |= view.muted
        for account_id in view.rates:
            posts = view.in_stream(account_id)
            every.append(posts)
            if account_id not in view.muted:
                unmuted.append(posts)
        any_profile = any_profile or any(a.profile_known for a in accounts)
    return survey, unmuted, frozenset(muted), sum(every), any_profile


def _chunk_view(network: FileNetwork, accounts: list[Account],
                relationships: list[Relationship], now: datetime,
                total: float | None) -> StreamView:
    """The timeline rates of one chunk, as the whole list's view gives them (`streamable`:
    nothing measured in the store, so each rate is the account's own)."""
    graph = Graph.model_construct(me=network.whoami(), accounts=accounts,
                                  relationships=relationships, interactions=[], my_posts=[])
    view = estimate_rates(None, None, graph, now)
    if total is not None:
        vars(view)["total"] = total  # the whole list's, which each account's share is of
    return view


def _chunks(network: FileNetwork) -> Iterator[tuple[list[Account], list[Relationship]]]:
    """The file's accounts a chunk at a time; reading raises after the last line, as
    reading it whole does, when a line was bad (without --skip-bad) or none was read."""
    followers = network.followers()
    pairs: list[tuple[Account, Relationship]] = []
    for pair in network.following():
        pairs.append(pair)
        if len(pairs) == CHUNK:
            yield [a for a, _ in pairs], relationships_with_followers(pairs, followers)
            pairs = []
    if pairs:
        yield [a for a, _ in pairs], relationships_with_followers(pairs, followers)


def _changed(network: FileNetwork) -> InputError:
    return InputError(f"{network.path}: the file changed while it was being read",
                      hint="score a copy that nothing else writes to")


def _fingerprint(network: FileNetwork) -> tuple[int, int, int]:
    try:
        found = network.path.stat()
    except OSError as exc:
        raise InputError(f"{network.path}: cannot read: {exc.strerror}") from None
    return found.st_size, found.st_mtime_ns, found.st_ino

