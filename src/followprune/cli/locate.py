from __future__ import annotations

from typing import TYPE_CHECKING

import click

from followprune.cli.state import get_state

if TYPE_CHECKING:
    from followprune.scoring.geography import Place


@click.command()
@click.argument("texts", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(["table", "json"]),
              default="table", show_default=True, help="json for scripts.")
def locate(texts: tuple[str, ...], output_format: str) -> None:
    """Show how profile locations (or your home/regions settings) resolve, offline.

    A text naming several places ("London / NYC") shows each; scoring uses the one that
    suits you best.
    """
    import json

    from rich.table import Table

    from followprune.scoring.geography import resolve_location

    state = get_state()
    places = [(text, resolve_location(text)) for text in texts]
    out = state.consoles.out
    if output_format == "json":
        # The first place's fields stay at the top level; "places" lists every place named.
        rows = [
            {"text": text, **_fields(p), "places": [_fields(q) for q in p.places]}
            for text, p in places
        ]
        out.file.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(show_edge=False)
    for column in ("text", "country", "region", "city", "confidence", "rule"):
        table.add_column(column)
    for text, p in places:
        for i, q in enumerate(p.places or (p,)):
            table.add_row(text if i == 0 else "  and", q.country or "unknown", q.region or "",
                          q.city or "", f"{q.confidence:.2f}", q.rule)
    out.print(table)


def _fields(p: Place) -> dict[str, object]:
    return {"country": p.country, "region": p.region, "city": p.city,
            "confidence": round(p.confidence, 3), "rule": p.rule, "lat": p.lat, "lon": p.lon}
