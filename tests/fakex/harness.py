"""Pytest fixtures that point the real CLI at a FakeX: base URL, credentials, fake clock.

Test modules wrap `serve_connected` in a fixture of their own. No test sleeps for real: the
X client's clock and sleep are the fake server's clock.
"""

from __future__ import annotations

import copy
import json
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from followprune.networks.x import timing
from tests.fakex import FakeX, ServerConfig, State, make_state
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
    from tests.fakex.openapi import assert_spec_valid

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


def amend_answers(monkeypatch: pytest.MonkeyPatch, route: str,
                  change: Callable[[dict[str, Any], dict[str, str]], dict[str, Any]]) -> None:
    """Pass every 200 answer of `route` ("GET /2/users/{id}/following") through
    `change(body, query)` before it is sent: an answer the spec allows that the fake does not
    make by itself, on an otherwise real page."""
    from tests.fakex import server

    serve = server._Handler._serve

    def amended(self: Any, rec: Any, *args: Any) -> tuple[int, Any, str, dict[str, str]]:
        status, body, ctype, headers = serve(self, rec, *args)
        if rec.route == route and status == 200:
            body = change(copy.deepcopy(body), dict(rec.query))
        return status, body, ctype, headers

    monkeypatch.setattr(server._Handler, "_serve", amended)


def raised_limits(factor: int = 100) -> dict[str, int]:
    return {key: limit * factor for key, limit in DEFAULT_RATE_LIMITS.items()}


def store_path(home: Path) -> Path:
    return home / "followprune.sqlite3"


REPO = Path(__file__).resolve().parents[2]


class StandaloneFakeX:
    """The fake server in a process of its own (`python -m tests.fakex.server`), for tests
    whose client processes get killed: its state file and its request log are written before
    it answers, so they say what reached X whatever became of the client.

    Real time and default rate limits (a subprocess client cannot share a fake clock)."""

    def __init__(self, folder: Path, state: State) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.state_file = folder / "state.json"
        self.log_file = folder / "requests.jsonl"
        self.port_file = folder / "port"
        self.stderr_file = folder / "server.stderr"
        state.save(self.state_file)  # the server loads an existing state instead of making one
        self.initial = State.load(self.state_file)
        self.proc: subprocess.Popen[bytes] | None = None
        self.port = 0

    def start(self, timeout: float = 20.0) -> StandaloneFakeX:
        with self.stderr_file.open("wb") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tests.fakex.server", "--state", str(self.state_file),
                 "--port-file", str(self.port_file), "--log", str(self.log_file)],
                cwd=REPO, stdout=subprocess.DEVNULL, stderr=err,
            )
        deadline = time.monotonic() + timeout
        while not self.port_file.exists():  # written atomically once it listens
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError(f"fake X did not start: {self.stderr_file.read_text()}")
            time.sleep(0.02)
        self.port = int(self.port_file.read_text())
        return self

    def close(self) -> str:
        """Stop the server (SIGTERM, as it expects); returns what it wrote on stderr."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        return self.stderr_file.read_text() if self.stderr_file.exists() else ""

    @staticmethod
    def unexpected_errors(stderr: str) -> list[str]:
        """Tracebacks on the server's stderr other than a client going away mid-connection,
        which socketserver reports too and which a crash test causes on purpose. (A bug in
        a handler is answered with a 500, so it shows in the request log as well.)"""
        blocks = re.split(r"^-{40}$", stderr, flags=re.MULTILINE)
        gone = ("ConnectionResetError", "BrokenPipeError", "ConnectionAbortedError")
        return [b.strip() for b in blocks if "Traceback" in b
                and not b.strip().splitlines()[-1].startswith(gone)]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def client_env(self) -> dict[str, str]:
        """Environment that points followprune at this server with a user token."""
        return {
            "FOLLOWPRUNE_X_API_BASE_URL": self.base_url,
            "FOLLOWPRUNE_NETWORK": "x",
            "FOLLOWPRUNE_X_TIMEOUT_SECONDS": "5",
            "X_BEARER_TOKEN": USER_TOKEN,
        }

    def requests(self) -> list[dict[str, Any]]:
        """Every request so far, oldest first (one JSON line each, appended before answering;
        a line cut short by a kill of the server itself would fail loudly here)."""
        if not self.log_file.exists():
            return []
        lines = self.log_file.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line]

    def inject(self, path: str, fault: str, *, method: str | None = None,
               times: int = 1) -> None:
        """Serve `fault` (a faults.FAULTS_BY_NAME name or `slow:SECONDS`) for the next
        `times` requests matching the regex `path`, through the control plane."""
        import urllib.request

        body = json.dumps({"path": path, "fault": fault, "method": method, "times": times})
        request = urllib.request.Request(f"{self.base_url}/_fakex/fault", data=body.encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200

    def log_size(self) -> int:
        """Bytes in the request log: grows before the client sees an answer, so a test can
        time a kill just after a request took effect."""
        try:
            return self.log_file.stat().st_size
        except FileNotFoundError:
            return 0

    def state(self) -> State:
        """The state now, as persisted (rewritten atomically after every mutation)."""
        return State.load(self.state_file)
