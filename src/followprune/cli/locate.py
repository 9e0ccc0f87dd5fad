from __future__ import annotations

import click

from followprune.cli.state import get_state


@click.command()
@click.argument("texts", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(["table", "json"]),
              default="table", show_default=True, help="json for scripts.")
def locate(texts: tuple[str, ...], output_format: str) -> None:
    """Show how profile locations (or your home/regions settings) resolve, offline."""
    import json

    from rich.table import Table

    from followprune.scoring.geography import resolve_location

    state = get_state()
    places = [(text, resolve_location(text)) for text in texts]
    out = state.consoles.out
    if output_format == "json":
        rows = [
            {"text": text, "country": p.country, "region": p.region, "city": p.city,
             "confidence": round(p.confidence, 3), "rule": p.rule, "lat": p.lat, "lon": p.lon}
            for text, p in places
        ]
        out.file.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(show_edge=False)
    for column in ("text", "country", "region", "city", "confidence", "rule"):
        table.add_column(column)
    for text, p in places:
        table.add_row(text, p.country or "unknown", p.region or "", p.city or "",
                      f"{p.confidence:.2f}", p.rule)
    out.print(table)
