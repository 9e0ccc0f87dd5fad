"""Logins per network and several accounts: `prune auth` for X and Bluesky through one
interface, --account choosing among stored logins, and runs on different accounts going side
by side while two runs on one account do not."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from followprune.app.lock import run_lock
from followprune.errors import AuthError, InputError
from followprune.networks.login import LoginFiles, pick_login
from followprune.networks.x.auth import resolve_credentials
from followprune.networks.x.tokens import login_files as x_login_files
from followprune.paths import resolve_paths
from tests.conftest import Invoke
from tests.fakebsky import APP_PASSWORD, FakeBluesky, make_state
from tests.fakebsky.server import ME_DID

N = 12


@pytest.fixture
def bsky(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeBluesky]:
    """The fake Bluesky service, with no login in the environment."""
    server = FakeBluesky(make_state(N, dead=2)).start()
    monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_SERVICE", server.base_url)
    monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_TIMEOUT_SECONDS", "5")
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_DELAY_SECONDS", "0")
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_JITTER_SECONDS", "0")
    for name in ("BLUESKY_HANDLE", "BLUESKY_APP_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    yield server
    server.close()
    assert not server.errors, server.errors[:5]


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("followprune.render.console.stdin_is_interactive", lambda: True)


def login_bluesky(invoke: Invoke, answers: str = f"me.bsky.social\n{APP_PASSWORD}\n") -> str:
    result = invoke("auth", "login", "--network", "bluesky", input=answers)
    assert result.exit_code == 0, result.output
    return result.stdout


# --- Bluesky's login through `prune auth` -------------------------------------------------------

def test_bluesky_login_asks_for_an_app_password_and_later_runs_reuse_the_session(
    invoke: Invoke, bsky: FakeBluesky, terminal: None, isolated_env: Path
) -> None:
    out = login_bluesky(invoke)
    assert "Connected to Bluesky as @me.bsky.social" in out
    stored = isolated_env / "bluesky-session.json"
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert APP_PASSWORD not in stored.read_text(encoding="utf-8")  # the session, not the password
    # No password anywhere now: the stored session serves every later run.
    assert invoke("--network", "bluesky", "--dry-run").exit_code in (0, 3)
    assert invoke("--network", "bluesky", "--dry-run", "--refresh").exit_code in (0, 3)
    assert bsky.count("com.atproto.server.createSession") == 1


def test_a_handle_named_before_the_prompt_is_named_at_the_password_prompt(
    invoke: Invoke, bsky: FakeBluesky, terminal: None, isolated_env: Path
) -> None:
    # Persona round 16 had the handle in the config, was asked only "App password" and
    # typed the handle there: the prompt now says whose password it wants.
    result = invoke("auth", "login", "--network", "bluesky", "--account", "me.bsky.social",
                    input=f"{APP_PASSWORD}\n")
    assert result.exit_code == 0, result.stderr
    assert "App password for me.bsky.social" in result.stderr
    assert "Bluesky handle" not in result.stderr


def test_an_account_password_typed_at_the_prompt_is_refused(
    invoke: Invoke, bsky: FakeBluesky, terminal: None, isolated_env: Path
) -> None:
    result = invoke("auth", "login", "--network", "bluesky",
                    input="me.bsky.social\nhunter2-my-real-password\n")
    assert result.exit_code == 5
    assert "does not look like an app password" in result.stderr
    assert "App passwords" in result.stderr
    assert bsky.count("com.atproto.server.createSession") == 0
    assert not (isolated_env / "bluesky-session.json").exists()


def test_without_a_terminal_the_environment_is_asked_for(
    invoke: Invoke, bsky: FakeBluesky, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = invoke("auth", "login", "--network", "bluesky")
    assert result.exit_code == 2
    assert "BLUESKY_APP_PASSWORD" in result.stderr and "Traceback" not in result.output
    monkeypatch.setenv("BLUESKY_HANDLE", "me.bsky.social")
    monkeypatch.setenv("BLUESKY_APP_PASSWORD", APP_PASSWORD)
    result = invoke("auth", "login", "--network", "bluesky")
    assert result.exit_code == 0, result.output
    assert bsky.count("com.atproto.server.createSession") == 1


def test_status_lists_every_network_and_logout_deletes_the_session_on_the_pds(
    invoke: Invoke, bsky: FakeBluesky, terminal: None, isolated_env: Path
) -> None:
    login_bluesky(invoke)
    status = invoke("auth", "status")
    assert status.exit_code == 0, status.output
    assert "Not connected to X." in status.stdout
    assert f"Connected to Bluesky: @me.bsky.social (id {ME_DID})" in status.stdout
    assert "accessJwt" not in status.stdout and "jwt" not in status.stdout.lower()

    out = invoke("auth", "logout", "--network", "bluesky")
    assert out.exit_code == 0, out.output
    assert "access revoked on Bluesky" in out.stdout
    assert bsky.count("com.atproto.server.deleteSession") == 1
    assert not (isolated_env / "bluesky-session.json").exists()
    assert "Not connected to Bluesky" in invoke("auth", "status").stdout
    again = invoke("--network", "bluesky", "--yes")
    assert again.exit_code == 5 and "not logged in to Bluesky" in again.stderr


# --- several accounts -----------------------------------------------------------------------------

def second_session(home: Path, handle: str, did: str) -> Path:
    """A second stored Bluesky login, as `prune auth login --account` would leave it."""
    first = json.loads((home / "bluesky-session.json").read_text(encoding="utf-8"))
    path = home / f"bluesky-session-{did.replace(':', '_')}.json"
    path.write_text(json.dumps({**first, "handle": handle, "did": did}), encoding="utf-8")
    path.chmod(0o600)
    return path


def test_with_two_logins_a_run_asks_which_and_account_picks_one(
    invoke: Invoke, bsky: FakeBluesky, terminal: None, isolated_env: Path
) -> None:
    login_bluesky(invoke)
    second_session(isolated_env, "other.bsky.social", "did:plc:other00000000000000000")
    listed = invoke("auth", "status", "--network", "bluesky").stdout
    assert "@me.bsky.social" in listed and "@other.bsky.social" in listed

    unsure = invoke("--network", "bluesky", "--dry-run")
    assert unsure.exit_code == 2
    assert "several Bluesky logins" in unsure.stderr and "--account" in unsure.stderr
    assert "@me.bsky.social" in unsure.stderr and "@other.bsky.social" in unsure.stderr

    chosen = invoke("--account", "@Me.bsky.social", "--network", "bluesky", "--dry-run")
    assert chosen.exit_code in (0, 3), chosen.output
    unknown = invoke("--account", "nobody", "--network", "bluesky", "--dry-run")
    assert unknown.exit_code == 5 and "not logged in to Bluesky as @nobody" in unknown.stderr
    assert bsky.count("com.atproto.server.createSession") == 1

    out = invoke("auth", "logout", "--network", "bluesky", "--account", "other.bsky.social")
    assert out.exit_code == 0, out.output
    assert "@other.bsky.social" in out.stdout
    assert (isolated_env / "bluesky-session.json").exists()  # the other login is untouched


def test_two_networks_side_by_side_keep_their_own_history_undo_and_lock(
    invoke: Invoke, bsky: FakeBluesky, terminal: None, isolated_env: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FOLLOWPRUNE_PROPOSALS_ACTION", "mute")
    login_bluesky(invoke)
    assert invoke("--network", "bluesky", "--yes", "--limit", "2").exit_code == 0
    assert invoke("--demo", "--yes", "--limit", "3").exit_code == 0
    muted_on_bluesky = bsky.count("app.bsky.graph.muteActor")
    assert muted_on_bluesky == 2

    # A run holding the Bluesky account's lock keeps Bluesky runs out, not the demo's.
    paths = resolve_paths()
    with run_lock(paths.account_lock_file("bluesky", ME_DID)):
        held = invoke("undo", "--network", "bluesky", "--yes")
        assert held.exit_code == 7, held.output
        assert invoke("undo", "--demo", "--yes").exit_code == 0
    assert bsky.count("app.bsky.graph.unmuteActor") == 0  # the demo's undo stayed on the demo
    history = invoke("history", "--network", "bluesky", "--format", "json")
    assert history.exit_code == 0, history.output
    bluesky_run = json.loads(history.output)["runs"][0]["run_id"]
    # A run number of the other network is refused by name, not read as an empty run.
    for command in (("undo", "--demo", "--yes"), ("history", "--demo")):
        refused = invoke(*command, "--run", str(bluesky_run))
        assert refused.exit_code == 2, refused.output
        assert f"run {bluesky_run} was a run of @me.bsky.social on bluesky" in refused.output
        assert "--network bluesky" in refused.output
    assert invoke("undo", "--network", "bluesky", "--yes").exit_code == 0
    assert bsky.count("app.bsky.graph.unmuteActor") == 2


# --- the pieces ---------------------------------------------------------------------------------

def test_login_files_keep_the_first_slot_and_give_each_further_account_its_own(
    tmp_path: Path
) -> None:
    files = LoginFiles(tmp_path, "x-tokens")
    assert files.path_for("1", {}) == tmp_path / "x-tokens.json"
    files.first.write_text("{}")
    assert files.path_for("1", {files.first: "1"}) == files.first  # a re-login stays put
    second = files.path_for("did:plc:2", {files.first: "1"})
    assert second == tmp_path / "x-tokens-did_plc_2.json"
    second.write_text("{}")
    assert files.existing() == [files.first, second]


def test_pick_login_never_guesses() -> None:
    logins = [("alice", "1"), ("bob", "2")]
    assert pick_login("X", logins, lambda x: x, "@BOB") == ("bob", "2")
    assert pick_login("X", logins, lambda x: x, "1") == ("alice", "1")
    assert pick_login("X", logins[:1], lambda x: x, None) == ("alice", "1")
    assert pick_login("X", [], lambda x: x, None) is None
    with pytest.raises(InputError, match="several X logins are stored"):
        pick_login("X", logins, lambda x: x, None)
    with pytest.raises(AuthError, match="no X login for account 'carol'"):
        pick_login("X", logins, lambda x: x, "carol")


def test_x_credentials_follow_account_and_the_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def token(path: Path, user_id: str, username: str) -> None:
        path.write_text(json.dumps({
            "access_token": f"at-{username}", "refresh_token": None, "expires_at": None,
            "scope": "tweet.read", "client_id": "c", "user_id": user_id, "username": username,
        }))

    token(tmp_path / "x-tokens.json", "1", "alice")
    token(tmp_path / "x-tokens-2.json", "2", "bob")
    files = x_login_files(tmp_path)
    credentials, token_file = resolve_credentials(files, "bob", env={})
    assert credentials.tokens is not None and credentials.tokens.username == "bob"
    assert token_file.path == tmp_path / "x-tokens-2.json"  # renewals go back to bob's file
    with pytest.raises(InputError, match="several X logins"):
        resolve_credentials(files, None, env={})
    credentials, _ = resolve_credentials(files, None, env={"X_BEARER_TOKEN": "b"})
    assert credentials.kind == "bearer"
    assert "X_BEARER_TOKEN" not in os.environ


@pytest.mark.parametrize("network", ["x", "bluesky", "mastodon"])
def test_logging_out_an_account_with_no_login_is_not_logged_in_and_forgets_nothing(
    invoke: Invoke, network: str
) -> None:
    """Every network answers a name that matches no stored login the same way: not logged
    in (exit 5), naming the account; a damaged file is another case (it is forgotten)."""
    result = invoke("auth", "logout", "--network", network, "--account", "nobody@nowhere.example")
    assert result.exit_code == 5, result.output
    assert "nobody@nowhere.example" in result.output


def test_several_stored_accounts_and_no_choice_is_asked_never_guessed(
    invoke: Invoke, tmp_path: Path
) -> None:
    # Two accounts' archives in one store, no login: whose history, keep-list or undo a
    # command means is the person's to say (it used to take the newest account silently).
    from tests.archive_factory import FakeArchive

    for name, me in (("ana", "1500000000000000001"), ("bea", "1500000000000000002")):
        archive = FakeArchive(following=["2000000001"], account_id=me, username=name)
        assert invoke("import-archive", str(archive.write_folder(tmp_path / name))).exit_code == 0
    for command in (("history", "--network", "x"), ("keep", "list", "--network", "x"),
                    ("keep", "add", "--network", "x", "2000000001"),
                    ("undo", "--network", "x", "--yes"),
                    ("explain", "--network", "x", "2000000001"),
                    ("--network", "x", "--dry-run")):
        result = invoke(*command)
        assert result.exit_code == 2, (command, result.output)
        assert "several x accounts are in the store" in result.stderr, command
        assert "@ana" in result.stderr and "@bea" in result.stderr
    chosen = invoke("--account", "ana", "keep", "add", "--network", "x", "2000000001")
    assert chosen.exit_code == 0, chosen.output
    assert "2000000001" in invoke("--account", "ana", "keep", "list", "--network", "x").stdout
    assert "2000000001" not in invoke("--account", "bea", "keep", "list", "--network", "x").stdout


def test_an_account_choice_that_names_several_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    from tests.archive_factory import FakeArchive

    for me in ("1500000000000000001", "1500000000000000002"):
        archive = FakeArchive(following=["2000000001"], account_id=me, username="ana")
        assert invoke("import-archive", str(archive.write_folder(tmp_path / me))).exit_code == 0
    both = invoke("--account", "ana", "history", "--network", "x")
    assert both.exit_code == 2 and "names several x accounts" in both.stderr
    assert invoke("--account", "1500000000000000002", "history", "--network", "x").exit_code == 0
