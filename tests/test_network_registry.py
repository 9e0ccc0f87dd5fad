"""A network plugs in at one place: register it, and every command works on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from followprune.networks import registry
from tests import stubnet
from tests.conftest import Invoke, proposals_json

GONE = {"gone0", "gone1", "gone2"}


@pytest.fixture
def stub() -> Iterator[None]:
    registry.register(stubnet.SPEC)
    stubnet.reset()
    yield
    registry.unregister("stub")


def test_review_then_undo_on_a_registered_network(invoke: Invoke, stub: None) -> None:
    listed = proposals_json(invoke("--network", "stub", "--format", "json", "--all"))
    proposed = {a["handle"] for a in listed["accounts"] if a["proposed"]}
    assert proposed >= GONE
    assert listed["followed"] == 15

    result = invoke("--network", "stub", "--yes")
    assert result.exit_code == 0, result.output
    unfollowed = {i for kind, i in stubnet.CALLS if kind == "unfollow"}
    assert {"900", "901", "902"} <= unfollowed
    assert not unfollowed & stubnet.FOLLOWING

    undo = invoke("undo", "--network", "stub", "--yes")
    assert undo.exit_code == 0, undo.output
    # Everything came back but the gone accounts, which no network follows again.
    assert unfollowed - {"900", "901", "902"} <= stubnet.FOLLOWING
    assert not {"900", "901", "902"} & stubnet.FOLLOWING
    assert "Cannot be restored, the account is gone: " in undo.stderr
    assert "@gone0 (suspended)" in undo.stderr
    history = invoke("history", "--network", "stub")
    assert history.exit_code == 0 and "unfollow" in history.stdout


def test_auto_rules_act_on_a_registered_network(
    invoke: Invoke, stub: None, isolated_env: Path
) -> None:
    config = isolated_env / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('network = "stub"\n[auto]\ncooling_off_hours = 0\n'
                      '[[auto.rules]]\nname = "gone"\ndead = true\n', encoding="utf-8")
    assert invoke("--auto").exit_code == 3  # first run: matches recorded, cooling off
    result = invoke("--auto")
    assert result.exit_code == 0, result.output
    assert sorted(i for kind, i in stubnet.CALLS) == ["900", "901", "902"]
    assert {kind for kind, _ in stubnet.CALLS} == {"unfollow"}


def test_the_configured_network_is_checked_against_the_registry(
    invoke: Invoke, isolated_env: Path
) -> None:
    config = isolated_env / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('network = "myspace"\n', encoding="utf-8")
    result = invoke("history")
    assert result.exit_code == 2
    assert ("network: unknown network 'myspace' (expected one of: demo, x, bluesky,"
            " mastodon)") in result.stderr


def test_network_options_offer_what_is_registered(invoke: Invoke, stub: None) -> None:
    assert invoke("--network", "stub", "--dry-run").exit_code in (0, 3)
    registry.unregister("stub")
    refused = invoke("--network", "stub", "--dry-run")
    assert refused.exit_code == 2
    assert "'stub' is not one of 'demo', 'x', 'bluesky'" in refused.stderr


def test_auth_takes_only_networks_with_a_login(invoke: Invoke, stub: None) -> None:
    result = invoke("auth", "status", "--network", "stub")
    assert result.exit_code == 2
    assert "'stub' is not one of 'x', 'bluesky', 'mastodon'" in result.stderr
