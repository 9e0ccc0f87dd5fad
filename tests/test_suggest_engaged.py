"""Who `prune suggest` asks a network to read among the people you engaged with: those you
don't follow, the most recent first (Bluesky reads only the latest 300, X plans its lookups
in this order), undated ones last, ties by id."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from followprune.app.suggest import engaged_you
from followprune.models import Account, Direction, Graph, Interaction, InteractionKind

NOW = datetime(2026, 6, 1, tzinfo=UTC)


def event(account_id: str, days_ago: float | None,
          direction: Direction = Direction.FROM_THEM) -> Interaction:
    return Interaction(account_id=account_id, kind=InteractionKind.REPLY, direction=direction,
                       at=None if days_ago is None else NOW - timedelta(days=days_ago),
                       source_id=f"{account_id}-{days_ago}")


def test_most_recent_first_then_by_id_undated_last_followed_and_you_left_out() -> None:
    me = Account(id="me", handle="me")
    graph = Graph(me=me, accounts=[Account(id="f", handle="followed")], relationships=[],
                  interactions=[
                      event("old", 300), event("old", 2),  # its latest counts
                      event("b", 10), event("a", 10),  # tied: by id
                      event("undated", None),
                      event("liked", 1, Direction.FROM_YOU),
                      event("f", 0), event("me", 0),
                  ])
    assert engaged_you(graph, {"f"}, "me") == ["liked", "old", "a", "b", "undated"]
