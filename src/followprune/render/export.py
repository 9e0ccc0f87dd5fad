"""Machine-readable proposals: JSON and CSV on stdout, for scripts and spreadsheets.

Both are written as they are made, a batch of accounts at a time, so a list of a million
accounts never exists twice in memory (once as scores, once as one big string).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any

import orjson

from followprune.components import component_names
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


def _five_reasons(score: AccountScore) -> list[str]:
    return score.reasons(limit=5)


def score_record(
    score: AccountScore, rank: int, action: str | None, reasons: Reasons = _five_reasons
) -> dict[str, Any]:
    account = score.account
    components = score.components
    return {
        "rank": rank,
        "account_id": account.id,
        "handle": account.handle,
        "name": account.name,
        "keep": round(score.keep, 4),
        "components": {n: round(c.value, 4) for n, c in components.items()},
        "proposed": score.proposed,
        "action": action,
        "dead": score.dead,
        "guard": score.guard,
        "follows_you": score.relationship.follows_you,
        "last_active": _iso(account.last_active_at),
        "location": account.location,
        "reasons": reasons(score),
    }


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def write_json(
    out: IO[str], records: Iterable[dict[str, Any]], meta: dict[str, Any]
) -> None:
    """`{**meta, "accounts": [...]}`, one account a line, written as the records come."""
    # Reopen the meta object (drop its closing "\n}") to append the accounts array to it.
    head = orjson.dumps(meta, option=orjson.OPT_INDENT_2)[:-2] + b",\n" if meta else b"{\n"
    chunks: list[bytes] = [head + b'  "accounts": [\n']
    # Reasons and records are many small containers; see paused_gc.
    with paused_gc():
        for count, record in enumerate(records):
            chunks.append((b",\n    " if count else b"    ") + orjson.dumps(record))
            if len(chunks) >= _BATCH:
                _write(out, b"".join(chunks))
                chunks = []
    chunks.append(b"\n  ]\n}\n")
    _write(out, b"".join(chunks))


def write_csv(out: IO[str], records: Iterable[dict[str, Any]]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    names = component_names()
    writer.writerow(csv_columns())
    with paused_gc():
        for record in records:
            components = record["components"]
            writer.writerow([
                record["rank"], record["account_id"], record["handle"], record["name"],
                record["keep"], *(components.get(n) for n in names), record["proposed"],
                record["action"], record["dead"], record["guard"], record["follows_you"],
                record["last_active"], record["location"], "; ".join(record["reasons"]),
                *(record.get(c) for c in STREAM_COLUMNS),
            ])


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


def _records(doc: Proposals) -> Iterable[dict[str, Any]]:
    """One record per account written, made as it is written (a generator)."""
    review = doc.review
    action_of = {s.account.id: a.value
                 for s, a in zip(review.proposals, doc.actions, strict=True)}
    chosen = review.scores if doc.all_accounts else review.proposals
    stream = review.stream
    return ({**score_record(s, rank, action_of.get(s.account.id), review.reasons),
             **stream.record(s.account.id)}
            for rank, s in enumerate(chosen, 1))


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
    write_json(console.file, _records(doc), meta)
    console.file.flush()


def write_proposals_csv(doc: Proposals, console: Console) -> None:
    write_csv(console.file, _records(doc))
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
