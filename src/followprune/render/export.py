"""Machine-readable proposals: JSON and CSV on stdout, for scripts and spreadsheets.

Both are written a batch of accounts at a time, so a list of a million accounts never
exists twice in memory (once as scores, once as one big string). Each account's line is
made in the order the accounts lie in memory, a block of ranks at a time, and held until
its rank is written (see `in_memory_order`).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import IO, TYPE_CHECKING, Any, TypeVar

import numpy as np
import orjson

from followprune.components import component_names
from followprune.render.console import controls_shown
from followprune.render.documents import ExplanationDocument, Proposals
from followprune.render.output import envelope
from followprune.scoring.blend import AccountScore
from followprune.scoring.components import paused_gc

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


def write_json(out: IO[str], lines: Iterable[bytes], meta: dict[str, Any]) -> None:
    """`{**meta, "accounts": [...]}`, one account a line, written a batch at a time.

    `lines` are the accounts' JSON objects, each indented as `indented` does."""
    # Reopen the meta object (drop its closing "\n}") to append the accounts array to it.
    head = orjson.dumps(meta, option=orjson.OPT_INDENT_2)[:-2] + b",\n" if meta else b"{\n"
    _write(out, head + b'  "accounts": [\n')
    batch: list[bytes] = []
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


# A cell a spreadsheet would run as a formula (=HYPERLINK(…), +, -, @, or a tab or return
# before one), so profile text opened from a CSV is text, as OWASP advises: a leading '.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str | None) -> str | None:
    """`value` as a CSV cell of profile text: a quote before anything a spreadsheet would
    take for a formula, and control characters shown as escapes (a CSV is read on terminals
    too: `cat` would run an escape sequence in a name), else as it is."""
    if not value:
        return value
    if not value.isprintable():
        value = controls_shown(value)
    if value.startswith(_FORMULA_START):
        return "'" + value
    return value


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
            record["rank"], record["account_id"], spreadsheet_text(record["handle"]),
            spreadsheet_text(record["name"]), record["keep"],
            *(components.get(n) for n in component_names()),
            record["proposed"], record["action"], record["dead"], record["guard"],
            record["follows_you"], record["last_active"], spreadsheet_text(record["location"]),
            spreadsheet_text("; ".join(record["reasons"])),
            *(record.get(c) for c in STREAM_COLUMNS),
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
    reasons, stream = review.reasons, review.stream.record_values_of()

    def make(score: AccountScore, rank: int) -> dict[str, Any]:
        return score_record(score, rank, action_of.get(score.account.id), reasons, stream,
                            moment)

    return make


def _chosen(doc: Proposals) -> Sequence[AccountScore]:
    review = doc.review
    return review.scores if doc.all_accounts else review.proposals


def _lines(doc: Proposals, make: Callable[[AccountScore, int], T],
           rest: Callable[[bytes, int], T]) -> Iterator[T]:
    """Each chosen account's line in rank order: `make(score, rank)`, or for a review scored
    a chunk at a time, `rest(line, rank)` for the accounts whose line it made then."""
    review = doc.review
    if not (doc.all_accounts and review.rest is not None):
        yield from in_memory_order(_chosen(doc), make)
        return
    with paused_gc():
        for rank, found in enumerate(review.rest.ranked(), start=1):
            yield make(found, rank) if isinstance(found, AccountScore) else rest(found, rank)


# What every account's line starts with, and its rank follows (JSON, then CSV): a line made
# before the ranks are known is made with rank 0, which `_rankless` cuts off.
_JSON_START = b'{"rank":'
_RANK_ZERO = b"0"


def _rankless(line: bytes, start: bytes) -> bytes:
    if not line.startswith(start + _RANK_ZERO):
        raise AssertionError(f"a line that does not start with its rank: {line[:40]!r}")
    return line[len(start) + 1:]


def json_rest_line(score: AccountScore, stream: StreamValues) -> bytes:
    """An account's JSON line (not a proposal, with no action) without its rank, for a review
    scored a chunk at a time: `_lines` puts the rank back when it is known."""
    return _rankless(orjson.dumps(score_record(score, 0, None, _five_reasons, stream,
                                               json_moment)), _JSON_START)


def csv_rest_line(score: AccountScore, stream: StreamValues) -> bytes:
    """As `json_rest_line`, a CSV row (UTF-8)."""
    line = CsvLines().record(score_record(score, 0, None, _five_reasons, stream))
    return _rankless(line.encode("utf-8"), b"")


def write_proposals_json(doc: Proposals, console: Console) -> None:
    review = doc.review
    meta = envelope(
        "proposals", network=review.network, run_id=review.run_id,
        followed=review.followed_total, proposed=review.proposed_total,
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

    def rest(line: bytes, rank: int) -> bytes:
        return b"".join((_INDENT, _JSON_START, str(rank).encode(), line))

    write_json(console.file, _lines(doc, line, rest), meta)
    console.file.flush()


def write_proposals_csv(doc: Proposals, console: Console) -> None:
    record, lines = _record_maker(doc), CsvLines()

    def row(score: AccountScore, rank: int) -> str:
        return lines.record(record(score, rank))

    def rest(line: bytes, rank: int) -> str:
        return str(rank) + line.decode("utf-8")

    write_csv(console.file, _lines(doc, row, rest))
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
