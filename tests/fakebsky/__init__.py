"""A fake Bluesky service (PDS + the AppView methods followprune uses) on loopback."""

from __future__ import annotations

import pytest

from tests.fakebsky.server import APP_PASSWORD, Answer, FakeBluesky, make_state

__all__ = ["APP_PASSWORD", "Answer", "FakeBluesky", "make_state", "point_cli_at"]


def point_cli_at(server: FakeBluesky, monkeypatch: pytest.MonkeyPatch, *,
                 timeout: str = "5") -> None:
    """The CLI's network is `server`, logged in as me.bsky.social with the fake's app
    password, with no pause between actions."""
    monkeypatch.setenv("FOLLOWPRUNE_NETWORK", "bluesky")
    monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_SERVICE", server.base_url)
    monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_TIMEOUT_SECONDS", timeout)
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_DELAY_SECONDS", "0")
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_JITTER_SECONDS", "0")
    monkeypatch.setenv("BLUESKY_HANDLE", "me.bsky.social")
    monkeypatch.setenv("BLUESKY_APP_PASSWORD", APP_PASSWORD)
