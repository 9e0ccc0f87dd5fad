"""Mastodon, persona round 8: `--account` naming an account with no login, moved accounts and
inactivity rules, local handles without the instance, and the instance given as a handle.
The real CLI against the fake instance on loopback."""

from __future__ import annotations

import json
import re
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
