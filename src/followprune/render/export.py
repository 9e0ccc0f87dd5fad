"""Machine-readable proposals: JSON and CSV on stdout, for scripts and spreadsheets.

Both are written a batch of accounts at a time, so a list of a million accounts never
exists twice in memory (once as scores, once as one big string). Each account's line is
made in the order the accounts lie in memory, a block of ranks at a time, and held until
its rank is written (see `in_memory_order`).
"""

from __future__ import annotations

import csv
import gc
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import IO, TYPE_CHECKING, Any, NoReturn, TypeVar

import numpy as np
import numpy.typing as npt
import orjson

from followprune.components import component_names
from followprune.render.documents import ExplanationDocument, Proposals
from followprune.render.output import envelope
from followprune.scoring.blend import AccountScore
from followprune.scoring.components import paused_gc
from followprune.scoring.forked import can_fork, reap

if TYPE_CHECKING:
    from rich.console import Console

def csv_columns() -> list[str]:
    return ["rank", "account_id", "handle", "name", "keep", *component_names(), "proposed",
            "action", "dead", "guard", "follows_you", "last_active", "location", "reasons",
            *STREAM_COLUMNS]


# Issue 12, added at the end so existing columns keep their places.
STREAM_COLUMNS = ("posts_per_day", "stream_share", "rate_source", "rate_window_days")
# Accounts per write: big enough that writes are few, small enough to stay a few MB.
_BATCH = 2_000

Reasons = Callable[[AccountScore], list[str]]
T = TypeVar("T")
# The additive stream fields of one account (StreamView.record_values), in STREAM_COLUMNS order.
StreamValues = Callable[[str], tuple[float | None, float | None, str | None, float | None]]


def _five_reasons(score: AccountScore) -> list[str]:
    return score.reasons(limit=5)


def _no_stream(account_id: str) -> tuple[None, None, None, None]:
    return None, None, None, None


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def score_record(
    score: AccountScore, rank: int, action: str | None, reasons: Reasons = _five_reasons,
    stream: StreamValues = _no_stream, moment: Callable[[datetime | None], object] = _iso,
) -> dict[str, Any]:
    """One account as the JSON and CSV outputs show it.

    Built as one literal, in the order the keys are written: this runs for every account
    of an `--all` export, and merging partial dicts cost more than filling one. `moment`
    gives "last_active" (ISO text; for JSON, `json_moment`)."""
    account = score.account
    account_id = account.id
    posts_per_day, stream_share, rate_source, rate_window_days = stream(account_id)
    return {
        "rank": rank,
        "account_id": account_id,
        "handle": account.handle,
        "name": account.name,
        "keep": round(score.keep, 4),
        "components": {n: round(c.value, 4) for n, c in score.components.items()},
        "proposed": score.proposed,
        "action": action,
        "dead": score.dead,
        "guard": score.guard,
        "follows_you": score.relationship.follows_you,
        "last_active": moment(account.last_active_at),
        "location": account.location,
        "reasons": reasons(score),
        "posts_per_day": posts_per_day,
        "stream_share": stream_share,
        "rate_source": rate_source,
        "rate_window_days": rate_window_days,
    }


def json_moment(moment: datetime | None) -> datetime | str | None:
    """`_iso(moment)` as orjson will write it: a UTC moment is handed over as it is, since
    orjson writes it as isoformat() does (RFC 3339, "+00:00", microseconds only when there
    are any; tests/test_export_writers.py holds the two together) at a fraction of the
    cost; a moment in any other zone is made text here."""
    if moment is None or moment.tzinfo is UTC:
        return moment
    return moment.isoformat()


def write_json(out: IO[str], lines: Iterable[bytes | memoryview], meta: dict[str, Any]) -> None:
    """`{**meta, "accounts": [...]}`, one account a line, written a batch at a time.

    `lines` are the accounts' JSON objects, each indented as `indented` does."""
    # Reopen the meta object (drop its closing "\n}") to append the accounts array to it.
    head = orjson.dumps(meta, option=orjson.OPT_INDENT_2)[:-2] + b",\n" if meta else b"{\n"
    _write(out, head + b'  "accounts": [\n')
    batch: list[bytes | memoryview] = []
    separator = b""  # before each batch but the first
    for line in lines:
        batch.append(line)
        if len(batch) >= _BATCH:
            _write(out, separator + b",\n".join(batch))
            batch, separator = [], b",\n"
    if batch:
        _write(out, separator + b",\n".join(batch))
    _write(out, b"\n  ]\n}\n")


_INDENT = b"    "


def indented(record: dict[str, Any]) -> bytes:
    """One account's JSON object as a line of the accounts array.

    The copy this makes is wanted: orjson returns its whole working buffer (~8 KB), so
    holding its results directly held 8 KB an account."""
    return _INDENT + orjson.dumps(record)


def write_csv(out: IO[str], rows: Iterable[str]) -> None:
    """The header, then `rows` (each one's CSV line, see `CsvLines`), a batch at a time."""
    chunks = [CsvLines().line(csv_columns())]
    for row in rows:
        chunks.append(row)
        if len(chunks) >= _BATCH:
            out.write("".join(chunks))
            chunks = []
    out.write("".join(chunks))


class CsvLines:
    """Rows as CSV lines, quoted as `csv.writer` quotes them: the writer formats each row
    into this object, which keeps the line instead of writing it, so lines can be made in
    any order and written in rank order."""

    __slots__ = ("_text", "_writer")

    def __init__(self) -> None:
        self._text = ""
        self._writer = csv.writer(self, lineterminator="\n")

    def write(self, text: str) -> None:
        self._text = text  # the writer hands over each row in one call

    def line(self, row: Iterable[object]) -> str:
        self._writer.writerow(row)
        return self._text

    def record(self, record: dict[str, Any]) -> str:
        components = record["components"]
        return self.line([
            record["rank"], record["account_id"], record["handle"], record["name"],
            record["keep"], *(components.get(n) for n in component_names()),
            record["proposed"], record["action"], record["dead"], record["guard"],
            record["follows_you"], record["last_active"], record["location"],
            "; ".join(record["reasons"]), *(record.get(c) for c in STREAM_COLUMNS),
        ])


def in_memory_order(
    scores: Sequence[AccountScore], make: Callable[[AccountScore, int], T]
) -> Iterator[T]:
    """`make(score, rank)` for each score in rank order, made a block of MEMORY_ORDER_BLOCK
    ranks at a time in the order the accounts lie in memory rather than in rank order.

    Rank order jumps all over the heap: an account, its scores and its texts were made in
    the order of the file, and each is a cache miss away from the last. Made in address
    order (CPython's `id`, near enough the order they were allocated), writing 100,000
    accounts' reasons and records took ~15 % less CPU (2.6 s -> 2.2 s). Only the order of
    the work changes: each result still lands at its rank. A block's results are held
    until written, so memory stays flat on longer lists, whose blocks each sweep the heap
    once in address order."""
    for start in range(0, len(scores), MEMORY_ORDER_BLOCK):
        block = scores[start:start + MEMORY_ORDER_BLOCK]
        count = len(block)
        addresses = np.fromiter((id(s.account) for s in block), dtype=np.uint64, count=count)
        made: list[Any] = [None] * count
        with paused_gc():
            for i in np.argsort(addresses, kind="stable").tolist():
                made[i] = make(block[i], start + i + 1)
        yield from made


# Ranks made at once by `in_memory_order`: a list of 100,000 in one sweep of the heap, and
# ~60 MB of finished lines (~0.6 KB an account) held at most.
MEMORY_ORDER_BLOCK = 100_000
# From this many accounts on, a second process makes half of the lines (`in_rank_order`);
# None: never. Off, because of what it costs in memory: every page either process writes
# after the fork is copied, and making a line reads (so writes the reference counts of)
# the account, its score and its components, so the child costs about what the list
# itself holds. At 100,000 accounts (quiet machine) it saved ~0.25 s of a 5.2 s run and
# added ~250 MB to the processes' summed peak RSS (~170 MB of PSS), which took the run
# past the 500 MB goal; at 1,000,000 it would add GBs. Setting a size here turns it on.
PARALLEL_FROM: int | None = None


def _same(line: Any) -> Any:
    return line


def in_rank_order(
    scores: Sequence[AccountScore], make: Callable[[AccountScore, int], T],
    encode: Callable[[T], bytes] = _same, decode: Callable[[memoryview], T] = _same,
) -> Iterator[T]:
    """`in_memory_order(scores, make)`, made by two processes on a long list.

    A forked child makes the lines of the accounts in the upper half of memory and hands
    them back as bytes (`encode`, then `decode` here from a view of them; JSON lines stay
    views, which `write_json` joins as they are), while this process makes the lower
    half's; each block of ranks is then yielded whole, in rank order. Each process walks
    its half in address order, as `in_memory_order` does, for the same reason. Lines are
    made by the same `make` in either process, so the output is the same byte for byte; if
    the child fails in any way, this process makes its lines itself, and any error they
    raise is raised here as it would be without a child. Only when PARALLEL_FROM is set
    (it is off: see there), for that many accounts or more, and when `can_fork()`.
    """
    if PARALLEL_FROM is None or len(scores) < PARALLEL_FROM or not can_fork():
        return in_memory_order(scores, make)
    return _two_processes(scores, make, encode, decode)


def _two_processes(
    scores: Sequence[AccountScore], make: Callable[[AccountScore, int], T],
    encode: Callable[[T], bytes], decode: Callable[[memoryview], T],
) -> Iterator[T]:
    # A generator, so the child is started only once the lines are asked for, and always
    # collected when the caller stops asking (close runs _parent's clean-up).
    count = len(scores)
    # Read before forking: reading `score.account` after it would write its reference count
    # (and copy its page) in whichever process does it.
    addresses = np.fromiter((id(s.account) for s in scores), dtype=np.uint64, count=count)
    pivot = np.partition(addresses, count // 2)[count // 2]
    theirs = addresses >= pivot
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read_end)
        _child(scores, make, encode, addresses, theirs, write_end)
    os.close(write_end)
    yield from _parent(scores, make, decode, addresses, theirs, child, read_end)


def _child(
    scores: Sequence[AccountScore], make: Callable[[AccountScore, int], T],
    encode: Callable[[T], bytes], addresses: npt.NDArray[np.uint64],
    theirs: npt.NDArray[np.bool_], write_end: int,
) -> NoReturn:
    """Make the lines of `theirs`, a block at a time, and send each block down the pipe:
    the lines' lengths (uint64), then the lines, in rank order. Never returns; never runs
    the parent's clean-up (os._exit), so nothing of the parent's is flushed or closed
    twice."""
    status = 1
    try:
        gc.disable()  # short-lived: nothing it makes needs collecting
        with os.fdopen(write_end, "wb") as pipe:
            for _, ranked, memory_order in _blocks(addresses, theirs):
                lines: list[bytes] = [b""] * len(ranked)
                for n in memory_order:
                    lines[n] = encode(make(scores[ranked[n]], ranked[n] + 1))
                pipe.write(np.fromiter(map(len, lines), dtype=np.uint64,
                                       count=len(lines)).tobytes())
                pipe.writelines(lines)  # through the pipe's buffer: no joined copy
        status = 0
    finally:
        # Whatever went wrong, the parent sees a short block and makes these lines itself.
        os._exit(status)


def _parent(
    scores: Sequence[AccountScore], make: Callable[[AccountScore, int], T],
    decode: Callable[[memoryview], T], addresses: npt.NDArray[np.uint64],
    theirs: npt.NDArray[np.bool_], child: int, read_end: int,
) -> Iterator[T]:
    pipe = os.fdopen(read_end, "rb")
    child_alive = True
    try:
        for start, ranked, memory_order in _blocks(addresses, ~theirs):
            end = min(start + MEMORY_ORDER_BLOCK, len(scores))
            made: list[Any] = [None] * (end - start)
            with paused_gc():
                for n in memory_order:
                    i = ranked[n]
                    made[i - start] = make(scores[i], i + 1)
            their_ranks = np.flatnonzero(theirs[start:end]).tolist()
            lines = _received(pipe, len(their_ranks)) if child_alive else None
            if lines is None:
                # The child is gone or sent too little: its lines are made here, so any error
                # in making them is raised as it would be with no child.
                child_alive = False
                with paused_gc():
                    for n in their_ranks:
                        made[n] = make(scores[start + n], start + n + 1)
            else:
                for n, line in zip(their_ranks, lines, strict=True):
                    made[n] = decode(line)
            yield from made
    finally:
        pipe.close()
        reap(child)


def _received(pipe: IO[bytes], count: int) -> list[memoryview] | None:
    """A block of `count` lines from the child; None when it did not send them whole.

    Views into the one buffer the block was read into, rather than a copy of each line."""
    if count == 0:
        return []
    head = pipe.read(8 * count)
    if len(head) != 8 * count:
        return None
    lengths = np.frombuffer(head, dtype=np.uint64)
    size = int(lengths.sum())
    body = pipe.read(size)
    if len(body) != size:
        return None
    view = memoryview(body)
    ends = np.cumsum(lengths).tolist()
    return [view[a:b] for a, b in zip([0, *ends[:-1]], ends, strict=True)]


def _text(line: memoryview) -> str:
    return str(line, "utf-8")


def _blocks(
    addresses: npt.NDArray[np.uint64], chosen: npt.NDArray[np.bool_]
) -> Iterator[tuple[int, list[int], list[int]]]:
    """For each block of MEMORY_ORDER_BLOCK ranks: its start, the positions of the `chosen`
    scores in it (in rank order), and the order to make them in (memory order), as indexes
    into those positions."""
    for start in range(0, len(addresses), MEMORY_ORDER_BLOCK):
        end = start + MEMORY_ORDER_BLOCK
        picked = np.flatnonzero(chosen[start:end])
        order = np.argsort(addresses[start:end][picked], kind="stable")
        yield start, (picked + start).tolist(), order.tolist()


def _write(out: IO[str], data: bytes) -> None:
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        # Straight to the bytes underneath: decoding megabytes only to encode them again
        # costs more than making them.
        out.flush()
        buffer.write(data)
        buffer.flush()
    else:
        out.write(data.decode("utf-8"))


def _record_maker(
    doc: Proposals, moment: Callable[[datetime | None], object] = _iso
) -> Callable[[AccountScore, int], dict[str, Any]]:
    """`score_record` for one account of the document, given its rank."""
    review = doc.review
    action_of = {s.account.id: a.value
                 for s, a in zip(review.proposals, doc.actions, strict=True)}
    reasons, stream = review.reasons, review.stream.record_values

    def make(score: AccountScore, rank: int) -> dict[str, Any]:
        return score_record(score, rank, action_of.get(score.account.id), reasons, stream,
                            moment)

    return make


def _chosen(doc: Proposals) -> Sequence[AccountScore]:
    review = doc.review
    return review.scores if doc.all_accounts else review.proposals


def write_proposals_json(doc: Proposals, console: Console) -> None:
    review = doc.review
    meta = envelope(
        "proposals", network=review.network, run_id=review.run_id,
        followed=len(review.scores), proposed=review.proposed_total,
        threshold=review.threshold, all_accounts=doc.all_accounts,
    )
    if review.as_of is not None:
        meta["as_of"] = review.as_of.isoformat()
    if review.skipped:
        meta["skipped_lines"] = review.skipped
    meta["stream"] = review.stream.summary_record(s for s in review.scores if s.proposed)
    record = _record_maker(doc, json_moment)

    def line(score: AccountScore, rank: int) -> bytes:
        return indented(record(score, rank))

    write_json(console.file, in_rank_order(_chosen(doc), line), meta)
    console.file.flush()


def write_proposals_csv(doc: Proposals, console: Console) -> None:
    record, lines = _record_maker(doc), CsvLines()

    def row(score: AccountScore, rank: int) -> str:
        return lines.record(record(score, rank))

    write_csv(console.file, in_rank_order(_chosen(doc), row, str.encode, _text))
    console.file.flush()


def write_explanation_json(doc: ExplanationDocument, console: Console) -> None:
    result = doc.explanation
    score = result.score
    account = score.account
    components = {}
    for name, component in score.components.items():
        components[name] = {
            "value": round(component.value, 4),
            "weight": result.weights.get(name, 0.0),
            "confidence": round(component.confidence, 4),
            "reasons": [{"text": r.text, "push": round(r.push, 4)} for r in component.reasons],
            "facts": {key: _plain(value) for key, value in component.facts.items()},
        }
    data = envelope(
        "explanation",
        account={"id": account.id, "handle": account.handle, "name": account.name,
                 "bio": account.bio, "location": account.location,
                 "last_active": _iso(account.last_active_at),
                 "state": account.state.value},
        follows_you=score.relationship.follows_you,
        keep=round(score.keep, 4), threshold=result.threshold, rank=result.rank,
        followed=result.followed, proposed=score.proposed, dead=score.dead,
        guard=score.guard, verdict=result.verdict, components=components,
        stream=result.stream, budget_reason=result.budget_reason,
    )
    console.file.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")
    console.file.flush()


def _plain(value: object) -> object:
    """A fact as JSON can hold it: numbers rounded, dates as ISO text, maps and lists kept."""
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, str)):
        return value
    return str(value)
