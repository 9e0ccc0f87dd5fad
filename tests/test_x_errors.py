"""Every failure of X becomes one message and a documented exit code, never a traceback;
transient ones (429, 5xx, timeouts, dropped connections) are waited out or retried."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Invoke
from tests.fakex import FakeX, faults
from tests.fakex.harness import (
    USER_TOKEN,
    FakeTime,
    connect,
    finish_fake,
    serve_connected,
    start_fake,
)

FOLLOWING = r"/2/users/\d+/following"


@pytest.fixture
def xfx(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeX]:
    yield from serve_connected(monkeypatch)


@pytest.fixture
def fake_time(xfx: FakeX, monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    return connect(xfx, monkeypatch)


def sync_ok(invoke: Invoke) -> None:
    result = invoke("sync")
    assert result.exit_code == 0, result.output
    assert "Following 30" in result.stdout


def test_429_waits_until_reset_with_the_fake_clock(
    xfx: FakeX, fake_time: FakeTime, invoke: Invoke
) -> None:
    xfx.inject(FOLLOWING, faults.too_many_requests(), method="GET")
    started = xfx.clock.now()
    sync_ok(invoke)
    assert len(xfx.calls("GET", FOLLOWING)) == 2
    # Waited for the window to reset (900 s) plus jitter, on the fake clock only.
    assert fake_time.sleeps and 900 <= sum(fake_time.sleeps) <= 900 + 10
    assert xfx.clock.now() - started >= 900


def test_a_window_at_zero_is_waited_out_before_calling(
    monkeypatch: pytest.MonkeyPatch, invoke: Invoke
) -> None:
    fx = start_fake(n=2500, n_my_posts=5, n_likes=5, n_mentions=2)
    try:
        fake_time = connect(fx, monkeypatch)
        fx.config.rate_limits["GET /2/users/{id}/following"] = 2
        result = invoke("sync", "--max-cost", "20")
        assert result.exit_code == 0, result.output
        assert "Waiting" in result.stderr
        assert "rate limit for reading your following list" in result.stderr
        assert [r.status for r in fx.calls("GET", FOLLOWING)] == [200, 200, 200]
        assert sum(fake_time.sleeps) >= 900 - 1  # the window, less the time its answer took
    finally:
        finish_fake(fx)


@pytest.mark.parametrize("fault", [faults.server_error(503), faults.server_error(502, html=True),
                                   faults.dropped()], ids=["503", "502-html", "dropped"])
def test_transient_failures_are_retried(
    xfx: FakeX, fake_time: FakeTime, invoke: Invoke, fault: faults.Fault
) -> None:
    xfx.inject(FOLLOWING, fault, method="GET", times=2)
    sync_ok(invoke)
    assert len(xfx.calls("GET", FOLLOWING)) == 3
    assert len(fake_time.sleeps) == 2  # back-off between tries, on the fake clock


def test_slow_response_times_out_and_is_retried(
    xfx: FakeX, fake_time: FakeTime, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWPRUNE_X_TIMEOUT_SECONDS", "0.3")
    xfx.inject(FOLLOWING, faults.slow(2.0), method="GET")
    sync_ok(invoke)
    # The slow request is logged by the fake only once it wakes; the retry already won.
    assert [r.status for r in xfx.calls("GET", FOLLOWING)][:1] == [200]
    assert len(fake_time.sleeps) == 1


def test_repeated_5xx_is_an_api_error(xfx: FakeX, fake_time: FakeTime, invoke: Invoke) -> None:
    xfx.inject(FOLLOWING, faults.server_error(500), method="GET", times=-1)
    result = invoke("sync")
    assert result.exit_code == 6
    assert "Error: X is failing (500" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize(("fault", "code", "words"), [
    (faults.client_not_enrolled(), 10, ["pay-per-use", "prune import-archive"]),
    (faults.credits_depleted(), 10, ["credits are used up", "prune import-archive"]),
    (faults.usage_capped(), 10, ["usage cap", "waiting will not help"]),
    (faults.unauthorized(), 5, ["did not accept the credentials", "prune auth login"]),
])
def test_access_and_auth_failures(
    xfx: FakeX, invoke: Invoke, fault: faults.Fault, code: int, words: list[str]
) -> None:
    xfx.inject(FOLLOWING, fault, method="GET", times=-1)
    result = invoke("sync")
    assert result.exit_code == code, result.output
    for word in words:
        assert word in result.stderr
    assert "Traceback" not in result.output
    # Usage caps are not waited out.
    assert len(xfx.calls("GET", FOLLOWING)) == 1


def test_invalid_request_names_the_parameter(xfx: FakeX, invoke: Invoke) -> None:
    xfx.inject(FOLLOWING, faults.bad_request("max_results", "1000"), method="GET", times=-1)
    result = invoke("sync")
    assert result.exit_code == 6
    assert "invalid parameter max_results" in result.stderr


def test_unreachable_server_is_an_api_error(
    xfx: FakeX, fake_time: FakeTime, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWPRUNE_X_API_BASE_URL", "http://127.0.0.1:9")
    result = invoke("sync")
    assert result.exit_code == 6
    assert "cannot reach X while reading your profile" in result.stderr


def test_not_logged_in(xfx: FakeX, invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("X_BEARER_TOKEN")
    result = invoke("sync")
    assert result.exit_code == 5
    assert "not connected to X" in result.stderr and "prune auth login" in result.stderr
    assert xfx.requests == []
    # Commands that need no network still work without a login.
    assert invoke("config", "show").exit_code == 0


def test_partial_oauth1_keys_are_named(
    xfx: FakeX, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("X_API_KEY", "k")
    result = invoke("sync")
    assert result.exit_code == 5
    assert "missing: X_API_SECRET, X_ACCESS_TOKEN, X_ACCESS_TOKEN_SECRET" in result.stderr


def test_app_only_token_is_explained(xfx: FakeX, invoke: Invoke,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_BEARER_TOKEN", xfx.state.credentials.app_bearer_token)
    result = invoke("sync")
    assert result.exit_code == 5
    assert "app-only token" in result.stderr


def test_secrets_never_in_output_or_logs(
    xfx: FakeX, invoke: Invoke, monkeypatch: pytest.MonkeyPatch, isolated_env: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("X_CLIENT_SECRET", "very-secret-client-secret")
    caplog.set_level(logging.DEBUG)
    outputs = [invoke("sync"), invoke("config", "show"), invoke("auth", "status")]
    xfx.inject(FOLLOWING, faults.unauthorized(), method="GET", times=-1)
    outputs.append(invoke("sync", "--refresh"))
    text = "".join(r.output for r in outputs) + caplog.text
    for path in isolated_env.rglob("*.log*"):
        text += path.read_text()
    assert USER_TOKEN not in text
    assert "very-secret-client-secret" not in text
    assert 'client_secret = "********"' in outputs[1].stdout


def test_an_exhausted_window_is_remembered_by_the_next_run(
    xfx: FakeX, fake_time: FakeTime, invoke: Invoke
) -> None:
    # One following page per window: the first run uses it up and ends before the reset.
    xfx.config.rate_limits["GET /2/users/{id}/following"] = 1
    sync_ok(invoke)
    assert fake_time.sleeps == []
    result = invoke("sync", "--refresh")
    assert result.exit_code == 0, result.output
    # The second run knew the window was spent: it waited for the reset instead of
    # calling into a 429.
    assert [r.status for r in xfx.calls("GET", FOLLOWING)] == [200, 200]
    assert all(r.status != 429 for r in xfx.requests)
    assert 900 - 60 <= sum(fake_time.sleeps) <= 900 + 10
    assert "rate limit for reading your following list" in result.stderr


def test_remembered_windows_that_have_reset_cause_no_wait(
    xfx: FakeX, fake_time: FakeTime, invoke: Invoke
) -> None:
    xfx.config.rate_limits["GET /2/users/{id}/following"] = 1
    sync_ok(invoke)
    xfx.clock.advance(901)  # the window the first run left has reset meanwhile
    assert invoke("sync", "--refresh").exit_code == 0
    assert fake_time.sleeps == []
    assert [r.status for r in xfx.calls("GET", FOLLOWING)] == [200, 200]


def test_a_next_token_that_loops_back_stops_the_read_before_paying_again(
    monkeypatch: pytest.MonkeyPatch, invoke: Invoke
) -> None:
    # A broken server (or proxy) whose next_token leads back to page 1: reading on would
    # never end and X bills every page. The read stops at the repeat (exit 6) and keeps no
    # pages, so the next sync does not resume into the loop.
    from tests.fakex import server as xs

    fx = start_fake(n=2500)
    original = xs._Ctx._user_list

    def looping(self: object, uid: str, ids: list[str]) -> object:
        out = original(self, uid, ids)  # type: ignore[arg-type]
        if uid == fx.state.me_id and ids == list(fx.state.following) and isinstance(out, dict):
            out.setdefault("meta", {})["next_token"] = xs.encode_token(0)
        return out

    monkeypatch.setattr(xs._Ctx, "_user_list", looping)
    try:
        connect(fx, monkeypatch)
        first = invoke("sync", "--max-cost", "20")
        assert first.exit_code == 6, first.output
        assert "X sent the same page cursor twice while reading your following list" in \
            " ".join(first.stderr.split())
        calls = len(fx.calls("GET", FOLLOWING))
        assert calls <= 4  # pages 1-3 and the first repeat, not one more
        again = invoke("sync", "--max-cost", "20")
        assert again.exit_code == 6
        assert "already read by an interrupted sync" not in again.stderr
    finally:
        fx.close()
