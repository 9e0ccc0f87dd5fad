"""`prune auth login | status | logout` and keeping the OAuth 2.0 login alive, all against
the fake X (its /2/oauth2/token); the browser is simulated by calling the loopback URL."""

from __future__ import annotations

import json
import socket
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from tests.conftest import Invoke
from tests.fakex import FakeX, faults
from tests.fakex.harness import FakeTime, connect, finish_fake, start_fake


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def fx(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeX]:
    server = start_fake()
    yield server
    finish_fake(server)


@pytest.fixture
def fake_time(fx: FakeX, monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    fake = connect(fx, monkeypatch, bearer=False)
    monkeypatch.setenv("X_CLIENT_ID", fx.state.credentials.client_id)
    monkeypatch.setenv("FOLLOWPRUNE_X_REDIRECT_URI", f"http://127.0.0.1:{free_port()}/callback")
    return fake


def simulate_browser(fx: FakeX, monkeypatch: pytest.MonkeyPatch, *, approve: bool = True,
                     seen: list[str] | None = None) -> None:
    """webbrowser.open → the person approves → X redirects to the loopback listener."""

    def open_url(url: str) -> bool:
        query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
        (seen if seen is not None else []).append(url)
        if approve:
            code = fx.issue_auth_code(code_challenge=query["code_challenge"])
            target = f"{query['redirect_uri']}?state={query['state']}&code={code}"
        else:
            target = f"{query['redirect_uri']}?state={query['state']}&error=access_denied"
        threading.Thread(target=requests.get, args=(target,), kwargs={"timeout": 5},
                         daemon=True).start()
        return True

    monkeypatch.setattr("webbrowser.open", open_url)


def tokens(home: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((home / "x-tokens.json").read_text())
    return data


def test_login_status_sync_logout(
    fx: FakeX, fake_time: FakeTime, invoke: Invoke, monkeypatch: pytest.MonkeyPatch,
    isolated_env: Path,
) -> None:
    urls: list[str] = []
    simulate_browser(fx, monkeypatch, seen=urls)
    result = invoke("auth", "login", "--timeout", "10")
    assert result.exit_code == 0, result.output
    assert "Connected to X as @me_fake" in result.stdout
    # The authorize URL follows the base URL setting, with PKCE S256.
    assert urls[0].startswith(fx.base_url + "/i/oauth2/authorize?")
    assert "code_challenge_method=S256" in urls[0]
    path = isolated_env / "x-tokens.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    saved = tokens(isolated_env)
    assert saved["username"] == "me_fake" and saved["refresh_token"]

    status = invoke("auth", "status")
    assert "Connected to X: @me_fake (id 1000000001)" in status.stdout
    assert "follows.write" in status.stdout and "renewed automatically" in status.stdout
    for secret in (saved["access_token"], saved["refresh_token"]):
        assert str(secret) not in status.output

    assert invoke("sync").exit_code == 0
    assert {r.auth for r in fx.requests if r.route != "POST /2/oauth2/token"} == {"oauth2-user"}

    out = invoke("auth", "logout")
    assert "stored login was deleted" in out.stdout and not path.exists()
    assert invoke("sync").exit_code == 5


def test_login_denied_in_the_browser(
    fx: FakeX, fake_time: FakeTime, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    simulate_browser(fx, monkeypatch, approve=False)
    result = invoke("auth", "login", "--timeout", "10")
    assert result.exit_code == 5
    assert "did not authorize the app: access_denied" in result.stderr


def test_login_needs_a_client_id(fx: FakeX, fake_time: FakeTime, invoke: Invoke,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("X_CLIENT_ID")
    result = invoke("auth", "login")
    assert result.exit_code == 2
    assert "x.client_id is not set" in result.stderr and "developer.x.com" in result.stderr


def test_paste_never_prompts_without_a_terminal(fx: FakeX, fake_time: FakeTime,
                                                invoke: Invoke) -> None:
    result = invoke("auth", "login", "--paste", input="whatever\n")
    assert result.exit_code == 2
    assert "--paste needs a terminal" in result.stderr


def test_paste_on_a_terminal(
    fx: FakeX, fake_time: FakeTime, invoke: Invoke, monkeypatch: pytest.MonkeyPatch,
    interactive: None, isolated_env: Path,
) -> None:
    import followprune.networks.x.oauth2 as oauth2

    started = oauth2.start_authorization
    holder: list[oauth2.AuthorizationRequest] = []

    def remember(*args: str) -> oauth2.AuthorizationRequest:
        holder.append(started(*args))
        return holder[-1]

    monkeypatch.setattr(oauth2, "start_authorization", remember)
    code = fx.issue_auth_code()  # approved in a browser elsewhere

    # The person pastes the URL their browser ended on.
    class Pasted:
        def __str__(self) -> str:
            return f"http://127.0.0.1/callback?state={holder[0].state}&code={code}"

    monkeypatch.setattr("click.prompt", lambda *a, **k: str(Pasted()))
    result = invoke("auth", "login", "--paste")
    assert result.exit_code == 0, result.output
    assert tokens(isolated_env)["username"] == "me_fake"


def write_tokens(home: Path, fx: FakeX, *, access: str, expires_at: float,
                 refresh: str | None) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "x-tokens.json").write_text(json.dumps({
        "access_token": access, "refresh_token": refresh, "expires_at": expires_at,
        "scope": "tweet.read users.read", "client_id": fx.state.credentials.client_id,
        "user_id": fx.state.me_id, "username": "me_fake"}))


def test_expired_token_is_renewed_and_the_rotated_refresh_token_kept(
    fx: FakeX, fake_time: FakeTime, invoke: Invoke, isolated_env: Path
) -> None:
    old_refresh = fx.issue_refresh_token()
    write_tokens(isolated_env, fx, access="expired", expires_at=fx.clock.now() - 10,
                 refresh=old_refresh)
    result = invoke("sync")
    assert result.exit_code == 0, result.output
    saved = tokens(isolated_env)
    assert saved["refresh_token"] != old_refresh
    assert saved["access_token"] in fx.state.credentials.user_tokens
    assert float(saved["expires_at"]) > fx.clock.now()  # type: ignore[arg-type]
    assert stat.S_IMODE((isolated_env / "x-tokens.json").stat().st_mode) == 0o600
    assert len(fx.calls("POST", "/2/oauth2/token")) == 1
    assert not [r for r in fx.requests if r.status == 401]  # renewed before, not after


def test_a_401_renews_once_then_retries(
    fx: FakeX, fake_time: FakeTime, invoke: Invoke, isolated_env: Path
) -> None:
    # Revoked early: the clock says it is valid, X says 401.
    write_tokens(isolated_env, fx, access="revoked", expires_at=fx.clock.now() + 3600,
                 refresh=fx.issue_refresh_token())
    result = invoke("sync")
    assert result.exit_code == 0, result.output
    assert [r.status for r in fx.requests[:3]] == [401, 200, 200]


def test_a_dead_refresh_token_asks_for_a_new_login(
    fx: FakeX, fake_time: FakeTime, invoke: Invoke, isolated_env: Path
) -> None:
    write_tokens(isolated_env, fx, access="expired", expires_at=fx.clock.now() - 10,
                 refresh="not-a-refresh-token")
    result = invoke("sync")
    assert result.exit_code == 5
    assert "could not be renewed" in result.stderr and "prune auth login" in result.stderr
    assert "not-a-refresh-token" not in result.output


def test_status_when_not_connected(fx: FakeX, fake_time: FakeTime, invoke: Invoke) -> None:
    result = invoke("auth", "status")
    assert result.exit_code == 0
    assert "Not connected to X" in result.stdout


def test_logout_revokes_the_login_on_x(
    fx: FakeX, fake_time: FakeTime, invoke: Invoke, isolated_env: Path
) -> None:
    access = fx.issue_user_token()
    refresh = fx.issue_refresh_token()
    write_tokens(isolated_env, fx, access=access, expires_at=fx.clock.now() + 3600,
                 refresh=refresh)
    result = invoke("auth", "logout")
    assert result.exit_code == 0, result.output
    assert "access revoked on X and the stored login was deleted" in result.stdout
    assert "failed" not in result.output
    assert not (isolated_env / "x-tokens.json").exists()
    # RFC 7009 form to the configured base URL: refresh token first, then the access
    # token; a public client names itself.
    calls = fx.calls("POST", "/2/oauth2/revoke")
    assert [(c.body["token"], c.body["token_type_hint"]) for c in calls] == [
        (refresh, "refresh_token"), (access, "access_token")]
    assert all(c.body["client_id"] == fx.state.credentials.client_id for c in calls)
    creds = fx.state.credentials
    assert access not in creds.user_tokens and refresh not in creds.refresh_tokens
    assert access not in result.output and refresh not in result.output


@pytest.mark.parametrize("down", ["unreachable", "refused"])
def test_logout_forgets_locally_when_revoking_fails(
    down: str, fx: FakeX, fake_time: FakeTime, invoke: Invoke, isolated_env: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    access = fx.issue_user_token()
    write_tokens(isolated_env, fx, access=access, expires_at=fx.clock.now() + 3600,
                 refresh=fx.issue_refresh_token())
    if down == "unreachable":  # the network is down: nothing listens there
        monkeypatch.setenv("FOLLOWPRUNE_X_API_BASE_URL", f"http://127.0.0.1:{free_port()}")
    else:
        fx.inject("/2/oauth2/revoke", faults.server_error(503), times=-1)
    result = invoke("--quiet", "auth", "logout")
    assert result.exit_code == 0, result.output
    assert "the stored login was deleted" in result.stdout
    assert not (isolated_env / "x-tokens.json").exists()
    # Said even with --quiet, with the way to finish the job on X.
    assert "Revoking the access on X failed" in result.stderr
    assert "Apps and sessions" in result.stderr
    assert access in fx.state.credentials.user_tokens  # X still honours it


def test_a_known_login_waits_out_a_remembered_window_before_its_first_call(
    fx: FakeX, fake_time: FakeTime, invoke: Invoke, isolated_env: Path
) -> None:
    # The stored login names its account, so the windows remembered for it apply from the
    # very first call of the next run, /2/users/me included.
    fx.config.rate_limits["GET /2/users/me"] = 1
    write_tokens(isolated_env, fx, access=fx.issue_user_token(expires_in=None),
                 expires_at=None, refresh=None)
    assert invoke("sync").exit_code == 0
    assert fake_time.sleeps == []
    result = invoke("sync")
    assert result.exit_code == 0, result.output
    assert [r.status for r in fx.calls("GET", "/2/users/me")] == [200, 200]
    assert all(r.status != 429 for r in fx.requests)
    assert sum(fake_time.sleeps) >= 900 - 60


@pytest.mark.parametrize("token", [None, 42, ""])
def test_a_renewal_answered_without_a_token_keeps_the_old_login(
    fx: FakeX, fake_time: FakeTime, invoke: Invoke, isolated_env: Path, token: object
) -> None:
    """A 200 from the token endpoint whose access_token is not a token (a proxy, a broken
    deployment) is a refused renewal: nothing like "None" is stored as the token."""
    refresh = fx.issue_refresh_token()
    write_tokens(isolated_env, fx, access="expired", expires_at=fx.clock.now() - 10,
                 refresh=refresh)
    fx.inject("/2/oauth2/token", faults.Fault("no-token", status=200,
                                              body={"access_token": token,
                                                    "token_type": "bearer"}),
              method="POST")
    result = invoke("sync")
    assert result.exit_code == 5, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert tokens(isolated_env)["access_token"] == "expired"
    assert tokens(isolated_env)["refresh_token"] == refresh
