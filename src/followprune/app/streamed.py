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

When a core is idle, a forked child takes every other chunk in both passes
(`_survey_halves`, `_second_pass`): each process parses only its own chunks' lines.

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

import ctypes
import os
import pickle
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
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
    ListFigures,
    ListSurvey,
    ScoringPolicy,
    WholeListNeeded,
    rank_order,
    score_chunk,
)
from followprune.scoring.components import paused_gc
from followprune.scoring.forked import Child, can_fork
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
    # The others' lines, unlinked from the start: one file, or the even chunks' and the odd
    # chunks' when two processes wrote them.
    lines: list[IO[bytes]]
    offsets: npt.NDArray[np.int64]  # in the file of the line's chunk
    lengths: npt.NDArray[np.int64]
    chunk: int  # accounts a chunk
    _fds: list[int] = field(init=False)

    def __post_init__(self) -> None:
        for file in self.lines:
            file.flush()
        self._fds = [file.fileno() for file in self.lines]

    def ranked(self) -> Iterator[AccountScore | bytes]:
        # Read back a line at a time with pread: the file's pages stay the operating
        # system's cache, not this process's memory.
        offsets, lengths, proposals = self.offsets, self.lengths, self.proposals
        fds, chunk = self._fds, self.chunk
        halves = len(fds) - 1  # 1 when the odd chunks' lines are in a file of their own
        for position in self.order:
            score = proposals.get(position)
            if score is not None:
                yield score
            else:
                fd = fds[(position // chunk) % 2 * halves]
                yield os.pread(fd, int(lengths[position]), int(offsets[position]))

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
        if network.text_size() < STREAMED_FROM_BYTES:
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
    try:
        second = _second_pass(network, events, policy, now, figures, total, rest_line,
                              app.paths.data_dir, before, halves=n > CHUNK and can_fork())
        if second is None:  # the child failed: everything here, as with one core
            second = _second_pass(network, events, policy, now, figures, total, rest_line,
                                  app.paths.data_dir, before, halves=False)
            assert second is not None
    except WholeListNeeded:
        return None
    keep, alive, handles, proposals, proposal_rates, files, offsets, lengths = second
    order = rank_order(keep, alive, handles.__getitem__)
    del keep, alive, handles
    rest = (RestOfList(order, proposals, files, offsets, lengths, CHUNK)
            if files else None)
    scores = [proposals[i] for i in order if i in proposals]
    stream = ListStreamView(proposal_rates, muted, total, in_stream)
    return StreamedList(scores, n, stream, any_profile, rest)


# What the second pass leaves: keep scores, alive or not, handles (by position in the
# file), the proposals and their rates, the files of the other accounts' lines (one, or
# one per process: the child's holds the odd chunks') and where each line lies in its file.
_Second = tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_], list[str],
                dict[int, AccountScore], dict[str, Rate], list[IO[bytes]],
                npt.NDArray[np.int64], npt.NDArray[np.int64]]


def _second_pass(
    network: FileNetwork, events: dict[str, list[Interaction]], policy: ScoringPolicy,
    now: datetime, figures: ListFigures, total: float, rest_line: RestLine | None,
    data_dir: Path, before: tuple[int, int, int], *, halves: bool,
) -> _Second | None:
    """Each chunk scored against the list's figures. With `halves`, a forked child scores
    the odd chunks while this process scores the even ones (each parses only its own
    chunks' lines when the file is one user a line, else both read every line: chunks are
    cut by accounts, not bytes); only its results cross, as bytes. None when the child
    failed, so the caller scores everything here."""
    n = figures.followed
    keep = np.zeros(n, dtype=np.float64)
    alive = np.zeros(n, dtype=np.bool_)
    handles: list[str] = []
    proposals: dict[int, AccountScore] = {}
    proposal_rates: dict[str, Rate] = {}
    offsets = np.zeros(n if rest_line else 0, dtype=np.int64)
    lengths = np.zeros(n if rest_line else 0, dtype=np.int64)
    # Beside the store, on disk (a temporary directory may be memory); unlinked at once,
    # so nothing is left behind however the run ends. They live as long as the review.
    files: list[IO[bytes]] = []
    if rest_line is not None:
        files = [tempfile.TemporaryFile(dir=data_dir)  # noqa: SIM115
                 for _ in range(2 if halves else 1)]

    def score(owned: int | None, lines: IO[bytes] | None) -> None:
        """Score the chunks whose number is `owned` modulo 2 (every chunk if None),
        writing the others' lines to `lines`; this process keeps every handle."""
        written = 0
        position = 0
        for part in _parts(network, owned):
            if isinstance(part, int):  # another process's chunk: its handles come later
                if position + part > n:
                    raise _changed(network)
                handles.extend(_NO_HANDLE for _ in range(part))
                position += part
                continue
            accounts, relationships = part
            if position + len(accounts) > n:
                raise _changed(network)
            view = _chunk_view(network, accounts, relationships, now, total)
            for found in score_chunk(accounts, relationships, events, policy, now, figures,
                                     position):
                keep[position] = found.keep
                alive[position] = not found.dead
                handles.append(found.account.handle)
                if found.proposed:
                    proposals[position] = found
                    rate = view.rates.get(found.account.id)
                    if rate is not None:
                        proposal_rates[found.account.id] = rate
                elif rest_line is not None and lines is not None:
                    line = rest_line(found, view.record_values)
                    lines.write(line)
                    offsets[position] = written
                    lengths[position] = len(line)
                    written += len(line)
                position += 1
        if position != n:
            raise _changed(network)

    def odd_chunks() -> bytes:
        score(1, files[1] if files else None)
        if files:
            files[1].flush()
        theirs = np.flatnonzero(_odd_positions(n, CHUNK)).tolist()
        their_handles = [handles[p] for p in theirs]
        return _child_results((keep, alive, offsets, lengths, proposals, proposal_rates,
                               their_handles))

    try:
        if not halves:
            score(None, files[0] if files else None)
        else:
            _trim_heap()
            with Child(odd_chunks) as child:
                score(0, files[0] if files else None)
                data = child.result()
            if data is None:
                for file in files:
                    file.close()
                return None
            theirs = _odd_positions(n, CHUNK)
            # Bytes from this process's own child, made from the same objects.
            with paused_gc():  # ~60,000 objects a chunk, none of them garbage
                their_keep, their_alive, their_offsets, their_lengths, their_proposals, \
                    their_rates, their_handles = pickle.loads(data)
            del data  # as long as what was read from it, until the review ends
            keep[theirs] = their_keep[theirs]
            alive[theirs] = their_alive[theirs]
            if files:
                offsets[theirs] = their_offsets[theirs]
                lengths[theirs] = their_lengths[theirs]
            for position, handle in zip(np.flatnonzero(theirs).tolist(), their_handles,
                                        strict=True):
                handles[position] = handle
            proposals.update(their_proposals)
            proposal_rates.update(their_rates)
        if _fingerprint(network) != before:
            raise _changed(network)
    except BaseException:
        for file in files:
            file.close()
        raise
    return keep, alive, handles, proposals, proposal_rates, files, offsets, lengths


def _trim_heap() -> None:
    """Give the C heap's free pages back to the system before forking: the first pass
    freed most of what it read, but the allocator keeps those pages, and the child would
    map the same ones, counted again in each process's RSS. Only where glibc has it."""
    try:
        libc = ctypes.CDLL(None)
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)


def _child_results(results: tuple[object, ...]) -> bytes:
    """What the child of `_second_pass` hands back, as bytes. Its proposals cross whole:
    the component kinds that word their reasons and facts when read pickle as the numbers
    they are made from (their `__reduce__`), so the parent holds them as compactly as the
    ones it scored itself, and an account, a topic list or a shared verdict crosses once
    however many components refer to it (pickle's memo)."""
    with paused_gc():
        return pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)


def _odd_positions(n: int, chunk: int) -> npt.NDArray[np.bool_]:
    """Which of `n` positions lie in odd-numbered chunks of `chunk` accounts."""
    odd: npt.NDArray[np.bool_] = (np.arange(n, dtype=np.int64) // chunk) % 2 == 1
    return odd


_Survey = tuple[ListSurvey, Sequence[float], frozenset[str], float, bool]


def _survey(network: FileNetwork, policy: ScoringPolicy,
            events: dict[str, list[Interaction]], now: datetime) -> _Survey | None:
    """The first pass: the list's figures, and its timeline's totals and summary numbers."""
    survey = ListSurvey(policy, now)
    if not survey.chunked:
        return None
    # A file that said when it was captured (twarc2 pages) is read whole: its capture time
    # is the latest of every page's, which one process finds.
    if can_fork() and network.retrieved_at is None:
        found = _survey_halves(network, survey, events, now)
        if found is not None:
            return found
        survey = ListSurvey(policy, now)
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
        _add_in_stream(view, every, unmuted)
        any_profile = any_profile or any(a.profile_known for a in accounts)
    return survey, unmuted, frozenset(muted), sum(every), any_profile


def _add_in_stream(view: StreamView, every: array[float], unmuted: array[float]) -> None:
    """Append each account's posts a day in the timeline to `every`, and the unmuted ones'
    to `unmuted`, in the chunk's order."""
    for account_id in view.rates:
        posts = view.in_stream(account_id)
        every.append(posts)
        if account_id not in view.muted:
            unmuted.append(posts)


@dataclass
class _HalfSurvey:
    """What one process's chunks (every other one) leave of the first pass: by chunk number,
    the components' surveys, the accounts and their posts a day in the timeline (all, and
    the unmuted), as `_survey` gathers them; and the ids met, to find a user met twice."""

    chunks: dict[int, tuple[list[object], int, array[float], array[float]]]
    muted: set[str]
    any_profile: bool
    ids: set[str]


def _survey_half(network: FileNetwork, survey: ListSurvey,
                 events: dict[str, list[Interaction]], now: datetime,
                 owned: int) -> _HalfSurvey | None:
    """The first pass over the chunks whose number is `owned` modulo 2, the others' lines
    counted, not parsed. None as soon as the file is not plainly one user a line (a bad
    line, a page of several users or with its capture time, a user met twice, a moment after
    --as-of): then the file is read whole in one process, which says what is wrong as it
    always did."""
    found = _HalfSurvey({}, set(), False, set())
    seen = found.ids
    number = 0
    try:
        for part in _line_parts(network, owned):
            if isinstance(part, int):
                number += 1
                continue
            accounts, relationships = part
            for account, rel in zip(accounts, relationships, strict=True):
                if account.id in seen or network.after_as_of(account, rel):
                    return None
                seen.add(account.id)
            surveyed = survey.survey_of(accounts, relationships, events, number * CHUNK)
            view = _chunk_view(network, accounts, relationships, now, None)
            every, unmuted = array("d"), array("d")
            _add_in_stream(view, every, unmuted)
            found.chunks[number] = (surveyed, len(accounts), every, unmuted)
            found.muted |= view.muted
            found.any_profile = found.any_profile or any(a.profile_known for a in accounts)
            number += 1
            if network.retrieved_at is not None:
                return None  # a page said when it was captured: see `_survey`
    except InputError:
        return None
    return found


def _survey_halves(network: FileNetwork, survey: ListSurvey,
                   events: dict[str, list[Interaction]], now: datetime) -> _Survey | None:
    """`_survey` in two processes (issue 17: both cores), when the file is one user a line:
    a forked child surveys the odd chunks while this process surveys the even ones, each
    parsing only its own chunks' lines, and the child's surveys cross as bytes. The figures
    are the ones one process gathers: the same surveys, added in chunk order. None when the
    file is not that plain or the child failed: then one process reads it whole."""

    def odd_chunks() -> bytes:
        with paused_gc():
            return pickle.dumps(_survey_half(network, survey, events, now, 1),
                                protocol=pickle.HIGHEST_PROTOCOL)

    with Child(odd_chunks) as child:
        mine = _survey_half(network, survey, events, now, 0)
        if mine is None:
            return None
        data = child.result()
    if data is None:
        return None
    with paused_gc():
        theirs: _HalfSurvey | None = pickle.loads(data)  # our own child's bytes
    del data
    if theirs is None or not mine.ids.isdisjoint(theirs.ids):
        return None
    chunks = {**mine.chunks, **theirs.chunks}
    if sorted(chunks) != list(range(len(chunks))) or not chunks:
        return None  # the file changed between the two readings, or held no user
    every, unmuted = array("d"), array("d")
    for number in range(len(chunks)):
        surveyed, count, chunk_every, chunk_unmuted = chunks.pop(number)
        survey.add_surveyed(surveyed, count)
        every.extend(chunk_every)
        unmuted.extend(chunk_unmuted)
    network.read_plainly(survey.count)
    return (survey, unmuted, frozenset(mine.muted | theirs.muted), sum(every),
            mine.any_profile or theirs.any_profile)


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


# A handle not known yet: the child sends those of its chunks.
_NO_HANDLE = ""

_Part = tuple[list[Account], list[Relationship]] | int


def _parts(network: FileNetwork, owned: int | None) -> Iterator[_Part]:
    """The chunks of the file, each as accounts and relationships when this process scores
    it (its number is `owned` modulo 2, or `owned` is None), else how many accounts it
    holds, unread when the file is one user a line (`FileNetwork.user_chunks`)."""
    if owned is None:
        yield from _chunks(network)
        return
    if not network.one_user_a_line:
        for number, (accounts, relationships) in enumerate(_chunks(network)):
            yield (accounts, relationships) if number % 2 == owned else len(accounts)
        return
    yield from _line_parts(network, owned)


def _line_parts(network: FileNetwork, owned: int) -> Iterator[_Part]:
    """`_parts` of a file of one user a line: the other process's chunks counted, unparsed
    (InputError at a line that does not hold one user)."""
    followers = network.followers()
    for part in network.user_chunks(CHUNK, owned):
        yield (part if isinstance(part, int)
               else ([a for a, _ in part], relationships_with_followers(part, followers)))


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

