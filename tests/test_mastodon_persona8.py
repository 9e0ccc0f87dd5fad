"""Mastodon, persona round 8: `--account` naming an account with no login, moved accounts and
inactivity rules, local handles without the instance, and the instance given as a handle.
The real CLI against the fake instance on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Invoke
from tests.fakemasto import FakeMastodon, make_state

N = 12
MOVED = str(100 + N - 3)


@pytest.fixture
def fake(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeMastodon]:
    server = FakeMastodon(make_state(N)).start()
    monkeypatch.setenv("FOLLOWPRUNE_NETWORK", "mastodon")
    monkeypatch.setenv("FOLLOWPRUNE_MASTODON_INSTANCE", server.base_url)
    monkeypatch.setenv("FOLLOWPRUNE_MASTODON_TIMEOUT_SECONDS", "5")
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_DELAY_SECONDS", "0")
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_JITTER_SECONDS", "0")
    monkeypatch.setenv("MASTODON_ACCESS_TOKEN", server.issue_token())
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
