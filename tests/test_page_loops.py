"""Paged reads end: a server that hands back a cursor it already gave stops the read
(Bluesky's follow records, Mastodon's Link pages and X's next_token all go through this;
tests/test_x_errors.py runs the X one end to end)."""

from __future__ import annotations

import pytest

from followprune.errors import ApiError, ExitCode
from followprune.networks.shapes import PageLoop, SeenCursors


def test_the_second_sight_of_a_cursor_stops_the_read() -> None:
    cursors = SeenCursors("the Bluesky service https://bsky.example", "your follow records")
    for cursor in ("a", "b", "c"):
        cursors.check(cursor)
    with pytest.raises(PageLoop) as stopped:
        cursors.check("b")
    assert isinstance(stopped.value, ApiError) and stopped.value.exit_code == ExitCode.API
    assert stopped.value.message.startswith(
        "the Bluesky service https://bsky.example sent the same page cursor twice while"
        " reading your follow records")


def test_mastodon_pagination_dicts_are_compared_by_their_contents() -> None:
    cursors = SeenCursors("the Mastodon instance m.example", '"following"')
    cursors.check(sorted({"max_id": "9", "limit": 80}.items()))
    cursors.check(sorted({"max_id": "8", "limit": 80}.items()))
    with pytest.raises(PageLoop):
        cursors.check(sorted({"limit": 80, "max_id": "9"}.items()))
