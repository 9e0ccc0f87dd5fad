"""A fake Mastodon instance on loopback."""

from __future__ import annotations

import pytest

from tests.fakemasto.server import FakeMastodon, State, make_state

__all__ = ["FakeMastodon", "State", "make_state", "point_cli_at"]


def point_cli_at(server: FakeMastodon, monkeypatch: pytest.MonkeyPatch, *,
                 timeout: str = "5", retries: str | None = "1") -> None:
    """The CLI's network is `server`, with a token it issued, with no pause between
    actions; `retries` None leaves the setting's default."""
    monkeypatch.setenv("FOLLOWPRUNE_NETWORK", "mastodon")
    monkeypatch.setenv("FOLLOWPRUNE_MASTODON_INSTANCE", server.base_url)
    monkeypatch.setenv("FOLLOWPRUNE_MASTODON_TIMEOUT_SECONDS", timeout)
    if retries is not None:
        monkeypatch.setenv("FOLLOWPRUNE_MASTODON_RETRIES", retries)
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_DELAY_SECONDS", "0")
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_JITTER_SECONDS", "0")
    monkeypatch.setenv("MASTODON_ACCESS_TOKEN", server.issue_token())
