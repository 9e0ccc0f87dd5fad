"""Bluesky end to end: the real CLI against a fake Bluesky service on loopback."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Invoke, proposals_json
from tests.fakebsky import APP_PASSWORD, FakeBluesky, make_state

N = 30  # followed accounts, the last three of them dead


@pytest.fixture
def fake(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeBluesky]:
    server = FakeBluesky(make_state(N)).start()
    monkeypatch.setenv("FOLLOWPRUNE_NETWORK", "bluesky")
    monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_SERVICE", server.base_url)
    monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_TIMEOUT_SECONDS", "5")
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_DELAY_SECONDS", "0")
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_JITTER_SECONDS", "0")
    monkeypatch.setenv("BLUESKY_HANDLE", "me.bsky.social")
    monkeypatch.setenv("BLUESKY_APP_PASSWORD", APP_PASSWORD)
    yield server
    server.close()
    assert not server.errors, server.errors[:5]


def session_path(home: Path) -> Path:
    return home / "bluesky-session.json"


def test_dry_run_lists_every_follow_and_keeps_the_session(
    invoke: Invoke, fake: FakeBluesky, isolated_env: Path
) -> None:
    listed = proposals_json(invoke("--dry-run", "--format", "json", "--all"))
    assert listed["followed"] == N
    by_id = {a["account_id"]: a for a in listed["accounts"]}
    dead = [f"did:plc:acct{i:020d}" for i in range(N - 3, N)]
    assert all(by_id[did]["proposed"] for did in dead)
    # A handle that no longer resolves is shown by the DID.
    assert by_id["did:plc:acct00000000000000000000"]["handle"] == "did:plc:acct00000000000000000000"
    assert fake.count("com.atproto.repo.listRecords") == 1
    assert fake.count("app.bsky.actor.getProfiles") >= 2  # 30 DIDs in batches of 25
    mode = stat.S_IMODE(os.stat(session_path(isolated_env)).st_mode)
    assert mode == 0o600

    assert invoke("--dry-run").exit_code in (0, 3)
    assert fake.count("com.atproto.server.createSession") == 1
