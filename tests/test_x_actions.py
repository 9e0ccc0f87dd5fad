"""Review, confirm, unfollow and undo through the fake X API; OAuth 1.0a signing."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.conftest import Invoke
from tests.fakex import FakeX, faults
from tests.fakex.harness import serve_connected

UNFOLLOW = r"/2/users/\d+/following/\d+"


@pytest.fixture
def xfx(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeX]:
    yield from serve_connected(monkeypatch)


def proposals(invoke: Invoke) -> list[dict[str, object]]:
    result = invoke("--format", "json", "--limit", "3", "--max-cost", "5")
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)["accounts"]
    return rows


def test_review_unfollow_and_undo_through_the_api(
    xfx: FakeX, invoke: Invoke, interactive: None
) -> None:
    result = invoke("--limit", "3", input="y\nall\n")
    assert result.exit_code == 0, result.output
    deletes = xfx.calls("DELETE", UNFOLLOW)
    assert len(deletes) == 3 and all(r.status == 200 for r in deletes)
    gone = {r.path.rsplit("/", 1)[1] for r in deletes}
    assert not gone & set(xfx.state.following)
    # The review's sync was one read; the actions did not re-read anything.
    assert len(xfx.calls("GET", r"/2/users/\d+/following")) == 1

    result = invoke("undo", "--yes")
    assert result.exit_code == 0, result.output
    follows = xfx.calls("POST", r"/2/users/\d+/following")
    assert {r.body["target_user_id"] for r in follows} == gone
    assert gone <= set(xfx.state.following) | set(xfx.state.pending)


def test_mute_and_unmute(xfx: FakeX, invoke: Invoke, interactive: None) -> None:
    result = invoke("--limit", "1", input="y\nmute 1\nall\n")
    assert result.exit_code == 0, result.output
    (mute,) = xfx.calls("POST", r"/2/users/\d+/muting")
    target = mute.body["target_user_id"]
    assert target in xfx.state.muting
    assert invoke("undo", "--yes").exit_code == 0
    assert target not in xfx.state.muting


def test_a_rejected_target_does_not_stop_the_run(
    xfx: FakeX, invoke: Invoke, interactive: None
) -> None:
    xfx.inject(UNFOLLOW, faults.Fault("not-found", status=404, body=faults.NOT_FOUND_PAGE),
               method="DELETE")
    result = invoke("--limit", "3", input="y\nall\n")
    assert result.exit_code == 4  # partial: one failed, the others done
    assert len(xfx.calls("DELETE", UNFOLLOW)) == 3
    assert "X refused unfollowing" in result.output


def test_an_access_error_stops_the_run(xfx: FakeX, invoke: Invoke, interactive: None) -> None:
    xfx.inject(UNFOLLOW, faults.credits_depleted(), method="DELETE", times=-1)
    result = invoke("--limit", "3", input="y\nall\n")
    # The error's own code, as --auto exits (persona round 9: a confirmed run exited 4, "the
    # next run carries on", which no next run would while the credits are used up).
    assert result.exit_code == 10
    assert len(xfx.calls("DELETE", UNFOLLOW)) == 1
    assert "credits" in result.output
    assert "not attempted" in result.output  # what was left undone is said before the error


def test_a_usage_cap_stops_the_run_with_exit_10(
        xfx: FakeX, invoke: Invoke, interactive: None) -> None:
    xfx.inject(UNFOLLOW, faults.usage_capped(), method="DELETE", times=-1)
    result = invoke("--limit", "3", input="y\nall\n")
    assert result.exit_code == 10, result.output


def test_a_network_failing_on_an_unfollow_is_a_partial_run(
        xfx: FakeX, invoke: Invoke, interactive: None) -> None:
    # An outage passes: the next run carries on, which exit 4 says.
    xfx.inject(UNFOLLOW, faults.server_error(503), method="DELETE", times=-1)
    result = invoke("--limit", "3", input="y\nall\n")
    assert result.exit_code == 4, result.output


def test_dropped_unfollow_is_retried_and_idempotent(
    xfx: FakeX, invoke: Invoke, interactive: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from followprune.networks.x import timing

    monkeypatch.setattr(timing, "SYSTEM_TIMING", timing.Timing(now=xfx.clock.now,
                                                               sleep=xfx.clock.advance))
    xfx.inject(UNFOLLOW, faults.dropped(after=True), method="DELETE")
    result = invoke("--limit", "1", input="y\nall\n")
    assert result.exit_code == 0, result.output
    assert len(xfx.calls("DELETE", UNFOLLOW)) == 2  # applied, dropped, repeated: no harm


def test_oauth1_keys_sign_the_rewritten_url(
    xfx: FakeX, invoke: Invoke, monkeypatch: pytest.MonkeyPatch, interactive: None
) -> None:
    creds = xfx.state.credentials
    monkeypatch.delenv("X_BEARER_TOKEN")
    for name, value in (("X_API_KEY", creds.consumer_key),
                        ("X_API_SECRET", creds.consumer_secret),
                        ("X_ACCESS_TOKEN", creds.access_token),
                        ("X_ACCESS_TOKEN_SECRET", creds.access_token_secret)):
        monkeypatch.setenv(name, value)
    result = invoke("--limit", "1", input="y\nall\n")
    assert result.exit_code == 0, result.output
    assert {r.auth for r in xfx.requests} == {"oauth1"}
    assert len(xfx.calls("DELETE", UNFOLLOW)) == 1
    status = invoke("auth", "status")
    assert "OAuth 1.0a" in status.stdout and creds.access_token_secret not in status.output


def test_dry_run_json_changes_nothing(xfx: FakeX, invoke: Invoke) -> None:
    rows = proposals(invoke)
    assert rows
    assert xfx.calls("DELETE", UNFOLLOW) == []



@pytest.fixture
def fake_timing(xfx: FakeX, monkeypatch: pytest.MonkeyPatch) -> None:
    from followprune.networks.x import timing

    monkeypatch.setattr(timing, "SYSTEM_TIMING", timing.Timing(now=xfx.clock.now,
                                                               sleep=xfx.clock.advance))


def test_an_unfollow_x_did_before_failing_every_retry_is_done(
    xfx: FakeX, invoke: Invoke, interactive: None, fake_timing: None
) -> None:
    # X carried out the unfollow and then answered 500 to it and to every retry: whether
    # you follow is asked, and the journal says done, so undo restores it.
    xfx.inject(UNFOLLOW, faults.server_error(500, after=True), method="DELETE", times=-1)
    result = invoke("--limit", "1", input="y\nall\n")
    assert result.exit_code == 0, result.output
    (gone,) = {r.path.rsplit("/", 1)[1] for r in xfx.calls("DELETE", UNFOLLOW)}
    assert gone not in xfx.state.following
    xfx.clear_faults()
    assert invoke("undo", "--yes").exit_code == 0
    assert gone in set(xfx.state.following) | set(xfx.state.pending)


def test_an_unfollow_whose_outcome_cannot_be_told_stays_in_flight_until_the_next_run(
    xfx: FakeX, invoke: Invoke, interactive: None, fake_timing: None
) -> None:
    # Had been: journaled as failed although X had done it, so undo never restored it.
    xfx.inject(UNFOLLOW, faults.server_error(500, after=True), method="DELETE", times=-1)
    xfx.inject(r"/2/users", faults.server_error(503), method="GET", times=-1)
    result = invoke("--limit", "1", input="y\nall\n")
    assert result.exit_code != 0, result.output
    assert "whether it was done is not known: the next run checks" in result.output
    (gone,) = {r.path.rsplit("/", 1)[1] for r in xfx.calls("DELETE", UNFOLLOW)}
    assert gone not in xfx.state.following
    xfx.clear_faults()
    # Undo reconciles the action first (done again: idempotent), then reverses it.
    undone = invoke("undo", "--yes")
    assert undone.exit_code == 0, undone.output
    assert gone in set(xfx.state.following) | set(xfx.state.pending)
