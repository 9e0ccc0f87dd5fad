"""Which of Mastodon's `moved` accounts followprune offers to follow instead."""

from __future__ import annotations

from typing import Any

from followprune.networks.mastodon.convert import account_from


def _entity(**changes: Any) -> dict[str, Any]:
    entity: dict[str, Any] = {
        "id": "100", "username": "ann", "acct": "ann@old.example", "display_name": "Ann",
        "note": "", "created_at": "2020-01-01T00:00:00.000Z", "followers_count": 10,
        "following_count": 10, "statuses_count": 10, "last_status_at": "2026-01-01",
    }
    entity.update(changes)
    return entity


def test_a_move_to_a_live_account_is_offered() -> None:
    moved = _entity(id="200", username="ann", acct="ann@new.example")
    account = account_from(_entity(moved=moved), "home.example")
    assert account.moved_to == "ann@new.example" and account.moved_to_id == "200"


def test_a_move_to_a_suspended_account_or_to_itself_is_none() -> None:
    # Following a suspended account fails: the old one would be unfollowed for nothing.
    gone = _entity(id="200", username="ann", acct="ann@new.example", suspended=True)
    assert account_from(_entity(moved=gone), "home.example").moved_to == ""
    itself = _entity()
    account = account_from(_entity(moved=itself), "home.example")
    assert (account.moved_to, account.moved_to_id) == ("", "")
