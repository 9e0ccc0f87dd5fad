"""Pytest fixtures that point the real CLI at a FakeX: base URL, credentials, fake clock.

Test modules wrap `serve_connected` in a fixture of their own. No test sleeps for real: the
X client's clock and sleep are the fake server's clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from followprune.networks.x import timing
from tests.fakex import FakeX, ServerConfig, make_state
from tests.fakex.server import DEFAULT_RATE_LIMITS

USER_TOKEN = "fake-user-access-token"


class FakeTime:
    """The X client's clock: the fake server's, moved only by the client's own sleeps."""

    def __init__(self, fx: FakeX) -> None:
        self.fx = fx
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.fx.clock.advance(seconds)


def start_fake(config: ServerConfig | None = None, n: int = 30, **state_kw: object) -> FakeX:
    state = make_state(n, seed=7, **state_kw)  # type: ignore[arg-type]
    return FakeX(state, config=config or ServerConfig()).start()


def finish_fake(fx: FakeX) -> None:
    """Stop the server; fail on bugs in the fake and on responses the spec does not allow."""
    from tests.test_fakex import assert_spec_valid

    fx.close()
    assert not fx.server_errors, fx.server_errors[0]
    assert_spec_valid(fx)


def connect(fx: FakeX, monkeypatch: pytest.MonkeyPatch, *, bearer: bool = True) -> FakeTime:
    """Point followprune at `fx` and (optionally) give it a user token."""
    monkeypatch.setenv("FOLLOWPRUNE_X_API_BASE_URL", fx.base_url)
    monkeypatch.setenv("FOLLOWPRUNE_NETWORK", "x")
    monkeypatch.setenv("FOLLOWPRUNE_X_TIMEOUT_SECONDS", "5")
    # Actions: no pause between calls, so tests stay fast (the Pacer is tested elsewhere).
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_DELAY_SECONDS", "0")
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_JITTER_SECONDS", "0")
    if bearer:
        monkeypatch.setenv("X_BEARER_TOKEN", USER_TOKEN)
    fake = FakeTime(fx)
    monkeypatch.setattr(timing, "SYSTEM_TIMING", timing.Timing(now=fx.clock.now,
                                                               sleep=fake.sleep))
    return fake


def serve_connected(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeX]:
    """A fake X with 30 followed accounts, connected with a user token (for a fixture)."""
    fx = start_fake(n_followers=20)
    connect(fx, monkeypatch)
    yield fx
    finish_fake(fx)


def raised_limits(factor: int = 100) -> dict[str, int]:
    return {key: limit * factor for key, limit in DEFAULT_RATE_LIMITS.items()}


def store_path(home: Path) -> Path:
    return home / "followprune.sqlite3"
