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
from tests.fakebsky import APP_PASSWORD, FakeBluesky
from tests.fakebsky import Answer as BlueskyAnswer
from tests.fakebsky import make_state as bluesky_state
from tests.fakemasto import FakeMastodon, make_state
from tests.fakemasto import point_cli_at as masto_cli_at
from tests.fakemasto.server import Answer
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


def test_x_undo_a_mute_in_flight_whose_repeat_is_refused_asks_the_tie(
    xfx: FakeX, x_muting: FakeTime, invoke: Invoke, isolated_env: Path
) -> None:
    # The mute is carried out, X keeps failing after it, and the tie cannot be asked: it is
    # left in flight.
    xfx.inject(MUTE, faults.server_error(503, after=True), method="POST", times=-1)
    xfx.inject(r"/2/users", faults.server_error(503), method="GET", times=-1)
    result = invoke("--yes", "--limit", "1")
    assert result.exit_code == 4, result.output
    assert _in_flight(isolated_env) == ["mute"]
    [target, *_] = _targets(xfx, "POST", MUTE)
    assert target in xfx.state.muting
    xfx.clear_faults()
    # Undo: reconciling repeats the mute, which X now refuses. Had been: journaled failed
    # ("reconcile: ..."), its unmute dropped, "Done: nothing.", exit 0, and the account,
    # muted indeed, never unmuted by any undo.
    xfx.inject(MUTE, faults.Fault("403", status=403, body=faults.FORBIDDEN), method="POST")
    undone = invoke("undo", "--yes")
    assert undone.exit_code == 0, undone.output
    assert "Finished 1 action an interrupted run had left in flight." in _said(undone.stderr)
    assert "Done: 1 unmute." in _said(undone.stdout)
    assert target not in xfx.state.muting
    assert _phases(isolated_env) == [("mute", "done"), ("unmute", "done")]
    _nothing_more_to_undo(invoke)


# --- Bluesky -------------------------------------------------------------------------------
MUTE_ACTOR = "app.bsky.graph.muteActor"
UNMUTE_ACTOR = "app.bsky.graph.unmuteActor"


# Mutes every account that does not follow back: 1, 2, 4, 5, 7, 8 of make_state(10, dead=0).
MUTE_CONFIG = """
[auto]
cooling_off_hours = 0
[[auto.rules]]
name = "hush"
action = "mute"
follows_you = false
"""
HUSHED = 6


@pytest.fixture
def bsky(monkeypatch: pytest.MonkeyPatch, invoke: Invoke,
         isolated_env: Path) -> Iterator[FakeBluesky]:
    """Every account alive; the rule's matches recorded by a first auto run, so the next
    one mutes them."""
    server = FakeBluesky(bluesky_state(10, dead=0)).start()
    monkeypatch.setenv("FOLLOWPRUNE_NETWORK", "bluesky")
    monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_SERVICE", server.base_url)
    monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_TIMEOUT_SECONDS", "5")
    monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_RETRIES", "2")
    monkeypatch.setenv("BLUESKY_HANDLE", "me.bsky.social")
    monkeypatch.setenv("BLUESKY_APP_PASSWORD", APP_PASSWORD)
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_DELAY_SECONDS", "0")
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_JITTER_SECONDS", "0")
    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.toml").write_text(MUTE_CONFIG, encoding="utf-8")
    assert invoke("--auto").exit_code == 3  # cooling off
    yield server
    server.close()
    assert not server.errors, server.errors[:5]


PAGE = BlueskyAnswer(200, b"<html>ok</html>", "text/html")


def test_bluesky_a_mute_answered_with_a_page_and_not_done_is_not_journaled_done(
    bsky: FakeBluesky, invoke: Invoke, isolated_env: Path
) -> None:
    # Had been: "Done: 6 mute.", exit 0, the first journaled done with nothing muted
    # (muteActor has no output, and any 200 was taken as done).
    bsky.answers[MUTE_ACTOR] = [PAGE]
    result = invoke("--auto")
    assert result.exit_code == 4, result.output
    assert (f"the Bluesky service {bsky.base_url} sent an answer followprune cannot read on"
            f" {MUTE_ACTOR}: it is not JSON, and it was not done") in _said(result.stderr)
    assert len(bsky.state.muted) == HUSHED - 1
    assert _phases(isolated_env) == [("mute", "failed")] + [("mute", "done")] * (HUSHED - 1)
    again = invoke("--auto")  # the rule still matches it
    assert again.exit_code == 0, again.output
    assert len(bsky.state.muted) == HUSHED and _phases(isolated_env)[-1] == ("mute", "done")


@pytest.mark.parametrize("answer", [
    BlueskyAnswer(200, b"<html>ok</html>", "text/html", after=True),
    BlueskyAnswer(200, b"[1]", after=True),
    BlueskyAnswer(502, b'{"error": "InternalServerError"}', after=True),
], ids=["page", "list", "502"])
def test_bluesky_a_mute_done_then_answered_unreadably_or_failed_is_journaled_done(
    bsky: FakeBluesky, invoke: Invoke, isolated_env: Path, answer: BlueskyAnswer
) -> None:
    # A 502 every time (the mute made at the first): had been journaled failed, the run
    # stopped there (exit 4), though the account was muted, and so never unmuted by undo.
    bsky.answers[MUTE_ACTOR] = [answer] * 2
    result = invoke("--auto")
    assert result.exit_code == 0, result.output
    assert len(bsky.state.muted) == HUSHED
    assert _phases(isolated_env) == [("mute", "done")] * HUSHED
    undone = invoke("undo", "--yes")
    assert undone.exit_code == 0, undone.output
    assert f"Done: {HUSHED} unmute." in _said(undone.stdout)
    assert not bsky.state.muted
    _nothing_more_to_undo(invoke)


@pytest.mark.parametrize("repeat", [None, BlueskyAnswer(400, b'{"error": "InvalidRequest"}')],
                         ids=["repeat answered", "repeat refused"])
def test_bluesky_a_mute_whose_outcome_cannot_be_asked_stays_in_flight_and_is_settled(
    bsky: FakeBluesky, invoke: Invoke, isolated_env: Path, repeat: BlueskyAnswer | None
) -> None:
    bsky.answers[MUTE_ACTOR] = [BlueskyAnswer(502, b'{"error": "x"}', after=True)] * 2
    bsky.answers["app.bsky.actor.getProfile"] = [BlueskyAnswer(503, b"")] * 2
    result = invoke("--auto")
    assert result.exit_code == 6, result.output
    assert "whether it was done is not known: the next run checks" in _said(result.stderr)
    assert _in_flight(isolated_env) == ["mute"]
    bsky.answers.clear()
    if repeat is not None:  # the profile tells it was done (had been journaled failed)
        bsky.answers[MUTE_ACTOR] = [repeat]
    again = invoke("undo", "--yes")  # settles the mute (it is repeated), then unmutes it
    assert again.exit_code == 0, again.output
    assert not bsky.state.muted
    assert _phases(isolated_env) == [("mute", "done"), ("unmute", "done")]
    _nothing_more_to_undo(invoke)


@pytest.mark.parametrize("form", [("undo", "--yes"), ("undo", "--since", "2000-01-01", "--yes")],
                         ids=["last run", "time range"])
def test_bluesky_undo_an_unmute_not_done_behind_a_page_is_repeated_once(
    bsky: FakeBluesky, invoke: Invoke, isolated_env: Path, form: tuple[str, ...]
) -> None:
    assert invoke("--auto").exit_code == 0
    muted = set(bsky.state.muted)
    bsky.answers[UNMUTE_ACTOR] = [BlueskyAnswer(200, None, after=True), PAGE]
    result = invoke(*form)
    assert result.exit_code == 4, result.output
    assert f"cannot read on {UNMUTE_ACTOR}: it is not JSON, and it was not done" in _said(
        result.stderr)
    assert f"Done: {HUSHED - 1} unmute. 1 failed." in _said(result.stdout)
    assert len(bsky.state.muted) == 1 and bsky.state.muted < muted
    again = invoke(*form)
    assert again.exit_code == 0, again.output
    assert "Done: 1 unmute." in _said(again.stdout)
    assert not bsky.state.muted and _in_flight(isolated_env) == []
    _nothing_more_to_undo(invoke)


# --- Mastodon ------------------------------------------------------------------------------
@pytest.fixture
def masto(monkeypatch: pytest.MonkeyPatch, invoke: Invoke) -> Iterator[FakeMastodon]:
    """Synced, with proposals carried out as mutes."""
    server = FakeMastodon(make_state(30)).start()
    masto_cli_at(server, monkeypatch)
    monkeypatch.setenv("FOLLOWPRUNE_PROPOSALS_ACTION", "mute")
    assert invoke("sync").exit_code == 0
    yield server
    server.close()
    assert not server.errors, server.errors[:5]


@pytest.mark.parametrize("form", [("undo", "--yes"), ("undo", "--since", "2000-01-01", "--yes")],
                         ids=["last run", "time range"])
def test_mastodon_undo_an_unmute_answered_with_a_404_page_does_not_call_the_account_gone(
    masto: FakeMastodon, invoke: Invoke, isolated_env: Path, form: tuple[str, ...]
) -> None:
    assert invoke("--yes", "--limit", "2").exit_code == 0
    muted = set(masto.state.muted)
    assert len(muted) == 2
    # Had been: "unmute N: the account is not on HOST any more (Endpoint not found.)", the
    # text Mastodon.py makes up for a 404 without Mastodon's JSON, of an account that is
    # there.
    masto.answers["postAccountUnmute"] = [Answer(404, b"<h1>Not Found</h1>", "text/html")]
    result = invoke(*form)
    assert result.exit_code == 4, result.output
    said = _said(result.stderr)
    assert f"the Mastodon instance {masto.host} answered unmute 1" in said
    assert "with HTTP 404 Not Found, and not in JSON as Mastodon does" in said
    assert "any more" not in said and "Endpoint not found" not in said
    assert masto.state.muted and _in_flight(isolated_env) == []
    again = invoke(*form)
    assert again.exit_code == 0, again.output
    assert not masto.state.muted
    assert [kind for kind, _ in masto.applied].count("postAccountUnmute") == 2
    _nothing_more_to_undo(invoke)


def test_mastodon_an_unmute_of_an_account_not_found_still_says_so(
    masto: FakeMastodon, invoke: Invoke, isolated_env: Path
) -> None:
    assert invoke("--yes", "--limit", "1").exit_code == 0
    masto.answers["postAccountUnmute"] = [Answer(404, b'{"error": "Record not found"}')]
    result = invoke("undo", "--yes")
    assert result.exit_code == 4, result.output
    assert "the account is not on" in _said(result.stderr)
    assert _phases(isolated_env) == [("mute", "done"), ("unmute", "failed")]

def test_mastodon_undo_a_mute_in_flight_whose_repeat_is_refused_asks_the_relationship(
    masto: FakeMastodon, invoke: Invoke, isolated_env: Path
) -> None:
    # The mute is carried out and its answer lost, and the relationship asked after fails:
    # left in flight.
    masto.drop_after["postAccountMute"] = 1
    # The review's own read of the relationships is answered; the check after is not.
    masto.answers["getAccountRelationships"] = [
        Answer(200, None, after=True), *[Answer(503, b'{"error": "down"}')] * 3]
    result = invoke("--yes", "--limit", "1")
    assert result.exit_code != 0, result.output
    assert _in_flight(isolated_env) == ["mute"] and len(masto.state.muted) == 1
    # Undo: reconciling repeats the mute, which the instance now refuses (had been:
    # journaled failed, "Done: nothing.", and the account left muted).
    masto.answers.clear()
    masto.answers["postAccountMute"] = [Answer(422, b'{"error": "not now"}')]
    undone = invoke("undo", "--yes")
    assert undone.exit_code == 0, undone.output
    assert "Done: 1 unmute." in _said(undone.stdout)
    assert not masto.state.muted
    assert _phases(isolated_env) == [("mute", "done"), ("unmute", "done")]
    _nothing_more_to_undo(invoke)


@pytest.mark.parametrize("after", [False, True], ids=["cut off before", "cut off after"])
def test_mastodon_undo_an_unmute_cut_off_asks_the_relationship_and_is_done_once(
    masto: FakeMastodon, invoke: Invoke, isolated_env: Path, after: bool
) -> None:
    assert invoke("--yes", "--limit", "2").exit_code == 0
    masto.answers["postAccountUnmute"] = [Answer(200, None, drop=True, after=after)]
    result = invoke("undo", "--yes")
    assert _in_flight(isolated_env) == []
    if after:  # carried out: the relationship says so
        assert result.exit_code == 0, result.output
        assert not masto.state.muted
    else:
        assert result.exit_code == 4, result.output
        assert (f"the Mastodon instance {masto.host} failed unmute 1" in _said(result.stderr)
                and "and did not do it" in _said(result.stderr))
        assert len(masto.state.muted) == 2
        again = invoke("undo", "--yes")
        assert again.exit_code == 0, again.output
        assert not masto.state.muted
    assert [kind for kind, _ in masto.applied].count("postAccountUnmute") == 2
    _nothing_more_to_undo(invoke)
