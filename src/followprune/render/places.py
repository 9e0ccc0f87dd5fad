"""`prune locate`: how location texts resolve, as a table or JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from rich.table import Table

from followprune.render.documents import Places
from followprune.render.output import envelope

if TYPE_CHECKING:
    from rich.console import Console

    from followprune.scoring.geography import Place


def write_places_table(doc: Places, console: Console) -> None:
    table = Table(show_edge=False)
    for column in ("text", "country", "region", "city", "confidence", "rule"):
        table.add_column(column)
    for text, p in doc.resolved:
        for i, q in enumerate(p.places or (p,)):
            table.add_row(text if i == 0 else "  and", q.country or "unknown", q.region or "",
                          q.city or "", f"{q.confidence:.2f}", q.rule)
    console.print(table)


def write_places_json(doc: Places, console: Console) -> None:
    # The first place's fields stay at the top level; "places" lists every place named.
    rows = [{"text": text, **_fields(p), "places": [_fields(q) for q in p.places]}
            for text, p in doc.resolved]
    console.file.write(json.dumps(envelope("places", places=rows), ensure_ascii=False,
                                  indent=2) + "\n")


def _fields(p: Place) -> dict[str, object]:
    return {"country": p.country, "region": p.region, "city": p.city,
            "confidence": round(p.confidence, 3), "rule": p.rule, "lat": p.lat, "lon": p.lon}
