"""Server answers found by fuzzing every call the CLI makes (status codes, error bodies of
every shape, headers), each one that ended in "internal error", a wrong exit code or a
misleading message, kept as a regression test: real HTTP against the fake servers, the
real CLI, the message and the exit code asserted, and the journal left with no action
between intent and outcome.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Invoke
from tests.fakex import FakeX, faults
from tests.fakex.harness import FakeTime, connect, start_fake

FOLLOWING = r"/2/users/\d+/following"
UNFOLLOW = r"/2/users/\d+/following/\d+"


def _in_flight(home: Path) -> list[int]:
    """Actions whose last journal entry is the intent: none may be left by a run that ended."""
    with sqlite3.connect(home / "followprune.sqlite3") as conn:
        return [row[0] for row in conn.execute(
            "SELECT id FROM actions a WHERE 'intent' ="
            " (SELECT phase FROM journal WHERE action_id = a.id ORDER BY seq DESC LIMIT 1)")]


def _said(result_text: str) -> str:
    return " ".join(result_text.split())


# --- X -------------------------------------------------------------------------------------
@pytest.fixture
def xfx(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeX]:
    # Not finish_fake: these answers are wrong on purpose, the spec check would refuse them.
    fx = start_fake(n_followers=20)
    yield fx
    fx.close()
    assert not fx.server_errors, fx.server_errors[0]


@pytest.fixture
def fake_time(xfx: FakeX, monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    return connect(xfx, monkeypatch)


def _raw(status: int, body: bytes, **headers: str) -> faults.Fault:
    return faults.Fault(f"raw-{status}", status=status, raw_body=body,
                        content_type="application/json", headers=headers)


# tweepy reads every failed answer itself before raising, and failed with an AttributeError,
# TypeError or ValueError (shown as "internal error", exit 1) on a JSON body that is not an
# object holding a list of error objects, and on an x-rate-limit-reset that is no number.
# (fault, exit code, words of the message)
X_UNREADABLE_FAILURES = {
    "400 []": (_raw(400, b"[]"), 6, "X rejected the request for reading your following list"),
    "400 errors 5": (_raw(400, b'{"errors": 5}'), 6,
                     "X rejected the request for reading your following list"),
    "400 errors [5]": (_raw(400, b'{"errors": [5]}'), 6,
                       "X rejected the request for reading your following list"),
    "400 message 5": (_raw(400, b'{"errors": [{"message": 5}]}'), 6,
                      "X rejected the request for reading your following list"),
    "400 parameters 5": (_raw(400, b'{"errors": [{"parameters": 5, "message": "bad"}]}'), 6,
                         "X rejected the request for reading your following list: bad"),
    "403 error 5": (_raw(403, b'{"error": 5}'), 10, "X refused reading your following list"
                    " (403 Forbidden)"),
    "403 detail object": (_raw(403, b'{"detail": {"a": 1}}'), 10,
                          "X refused reading your following list (403 Forbidden)"),
    "500 []": (_raw(500, b"[]"), 6, "X is failing (500"),
    "500 null": (_raw(500, b"null"), 6, "X is failing (500"),
    "503 text": (_raw(503, b'"down"'), 6, "X is failing (503"),
    "502 errors object": (_raw(502, b'{"errors": {"a": 1}, "error": "x"}'), 6,
                          "X is failing (502"),
    "504 detail 5": (_raw(504, b'{"detail": 5}'), 6, "X is failing (504"),
    "429 reset soon": (faults.Fault("429-soon", status=429, body=faults.TOO_MANY_REQUESTS,
                                    headers={"x-rate-limit-reset": "soon"}), 6,
                       "X kept answering 429 Too Many Requests while reading your following"),
    "429 reset empty": (faults.Fault("429-empty", status=429, body=faults.TOO_MANY_REQUESTS,
                                     headers={"x-rate-limit-reset": ""}), 6,
                        "X kept answering 429 Too Many Requests while reading your following"),
}


@pytest.mark.parametrize("case", list(X_UNREADABLE_FAILURES))
def test_x_sync_failures_tweepy_cannot_read_are_named(
    xfx: FakeX, fake_time: FakeTime, invoke: Invoke, case: str
) -> None:
    fault, code, words = X_UNREADABLE_FAILURES[case]
    xfx.inject(FOLLOWING, fault, method="GET", times=-1)
    result = invoke("sync")
    assert result.exit_code == code, result.output
    assert words in _said(result.stderr), result.stderr
    assert "internal error" not in result.output


def test_x_a_429_without_a_readable_reset_waits_a_short_while_then_reads(
    xfx: FakeX, fake_time: FakeTime, invoke: Invoke
) -> None:
    xfx.inject(FOLLOWING, X_UNREADABLE_FAILURES["429 reset soon"][0], method="GET")
    result = invoke("sync")
    assert result.exit_code == 0, result.output
    assert "429, no reset time" in _said(result.stderr)
    assert len(xfx.calls("GET", FOLLOWING)) == 2


@pytest.mark.parametrize("case", ["500 null", "400 errors 5", "429 reset soon"])
def test_x_an_unfollow_answered_unreadably_is_journaled_not_left_in_flight(
    xfx: FakeX, fake_time: FakeTime, invoke: Invoke, isolated_env: Path, case: str
) -> None:
    # Had been: internal error, exit 1, the intent left with no outcome.
    assert invoke("sync").exit_code == 0
    fault, _, _ = X_UNREADABLE_FAILURES[case]
    xfx.inject(UNFOLLOW, fault, method="DELETE", times=-1)
    result = invoke("--yes", "--limit", "2")
    assert result.exit_code == 4, result.output
    said = _said(result.stderr)
    assert "failed: unfollow @" in said and "internal error" not in said
    assert _in_flight(isolated_env) == []
    assert set(xfx.state.following) >= {r.path.rsplit("/", 1)[1]
                                        for r in xfx.calls("DELETE", UNFOLLOW)}


def test_x_undo_answered_unreadably_says_so_and_can_be_repeated(
    xfx: FakeX, fake_time: FakeTime, invoke: Invoke, isolated_env: Path
) -> None:
    assert invoke("sync").exit_code == 0
    assert invoke("--yes", "--limit", "2").exit_code == 0
    gone = {r.path.rsplit("/", 1)[1] for r in xfx.calls("DELETE", UNFOLLOW)}
    xfx.inject(FOLLOWING, _raw(400, b'[{"oops": true}]'), method="POST", times=-1)
    result = invoke("undo", "--yes")
    assert result.exit_code == 4, result.output
    assert "X refused following" in _said(result.stderr)
    assert "internal error" not in result.output
    assert _in_flight(isolated_env) == []
    xfx.clear_faults()
    again = invoke("undo", "--yes")
    assert again.exit_code == 0, again.output
    assert gone <= set(xfx.state.following) | set(xfx.state.pending)
