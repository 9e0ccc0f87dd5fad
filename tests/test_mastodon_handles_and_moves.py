"""Mastodon: `--account` naming an account with no login, moved accounts and inactivity
rules, local handles without the instance, the instance given as a handle, and a restore
refused for good (found by persona round 8). The real CLI against the fake instance."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Invoke
from tests.fakemasto import FakeMastodon, make_state
from tests.fakemasto import point_cli_at as masto_cli_at
from tests.fakemasto.server import account

N = 12
MOVED = str(100 + N - 3)


@pytest.fixture
def fake(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeMastodon]:
    server = FakeMastodon(make_state(N)).start()
    masto_cli_at(server, monkeypatch, retries=None)
    yield server
    server.close()
    assert not server.errors, server.errors[:5]


def test_account_with_no_login_is_one_auth_error(invoke: Invoke, fake: FakeMastodon) -> None:
    assert invoke("--dry-run").exit_code == 0  # the store now holds me@<instance>
    # Persona 8: "Not logged in… reviewing the follow list stored …" about another account's
    # list, then "nothing is known yet… run `prune sync`", exit 2.
    result = invoke("--account", "someoneelse@social.example", "--dry-run", "--refresh")
    assert result.exit_code == 5
    assert result.stderr.startswith("Error: no Mastodon login for someoneelse@social.example")
    assert "prune auth login --network mastodon" in result.stderr
    assert "MASTODON_ACCESS_TOKEN is used only when no account is named" in result.stderr
    assert "Not logged in" not in result.stderr and "nothing is known" not in result.stderr
    assert not result.stdout


def test_a_moved_account_silent_for_long_matches_inactive_days(
    invoke: Invoke, fake: FakeMastodon, isolated_env: Path
) -> None:
    # The fake's moved account last posted on 2025-03-01 and does not follow back here.
    fake.state.followed_by.discard(MOVED)
    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.toml").write_text(
        '[[auto.rules]]\nname = "stale"\ninactive_days = 365\nfollows_you = false\n',
        encoding="utf-8")
    assert invoke("sync").exit_code == 0
    handle = f"user{N - 3}@{fake.host}"
    checked = invoke("rules", "check", "--offline", "--format", "json")
    assert checked.exit_code == 0, checked.output
    stale = next(r for r in json.loads(checked.stdout)["rules"] if r["name"] == "stale")
    matched = {m["handle"]: m for m in stale["accounts"]}
    assert handle in matched, sorted(matched)
    assert any(why.startswith("silent for") for why in matched[handle]["why"])
    # explain says the same thing twice, not "last active: … months ago" and "unknown".
    explained = invoke("explain", handle)
    assert explained.exit_code == 0, explained.output
    assert "days silent: unknown" not in explained.stdout
    silent = re.search(r"days silent: (\d+)", explained.stdout)
    assert silent is not None and int(silent.group(1)) > 365, explained.stdout


def test_a_handle_without_an_instance_is_one_of_your_own_instance(
    invoke: Invoke, fake: FakeMastodon
) -> None:
    # user0 lives on remote0.example; another user0 elsewhere makes the name ambiguous.
    other = account("500", "user0", "other.example")
    fake.state.accounts[other["id"]] = other
    fake.state.follow(other["id"])
    assert invoke("sync").exit_code == 0
    local = f"user1@{fake.host}"
    for named in ("@user1", "user1", "USER1"):
        explained = invoke("explain", named)
        assert explained.exit_code == 0, explained.output
        assert f"@{local}" in explained.stdout
    added = invoke("keep", "add", "@user1")
    assert added.exit_code == 0, added.output
    assert local in invoke("keep", "list").stdout
    assert invoke("keep", "remove", "user1").exit_code == 0
    assert local not in invoke("keep", "list").stdout
    # The full form and the profile address work as before.
    assert invoke("explain", f"@{local}").exit_code == 0
    assert invoke("explain", f"{fake.base_url}/@user1").exit_code == 0

    # Followed on other instances only: said, with each of them, and never guessed.
    for command in (("explain", "user0"), ("keep", "add", "@user0")):
        result = invoke(*command)
        assert result.exit_code == 2
        assert (f"there is no @user0 on your instance {fake.host}; you follow"
                " @user0@other.example, @user0@remote0.example") in result.stderr
        assert "give the full user@instance" in result.stderr
    # Not followed at all: the hint gives the full form.
    unknown = invoke("explain", "@nobody")
    assert unknown.exit_code == 2
    assert "@nobody is not among the" in unknown.stderr
    assert f"a Mastodon handle is user@instance (nobody@{fake.host}" in unknown.stderr


def test_a_restore_refused_for_good_is_not_retried_by_a_later_undo(
    invoke: Invoke, fake: FakeMastodon
) -> None:
    gone = str(100 + N - 1)  # on gone.example: unfollowing works, following answers 410
    acted = invoke("--yes")
    assert acted.exit_code == 0, acted.output
    assert gone not in fake.state.following()
    first = invoke("undo", "--yes")
    assert first.exit_code == 4  # said once: the follow failed, and why
    assert f"failed: follow @user{N - 1}@gone.example: not restorable:" in first.stderr
    assert "gone.example is gone" in first.stderr
    follows = fake.count("postAccountFollow")
    assert invoke("--dry-run").exit_code == 0  # a run with nothing done

    # Persona 8: every later `prune undo` went back to that run and tried the follow again
    # (HTTP 410), exit 4 each time.
    again = invoke("undo", "--yes")
    assert again.exit_code == 0, again.output
    assert "Nothing to undo" in again.stdout
    assert "gone.example" not in again.output
    ranged = invoke("undo", "--yes", "--since", "2020-01-01")
    assert ranged.exit_code == 0, ranged.output
    assert "Nothing to undo in the chosen time range." in ranged.stdout
    # Asked for by date, it is named as not restorable, with what the instance said.
    assert f"@user{N - 1}@gone.example (follow {gone}: gone" in ranged.stderr
    assert fake.count("postAccountFollow") == follows
    history = invoke("history", "--format", "json")
    assert history.exit_code == 0
    assert history.stdout.count("not restorable:") == 1


def test_a_handle_given_as_the_instance_is_an_input_error(
    invoke: Invoke, fake: FakeMastodon, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Persona 8: read as host social.example (user info "@lena"), then exit 6 "cannot be
    # reached".
    for given in ("@lena@social.example", "lena@social.example"):
        monkeypatch.setenv("FOLLOWPRUNE_MASTODON_INSTANCE", given)
        result = invoke("--dry-run", "--refresh")
        assert result.exit_code == 2, result.output
        assert f"'{given}' is a handle, not a Mastodon instance address" in result.stderr
        assert "give the instance it lives on, as https://social.example" in result.stderr
        assert "cannot be reached" not in result.stderr
    assert not fake.calls


def test_a_moved_account_whose_new_address_is_followed_says_so(
    invoke: Invoke, fake: FakeMastodon
) -> None:
    new = str(9000 + N - 3)
    moved = f"user{N - 3}@{fake.host}"
    listed = json.loads(invoke("--dry-run", "--format", "json", "--all").stdout)
    reasons = {a["account_id"]: a["reasons"] for a in listed["accounts"]}[MOVED]
    assert "moved to @user9new@new.example: follow the new account" in reasons
    fake.state.follow(new)  # Mastodon moved this follower along by itself
    # Persona 8: still "follow the new account", though it is followed and the run follows
    # nothing.
    listed = json.loads(invoke("--dry-run", "--refresh", "--format", "json", "--all").stdout)
    by_id = {a["account_id"]: a for a in listed["accounts"]}
    assert by_id[MOVED]["proposed"]
    assert "moved to @user9new@new.example, which you follow already" in by_id[MOVED]["reasons"]
    assert not any("follow the new account" in r for r in by_id[MOVED]["reasons"])
    explained = invoke("explain", moved)
    assert "which you follow already" in explained.stdout
    assert "follow the new account" not in explained.stdout
