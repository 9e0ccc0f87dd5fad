"""Mastodon end to end: the real CLI and the login flow against a fake instance on loopback."""

from __future__ import annotations

import io
import math
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from followprune.config import MastodonSettings
from followprune.errors import ActionRejected, ApiError, AuthError, InputError
from followprune.networks.base import NetworkDeps
from followprune.networks.login import LoginDeps, LoginOptions
from followprune.networks.mastodon import build
from followprune.networks.mastodon.client import Client, instance_url
from followprune.networks.mastodon.convert import location_from_fields, strip_html
from followprune.networks.mastodon.login import FLOW
from followprune.networks.mastodon.logins import SCOPES
from followprune.networks.mastodon.network import MastodonNetwork
from followprune.paths import Paths, resolve_paths
from followprune.store import Store
from tests.conftest import Invoke, proposals_json
from tests.fakemasto import FakeMastodon, make_state
from tests.fakemasto import point_cli_at as masto_cli_at
from tests.fakemasto.openapi import SPEC, OpenApi

N = 30  # followed: the last is on a gone instance, the one before suspended, then a moved one
SUSPENDED = str(100 + N - 2)
GONE = str(100 + N - 1)
MOVED = str(100 + N - 3)


@pytest.fixture
def fake(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeMastodon]:
    server = FakeMastodon(make_state(N)).start()
    # Every request and answer is checked against the spec whenever it is present.
    assert (server.spec is not None) == SPEC.is_file()
    masto_cli_at(server, monkeypatch, retries=None)
    yield server
    server.close()
    assert not server.errors, server.errors[:5]


class Prompts:
    """A person at a terminal: approves on the instance and pastes the code shown."""

    interactive = True

    def __init__(self, fake: FakeMastodon, *, code: str | None = None) -> None:
        self.fake, self.code, self.url = fake, code, ""
        self.told: list[str] = []

    def ask(self, question: str, *, secret: bool = False) -> str:
        return self.code if self.code is not None else self.fake.approve(self.url)

    def tell(self, text: str) -> None:
        self.told.append(text)

    def open_url(self, url: str, why: str) -> None:
        self.url = url


def login_deps(home: Path, instance: str = "") -> LoginDeps:
    return LoginDeps(MastodonSettings(instance=instance, timeout_seconds=5, retries=1),
                     Paths(home, home, home / "logs"), Store(home / "followprune.sqlite3"))


class CodeOnStdin(io.RawIOBase):
    """A terminal where the person pastes the code the instance showed, once the login
    has printed the authorisation address (caught from the browser it opens)."""

    def __init__(self, fake: FakeMastodon) -> None:
        self.fake, self.url, self._left = fake, "", b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self._left:
            self._left = (self.fake.approve(self.url) + "\n").encode()
        n = min(len(buffer), len(self._left))
        buffer[:n], self._left = self._left[:n], self._left[n:]
        return n


def test_prune_auth_login_on_an_instance_then_status_sync_and_logout(
    invoke: Invoke, fake: FakeMastodon, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MASTODON_ACCESS_TOKEN")
    monkeypatch.setattr("followprune.render.console.stdin_is_interactive", lambda: True)
    stdin = CodeOnStdin(fake)
    monkeypatch.setattr("webbrowser.open", lambda url: setattr(stdin, "url", url) or True)
    result = invoke("auth", "login", "--network", "mastodon", "--instance", fake.base_url,
                    input=io.BufferedReader(stdin))
    assert result.exit_code == 0, result.output
    assert stdin.url.startswith(fake.base_url + "/oauth/authorize?")
    assert "Connected to Mastodon as @" in result.stdout
    status = invoke("auth", "status")
    assert "Connected to Mastodon: @" in status.stdout and "Not connected to X." in status.stdout
    assert invoke("--dry-run").exit_code in (0, 3)
    out = invoke("auth", "logout", "--network", "mastodon")
    assert out.exit_code == 0 and "access revoked on Mastodon" in out.stdout
    assert invoke("--yes").exit_code == 5


# --- the CLI -------------------------------------------------------------------------------

def test_dry_run_lists_every_follow_with_few_calls(invoke: Invoke, fake: FakeMastodon) -> None:
    listed = proposals_json(invoke("--dry-run", "--format", "json", "--all"))
    assert listed["followed"] == N
    by_id = {a["account_id"]: a for a in listed["accounts"]}
    assert by_id[SUSPENDED]["proposed"] and by_id[SUSPENDED]["dead"]
    assert by_id["101"]["handle"] == f"user1@{fake.host}"  # local: shown with the instance
    assert by_id["100"]["handle"] == "user0@remote0.example"
    assert by_id["100"]["location"] == "Berlin, Germany"
    assert by_id["103"]["last_active"].startswith("2023-01-15")
    # ⌈30/80⌉ following pages and relationship chunks, nothing per account.
    assert fake.count("getAccountFollowing") == 1
    assert fake.count("getAccountRelationships") == 1
    assert not [c for c in fake.calls if c.startswith("GET /api/v1/accounts/")]


def test_an_account_that_blocks_you_is_proposed_saying_so(
    invoke: Invoke, fake: FakeMastodon
) -> None:
    """Mastodon's relationships say `blocked_by`: a follow that shows you nothing of it."""
    fake.state.blocked_by.add("104")
    fake.state.followed_by.discard("104")
    listed = proposals_json(invoke("--dry-run", "--format", "json", "--all"))
    by_id = {a["account_id"]: a for a in listed["accounts"]}
    assert by_id["104"]["proposed"] and not by_id["104"]["dead"]
    assert by_id["104"]["reasons"][0] == "blocks you: you cannot see its posts"
    explained = invoke("explain", "104")
    assert explained.exit_code == 0, explained.output
    assert "blocks you" in explained.stdout


def test_a_moved_account_is_proposed_with_its_new_address(
    invoke: Invoke, fake: FakeMastodon
) -> None:
    fake.state.followed_by.discard(MOVED)
    listed = proposals_json(invoke("--dry-run", "--format", "json", "--all"))
    moved = {a["account_id"]: a for a in listed["accounts"]}[MOVED]
    assert moved["proposed"] and not moved["dead"]
    assert f"moved to @user{N - 3}new@new.example: follow the new account" in moved["reasons"]


def test_unfollowing_a_moved_account_follows_its_new_address_and_undo_reverses_both(
    invoke: Invoke, fake: FakeMastodon
) -> None:
    new = str(9000 + N - 3)
    fake.state.followed_by.discard(MOVED)
    _recently_heard_from(fake, GONE)  # its follow back would fail: not this test's subject
    listed = proposals_json(invoke("--dry-run", "--format", "json", "--all"))
    assert {a["account_id"]: a for a in listed["accounts"]}[MOVED]["proposed"]
    result = invoke("--yes")
    assert result.exit_code == 0, result.output
    assert "follows the new address" in result.stderr
    following = fake.state.following()
    assert MOVED not in following and new in following
    undo = invoke("undo", "--yes")
    assert undo.exit_code == 0, undo.output
    following = fake.state.following()
    assert MOVED in following and new not in following


@pytest.mark.parametrize("half", ["unfollow", "follow"])
def test_a_time_range_holding_half_a_move_undoes_the_whole_move(
    invoke: Invoke, fake: FakeMastodon, half: str
) -> None:
    # Found: the follow of the new address is journaled after the unfollow of the old one;
    # a range ending between them gave the old follow back and kept the new one (both
    # followed), and one starting between them ended the new follow alone (neither).
    new = str(9000 + N - 3)
    fake.state.followed_by.discard(MOVED)
    _recently_heard_from(fake, GONE)
    before = fake.state.following()
    assert invoke("--yes").exit_code == 0
    unfollowed = before - fake.state.following()
    assert MOVED in unfollowed and new in fake.state.following()
    first = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    later = first + timedelta(hours=1)
    _backdate(resolve_paths().store_file, first, {new: later})
    middle = (first + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M:%S")
    bound = "--until" if half == "unfollow" else "--since"
    undo = invoke("undo", bound, middle, "--yes")
    assert undo.exit_code == 0, undo.output
    assert (f"moved to @user{N - 3}new@new.example: the time range holds half of that move,"
            " so both halves are undone together.") in undo.stdout
    following = fake.state.following()
    assert MOVED in following and new not in following
    others = unfollowed - {MOVED, SUSPENDED}  # a suspended account cannot be followed
    assert others and (others <= following if half == "unfollow" else not others & following)


def test_a_moved_account_whose_new_address_is_followed_already_is_only_unfollowed(
    invoke: Invoke, fake: FakeMastodon
) -> None:
    new = str(9000 + N - 3)
    fake.state.followed_by.discard(MOVED)
    _recently_heard_from(fake, GONE)
    fake.state.follow(new)  # Mastodon moved this follower along by itself
    assert invoke("--yes").exit_code == 0
    assert MOVED not in fake.state.following() and new in fake.state.following()
    assert invoke("undo", "--yes").exit_code == 0
    # The undo gives the old follow back and leaves the new one, which it never made.
    assert MOVED in fake.state.following() and new in fake.state.following()


def _backdate(store: Path, moment: datetime, apart: dict[str, datetime]) -> None:
    """Journal every action at `moment`, those on the accounts in `apart` at their own: the
    journal is append-only, so its guard is lifted for this and put back."""
    db = sqlite3.connect(store)
    guard = db.execute("SELECT sql FROM sqlite_master WHERE name = 'actions_append_only_u'"
                       ).fetchone()[0]
    db.execute("DROP TRIGGER actions_append_only_u")
    db.execute("UPDATE actions SET created_at = ?", (moment.isoformat(),))
    for account_id, at in apart.items():
        db.execute("UPDATE actions SET created_at = ? WHERE account_id = ?",
                   (at.isoformat(), account_id))
    db.execute(guard)
    db.commit()
    db.close()


def _recently_heard_from(fake: FakeMastodon, account_id: str) -> None:
    fake.state.accounts[account_id]["last_status_at"] = datetime.now(UTC).date().isoformat()


def test_review_unfollows_and_undo_follows_again(invoke: Invoke, fake: FakeMastodon) -> None:
    fake.state.followed_by.discard("105")
    before = fake.state.following()
    result = invoke("--yes")
    assert result.exit_code == 0, result.output
    gone = before - fake.state.following()
    # Silent for years on an instance that is gone since: proposed with the suspended one.
    assert {SUSPENDED, GONE} <= gone
    assert fake.count("postAccountUnfollow") == len(gone)
    undo = invoke("undo", "--yes")
    # The suspended account is known to be gone and left out; the gone instance's refusal is
    # reported as the one action that failed (exit 4), the rest followed again.
    assert undo.exit_code == 4, undo.output
    assert "Cannot be restored, the account is gone: " in undo.stderr
    assert "gone.example is gone" in undo.stderr
    assert fake.state.following() == before - {SUSPENDED, GONE}


def test_auto_rule_unfollows_only_the_dead(
    invoke: Invoke, fake: FakeMastodon, isolated_env: Path
) -> None:
    config = isolated_env / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[auto]\ncooling_off_hours = 0\n'
                      '[[auto.rules]]\nname = "gone"\ndead = true\n', encoding="utf-8")
    assert invoke("--auto").exit_code == 3  # first run: matches recorded, cooling off
    result = invoke("--auto")
    assert result.exit_code == 0, result.output
    assert fake.state.following() == {str(100 + i) for i in range(N)} - {SUSPENDED}


def test_interactions_are_read_incrementally_across_syncs(
    invoke: Invoke, fake: FakeMastodon
) -> None:
    assert invoke("--dry-run").exit_code in (0, 3)
    newest = max(int(n["id"]) for n in fake.state.notifications
                 if n["type"] != "follow")
    assert invoke("--dry-run").exit_code in (0, 3)
    asked = [q for name, q in fake.queries if name == "getNotifications"]
    assert "since_id" not in asked[0]  # the first sync reads back a few pages
    # The second starts after the newest notification the first one saved.
    assert int(asked[1]["since_id"][0]) >= newest
    statuses = [q for name, q in fake.queries if name == "getAccountStatuses"]
    assert "since_id" in statuses[1]


def test_an_instance_without_last_status_at_is_named_in_the_log(
    invoke: Invoke, fake: FakeMastodon, isolated_env: Path
) -> None:
    for entity in fake.state.accounts.values():
        entity.pop("last_status_at", None)
    config = isolated_env / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[[auto.rules]]\nname = "gone"\ndead = true\n', encoding="utf-8")
    result = invoke("--auto")  # an automatic run logs (to its file, and to stderr)
    assert result.exit_code == 3, result.output
    assert f"{fake.host} gives no last_status_at" in result.stderr
    logged = "".join(p.read_text(encoding="utf-8") for p in isolated_env.rglob("*.log"))
    assert f"{fake.host} gives no last_status_at" in logged


def test_a_refused_token_exits_5(invoke: Invoke, fake: FakeMastodon) -> None:
    fake.tokens.clear()
    result = invoke("--dry-run")
    assert result.exit_code == 5
    assert "refused the login" in result.stderr and "Traceback" not in result.output


def test_an_instance_that_is_down_exits_6_naming_it(
    invoke: Invoke, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeMastodon(make_state(1)) as server:
        url, host = server.base_url, server.host
    monkeypatch.setenv("FOLLOWPRUNE_NETWORK", "mastodon")
    monkeypatch.setenv("FOLLOWPRUNE_MASTODON_INSTANCE", url)
    monkeypatch.setenv("FOLLOWPRUNE_MASTODON_RETRIES", "1")
    monkeypatch.setenv("MASTODON_ACCESS_TOKEN", "whatever")
    result = invoke("--dry-run")
    assert result.exit_code == 6
    assert f"the Mastodon instance {host} cannot be reached" in result.stderr


def test_without_a_login_the_last_sync_is_reviewed_and_acting_asks_for_one(
    invoke: Invoke, fake: FakeMastodon, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke("--dry-run").exit_code in (0, 3)
    monkeypatch.delenv("MASTODON_ACCESS_TOKEN")
    calls = len(fake.calls)
    listed = proposals_json(invoke("--dry-run", "--format", "json", "--all"))
    assert listed["followed"] == N and len(fake.calls) == calls  # served from the store
    acting = invoke("--yes")
    assert acting.exit_code == 5 and "not logged in to Mastodon" in acting.stderr
    assert fake.count("postAccountUnfollow") == 0


def test_two_accounts_on_two_instances_side_by_side(
    invoke: Invoke, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeMastodon(make_state(N)) as first, FakeMastodon(make_state(5)) as second:
        second.state.me["username"] = second.state.me["acct"] = "other"
        for server in (first, second):
            FLOW.login(login_deps(isolated_env, server.base_url),
                       LoginOptions(), Prompts(server))
        monkeypatch.setenv("FOLLOWPRUNE_NETWORK", "mastodon")
        monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_DELAY_SECONDS", "0")
        monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_JITTER_SECONDS", "0")
        several = invoke("--dry-run")
        assert several.exit_code == 2
        assert f"me@{first.host}" in several.stderr and f"other@{second.host}" in several.stderr
        monkeypatch.setenv("FOLLOWPRUNE_MASTODON_ACCOUNT", f"other@{second.host}")
        assert proposals_json(invoke("--dry-run", "--format", "json", "--all"))["followed"] == 5
        monkeypatch.setenv("FOLLOWPRUNE_MASTODON_ACCOUNT", f"@me@{first.host}")
        assert proposals_json(invoke("--dry-run", "--format", "json", "--all"))["followed"] == N
        assert invoke("--yes").exit_code == 0
        assert SUSPENDED not in first.state.following()
        assert second.count("postAccountUnfollow") == 0
        assert not first.errors and not second.errors, (first.errors + second.errors)[:5]


def test_the_factory_takes_the_account_asked_for(isolated_env: Path) -> None:
    with FakeMastodon(make_state(3)) as first, FakeMastodon(make_state(2)) as second:
        second.state.me["username"] = second.state.me["acct"] = "other"
        for server in (first, second):
            FLOW.login(login_deps(isolated_env, server.base_url),
                       LoginOptions(), Prompts(server))
        store = Store(isolated_env / "store.sqlite3")
        paths = Paths(isolated_env, isolated_env, isolated_env / "logs")
        now = datetime.now(UTC)
        with pytest.raises(InputError, match="several Mastodon logins") as raised:
            build(NetworkDeps(MastodonSettings(), paths, store, now))
        assert raised.value.hint and "--account" in raised.value.hint
        net = build(NetworkDeps(MastodonSettings(), paths, store, now,
                                account=f"other@{second.host}"))
        assert isinstance(net, MastodonNetwork) and len(list(net.following())) == 2
        net.close()
        store.close()


# --- the login flow ------------------------------------------------------------------------

def test_login_registers_once_stores_0600_and_logout_revokes(isolated_env: Path) -> None:
    with FakeMastodon(make_state(2)) as fake:
        deps = login_deps(isolated_env, fake.base_url)
        prompts = Prompts(fake)
        shown = FLOW.login(deps, LoginOptions(), prompts)
        assert shown.account == f"me@{fake.host}" and shown.account_id == "1"
        asked = parse_qs(urlsplit(prompts.url).query)
        assert asked["scope"] == [" ".join(SCOPES)] and "write:follows" in SCOPES
        assert "read" not in SCOPES and "write" not in SCOPES  # granular only
        token_file = Path(shown.source)
        assert stat.S_IMODE(os.stat(token_file).st_mode) == 0o600
        apps = list((isolated_env / "mastodon" / "apps").iterdir())
        assert [stat.S_IMODE(os.stat(a).st_mode) for a in apps] == [0o600]
        first = set(fake.tokens)
        FLOW.login(deps, LoginOptions(), Prompts(fake))  # again: the app is reused
        assert fake.count("createApp") == 1 and fake.count("postOauthToken") == 2
        # The token it replaces is revoked, not left valid on the instance.
        assert fake.revoked == list(first) and len(fake.tokens) == 1
        token = next(iter(fake.tokens))
        calls = len(fake.calls)
        assert [s.account for s in FLOW.status(deps)] == [f"me@{fake.host}"]
        assert len(fake.calls) == calls  # status costs nothing
        result = FLOW.logout(deps, None)
        assert result.revoked and result.forgot == (f"me@{fake.host}",)
        assert token in fake.revoked and not token_file.exists()
        assert FLOW.status(deps) == []
        assert not fake.errors, fake.errors[:5]


def test_a_wrong_code_stores_nothing(isolated_env: Path) -> None:
    with FakeMastodon(make_state(1)) as fake:
        deps = login_deps(isolated_env, fake.base_url)
        with pytest.raises(AuthError, match="refused the code"):
            FLOW.login(deps, LoginOptions(), Prompts(fake, code="not-the-code"))
        assert FLOW.status(deps) == []


def test_logout_forgets_even_when_the_instance_is_gone(isolated_env: Path) -> None:
    with FakeMastodon(make_state(1)) as fake:
        deps = login_deps(isolated_env, fake.base_url)
        FLOW.login(deps, LoginOptions(), Prompts(fake))
    result = FLOW.logout(deps, None)
    assert not result.revoked and "cannot be reached" in result.problem
    assert result.revoke_by_hand.endswith("/oauth/authorized_applications")
    assert FLOW.status(deps) == []


def test_status_shows_the_environment_token(
    isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MASTODON_ACCESS_TOKEN", "t0ken")
    shown = FLOW.status(login_deps(isolated_env, "https://mastodon.example"))
    assert [(s.account, s.source) for s in shown] == [
        ("(token for mastodon.example)", "MASTODON_ACCESS_TOKEN")]


def test_login_without_a_terminal_refuses_with_a_hint(isolated_env: Path) -> None:
    prompts = Prompts.__new__(Prompts)
    prompts.interactive = False
    with pytest.raises(InputError, match="needs a terminal") as raised:
        FLOW.login(login_deps(isolated_env, "https://mastodon.example"), LoginOptions(),
                   prompts)
    assert raised.value.hint and "MASTODON_ACCESS_TOKEN" in raised.value.hint


@pytest.mark.parametrize(("given", "expected"), [
    ("mastodon.social", "https://mastodon.social"),
    ("https://Mastodon.Social/", "https://mastodon.social"),
    ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
])
def test_instance_addresses(given: str, expected: str) -> None:
    assert instance_url(given) == expected


@pytest.mark.parametrize("given", ["http://mastodon.social", "ftp://x.example", "",
                                   "https://x.example/some/path"])
def test_bad_instance_addresses_are_refused(given: str) -> None:
    with pytest.raises(InputError):
        instance_url(given)


# --- the network object, without the CLI ---------------------------------------------------

@pytest.fixture(params=[None, False], ids=["spec-if-present", "no-spec"])
def network(tmp_path: Path, request: pytest.FixtureRequest
            ) -> Iterator[tuple[MastodonNetwork, FakeMastodon]]:
    server = FakeMastodon(make_state(230), validate=request.param).start()
    store = Store(tmp_path / "store.sqlite3")
    client = Client(server.base_url, server.issue_token(), 5, sleep=lambda s: None)
    yield MastodonNetwork(client, store, datetime.now(UTC)), server
    client.close()
    store.close()
    server.close()
    assert not server.errors, server.errors[:5]


def test_reading_is_frugal_and_complete(network: tuple[MastodonNetwork, FakeMastodon]) -> None:
    net, server = network
    pairs = list(net.following())
    assert len(pairs) == 230 and len({a.id for a, _ in pairs}) == 230
    assert server.count("getAccountFollowing") == math.ceil(230 / 80)
    assert server.count("getAccountRelationships") == math.ceil(230 / 80)
    accounts = {a.id: a for a, _ in pairs}
    rels = {r.account_id: r for _, r in pairs}
    assert accounts["328"].state.value == "suspended"
    assert accounts["327"].moved_to == "user227new@new.example"
    assert [a.id for a in accounts.values() if a.moved_to] == ["327"]
    assert rels["103"].follows_you and not rels["104"].follows_you
    assert accounts["100"].bio == "python developer writing about #databases"
    assert net.gives_last_status is True


def test_interactions_are_read_once_and_then_incrementally(
    network: tuple[MastodonNetwork, FakeMastodon]
) -> None:
    net, server = network
    found = {(i.account_id, i.kind.value, i.direction.value) for i in net.interactions()}
    assert found == {("100", "mention", "from_them"), ("101", "like", "from_them"),
                     ("102", "reply", "from_you"), ("100", "repost", "from_you"),
                     ("103", "like", "from_you")}
    assert net.my_posts() == ["reply"]
    assert server.count("getNotifications") == 1


def test_actions_are_idempotent_and_a_gone_instance_is_named(
    network: tuple[MastodonNetwork, FakeMastodon]
) -> None:
    net, server = network
    net.unfollow("107")
    net.unfollow("107")
    assert "107" not in server.state.following() and net.is_following("107") is False
    net.follow("107")
    net.follow("107")
    assert net.is_following("107")
    net.mute("107")
    net.mute("107")
    assert "107" in server.state.muted
    net.unmute("107")
    assert "107" not in server.state.muted
    net.unfollow("329")  # on the gone instance: unfollowing is local and works
    with pytest.raises(ActionRejected, match=r"gone \(gone.example is gone\)"):
        net.follow("329")


def test_a_call_cut_off_after_it_happened_is_repeated_safely(
    network: tuple[MastodonNetwork, FakeMastodon]
) -> None:
    net, server = network
    server.drop_after["postAccountUnfollow"] = 1
    net.unfollow("111")
    assert "111" not in server.state.following()
    assert server.count("postAccountUnfollow") == 2


def test_server_errors_are_retried_with_back_off() -> None:
    with FakeMastodon(make_state(1)) as server:
        sleeps: list[float] = []
        client = Client(server.base_url, server.issue_token(), 5, retries=3,
                        sleep=sleeps.append)
        server.faults["getAccountsVerifyCredentials"] = [502, 503]
        assert client.call("me", client.api.account_verify_credentials)["id"] == "1"
        assert sleeps == [1.0, 2.0]
        server.faults["getAccountsVerifyCredentials"] = [500, 500, 500]
        with pytest.raises(ApiError, match="failed on me") as raised:
            client.call("me", client.api.account_verify_credentials)
        assert raised.value.exit_code == 6
        client.close()


def test_a_429_waits_for_the_iso_reset_in_the_headers() -> None:
    with FakeMastodon(make_state(1)) as server:
        sleeps: list[float] = []
        waits: list[tuple[float, str]] = []

        def on_wait(seconds: float, why: str, sleep: Callable[[float], None]) -> None:
            waits.append((seconds, why))
            sleep(seconds)

        client = Client(server.base_url, server.issue_token(), 5, sleep=sleeps.append,
                        on_wait=on_wait)
        server.reset_after = 60
        server.faults["getAccountsVerifyCredentials"] = [429]
        assert client.call("me", client.api.account_verify_credentials)["id"] == "1"
        assert len(waits) == 1 and 55 <= waits[0][0] <= 61
        assert waits[0][1] == "Mastodon rate limit on me"
        # A window that reopens only in an hour is not waited for: the run ends (exit 6).
        server.reset_after = 3600
        server.faults["getAccountsVerifyCredentials"] = [429]
        with pytest.raises(ApiError, match="rate limit reached") as raised:
            client.call("me", client.api.account_verify_credentials)
        assert raised.value.exit_code == 6 and len(waits) == 1
        client.close()


def test_a_window_nearly_used_up_is_waited_out_before_the_next_call() -> None:
    with FakeMastodon(make_state(1)) as server:
        sleeps: list[float] = []
        now = time.time()
        client = Client(server.base_url, server.issue_token(), 5, sleep=sleeps.append,
                        now=lambda: now)
        client.call("me", client.api.account_verify_credentials)
        assert sleeps == []
        server.remaining, server.reset_after = 2, 30
        client.call("me", client.api.account_verify_credentials)
        assert sleeps == []  # the answer says the window is nearly dry ...
        server.remaining = 299
        client.call("me", client.api.account_verify_credentials)
        # ... so the next call waits. The server dates the reset from its own clock, which
        # ran on while the client's stood still at `now`: a slow machine lengthens the wait.
        slack = time.time() - now
        assert len(sleeps) == 1 and 25 <= sleeps[0] <= 31 + slack, (sleeps, slack)
        client.close()


# --- conversion ------------------------------------------------------------------------------

def test_bios_are_stripped_safely() -> None:
    assert strip_html('<p>Hi &amp; <a href="https://e.example/"><span class="invisible">'
                      'https://</span><span>e.example</span></a></p><p>two<br>lines</p>'
                      '<script>alert(1)</script>') == "Hi & e.example\ntwo\nlines"
    assert strip_html("<p>unclosed <b>tag") == "unclosed tag"
    assert strip_html(None) == ""


def test_a_location_is_read_from_the_profile_fields() -> None:
    fields = [{"name": "Website", "value": "<a href='x'>x</a>"},
              {"name": "Based in:", "value": "<p>Lyon, France</p>"}]
    assert location_from_fields(fields) == "Lyon, France"
    assert location_from_fields([{"name": "Pronouns", "value": "they"}]) == ""
    assert location_from_fields("not a list") == ""


@pytest.mark.parametrize("name", [
    "Heimat", "Wo", "Wo:", "Lieu", "Ubicación", "Localização", "Città", "Woonplaats",
    "Lokalizacja", "Konum", "所在地", "居住地"])
def test_a_location_field_is_read_in_other_languages(name: str) -> None:
    # A German profile's "Heimat" or "Wo" had been passed over, and `explain` then said
    # "no location given" of a profile that named München.
    fields = [{"name": "Web", "value": "<a href='x'>x</a>"},
              {"name": name, "value": "<p>München</p>"}]
    assert location_from_fields(fields) == "München"


@pytest.mark.skipif(not SPEC.is_file(), reason=f"no Mastodon OpenAPI description at {SPEC}")
def test_the_fake_rejects_requests_the_spec_forbids() -> None:
    spec = OpenApi()
    op = spec.find("GET", "/api/v1/accounts/1/following")
    assert op is not None and op.spec["operationId"] == "getAccountFollowing"
    _, problems = spec.params(op, {"limit": ["many"], "cursor": ["x"]})
    assert sorted(problems) == ["params.limit: 'many' is not an integer",
                                "params: unknown cursor"]
    rel = spec.find("GET", "/api/v1/accounts/relationships")
    assert rel is not None and rel.spec["operationId"] == "getAccountRelationships"
    assert spec.validate({"$ref": "#/components/schemas/Relationship"}, {"id": "1"})


@pytest.mark.usefixtures("interactive")
def test_a_named_account_without_its_login_fails_before_any_prompt(
    invoke: Invoke, fake: FakeMastodon
) -> None:
    # Found: the environment's token is not used for a named account, so the stored
    # follow list was reviewed and the person answered the prompt (or confirmed the undo)
    # before the run stopped with "cannot act without a login".
    named = ("--account", f"me@{fake.host}")
    for command in (("--dry-run",), (*named,), ("--yes",), (*named, "undo")):
        result = invoke(*command, input="all\ny\n")
        if command in (("--dry-run",), ("--yes",)):  # with the environment's token
            assert result.exit_code == 0, result.output
            before = fake.state.following()
            continue
        assert result.exit_code == 5, result.output
        assert f"no Mastodon login for me@{fake.host}" in result.stderr
        assert "MASTODON_ACCESS_TOKEN is used only when no account is named" in result.stderr
        assert "to go ahead" not in result.output and "Go ahead?" not in result.output
        assert ("undo" in command) or "add --dry-run to look at the follow list stored" in (
            result.stderr)
        assert fake.state.following() == before
    # Looking needs no login: the stored list is still there to review.
    looked = invoke(*named, "--dry-run")
    assert looked.exit_code == 0, looked.output
    assert "Not logged in to mastodon: reviewing the follow list stored" in looked.stderr
