"""`keep_verified` keeps what each network shows with a tick: X's check, Bluesky's blue tick
(a trusted verifier's verification, or a trusted verifier itself) and a Mastodon profile link
its instance verified (rel="me"). Before, only X's checks counted: the rule kept nobody on
Bluesky or Mastodon. Real HTTP against the fake servers (each answer checked against the
network's schemas), the real CLI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from followprune.networks.bluesky.network import verified_by_bluesky
from followprune.networks.mastodon.convert import has_verified_link
from tests.conftest import Invoke, proposals_json
from tests.fakebsky import FakeBluesky
from tests.fakebsky import make_state as bsky_state
from tests.fakebsky import point_cli_at as bsky_cli_at
from tests.fakemasto import FakeMastodon
from tests.fakemasto import make_state as masto_state
from tests.fakemasto import point_cli_at as masto_cli_at

EVERYONE = {"FOLLOWPRUNE_PROPOSALS_THRESHOLD": "0.99", "FOLLOWPRUNE_PROPOSALS_GRACE_DAYS": "0"}
KEPT = "verified (keep_verified)"


def _verification(status: str, trusted: str = "none") -> dict[str, object]:
    return {"verifications": [], "verifiedStatus": status, "trustedVerifierStatus": trusted}


@pytest.mark.parametrize(("verification", "ticked"), [
    (_verification("valid"), True),
    (_verification("none", trusted="valid"), True),
    (_verification("invalid"), False),  # a verification taken back
    (_verification("none"), False),
    (None, False),
    ("valid", False),
])
def test_bluesky_ticks(verification: object, ticked: bool) -> None:
    assert verified_by_bluesky(verification) is ticked


@pytest.mark.parametrize(("fields", "ticked"), [
    ([{"name": "Web", "value": "<a href='https://a.example'>a.example</a>",
       "verified_at": "2025-03-01T10:00:00.000+00:00"}], True),
    ([{"name": "Web", "value": "a.example", "verified_at": None},
      {"name": "Blog", "value": "b.example", "verified_at": "2025-03-01T10:00:00.000Z"}], True),
    ([{"name": "Web", "value": "a.example", "verified_at": None}], False),
    ([{"name": "Web", "value": "a.example"}], False),  # servers that never verify links
    ([], False),
    (None, False),
    (["not a field"], False),
])
def test_mastodon_ticks(fields: object, ticked: bool) -> None:
    assert has_verified_link(fields) is ticked


@pytest.fixture
def bluesky(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeBluesky]:
    server = FakeBluesky(bsky_state(12)).start()
    bsky_cli_at(server, monkeypatch)
    yield server
    server.close()
    assert not server.errors, server.errors[:5]


@pytest.fixture
def mastodon(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeMastodon]:
    server = FakeMastodon(masto_state(12)).start()
    masto_cli_at(server, monkeypatch, retries=None)
    yield server
    server.close()
    assert not server.errors, server.errors[:5]


def _guards(invoke: Invoke, monkeypatch: pytest.MonkeyPatch, keep_verified: bool
            ) -> dict[str, tuple[bool, list[str]]]:
    for name, value in EVERYONE.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("FOLLOWPRUNE_PROPOSALS_KEEP_VERIFIED", str(keep_verified).lower())
    listed = proposals_json(invoke("--dry-run", "--format", "json", "--all"))
    return {a["account_id"]: (a["proposed"], a["reasons"]) for a in listed["accounts"]}


@pytest.mark.parametrize("keep_verified", [True, False])
def test_keep_verified_keeps_bluesky_ticks(
    invoke: Invoke, bluesky: FakeBluesky, monkeypatch: pytest.MonkeyPatch, keep_verified: bool
) -> None:
    ticked, verifier, revoked = (f"did:plc:acct{i:020d}" for i in (4, 5, 7))
    bluesky.state.profiles[ticked]["verification"] = _verification("valid")
    bluesky.state.profiles[verifier]["verification"] = _verification("none", trusted="valid")
    bluesky.state.profiles[revoked]["verification"] = _verification("invalid")
    found = _guards(invoke, monkeypatch, keep_verified)
    for did in (ticked, verifier):
        proposed, reasons = found[did]
        assert proposed is not keep_verified, found[did]
        assert (reasons[:1] == [KEPT]) is keep_verified, reasons
    assert found[revoked][0], found[revoked]
    assert KEPT not in found[revoked][1]


@pytest.mark.parametrize("keep_verified", [True, False])
def test_keep_verified_keeps_mastodon_verified_links(
    invoke: Invoke, mastodon: FakeMastodon, monkeypatch: pytest.MonkeyPatch,
    keep_verified: bool
) -> None:
    ticked, unverified = "101", "103"
    link = "<a href=\"https://a.example\" rel=\"me\">a.example</a>"
    mastodon.state.accounts[ticked]["fields"] = [
        {"name": "Web", "value": link, "verified_at": "2025-03-01T10:00:00.000+00:00"}]
    mastodon.state.accounts[unverified]["fields"] = [
        {"name": "Web", "value": link, "verified_at": None}]
    found = _guards(invoke, monkeypatch, keep_verified)
    proposed, reasons = found[ticked]
    assert proposed is not keep_verified, found[ticked]
    assert (reasons[:1] == [KEPT]) is keep_verified, reasons
    assert found[unverified][0], found[unverified]
    assert KEPT not in found[unverified][1]
