"""A following list X does not say the length of, priced honestly: (A) the last page still
carries `meta.next_token` and the page after it is empty, (B) /2/users/me comes without
`public_metrics` (optional in the spec). Each page of unknown size had been priced as 1,000
accounts: exit 9, "about $2.26 over the $1.00 allowed", nothing proposed, for a list of 150
costing about half the max cost. Now such a page is asked for no larger than the budget still
allows (keeping room for the reads planned after it), an empty page costs nothing, and a list
longer than the budget stops before the page that would pass it, keeping what was read.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Invoke
from tests.fakex import FakeX, ServerConfig
from tests.fakex.harness import amend_answers, connect, raised_limits, start_fake
from tests.fakex.server import encode_token

FOLLOWING = r"/2/users/\d+/following"
FOLLOWERS = r"/2/users/\d+/followers"
ME_ROUTE = "GET /2/users/me"
FOLLOWING_ROUTE = "GET /2/users/{id}/following"

JSON = dict[str, Any]


def _fake(monkeypatch: pytest.MonkeyPatch, **config: Any) -> Iterator[FakeX]:
    fx = start_fake(ServerConfig(rate_limits=raised_limits(), **config), n=150,
                    n_followers=20)
    connect(fx, monkeypatch)
    yield fx
    fx.close()
    assert not fx.server_errors, fx.server_errors[0]


@pytest.fixture
def xfx(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeX]:
    yield from _fake(monkeypatch)


def _no_counts(body: JSON, query: dict[str, str]) -> JSON:
    body["data"].pop("public_metrics", None)
    return body


def _token_on_the_last_page(fx: FakeX) -> Any:
    def change(body: JSON, query: dict[str, str]) -> JSON:
        meta = body.setdefault("meta", {})
        if body.get("data") and "next_token" not in meta:
            meta["next_token"] = encode_token(len(fx.state.following))  # past the end
        return body
    return change


def _stored_follows(home: Path) -> int:
    with sqlite3.connect(home / "followprune.sqlite3") as conn:
        return int(conn.execute("SELECT COUNT(*) FROM follows WHERE following = 1"
                                ).fetchone()[0])


def _spent(stderr: str) -> float:
    found = re.search(r"spent about \$(\d+\.\d+)", stderr)
    assert found, stderr
    return float(found.group(1))


@pytest.mark.usefixtures("isolated_env")
@pytest.mark.parametrize("asked", [False, True], ids=["no-terminal", "asked"])
def test_a_next_token_on_the_last_page_then_an_empty_page_reads_the_list(
    xfx: FakeX, invoke: Invoke, monkeypatch: pytest.MonkeyPatch, asked: bool
) -> None:
    amend_answers(monkeypatch, FOLLOWING_ROUTE, _token_on_the_last_page(xfx))
    if asked:
        monkeypatch.setattr("followprune.render.console.stdin_is_interactive", lambda: True)
    result = invoke("sync", input="y\n" if asked else None)
    assert result.exit_code == 0, result.output
    assert "Following 150 (150 new" in result.stdout
    pages = xfx.calls("GET", FOLLOWING)
    assert len(pages) == 2 and "data" not in pages[1].response
    # The page after the known count is asked no larger than the budget allows.
    assert 1 <= int(pages[1].query["max_results"]) < 1000
    monkeypatch.setattr("followprune.render.console.stdin_is_interactive", lambda: False)
    proposals = invoke("--dry-run", "--format", "json")
    assert proposals.exit_code == 0, proposals.output
    assert json.loads(proposals.stdout)["followed"] == 150


def test_a_profile_without_counts_reads_the_list_within_the_max_cost(
    xfx: FakeX, invoke: Invoke, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    amend_answers(monkeypatch, ME_ROUTE, _no_counts)
    result = invoke("sync")
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert "X did not say how many accounts your following list holds" in said
    assert "estimated at least $" in said and "stopping before a page would pass the max" \
        " cost $1.00" in said
    assert "Following 150 (150 new" in result.stdout
    assert _spent(result.stderr) <= 1.0
    proposals = invoke("--dry-run", "--format", "json")
    assert proposals.exit_code == 0, proposals.output
    assert json.loads(proposals.stdout)["proposed"] > 0


def test_a_list_longer_than_the_budget_stops_before_passing_it_and_resumes(
    xfx: FakeX, invoke: Invoke, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    amend_answers(monkeypatch, ME_ROUTE, _no_counts)
    # $0.01 your profile and $0.10 planned for mentions leave room for about 20 accounts.
    result = invoke("sync", "--max-cost", "0.16")
    assert result.exit_code == 9, result.output
    said = " ".join(result.stderr.split())
    assert "stopped before reading your following list" in said
    assert "what was read is kept and the next sync resumes from it" in said
    first = xfx.calls("GET", FOLLOWING)
    assert first and all(int(r.query["max_results"]) < 150 for r in first)
    read = sum(r.response["meta"]["result_count"] for r in first)
    assert 0 < read < 150
    assert _stored_follows(isolated_env) == 0  # no half list passed off as the follow list
    # Nothing but the profile and the following list was read: no reads past the budget.
    assert not [r for r in xfx.requests if not re.fullmatch(FOLLOWING, r.path)
                and r.path != "/2/users/me"]
    result = invoke("sync")
    assert result.exit_code == 0, result.output
    resumed = xfx.calls("GET", FOLLOWING)[len(first):]
    assert "pagination_token" in resumed[0].query
    assert "Following 150 (150 new" in result.stdout
    assert _stored_follows(isolated_env) == 150


@pytest.mark.usefixtures("isolated_env")
def test_asked_on_a_terminal_the_question_says_the_estimate_is_a_lower_bound(
    xfx: FakeX, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    amend_answers(monkeypatch, ME_ROUTE, _no_counts)
    monkeypatch.setattr("followprune.render.console.stdin_is_interactive", lambda: True)
    declined = invoke("sync", input="n\n")
    assert declined.exit_code == 0, declined.output
    said = " ".join(declined.output.split())
    assert re.search(r"Spend at least \$0\.\d\d on this sync, and up to \$1\.00 \(the max"
                     r" cost\) as the list needs\?", said), said
    assert xfx.calls("GET", FOLLOWING) == []


@pytest.fixture
def xfx_no_status(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeX]:
    yield from _fake(monkeypatch, fill_connection_status=False)


@pytest.mark.usefixtures("isolated_env")
def test_a_followers_list_of_unknown_length_is_read_within_the_budget(
    xfx_no_status: FakeX, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    fx = xfx_no_status
    amend_answers(monkeypatch, ME_ROUTE, _no_counts)
    result = invoke("sync")
    assert result.exit_code == 0, result.output
    followers = fx.calls("GET", FOLLOWERS)
    assert len(followers) == 1 and "next_token" not in followers[0].response["meta"]
    assert followers[0].response["meta"]["result_count"] == len(fx.state.followers)
    # Twice: the first sync learns X leaves connection_status out; the next plans the read.
    result = invoke("sync", "--refresh")
    assert result.exit_code == 0, result.output
    assert "X did not say how many accounts your following list and your followers list" \
        " holds" in " ".join(result.stderr.split())
    assert _spent(result.stderr) <= 1.0
