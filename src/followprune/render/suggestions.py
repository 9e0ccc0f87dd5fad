"""`prune suggest` written out: a table to pick rows from, JSON, CSV and an HTML page."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import orjson
from rich import box
from rich.table import Table
from rich.text import Text

from followprune.render.export import spreadsheet_text
from followprune.render.output import envelope
from followprune.render.tables import keep_bar
from followprune.scoring.wording import ago

if TYPE_CHECKING:
    from rich.console import Console

    from followprune.app.suggest import Suggestion, Suggestions

CSV_COLUMNS = ("row", "account_id", "handle", "name", "rank", "keep", "connection",
               "follows_you", "came_back", "last_active", "location", "reasons")
# Columns whose text comes from profiles (see spreadsheet_text).
_PROFILE_TEXT = ("handle", "name", "location", "reasons")


@dataclass(frozen=True)
class SuggestionsDocument:
    suggestions: Suggestions


def suggestion_record(result: Suggestions, row: int, s: Suggestion) -> dict[str, Any]:
    account = s.account
    return {
        "row": row,
        "account_id": account.id,
        "handle": account.handle,
        "name": account.name,
        "url": account.url,
        "rank": round(s.rank, 4),
        "keep": round(s.score.keep, 4),
        "connection": round(s.connection, 4),
        "components": {n: round(c.value, 4) for n, c in s.score.components.items()},
        "follows_you": bool(s.score.relationship.follows_you),
        "came_back": s.comeback.sentence(result.now) if s.comeback else None,
        "last_active": account.last_active_at.isoformat() if account.last_active_at else None,
        "location": account.location,
        "reasons": result.reasons(s),
    }


def suggestions_dict(result: Suggestions) -> dict[str, Any]:
    plan = result.plan
    return envelope(
        "suggestions",
        network=result.network,
        as_of=result.now.isoformat(),
        run_id=result.run_id,
        considered=result.considered,
        ranked=result.ranked,
        left_out=dict(result.left_out),
        estimate=None if plan is None else plan.estimate,
        spent=None if result.usage is None else round(result.usage.cost, 4),
        muted_comebacks=[
            {"row": i, "account_id": c.account_id, "handle": c.parked.handle,
             "came_back": c.sentence(result.now)}
            for i, c in enumerate(result.muted_comebacks, 1)],
        suggestions=[suggestion_record(result, i, s)
                     for i, s in enumerate(result.suggestions, 1)],
    )


def write_suggestions_json(doc: SuggestionsDocument, console: Console) -> None:
    console.file.write(orjson.dumps(suggestions_dict(doc.suggestions),
                                    option=orjson.OPT_INDENT_2).decode() + "\n")


def write_suggestions_csv(doc: SuggestionsDocument, console: Console) -> None:
    writer = csv.writer(console.file, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    result = doc.suggestions
    for i, s in enumerate(result.suggestions, 1):
        record = suggestion_record(result, i, s)
        record["reasons"] = " | ".join(record["reasons"])
        for key in _PROFILE_TEXT:
            record[key] = spreadsheet_text(record[key])
        writer.writerow([record[c] if record[c] is not None else "" for c in CSV_COLUMNS])


def write_suggestions_html(doc: SuggestionsDocument, console: Console) -> None:
    from followprune.render.html import render_template

    data = suggestions_dict(doc.suggestions)
    console.file.write(render_template(
        "suggestions.html.j2", title=f"followprune: people to follow on {data['network']}",
        data=data))
    console.file.flush()


def write_suggestions_table(doc: SuggestionsDocument, console: Console) -> None:
    result = doc.suggestions
    out = console
    if not result.suggestions:
        out.print(f"No one to suggest on {result.network} ({result.considered:,} candidates"
                  " looked at).", highlight=False)
    else:
        out.print(suggestions_table(result, plain=not console.is_terminal))
        left = "; ".join(f"{count:,} {why}" for why, count in result.left_out)
        out.print(f"{len(result.suggestions)} shown of {result.ranked:,} worth suggesting"
                  f" ({result.considered:,} candidates looked at"
                  + (f"; left out: {left}" if left else "") + ").", highlight=False)
    if result.muted_comebacks:
        # Numbered apart from the suggestions: these are followed already, and `unmute 1`
        # picks from this list.
        out.print("\nMuted, and back from silence (`unmute 1` to see them again):",
                  highlight=False)
        for i, back in enumerate(result.muted_comebacks, 1):
            out.print(f"{i:>3}  {back.sentence(result.now)}", highlight=False, markup=False)


def suggestions_table(result: Suggestions, *, plain: bool = False) -> Table:
    table = Table(box=None if plain else box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("#", justify="right")
    table.add_column("handle", no_wrap=True)
    table.add_column("name", max_width=20, no_wrap=True, overflow="ellipsis")
    table.add_column("rank", no_wrap=True)
    table.add_column("score", justify="right")
    table.add_column("tie", justify="right")
    table.add_column("last active", no_wrap=True)
    table.add_column("location", max_width=18, no_wrap=True, overflow="ellipsis")
    table.add_column("why")
    for i, s in enumerate(result.suggestions, 1):
        account = s.account
        # Text, not markup: names, bios and locations are written by strangers.
        table.add_row(
            str(i), Text(f"@{account.handle}"), Text(account.name), keep_bar(s.rank),
            f"{s.score.keep:.2f}", f"{s.connection:.2f}",
            _last_active(account.last_active_at, result.now), Text(account.location),
            Text("; ".join(result.reasons(s, 2))),
        )
    return table


def _last_active(moment: datetime | None, now: datetime) -> str:
    return ago(moment, now) if moment else "unknown"
