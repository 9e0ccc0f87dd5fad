"""Bluesky end to end: the real CLI against a fake Bluesky service on loopback."""

from __future__ import annotations

import os
import stat
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from followprune.errors import ApiError, AuthError, OutcomeUnknown
from followprune.networks.bluesky.network import BlueskyNetwork
from followprune.networks.bluesky.session import Login, check_app_password, login_files
from followprune.networks.bluesky.xrpc import RateLimited, Xrpc
from tests.conftest import Invoke, proposals_json
from tests.fakebsky import APP_PASSWORD, FakeBluesky, make_state
from tests.fakebsky import point_cli_at as bsky_cli_at
from tests.fakebsky.lexicon import LEXICONS, Lexicons
from tests.fakebsky.server import FOLLOW, ME_DID, account_did

N = 30  # followed accounts, the last three of them dead


@pytest.fixture
def fake(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeBluesky]:
    server = FakeBluesky(make_state(N)).start()
    # Every request and answer is checked against the lexicons whenever they are present.
    assert (server.lexicons is not None) == LEXICONS.is_dir()
    bsky_cli_at(server, monkeypatch)
    yield server
    server.close()
    assert not server.errors, server.errors[:5]


def session_path(home: Path) -> Path:
    return home / "bluesky-session.json"


def test_dry_run_lists_every_follow_and_keeps_the_session(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path
) -> None:
    listed = proposals_json(invoke("--dry-run", "--format", "json", "--all"))
    assert listed["followed"] == N
    by_id = {a["account_id"]: a for a in listed["accounts"]}
    dead = [f"did:plc:acct{i:020d}" for i in range(N - 3, N)]
    assert all(by_id[did]["proposed"] for did in dead)
    # A handle that no longer resolves is shown by the DID.
    assert by_id["did:plc:acct00000000000000000000"]["handle"] == "did:plc:acct00000000000000000000"
    assert fake.pages_of(FOLLOW) == 1
    assert fake.count("app.bsky.actor.getProfiles") >= 2  # 30 DIDs in batches of 25
    mode = stat.S_IMODE(os.stat(session_path(isolated_env)).st_mode)
    assert mode == 0o600

    assert invoke("--dry-run").exit_code in (0, 3)
    assert fake.count("com.atproto.server.createSession") == 1


def dead_dids(n: int = N) -> set[str]:
    return {f"did:plc:acct{i:020d}" for i in range(n - 3, n)}


def test_review_unfollows_and_undo_follows_again(invoke: Invoke, fake: FakeBluesky) -> None:
    before = fake.state.following()
    result = invoke("--yes")
    assert result.exit_code == 0, result.output
    gone = before - fake.state.following()
    assert dead_dids() <= gone
    assert fake.count("com.atproto.repo.deleteRecord") == len(gone)

    undo = invoke("undo", "--yes")
    assert undo.exit_code == 0, undo.output
    # Live accounts come back as new follow records; dead ones cannot be followed again.
    assert fake.state.following() == before - dead_dids()
    assert fake.count("com.atproto.repo.createRecord") == len(gone - dead_dids())
    assert "Cannot be restored, the account is gone: " in undo.stderr
    assert fake.count("com.atproto.server.createSession") == 1


def test_auto_rule_unfollows_only_the_dead(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path
) -> None:
    config = isolated_env / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[auto]\ncooling_off_hours = 0\n'
                      '[[auto.rules]]\nname = "gone"\ndead = true\n', encoding="utf-8")
    assert invoke("--auto").exit_code == 3  # first run: matches recorded, cooling off
    result = invoke("--auto")
    assert result.exit_code == 0, result.output
    assert fake.state.following() == {f"did:plc:acct{i:020d}" for i in range(N - 3)}
    assert fake.count("com.atproto.server.createSession") == 1


def test_an_expired_access_token_is_refreshed_not_logged_in_again(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path
) -> None:
    assert invoke("--dry-run").exit_code in (0, 3)
    stored = session_path(isolated_env).read_text(encoding="utf-8")
    fake.expire_access()
    assert invoke("--dry-run", "--refresh").exit_code in (0, 3)
    assert fake.count("com.atproto.server.createSession") == 1
    assert fake.count("com.atproto.server.refreshSession") == 1
    # The refreshed session replaced the stored one, so the next run starts from it.
    assert session_path(isolated_env).read_text(encoding="utf-8") != stored


def test_a_revoked_session_asks_to_log_in_again(
    invoke: Invoke, fake: FakeBluesky, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke("--dry-run").exit_code in (0, 3)
    fake.revoke()
    monkeypatch.delenv("BLUESKY_APP_PASSWORD")
    result = invoke("--dry-run", "--refresh")
    assert result.exit_code == 5
    assert "log in again" in result.stderr
    assert "Traceback" not in result.output


def test_without_a_login_the_last_sync_is_reviewed_and_acting_asks_for_one(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke("--dry-run").exit_code in (0, 3)
    session_path(isolated_env).unlink()
    monkeypatch.delenv("BLUESKY_APP_PASSWORD")
    calls = len(fake.calls)
    listed = proposals_json(invoke("--dry-run", "--format", "json", "--all"))
    assert listed["followed"] == N
    assert len(fake.calls) == calls  # served from the store
    acting = invoke("--yes")
    assert acting.exit_code == 5 and "not logged in to Bluesky" in acting.stderr
    assert fake.count("com.atproto.repo.deleteRecord") == 0


def test_an_account_password_is_refused_with_a_hint(
    invoke: Invoke, fake: FakeBluesky, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BLUESKY_APP_PASSWORD", "hunter2-my-real-password")
    result = invoke("--dry-run")
    assert result.exit_code == 5
    assert "does not look like an app password" in result.stderr
    assert "App passwords" in result.stderr
    assert fake.count("com.atproto.server.createSession") == 0


def test_no_login_at_all_exits_5(
    invoke: Invoke, fake: FakeBluesky, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BLUESKY_APP_PASSWORD")
    result = invoke("--dry-run")
    assert result.exit_code == 5 and "not logged in to Bluesky" in result.stderr


def test_a_pds_that_is_down_exits_6_naming_it(
    invoke: Invoke, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeBluesky(make_state(1)) as server:
        url = server.base_url
    monkeypatch.setenv("FOLLOWPRUNE_NETWORK", "bluesky")
    monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_SERVICE", url)
    monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_RETRIES", "1")
    monkeypatch.setenv("BLUESKY_HANDLE", "me.bsky.social")
    monkeypatch.setenv("BLUESKY_APP_PASSWORD", APP_PASSWORD)
    result = invoke("--dry-run")
    assert result.exit_code == 6
    assert f"the Bluesky service {url} cannot be reached" in result.stderr


def test_a_reactivated_account_is_read_as_alive(
    network: tuple[BlueskyNetwork, FakeBluesky]
) -> None:
    net, server = network
    did = "did:plc:acct00000000000000000229"
    assert server.state.dead[did]
    # getProfiles left it out, getProfile finds it: the account came back meanwhile.
    real = server._app_bsky_actor_getProfiles
    server.state.profiles[did] = {"did": did, "handle": "back.bsky.social"}
    server._app_bsky_actor_getProfiles = lambda params, body: {  # type: ignore[method-assign]
        "profiles": [p for p in real(params, body)["profiles"] if p["did"] != did]}
    account = {a.id: a for a, _ in net.following()}[did]
    assert not account.state.dead and account.handle == "back.bsky.social"


@pytest.mark.parametrize("password", ["abcd-efgh-ijkl-mnop", " 2x4b-9zzz-0000-aaaa\n"])
def test_app_passwords_are_accepted(password: str) -> None:
    assert check_app_password(password) == password.strip()


@pytest.mark.parametrize("password", ["", "abcd-efgh-ijkl", "ABCD-EFGH-IJKL-MNOP",
                                      "correct horse battery staple", "abcdefghijklmnop"])
def test_other_passwords_are_refused(password: str) -> None:
    with pytest.raises(AuthError, match="app password"):
        check_app_password(password)


# --- the network object against the fake, without the CLI ----------------------------------

# Also without the lexicons, as the fake runs where ../shared is absent.
@pytest.fixture(params=[None, False], ids=["lexicons-if-present", "no-lexicons"])
def network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
            request: pytest.FixtureRequest) -> Iterator[tuple[BlueskyNetwork, FakeBluesky]]:
    monkeypatch.setenv("BLUESKY_HANDLE", "me.bsky.social")
    monkeypatch.setenv("BLUESKY_APP_PASSWORD", APP_PASSWORD)
    server = FakeBluesky(make_state(230, dead=5), validate=request.param).start()
    xrpc = Xrpc(server.base_url, 5)
    login = Login.resolve(xrpc, login_files(tmp_path))
    yield BlueskyNetwork(login), server
    xrpc.close()
    server.close()
    assert not server.errors, server.errors[:5]


def test_reading_is_frugal_and_complete(network: tuple[BlueskyNetwork, FakeBluesky]) -> None:
    net, server = network
    pairs = list(net.following())
    assert len(pairs) == 230
    # Dead accounts identified by kind, each with one getProfile call.
    kinds = Counter(a.state.value for a, _ in pairs if a.state.dead)
    assert kinds == {"deleted": 2, "deactivated": 2, "suspended": 1}
    assert server.count("app.bsky.actor.getProfile") == 5
    # The lower bound: ⌈230/100⌉ record pages and ⌈230/25⌉ profile batches.
    assert server.pages_of(FOLLOW) == 3
    assert server.count("app.bsky.actor.getProfiles") == 10
    rels = {r.account_id: r for _, r in pairs}
    assert rels["did:plc:acct00000000000000000003"].follows_you
    assert not rels["did:plc:acct00000000000000000004"].follows_you
    assert rels["did:plc:acct00000000000000000003"].first_seen is not None


def test_actions_are_idempotent(network: tuple[BlueskyNetwork, FakeBluesky]) -> None:
    net, server = network
    did = "did:plc:acct00000000000000000007"
    assert net.is_following(did)
    net.unfollow(did)
    net.unfollow(did)
    assert server.count("com.atproto.repo.deleteRecord") == 1
    assert net.is_following(did) is False
    net.follow(did)
    net.follow(did)
    assert server.count("com.atproto.repo.createRecord") == 1
    assert net.is_following(did)
    net.mute(did)
    net.mute(did)
    assert did in server.state.muted
    assert dict(net.following())  # reads after acting still work
    assert any(r.muted for _, r in net.following() if r.account_id == did)
    net.unmute(did)
    assert did not in server.state.muted


def test_a_follow_followed_twice_is_unfollowed_entirely(
    network: tuple[BlueskyNetwork, FakeBluesky]
) -> None:
    net, server = network
    did = "did:plc:acct00000000000000000009"
    server.state.follow(did, "2025-01-01T00:00:00.000Z")  # a duplicate record
    net.unfollow(did)
    assert did not in server.state.following()
    assert server.count("com.atproto.repo.deleteRecord") == 2


def test_an_unfollow_cut_off_after_it_happened_is_repeated_safely(
    network: tuple[BlueskyNetwork, FakeBluesky]
) -> None:
    net, server = network
    did = "did:plc:acct00000000000000000011"
    net.login.xrpc.sleep = lambda seconds: None
    assert net.is_following(did)
    server.drop_after["com.atproto.repo.deleteRecord"] = 1
    net.unfollow(did)
    assert did not in server.state.following()
    assert server.count("com.atproto.repo.deleteRecord") == 2  # repeated, and still fine
    server.drop_after["com.atproto.repo.createRecord"] = 1
    net.follow(did)
    # Not repeated blindly (that would make a second record): the repo was asked instead.
    assert server.count("com.atproto.repo.createRecord") == 1
    assert [d for d, _ in server.state.records.values()].count(did) == 1
    server.faults["com.atproto.repo.createRecord"] = [503]
    other = "did:plc:acct00000000000000000012"
    net.unfollow(other)
    with pytest.raises(ApiError, match="failed on"):
        net.follow(other)  # refused and not carried out: the failure stands
    assert other not in server.state.following()


def test_an_unfollow_done_before_every_retry_failed_is_done_or_left_unknown(
    network: tuple[BlueskyNetwork, FakeBluesky]
) -> None:
    # Had been: the delete happened, every answer was lost, and the journal said failed.
    net, server = network
    net.login.xrpc.sleep = lambda seconds: None
    did = "did:plc:acct00000000000000000011"
    assert net.is_following(did)
    server.drop_after["com.atproto.repo.deleteRecord"] = 10
    net.unfollow(did)  # the repo was asked: no record left, so it is done
    assert did not in server.state.following()
    other = "did:plc:acct00000000000000000012"
    assert net.is_following(other)
    server.drop_after["com.atproto.repo.deleteRecord"] = 10
    server.faults["com.atproto.repo.listRecords"] = [503] * 10
    with pytest.raises(OutcomeUnknown,
                       match=r"cannot be reached.*; then, asked whether it was done: .*failed on"):
        net.unfollow(other)


def test_server_errors_are_retried_with_back_off() -> None:
    with FakeBluesky(make_state(1)) as server:
        sleeps: list[float] = []
        xrpc = Xrpc(server.base_url, 5, retries=3, sleep=sleeps.append)
        server.faults["com.atproto.server.createSession"] = [502, 503]
        answer = xrpc.call("com.atproto.server.createSession",
                           body={"identifier": "me.bsky.social", "password": APP_PASSWORD})
        assert answer["did"] == ME_DID
        assert sleeps == [1.0, 2.0]
        server.faults["com.atproto.server.createSession"] = [500, 500, 500]
        with pytest.raises(ApiError, match=r"failed on com\.atproto\.server\.createSession"):
            xrpc.call("com.atproto.server.createSession",
                      body={"identifier": "me.bsky.social", "password": APP_PASSWORD})
        xrpc.close()


def test_a_429_waits_for_the_window_named_in_the_headers() -> None:
    with FakeBluesky(make_state(1)) as server:
        sleeps: list[float] = []
        waits: list[tuple[float, str]] = []

        def on_wait(seconds: float, why: str, sleep: Callable[[float], None]) -> None:
            waits.append((seconds, why))
            sleep(seconds)

        now = time.time()
        xrpc = Xrpc(server.base_url, 5, sleep=sleeps.append, now=lambda: now,
                    on_wait=on_wait)
        server.reset_after = 60
        server.faults["com.atproto.server.createSession"] = [429]
        answer = xrpc.call("com.atproto.server.createSession",
                           body={"identifier": "me.bsky.social", "password": APP_PASSWORD})
        assert answer["did"] == ME_DID
        # The server dates the reset from its own clock, which ran on while the client's
        # stood still at `now`: a slow machine lengthens the wait by what has passed.
        assert len(waits) == 1 and 58 <= waits[0][0] <= 61 + (time.time() - now), waits
        assert waits[0][1] == "Bluesky rate limit on com.atproto.server.createSession"
        assert sleeps == [waits[0][0]]
        # A create is never sent twice by the call itself, not even after a 429 (a proxy
        # may answer 429 to a create that was made): the wait is handed to the caller,
        # which checks before it waits and sends it again.
        server.faults["com.atproto.server.createSession"] = [429]
        with pytest.raises(RateLimited, match="rate limit reached") as limited:
            xrpc.call("com.atproto.server.createSession", repeatable=False,
                      body={"identifier": "me.bsky.social", "password": APP_PASSWORD})
        assert len(waits) == 1 and limited.value.wait is not None
        assert 58 <= limited.value.wait <= 61 + (time.time() - now)
        xrpc.wait_out(limited.value, "com.atproto.server.createSession")
        assert len(waits) == 2 and sleeps[-1] == limited.value.wait
        # The 429 left the window spent: the next call waits for it first (once).
        xrpc.call("com.atproto.server.createSession", repeatable=False,
                  body={"identifier": "me.bsky.social", "password": APP_PASSWORD})
        assert len(waits) == 3 and "nearly reached" in waits[-1][1]
        sleeps.clear()
        # A window that reopens only in an hour is not waited for: the run ends (exit 6).
        server.reset_after = 3600
        server.faults["com.atproto.server.createSession"] = [429]
        with pytest.raises(ApiError, match="rate limit reached") as raised:
            xrpc.call("com.atproto.server.createSession",
                      body={"identifier": "me.bsky.social", "password": APP_PASSWORD})
        assert raised.value.exit_code == 6 and sleeps == []
        xrpc.close()


def test_a_window_nearly_used_up_is_waited_out_before_the_next_call() -> None:
    with FakeBluesky(make_state(1)) as server:
        sleeps: list[float] = []
        now = time.time()
        xrpc = Xrpc(server.base_url, 5, sleep=sleeps.append, now=lambda: now)
        login = {"identifier": "me.bsky.social", "password": APP_PASSWORD}
        xrpc.call("com.atproto.server.createSession", body=login)
        assert sleeps == []  # plenty left: no wait
        server.remaining, server.reset_after = 2, 30
        xrpc.call("com.atproto.server.createSession", body=login)
        assert sleeps == []  # the answer says the window is nearly dry ...
        server.remaining = 2999
        xrpc.call("com.atproto.server.createSession", body=login)
        # ... so the next call waits (longer by the time the server's clock ran on).
        assert len(sleeps) == 1 and 28 <= sleeps[0] <= 31 + (time.time() - now), sleeps
        xrpc.call("com.atproto.server.createSession", body=login)
        assert len(sleeps) == 1
        xrpc.close()


@pytest.mark.skipif(not LEXICONS.is_dir(), reason=f"no lexicons at {LEXICONS}")
def test_the_fake_rejects_requests_the_lexicons_forbid() -> None:
    lexicons = Lexicons()
    _, problems = lexicons.params("app.bsky.actor.getProfiles",
                                  {"actors": [f"user{i}.bsky.social" for i in range(26)]})
    assert problems == ["params.actors: more than 25 items"]
    _, problems = lexicons.params("com.atproto.repo.listRecords",
                                  {"repo": [ME_DID], "collection": ["app.bsky.graph.follow"],
                                   "limit": ["101"]})
    assert problems == ["params.limit: above 100"]
    follow = lexicons.main("app.bsky.graph.follow")
    assert follow is not None
    assert lexicons.validate(follow, {"subject": "alice", "createdAt": "yesterday"},
                             "app.bsky.graph.follow") == [
        "$.subject: 'alice' is not a did", "$.createdAt: 'yesterday' is not a datetime"]


def test_a_hidden_count_sent_as_minus_one_is_unknown_not_a_broken_read(
    invoke: Invoke, fake: FakeBluesky
) -> None:
    # A third-party AppView may send -1 for a count the account hides: one such profile
    # used to stop the whole sync as an unreadable answer.
    hidden = "did:plc:acct00000000000000000004"
    fake.state.profiles[hidden].update(followersCount=-1, followsCount=-1, postsCount=-1)
    listed = proposals_json(invoke("--dry-run", "--format", "json", "--all"))
    assert listed["followed"] == N
    by_id = {a["account_id"]: a for a in listed["accounts"]}
    assert not any("-1" in reason for reason in by_id[hidden]["reasons"])


@pytest.mark.parametrize(("service", "said"), [
    ("http://bsky.example", "plain http would send the app password unencrypted; use"
     " https://bsky.example"),
    ("https://bsky.app/profile/me.bsky.social", "expected the server's address alone, like"
     " https://bsky.app"),
])
def test_a_service_that_is_not_https_or_not_a_server_is_refused_before_any_login(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path, monkeypatch: pytest.MonkeyPatch,
    service: str, said: str,
) -> None:
    # Found: plain http to any host took the app password to createSession (exit 6, "cannot
    # be reached"), where Mastodon refuses a plain-http instance; a profile address was
    # called as the server. Both are settings errors (exit 2), naming the setting.
    monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_SERVICE", service)
    for args in (("--dry-run", "--refresh"), ("auth", "login", "--network", "bluesky")):
        result = invoke(*args)
        assert result.exit_code == 2, result.output
        assert "FOLLOWPRUNE_BLUESKY_SERVICE: bluesky.service: " + said in result.stderr
    assert not fake.calls and not isolated_env.joinpath("bluesky-session.json").exists()
    # On loopback plain http is fine: the fake itself is http://127.0.0.1:PORT/.
    monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_SERVICE", fake.base_url + "/")
    assert invoke("--dry-run").exit_code in (0, 3)


@pytest.mark.parametrize(("password", "said"), [
    ("zzzz-zzzz-zzzz-zzzz", "Bluesky refused the login of @me.bsky.social with the app"
     " password in BLUESKY_APP_PASSWORD (AuthenticationRequired)"),
    ("my real password", "BLUESKY_APP_PASSWORD does not look like an app password"),
])
def test_a_refused_app_password_stops_the_run_instead_of_reviewing_stored_data(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path, monkeypatch: pytest.MonkeyPatch,
    password: str, said: str,
) -> None:
    # Found: with the session file gone, a wrong app password fell back to the follow list
    # stored by the last sync ("Not logged in to bluesky: reviewing ..."), exit 0, even with
    # --refresh: the refusal was never said. Only a login that is missing does that.
    assert invoke("--dry-run").exit_code in (0, 3)
    session_path(isolated_env).unlink()
    monkeypatch.setenv("BLUESKY_APP_PASSWORD", password)
    for args in (("--dry-run", "--refresh"), ("--dry-run",), ("--yes",)):
        result = invoke(*args)
        assert result.exit_code == 5, result.output
        assert said in result.stderr and "App passwords" in result.stderr
        assert "reviewing the follow list stored" not in result.stderr and not result.stdout
    assert not list(isolated_env.glob("bluesky-session*"))
    assert fake.count("com.atproto.server.createSession") == (4 if " " not in password else 1)
    assert fake.count("com.atproto.repo.deleteRecord") == 0


def test_an_app_password_without_a_handle_is_not_ignored(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke("--dry-run").exit_code in (0, 3)
    session_path(isolated_env).unlink()
    monkeypatch.delenv("BLUESKY_HANDLE")
    result = invoke("--dry-run")
    assert result.exit_code == 5, result.output
    assert "BLUESKY_APP_PASSWORD is set, but no handle says whose it is" in result.stderr
    assert "set BLUESKY_HANDLE" in result.stderr and not result.stdout
    # With no credentials at all, the stored follow list is still reviewed (documented).
    monkeypatch.delenv("BLUESKY_APP_PASSWORD")
    stored = invoke("--dry-run")
    assert stored.exit_code in (0, 3) and "reviewing the follow list stored" in stored.stderr
    assert fake.count("com.atproto.server.createSession") == 1


def test_a_revoked_session_is_replaced_with_the_app_password_in_the_environment(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Found: with BLUESKY_HANDLE and BLUESKY_APP_PASSWORD set, a revoked session exited 5
    # ("set BLUESKY_HANDLE and BLUESKY_APP_PASSWORD", both set) at every run, cron included,
    # until the session file was deleted by hand: the stored session always came first.
    import json

    assert invoke("--dry-run").exit_code in (0, 3)
    path = session_path(isolated_env)
    old = json.loads(path.read_text(encoding="utf-8"))
    fake.revoke()
    result = invoke("--dry-run", "--refresh")
    assert result.exit_code in (0, 3), result.output
    assert fake.count("com.atproto.server.refreshSession") == 1
    assert fake.count("com.atproto.server.createSession") == 2
    new = json.loads(path.read_text(encoding="utf-8"))
    # The new session replaced the old one in its own file, still readable by you only.
    assert new["refresh_jwt"] in fake.refresh and new["refresh_jwt"] != old["refresh_jwt"]
    assert {k: new[k] for k in ("did", "handle", "service")} == \
        {k: old[k] for k in ("did", "handle", "service")}
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert sorted(p.name for p in isolated_env.glob("bluesky-session*")) == [path.name]
    # The next run (cron) uses it: no login again.
    assert invoke("--dry-run", "--refresh").exit_code in (0, 3)
    assert fake.count("com.atproto.server.createSession") == 2


def test_a_revoked_session_with_a_refused_or_no_password_says_so_and_keeps_the_file(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke("--dry-run").exit_code in (0, 3)
    path = session_path(isolated_env)
    stored = path.read_text(encoding="utf-8")
    fake.revoke()
    # The app password was deleted on Bluesky too: its refusal is said, the old file stays.
    monkeypatch.setenv("BLUESKY_APP_PASSWORD", "zzzz-zzzz-zzzz-zzzz")
    refused = invoke("--dry-run", "--refresh")
    assert refused.exit_code == 5, refused.output
    assert ("Bluesky refused the login of @me.bsky.social with the app password in"
            " BLUESKY_APP_PASSWORD") in refused.stderr
    assert "App passwords" in refused.stderr and not refused.stdout
    # No password: the session ran out, and how to log in again.
    monkeypatch.delenv("BLUESKY_APP_PASSWORD")
    expired = invoke("--dry-run", "--refresh")
    assert expired.exit_code == 5, expired.output
    assert ("the stored Bluesky session of @me.bsky.social has expired or was revoked"
            " (ExpiredToken)") in expired.stderr
    assert "`prune auth login --network bluesky`" in expired.stderr
    assert path.read_text(encoding="utf-8") == stored
    assert sorted(p.name for p in isolated_env.glob("bluesky-session*")) == [path.name]
    assert fake.count("com.atproto.server.createSession") == 2  # the first login, the refused


def test_an_account_shown_by_its_did_gets_no_handle_shape_signals(
    invoke: Invoke, fake: FakeBluesky
) -> None:
    # Found: an account whose handle no longer resolves is shown by its DID, and the DID's
    # shape was read as a handle: "handle ends in 20 digits" (the fake's DIDs), "handle
    # looks machine-made" (a real DID's base32 has consonant runs: "zhxrhs"). Nobody picked
    # that text. A real handle of the same account shape is still read.
    real_did, bot_did = "did:plc:ewvi7nxzyoun6zhxrhs64oiz", "did:plc:bot0000000000000000000"
    for did, handle in ((real_did, "handle.invalid"), (bot_did, "qwrtzxcvbn99999999.bsky.bot")):
        fake.state.follow(did, "2024-02-01T10:00:00.000Z")
        fake.state.profiles[did] = {"did": did, "handle": handle, "postsCount": 0,
                                    "createdAt": "2023-05-01T00:00:00.000Z"}
    listed = proposals_json(invoke("--dry-run", "--format", "json", "--all"))
    by_id = {a["account_id"]: a for a in listed["accounts"]}
    shape = ("handle ends in", "handle looks machine-made", "its handle")

    def reasons(did: str) -> str:
        return repr(by_id[did])

    for did in (real_did, "did:plc:acct00000000000000000000"):
        assert by_id[did]["handle"] == did
        assert not any(text in reasons(did) for text in shape), reasons(did)
    assert "handle looks machine-made" in reasons(bot_did), reasons(bot_did)
    explained = invoke("explain", real_did)
    assert explained.exit_code == 0, explained.output
    assert not any(text in explained.stdout for text in shape), explained.stdout


def test_an_account_bluesky_moderation_labelled_spam_is_proposed_saying_so(
    invoke: Invoke, fake: FakeBluesky
) -> None:
    """A label of Bluesky's moderation (spam, impersonation, hidden) is a judgement made on
    more than the profile: alone it proposes the account, and the reason names it. A label
    the account put on itself says nothing of the kind (persona round 8: ignored)."""
    spam, own = "did:plc:acct00000000000000000004", "did:plc:acct00000000000000000005"
    label = {"src": "did:plc:ar7c4by46qjdydhdevvrndac", "uri": f"at://{spam}",
             "val": "spam", "cts": "2026-10-01T00:00:00.000Z"}
    fake.state.profiles[spam]["labels"] = [label]
    # A name decorated with emoji is a (small) credit for a person: not beside a label.
    fake.state.profiles[spam]["displayName"] = "FREE STEAM KEYS 🎮🔑"
    fake.state.profiles[own]["labels"] = [{**label, "src": own, "uri": f"at://{own}",
                                          "val": "!no-unauthenticated"}]
    listed = proposals_json(invoke("--dry-run", "--format", "json", "--all"))
    by_id = {a["account_id"]: a for a in listed["accounts"]}
    assert by_id[spam]["proposed"], by_id[spam]
    assert "labelled spam by the network's moderation" in by_id[spam]["reasons"]
    assert not any("moderation" in r for r in by_id[own]["reasons"]), by_id[own]


def test_a_follow_behind_a_block_is_proposed_saying_which_way(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path
) -> None:
    """Bluesky keeps your follow record when the account blocks you (viewer.blockedBy), or
    when you block it: a follow that shows you nothing of it. Each is proposed, with the
    reason first, stored with the sync, and an automatic rule can match it (peers list these
    follows as cleanfollow-bsky does)."""
    blocks_you, you_block = "did:plc:acct00000000000000000006", "did:plc:acct00000000000000000007"
    fake.state.blocked_by.add(blocks_you)
    fake.state.blocking.add(you_block)
    fake.state.followed_by -= {blocks_you, you_block}
    listed = proposals_json(invoke("--dry-run", "--format", "json", "--all"))
    by_id = {a["account_id"]: a for a in listed["accounts"]}
    assert by_id[blocks_you]["proposed"] and by_id[you_block]["proposed"], (
        by_id[blocks_you], by_id[you_block])
    assert by_id[blocks_you]["reasons"][0] == "blocks you: you cannot see its posts"
    assert by_id[you_block]["reasons"][0] == "you block it: its posts are hidden from you"
    assert not any("block" in r for a in listed["accounts"] for r in a["reasons"]
                   if a["account_id"] not in (blocks_you, you_block))
    table = invoke("--dry-run")
    assert "2 blocked" in table.stdout, table.stdout

    config = isolated_env / "config.toml"
    config.write_text('[auto]\ncooling_off_hours = 0\n'
                      '[[auto.rules]]\nname = "blocked"\nblocked = true\n', encoding="utf-8")
    # The dry run above flagged both already, so no cooling off is left to wait.
    result = invoke("--auto")
    assert result.exit_code == 0, result.output
    assert fake.state.following().isdisjoint({blocks_you, you_block})
    assert len(fake.state.following()) == N - 2


def test_an_account_that_dies_is_shown_as_it_was_known(invoke: Invoke, fake: FakeBluesky) -> None:
    did = account_did(5)
    handle = fake.state.profiles[did]["handle"]
    assert invoke("sync").exit_code == 0
    del fake.state.profiles[did]
    fake.state.dead[did] = "deleted"
    assert invoke("sync").exit_code == 0
    by_id = {a["account_id"]: a
             for a in proposals_json(invoke("--dry-run", "--format", "json", "--all"))["accounts"]}
    assert by_id[did]["handle"] == handle != did
    assert by_id[did]["dead"] and by_id[did]["proposed"]
    assert by_id[did]["reasons"] == ["account deleted"]
    # Never read alive: only its DID is known.
    never = f"did:plc:acct{N - 1:020d}"
    assert by_id[never]["handle"] == never and by_id[never]["dead"]
