"""Partial errors in a 200 answer of X (`errors` next to `data`), as the spec allows them: only
one that names a user that was asked for is a dead account. Before, an error about a pinned
or latest post that could not be found (X sends these whenever a pinned post was deleted),
or about a user some expansion named, was read as a deleted or suspended *followed* account
under the post's id, counted among the follows, proposed as "account deleted", and
`prune --yes` sent DELETE /2/users/<me>/following/<post id>.

Real HTTP against the fake X, the real CLI; the answers are amended after the fake serves
them, so the page is otherwise the one X would send."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from followprune.models import AccountState
from followprune.networks.x import convert
from tests.conftest import Invoke
from tests.fakex import FakeX
from tests.fakex.harness import amend_answers, connect, start_fake

FOLLOWING_ROUTE = "GET /2/users/{id}/following"
UNFOLLOW = r"/2/users/\d+/following/\d+"
POST_ID = "1890000000000000000"  # a snowflake no account has

JSON = dict[str, Any]
Amend = Callable[[JSON, dict[str, str]], JSON]


@pytest.fixture
def xfx(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeX]:
    # Not finish_fake: the amended answers are checked here, not against the fake's own.
    fx = start_fake(n_followers=20)
    connect(fx, monkeypatch)
    yield fx
    fx.close()
    assert not fx.server_errors, fx.server_errors[0]


def post_error(parameter: str, post_id: str, *, resource_type: str = "tweet",
               section: str | None = None) -> JSON:
    error = {"value": post_id,
             "detail": f"Could not find tweet with {parameter}: [{post_id}].",
             "title": "Not Found Error", "resource_type": resource_type,
             "parameter": parameter, "resource_id": post_id,
             "type": "https://api.twitter.com/2/problems/resource-not-found"}
    if section:
        error["section"] = section
    return error


def with_errors(*errors: JSON, field: str | None = None) -> Amend:
    """Add `errors` to a following page; `field`: also point its first user's `field` at
    the missing post, as X does when the post behind that id is gone."""
    def change(body: JSON, query: dict[str, str]) -> JSON:
        if field and body.get("data"):
            body["data"][0][field] = errors[0]["resource_id"]
        body.setdefault("errors", []).extend(errors)
        return body
    return change


def _accounts(result_stdout: str) -> dict[str, JSON]:
    return {a["account_id"]: a for a in json.loads(result_stdout)["accounts"]}


def _assert_no_phantom(fx: FakeX, invoke: Invoke, home: Path, phantom: str) -> None:
    """The list is the 30 followed accounts, the phantom is nowhere, and acting on the worst
    proposals (a phantom, dead, would rank first) unfollows followed accounts only."""
    result = invoke("--dry-run", "--all", "--format", "json")
    assert result.exit_code == 0, result.output
    accounts = _accounts(result.stdout)
    assert set(accounts) == set(fx.state.following)
    assert not any(a["dead"] for a in accounts.values())
    assert "account deleted" not in result.stdout and "suspended" not in result.stdout
    conn = sqlite3.connect(home / "followprune.sqlite3")
    assert conn.execute("SELECT COUNT(*) FROM follows WHERE account_id = ?",
                        (phantom,)).fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM follows WHERE following = 1"
                        ).fetchone()[0] == 30
    followed = set(fx.state.following)
    acted = invoke("--yes", "--limit", "10")  # under the 15-minute cap: no pause
    assert acted.exit_code == 0, acted.output
    targets = [r.path.rsplit("/", 1)[1] for r in fx.calls("DELETE", UNFOLLOW)]
    assert targets, "nothing was unfollowed: the test would prove nothing"
    assert set(targets) <= followed, set(targets) - followed
    assert phantom not in targets
    journal = {row[0] for row in conn.execute("SELECT account_id FROM actions")}
    assert phantom not in journal and journal <= followed


def test_a_pinned_post_x_cannot_find_is_no_pinned_text_not_a_dead_account(
    xfx: FakeX, invoke: Invoke, isolated_env: Path
) -> None:
    # The fake itself answers a pinned post it lacks with the partial error X sends.
    owner = xfx.state.following[3]
    xfx.state.users[owner]["pinned_post_id"] = POST_ID
    result = invoke("sync")
    assert result.exit_code == 0, result.output
    page = xfx.calls("GET", r"/2/users/\d+/following")[0].response
    assert any(e.get("parameter") == "pinned_tweet_id" for e in page["errors"])
    assert "Following 30 (30 new" in result.stdout
    conn = sqlite3.connect(isolated_env / "followprune.sqlite3")
    profile = json.loads(conn.execute("SELECT profile FROM accounts WHERE account_id = ?",
                                      (owner,)).fetchone()[0])
    assert profile["pinned_text"] == "" and profile["state"] == "active"
    _assert_no_phantom(xfx, invoke, isolated_env, POST_ID)


@pytest.mark.parametrize(("field", "error"), [
    ("pinned_tweet_id", post_error("pinned_tweet_id", POST_ID)),
    ("most_recent_tweet_id", post_error("most_recent_tweet_id", POST_ID)),
    ("most_recent_post_id", post_error("most_recent_post_id", POST_ID, resource_type="post")),
    ("pinned_tweet_id", post_error("pinned_tweet_id", POST_ID, section="includes")),
], ids=["pinned", "most-recent", "most-recent-2.167", "pinned-in-includes"])
def test_an_error_about_a_post_on_a_following_page_unfollows_nothing(
    xfx: FakeX, invoke: Invoke, isolated_env: Path, monkeypatch: pytest.MonkeyPatch,
    field: str, error: JSON
) -> None:
    amend_answers(monkeypatch, FOLLOWING_ROUTE, with_errors(error, field=field))
    result = invoke("sync")
    assert result.exit_code == 0, result.output
    assert "Following 30 (30 new" in result.stdout
    _assert_no_phantom(xfx, invoke, isolated_env, POST_ID)


def test_a_suspended_user_an_expansion_names_is_no_followed_account(
    xfx: FakeX, invoke: Invoke, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    suspended = {"value": "2999999999", "detail": "User has been suspended: [2999999999].",
                 "title": "Forbidden", "resource_type": "user",
                 "parameter": "entities.mentions.username", "resource_id": "2999999999",
                 "section": "includes",
                 "type": "https://api.twitter.com/2/problems/resource-not-found"}
    amend_answers(monkeypatch, FOLLOWING_ROUTE, with_errors(suspended))
    result = invoke("sync")
    assert result.exit_code == 0, result.output
    assert "Following 30 (30 new" in result.stdout
    _assert_no_phantom(xfx, invoke, isolated_env, "2999999999")


def test_an_error_about_the_lists_owner_is_not_a_follow_of_yours(
    xfx: FakeX, invoke: Invoke, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    me = xfx.state.me_id
    error = {"value": me, "detail": f"Could not find user with id: [{me}].",
             "title": "Not Found Error", "resource_type": "user", "parameter": "id",
             "resource_id": me, "type": "https://api.twitter.com/2/problems/resource-not-found"}
    amend_answers(monkeypatch, FOLLOWING_ROUTE, with_errors(error))
    result = invoke("sync")
    assert result.exit_code == 0, result.output
    assert "Following 30 (30 new" in result.stdout
    _assert_no_phantom(xfx, invoke, isolated_env, me)


def test_a_user_error_without_an_expansion_is_still_a_dead_follow(
    xfx: FakeX, invoke: Invoke, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rule keeps what it is for: an account X says is gone, named as the user asked for,
    is listed dead (and proposed first)."""
    gone = "777777777"
    error = {"value": gone, "detail": f"User has been suspended: [{gone}].",
             "title": "Forbidden", "resource_type": "user", "parameter": "ids",
             "resource_id": gone, "type": "https://api.twitter.com/2/problems/resource-not-found"}
    amend_answers(monkeypatch, FOLLOWING_ROUTE, with_errors(error))
    assert invoke("sync").exit_code == 0
    result = invoke("--dry-run", "--all", "--format", "json")
    accounts = _accounts(result.stdout)
    assert accounts[gone]["dead"] is True and accounts[gone]["proposed"] is True


# -- the rule itself, shape by shape ---------------------------------------------------------
_USER = {"resource_type": "user", "resource_id": "123", "value": "123",
         "detail": "Could not find user with ids: [123].", "title": "Not Found Error",
         "type": "https://api.twitter.com/2/problems/resource-not-found"}


@pytest.mark.parametrize(("error", "named"), [
    ({**_USER, "parameter": "ids"}, "123"),
    ({**_USER, "parameter": "id"}, "123"),
    ({**_USER, "parameter": "usernames"}, "123"),
    (_USER, "123"),  # resource-unavailable problems carry no parameter
    ({**_USER, "parameter": "author_id"}, None),
    ({**_USER, "parameter": "entities.mentions.username"}, None),
    ({**_USER, "parameter": "ids", "section": "includes"}, None),
    ({**_USER, "resource_type": "tweet", "parameter": "pinned_tweet_id"}, None),
    ({**_USER, "resource_type": "post", "parameter": "ids"}, None),
    ({**_USER, "resource_id": "not-an-id", "value": "x", "parameter": "ids"}, None),
    ({"detail": "Could not find anything", "resource_id": "123"}, None),
    ("not an object", None),
])
def test_erring_user_names_only_a_user_asked_for(error: Any, named: str | None) -> None:
    assert convert.erring_user(error) == named
    state = convert.state_from_error(error) if isinstance(error, dict) else None
    assert (state is AccountState.DELETED) is (named is not None)
