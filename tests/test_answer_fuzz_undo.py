"""Server answers found by fuzzing undo on X (re-follow, range undo) and mute and its undo
(unmute) on X, Bluesky and Mastodon: every answer that ended in a wrong journal, a wrong
exit code or a misleading message, kept as a regression test. Real HTTP against the fake
servers, the real CLI; the message, the exit code and the journal asserted, and a range
undo afterwards never takes back what an undo did.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Invoke
from tests.fakex import FakeX, faults
from tests.fakex.harness import FakeTime, connect, start_fake

MUTE = r"/2/users/\d+/muting"
UNMUTE = r"/2/users/\d+/muting/\d+"


def _phases(home: Path) -> list[tuple[str, str]]:
    """(kind, last journal phase) of each action, in the order they were made."""
    with sqlite3.connect(home / "followprune.sqlite3") as conn:
        return [(row[0], row[1]) for row in conn.execute(
            "SELECT kind, (SELECT phase FROM journal WHERE action_id = a.id ORDER BY seq DESC"
            " LIMIT 1) FROM actions a ORDER BY a.id")]


def _in_flight(home: Path) -> list[str]:
    return [kind for kind, phase in _phases(home) if phase == "intent"]


def _said(text: str) -> str:
    return " ".join(text.split())


def _nothing_more_to_undo(invoke: Invoke) -> None:
    """Neither the default undo nor one of a time range takes back what an undo did."""
    for again in (invoke("undo", "--yes"), invoke("undo", "--since", "2000-01-01", "--yes")):
        assert again.exit_code == 0, again.output
        assert "Nothing to undo" in again.stdout


# --- X -------------------------------------------------------------------------------------
@pytest.fixture
def xfx() -> Iterator[FakeX]:
    # Not finish_fake: these answers are wrong on purpose, the spec check would refuse them.
    fx = start_fake(n_followers=20)
    yield fx
    fx.close()
    assert not fx.server_errors, fx.server_errors[0]


@pytest.fixture
def x_muting(xfx: FakeX, monkeypatch: pytest.MonkeyPatch, invoke: Invoke) -> FakeTime:
    """Synced, with proposals carried out as mutes."""
    fake_time = connect(xfx, monkeypatch)
    monkeypatch.setenv("FOLLOWPRUNE_PROPOSALS_ACTION", "mute")
    assert invoke("sync").exit_code == 0
    return fake_time


def _page(after: bool) -> faults.Fault:
    """A proxy's page with 200, sent instead of X's answer (or after X carried it out)."""
    return faults.Fault("200-page", status=200, raw_body=b"<html>ok</html>",
                        content_type="text/html", after=after)


def _targets(xfx: FakeX, method: str, route: str) -> list[str]:
    return [r.body["target_user_id"] if method == "POST" else r.path.rsplit("/", 1)[1]
            for r in xfx.calls(method, route)]  # type: ignore[index]


def test_x_a_mute_done_and_answered_with_a_page_is_journaled_done(
    xfx: FakeX, x_muting: FakeTime, invoke: Invoke, isolated_env: Path
) -> None:
    # Had been: "X's answer to muting N did not say whether it was done", exit 4, journaled
    # failed though X had muted the account, so no undo ever unmuted it.
    xfx.inject(MUTE, _page(after=True), method="POST")
    result = invoke("--yes", "--limit", "2")
    assert result.exit_code == 0, result.output
    assert "Done: 2 mute." in _said(result.stdout)
    assert _phases(isolated_env) == [("mute", "done")] * 2
    muted = _targets(xfx, "POST", MUTE)
    assert set(muted) <= set(xfx.state.muting)
    undone = invoke("undo", "--yes")
    assert undone.exit_code == 0, undone.output
    assert not set(muted) & set(xfx.state.muting)
    _nothing_more_to_undo(invoke)


def test_x_a_mute_answered_with_a_page_and_not_done_says_so(
    xfx: FakeX, x_muting: FakeTime, invoke: Invoke, isolated_env: Path
) -> None:
    xfx.inject(MUTE, _page(after=False), method="POST")
    result = invoke("--yes", "--limit", "2")
    assert result.exit_code == 4, result.output
    [target, _] = _targets(xfx, "POST", MUTE)
    assert (f"X answered muting {target} without doing it: you do not mute {target}"
            in _said(result.stderr))
    assert target not in xfx.state.muting
    assert _phases(isolated_env) == [("mute", "failed"), ("mute", "done")]


@pytest.mark.parametrize("after", [True, False], ids=["done", "not done"])
def test_x_a_mute_x_keeps_failing_on_is_asked_about_not_left_in_flight(
    xfx: FakeX, x_muting: FakeTime, invoke: Invoke, isolated_env: Path, after: bool
) -> None:
    # Had been: left in flight ("whether it was done is not known") without asking X,
    # which connection_status tells as it does for a follow.
    xfx.inject(MUTE, faults.server_error(503, after=after), method="POST", times=-1)
    result = invoke("--yes", "--limit", "1")
    [target, *_] = _targets(xfx, "POST", MUTE)
    assert _in_flight(isolated_env) == []
    if after:
        assert result.exit_code == 0, result.output
        assert _phases(isolated_env) == [("mute", "done")]
        assert target in xfx.state.muting
    else:
        assert result.exit_code == 4, result.output
        assert (f"X failed muting {target} and did not do it: you do not mute {target}"
                in _said(result.stderr))
        assert _phases(isolated_env) == [("mute", "failed")]
        assert target not in xfx.state.muting


@pytest.mark.parametrize("form", [("undo", "--yes"), ("undo", "--since", "2000-01-01", "--yes")],
                         ids=["last run", "time range"])
def test_x_undo_an_unmute_done_and_answered_unreadably_is_done_once(
    xfx: FakeX, x_muting: FakeTime, invoke: Invoke, isolated_env: Path,
    form: tuple[str, ...]
) -> None:
    assert invoke("--yes", "--limit", "3").exit_code == 0
    muted = _targets(xfx, "POST", MUTE)
    # The second unmute is carried out, then answered with a page; the third, carried out,
    # then X keeps failing.
    xfx.inject(UNMUTE, faults.Fault("pass"), method="DELETE")
    xfx.inject(UNMUTE, _page(after=True), method="DELETE")
    xfx.inject(UNMUTE, faults.server_error(500, after=True), method="DELETE", times=-1)
    result = invoke(*form)
    assert result.exit_code == 0, result.output
    assert "Done: 3 unmute." in _said(result.stdout)
    assert _phases(isolated_env) == [("mute", "done")] * 3 + [("unmute", "done")] * 3
    assert not set(muted) & set(xfx.state.muting)
    sent = len(xfx.calls("DELETE", UNMUTE))
    _nothing_more_to_undo(invoke)
    assert len(xfx.calls("DELETE", UNMUTE)) == sent
