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


def test_a_chain_of_moves_is_followed_to_its_end() -> None:
    # A moved to B, B to C: C is where the person is; "follow @B" pointed at an account
    # that had moved away too.
    third = _entity(id="300", username="ann", acct="ann@third.example")
    second = _entity(id="200", username="ann", acct="ann@new.example", moved=third)
    account = account_from(_entity(moved=second), "home.example")
    assert (account.moved_to, account.moved_to_id) == ("ann@third.example", "300")


def test_a_chain_of_moves_that_loops_or_ends_suspended_offers_none() -> None:
    back = _entity(id="200", username="ann", acct="ann@new.example", moved=_entity())
    assert account_from(_entity(moved=back), "home.example").moved_to == ""
    suspended = _entity(id="300", username="ann", acct="ann@third.example", suspended=True)
    second = _entity(id="200", username="ann", acct="ann@new.example", moved=suspended)
    assert account_from(_entity(moved=second), "home.example").moved_to == ""


def test_a_chain_of_moves_longer_than_the_cap_ends_at_the_cap() -> None:
    from followprune.networks.mastodon.convert import MAX_MOVES

    chain: dict[str, Any] | None = None
    for hop in range(MAX_MOVES + 3, 0, -1):
        chain = _entity(id=str(1000 + hop), acct=f"ann@hop{hop}.example",
                        **({"moved": chain} if chain else {}))
    account = account_from(_entity(moved=chain), "home.example")
    assert account.moved_to == f"ann@hop{MAX_MOVES}.example"
