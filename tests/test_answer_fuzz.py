"""Server answers found by fuzzing every call the CLI makes (status codes, error bodies of
every shape, headers), each one that ended in "internal error", a wrong exit code or a
misleading message, kept as a regression test: real HTTP against the fake servers, the
real CLI, the message and the exit code asserted, and the journal left with no action
between intent and outcome.
"""

from __future__ import annotations

import sqlite3
import time
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

FOLLOWING = r"/2/users/\d+/following"
UNFOLLOW = r"/2/users/\d+/following/\d+"


def _in_flight(home: Path) -> list[int]:
    """Actions whose last journal entry is the intent: none may be left by a run that ended."""
    with sqlite3.connect(home / "followprune.sqlite3") as conn:
        return [row[0] for row in conn.execute(
            "SELECT id FROM actions a WHERE 'intent' ="
            " (SELECT phase FROM journal WHERE action_id = a.id ORDER BY seq DESC LIMIT 1)")]


def _last_phases(home: Path) -> list[str]:
    """Each action's last journal phase, in the order the actions were made."""
    with sqlite3.connect(home / "followprune.sqlite3") as conn:
        return [row[0] for row in conn.execute(
            "SELECT (SELECT phase FROM journal WHERE action_id = a.id ORDER BY seq DESC"
            " LIMIT 1) FROM actions a ORDER BY a.id")]


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


# --- Mastodon ------------------------------------------------------------------------------
@pytest.fixture
def masto(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeMastodon]:
    server = FakeMastodon(make_state(30)).start()
    masto_cli_at(server, monkeypatch)
    yield server
    server.close()
    assert not server.errors, server.errors[:5]


MASTODON_READS = ["getAccountsVerifyCredentials", "getAccountFollowing",
                  "getAccountRelationships", "getNotifications"]


@pytest.mark.parametrize("reset", ["soon", "tomorrow at noon-ish", "2026-13-45T99:00:00Z"])
@pytest.mark.parametrize("operation", MASTODON_READS)
def test_mastodon_an_unreadable_rate_limit_reset_is_no_rate_limit(
    masto: FakeMastodon, invoke: Invoke, operation: str, reset: str
) -> None:
    # Mastodon.py raised MastodonRatelimitError on any answer (a 200 too) whose
    # X-RateLimit-Reset it could not parse: the sync ended "Mastodon rate limit reached",
    # exit 6, though the instance had answered.
    masto.answers[operation] = [Answer(200, None, headers={"X-RateLimit-Reset": reset},
                                       after=True)]
    result = invoke("sync")
    assert result.exit_code == 0, result.output
    assert not masto.answers[operation]  # it was sent
    assert "rate limit" not in result.output
    assert "Following 30" in result.stdout


# A read refused or not found is about the instance, never about one account: it had said
# "verify_credentials: the account is not on HOST any more", "following: gone (...): the
# account or its instance no longer exists", "notifications: HOST refused it (...)".
MASTODON_READ_REFUSALS = {  # (Mastodon.py keeps the `error` text only on object answers)
    "404 json": (Answer(404, b'{"error": "Record not found"}'),
                 "answered {what} with HTTP 404 Not Found"),
    "404 page": (Answer(404, b"<h1>Not Found</h1>", "text/html"),
                 "answered {what} with HTTP 404 Not Found"),
    "403": (Answer(403, b'{"error": "This action is not allowed"}'), "refused {what} (HTTP 403"),
    "410": (Answer(410, b'{"error": "Gone"}'), "refused {what} (HTTP 410"),
    "422": (Answer(422, b'{"error": {"limit": ["too big"]}}'), "refused {what} (HTTP 422)"),
}
WHAT = {"getAccountsVerifyCredentials": "verify_credentials",
        "getAccountFollowing": "following", "getAccountRelationships": "relationships",
        "getNotifications": "notifications"}


@pytest.mark.parametrize("case", list(MASTODON_READ_REFUSALS))
@pytest.mark.parametrize("operation", MASTODON_READS)
def test_mastodon_a_refused_read_names_the_instance_not_an_account(
    masto: FakeMastodon, invoke: Invoke, operation: str, case: str
) -> None:
    answer, words = MASTODON_READ_REFUSALS[case]
    masto.answers[operation] = [answer]
    result = invoke("sync")
    assert result.exit_code == 6, result.output
    said = _said(result.stderr)
    assert f"the Mastodon instance {masto.host} " + words.format(what=WHAT[operation]) in said
    assert "check that mastodon.instance is the address of a Mastodon instance" in said
    for wrong in ("any more", "no longer exists", "AttribAccessDict", "internal error"):
        assert wrong not in said


def test_mastodon_an_error_that_is_no_text_is_not_shown_as_a_repr(
    masto: FakeMastodon, invoke: Invoke, isolated_env: Path
) -> None:
    assert invoke("sync").exit_code == 0
    masto.answers["postAccountUnfollow"] = [Answer(409, b'{"error": {"a": 1}}')]
    result = invoke("--yes", "--limit", "1")
    assert result.exit_code == 4, result.output
    said = _said(result.stderr)
    assert f"the Mastodon instance {masto.host} refused unfollow" in said
    assert "(HTTP 409)" in said and "AttribAccessDict" not in said
    assert _in_flight(isolated_env) == []


def test_mastodon_an_unfollow_done_before_a_5xx_is_journaled_done(
    masto: FakeMastodon, invoke: Invoke, isolated_env: Path
) -> None:
    # The instance carried out the unfollow, then answered 500: the relationship is asked,
    # so the journal says done, as undo needs (had been: failed).
    assert invoke("sync").exit_code == 0
    masto.answers["postAccountUnfollow"] = [Answer(500, b'{"error": "oops"}', after=True)]
    result = invoke("--yes", "--limit", "1")
    assert result.exit_code == 0, result.output
    assert [a for a, _ in masto.applied] == ["postAccountUnfollow"]
    assert _last_phases(isolated_env) == ["done"]


def test_mastodon_an_unfollow_whose_outcome_cannot_be_told_stays_in_flight(
    masto: FakeMastodon, invoke: Invoke, isolated_env: Path
) -> None:
    assert invoke("sync").exit_code == 0
    masto.answers["postAccountUnfollow"] = [Answer(500, b'{"error": "oops"}', after=True)]
    # The review's own read of the relationships is answered; the check after the failed
    # unfollow is not.
    masto.answers["getAccountRelationships"] = [
        Answer(200, None, after=True), *[Answer(503, b'{"error": "down"}')] * 3]
    result = invoke("--yes", "--limit", "1")
    assert result.exit_code != 0, result.output
    assert "whether it was done is not known: the next run checks" in _said(result.output)
    assert _last_phases(isolated_env) == ["intent"]
    masto.answers.clear()
    # The next acting run carries it out again (nothing changes) and records it.
    assert invoke("--yes", "--limit", "1").exit_code == 0
    assert _last_phases(isolated_env)[0] == "done"


@pytest.fixture
def masto_unfollowed(masto: FakeMastodon, invoke: Invoke, isolated_env: Path,
                     monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """An auto run that unfollowed those that do not follow back; their ids."""
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_DELAY_SECONDS", "0")
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_JITTER_SECONDS", "0")
    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.toml").write_text(
        "[auto]\ncooling_off_hours = 0\n[[auto.rules]]\nname = \"oneway\"\n"
        "follows_you = false\n[actions]\nper_15_minutes = 1000\nper_day = 10000\n",
        encoding="utf-8")
    before = masto.state.following()
    assert invoke("--auto").exit_code == 3  # cooling off
    result = invoke("--auto")
    assert result.exit_code == 0, result.output
    masto.applied.clear()
    return before - masto.state.following()


def test_mastodon_undo_a_relationship_of_another_account_is_not_taken_as_done(
    masto: FakeMastodon, masto_unfollowed: set[str], invoke: Invoke, isolated_env: Path
) -> None:
    # Had been: a follow answered 200 with the relationship of another account (an id of
    # the wrong type, a proxy's cached answer), nothing done, was journaled done, and no
    # undo ever followed the account again.
    masto.answers["postAccountFollow"] = [Answer(200, b'{"id": 5, "following": true}')]
    result = invoke("undo", "--yes")
    assert result.exit_code == 4, result.output
    said = _said(result.stderr)
    assert f"the Mastodon instance {masto.host} answered follow 102 without doing it" in said
    assert "102" not in masto.state.following()
    assert ("postAccountFollow", "102") not in masto.applied
    assert _in_flight(isolated_env) == []
    # The next undo follows it (an account on an instance that is gone stays unrestorable).
    again = invoke("undo", "--yes")
    assert "failed: follow @user2@" not in _said(again.stderr), again.output
    assert "102" in masto.state.following() and "102" in masto_unfollowed
    assert not [a for a in masto.applied if a[0] == "postAccountUnfollow"]
    assert _in_flight(isolated_env) == []


@pytest.mark.parametrize("refusal", [403, 422])
def test_mastodon_undo_an_unfollow_in_flight_whose_repeat_is_refused_asks_the_relationship(
    masto: FakeMastodon, invoke: Invoke, isolated_env: Path, monkeypatch: pytest.MonkeyPatch,
    refusal: int
) -> None:
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_DELAY_SECONDS", "0")
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_JITTER_SECONDS", "0")
    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.toml").write_text(
        "[auto]\ncooling_off_hours = 0\n[[auto.rules]]\nname = \"oneway\"\n"
        "follows_you = false\n", encoding="utf-8")
    assert invoke("--auto").exit_code == 3  # cooling off
    # The unfollow of a live account is done and its answer lost, and the relationship asked
    # after fails: it is left in flight, and the run stops there.
    unfollow = masto._postAccountUnfollow
    lost: list[str] = []

    def done_then_unknown(args: dict[str, str], params: object, body: object) -> object:
        if not lost and not masto.state.accounts[args["id"]].get("suspended") \
                and "moved" not in masto.state.accounts[args["id"]] \
                and "gone" not in str(masto.state.accounts[args["id"]].get("acct")):
            lost.append(args["id"])
            masto.drop_after["postAccountUnfollow"] = 1
            masto.answers["getAccountRelationships"] = [Answer(503, b'{"error": "down"}')]
        return unfollow(args, params, body)

    monkeypatch.setattr(masto, "_postAccountUnfollow", done_then_unknown)
    assert invoke("--auto").exit_code != 0
    monkeypatch.setattr(masto, "_postAccountUnfollow", unfollow)
    assert len(_in_flight(isolated_env)) == 1 and lost[0] not in masto.state.following()
    # Undo: reconciling repeats the unfollow, which the instance now refuses. Had been:
    # journaled failed ("reconcile: ..."), its reversal dropped, "Done: nothing.", exit 0,
    # and the account, unfollowed indeed, never followed again.
    masto.answers["postAccountUnfollow"] = [Answer(refusal, b'{"error": "not now"}')]
    result = invoke("undo", "--yes")
    assert result.exit_code == 0, result.output
    assert "Done: 1 follow." in result.stdout
    assert lost[0] in masto.state.following()
    assert _last_phases(isolated_env)[-2:] == ["done", "done"]
    assert _in_flight(isolated_env) == []


# --- Bluesky -------------------------------------------------------------------------------
@pytest.fixture
def bsky(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeBluesky]:
    server = FakeBluesky(bluesky_state(10)).start()
    monkeypatch.setenv("FOLLOWPRUNE_NETWORK", "bluesky")
    monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_SERVICE", server.base_url)
    monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_TIMEOUT_SECONDS", "5")
    monkeypatch.setenv("BLUESKY_HANDLE", "me.bsky.social")
    monkeypatch.setenv("BLUESKY_APP_PASSWORD", APP_PASSWORD)
    yield server
    server.close()
    assert not server.errors, server.errors[:5]


@pytest.mark.parametrize("status", [404, 409, 413])
def test_bluesky_a_login_answered_not_found_is_no_refused_password(
    bsky: FakeBluesky, invoke: Invoke, status: int
) -> None:
    # Had been: "Bluesky refused the login of @me.bsky.social", exit 5, with the hint to
    # make an app password, when the address answered 404 (not a Bluesky server).
    bsky.faults["com.atproto.server.createSession"] = [status]
    result = invoke("sync")
    assert result.exit_code == 6, result.output
    said = _said(result.stderr)
    assert (f"the Bluesky service {bsky.base_url} answered the login of @me.bsky.social"
            f" with HTTP {status}") in said
    assert "check `bluesky.service`" in said and "app password was not refused" in said


@pytest.mark.parametrize("status", [400, 401, 403])
def test_bluesky_a_refused_login_still_says_so(
    bsky: FakeBluesky, invoke: Invoke, status: int
) -> None:
    bsky.faults["com.atproto.server.createSession"] = [status]
    result = invoke("sync")
    assert result.exit_code == 5, result.output
    assert "Bluesky refused the login of @me.bsky.social" in _said(result.stderr)


# --- Bluesky undo --------------------------------------------------------------------------
# An auto run that unfollowed every live account that does not follow back (1, 2, 4, 5 of
# make_state(10)) and the dead ones (7, 8, 9); undo follows the live ones again.
UNDO_CONFIG = """
[auto]
cooling_off_hours = 0
[[auto.rules]]
name = "gone"
dead = true
[[auto.rules]]
name = "oneway"
follows_you = false
"""
CREATE = "com.atproto.repo.createRecord"
LIST = "com.atproto.repo.listRecords"
RESTORED = {f"did:plc:acct{i:020d}" for i in (1, 2, 4, 5)}


@pytest.fixture
def cooled(bsky: FakeBluesky, invoke: Invoke, isolated_env: Path,
           monkeypatch: pytest.MonkeyPatch) -> FakeBluesky:
    """The rules' matches recorded by a first auto run: the next one unfollows them."""
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_DELAY_SECONDS", "0")
    monkeypatch.setenv("FOLLOWPRUNE_ACTIONS_JITTER_SECONDS", "0")
    monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_RETRIES", "1")
    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.toml").write_text(UNDO_CONFIG, encoding="utf-8")
    assert invoke("--auto").exit_code == 3  # cooling off
    return bsky


@pytest.fixture
def unfollowed(cooled: FakeBluesky, invoke: Invoke) -> FakeBluesky:
    bsky = cooled
    result = invoke("--auto")
    assert result.exit_code == 0, result.output
    assert not RESTORED & bsky.state.following()
    bsky.writes.clear()  # from here on, only what undo writes
    return bsky


def _records_of(server: FakeBluesky) -> dict[str, int]:
    """Follow records per followed DID: an undo that followed twice leaves two."""
    counts: dict[str, int] = {}
    for did, _ in server.state.records.values():
        counts[did] = counts.get(did, 0) + 1
    return counts


def _undone_once(server: FakeBluesky, invoke: Invoke) -> None:
    """Every live account is followed again by one record, and neither a further undo nor
    one of a time range takes anything back (an undo's follows are not reversed)."""
    records = _records_of(server)
    assert records.keys() >= RESTORED
    assert all(records[did] == 1 for did in RESTORED), records
    for again in (invoke("undo", "--yes"), invoke("undo", "--since", "2000-01-01", "--yes")):
        assert again.exit_code == 0, again.output
        assert "Nothing to undo" in again.stdout
    assert not [w for w in server.writes if w[0] == "deleteRecord"]
    assert _records_of(server) == records


BLUESKY_ERROR_BODIES = {  # not text where the XRPC error body has its texts
    "error object": b'{"error": {"a": 1}}',
    "error number, message list": b'{"error": 5, "message": [1, 2]}',
    "error null": b'{"error": null, "message": {"x": "y"}}',
}


@pytest.mark.parametrize("case", list(BLUESKY_ERROR_BODIES))
def test_bluesky_undo_an_error_that_is_no_text_is_not_shown_as_a_repr(
    unfollowed: FakeBluesky, invoke: Invoke, isolated_env: Path, case: str
) -> None:
    # Had been: "Bluesky refused com.atproto.repo.createRecord: {'a': 1}", "5 ([1, 2])",
    # "None ({'x': 'y'})".
    unfollowed.answers[CREATE] = [BlueskyAnswer(400, BLUESKY_ERROR_BODIES[case])]
    result = invoke("undo", "--yes")
    assert result.exit_code == 4, result.output
    said = _said(result.stderr)
    assert "failed: follow @" in said
    assert "Bluesky refused com.atproto.repo.createRecord: 400" in said
    for repr_text in ("{'", "None", "[1, 2]", ": 5"):
        assert repr_text not in said
    assert _in_flight(isolated_env) == []
    again = invoke("undo", "--yes")
    assert again.exit_code == 0, again.output
    _undone_once(unfollowed, invoke)


def test_bluesky_undo_a_long_error_text_is_cut_short(
    unfollowed: FakeBluesky, invoke: Invoke, isolated_env: Path
) -> None:
    unfollowed.answers[CREATE] = [
        BlueskyAnswer(400, b'{"error": "InvalidRequest", "message": "' + b"x" * 20000 + b'"}')]
    result = invoke("undo", "--yes")
    assert result.exit_code == 4, result.output
    said = _said(result.stderr)
    assert "Bluesky refused com.atproto.repo.createRecord: InvalidRequest (xxx" in said
    assert "x" * 400 not in said and "…)" in said
    assert _in_flight(isolated_env) == []


@pytest.mark.parametrize("reset", ["soon", "nan", "1e400"])
def test_bluesky_a_429_with_an_unreadable_reset_is_not_shown_as_a_time(
    bsky: FakeBluesky, invoke: Invoke, reset: str
) -> None:
    # Had been: "try again after soon (epoch seconds)", "after nan", "after 1e400".
    bsky.answers[LIST] = [
        BlueskyAnswer(429, b'{"error": "RateLimitExceeded"}', headers={"ratelimit-reset": reset})
    ] * 5
    result = invoke("sync")
    assert result.exit_code == 6, result.output
    said = _said(result.stderr)
    assert f"Bluesky rate limit reached on {LIST}" in said
    assert "Hint: try again in a few minutes" in said and reset not in said


def test_bluesky_a_429_names_the_reset_as_a_time(bsky: FakeBluesky, invoke: Invoke) -> None:
    bsky.answers[LIST] = [BlueskyAnswer(429, b'{"error": "RateLimitExceeded"}',
                                        headers={"ratelimit-reset": "4102444800"})] * 5
    result = invoke("sync")
    assert result.exit_code == 6, result.output
    assert "Hint: try again after 2100-01-01 00:00:00 UTC" in _said(result.stderr)


def test_bluesky_undo_a_429_far_off_stops_it_cleanly_and_undo_carries_on(
    unfollowed: FakeBluesky, invoke: Invoke, isolated_env: Path
) -> None:
    unfollowed.answers[CREATE] = [
        BlueskyAnswer(429, b'{"error": "RateLimitExceeded"}', headers={"ratelimit-reset": "soon"})]
    result = invoke("undo", "--yes")
    assert result.exit_code == 4, result.output
    said = _said(result.stderr)
    assert f"failed: follow @user4.bsky.social: Bluesky rate limit reached on {CREATE}" in said
    assert "Done: nothing. 1 failed. 3 not attempted" in _said(result.stdout)
    assert _last_phases(isolated_env)[-1] == "failed" and _in_flight(isolated_env) == []
    assert invoke("undo", "--yes").exit_code == 0
    _undone_once(unfollowed, invoke)


LOST = f"did:plc:acct{2:020d}"  # @user2.bsky.social


def _unfollow_left_in_flight(bsky: FakeBluesky, invoke: Invoke, isolated_env: Path,
                             monkeypatch: pytest.MonkeyPatch) -> int:
    """An auto run whose unfollow of LOST is carried out, its answer lost and the repo
    unreadable: the unfollow is left in flight (the run stops there)."""
    delete = bsky._com_atproto_repo_deleteRecord

    def carried_out_then_unreadable(params: dict[str, object], body: dict[str, str]) -> object:
        if bsky.state.subjects.get(body["rkey"]) == LOST:
            bsky.drop_after["com.atproto.repo.deleteRecord"] = 1
            bsky.answers[LIST] = [BlueskyAnswer(503, b'{"error": "down"}')]
        return delete(params, body)

    monkeypatch.setattr(bsky, "_com_atproto_repo_deleteRecord", carried_out_then_unreadable)
    result = invoke("--auto")
    assert result.exit_code == 6, result.output
    assert LOST not in bsky.state.following()
    [unfollow] = _in_flight(isolated_env)
    monkeypatch.setattr(bsky, "_com_atproto_repo_deleteRecord", delete)
    return unfollow


def test_bluesky_undo_keeps_an_unfollow_left_in_flight_when_the_repo_cannot_be_read(
    cooled: FakeBluesky, invoke: Invoke, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bsky, lost = cooled, LOST
    unfollow = _unfollow_left_in_flight(bsky, invoke, isolated_env, monkeypatch)
    # Undo while the repo still cannot be read: had been "Finished 1 actions an interrupted
    # run had left in flight. Done: nothing.", exit 0, the unfollow journaled as failed
    # ("reconcile: ...") though it was done, and so never followed again by any undo.
    bsky.answers[LIST] = [BlueskyAnswer(503, b'{"error": "down"}')] * 10
    result = invoke("undo", "--yes")
    assert result.exit_code == 4, result.output
    said = _said(result.stderr)
    assert ("1 action an interrupted run had left in flight could not be checked now (whether"
            " it was done is not known): the next run checks it") in said
    assert "Finished" not in said
    assert (f"failed: follow @user2.bsky.social: the Bluesky service {bsky.base_url} failed"
            " on com.atproto.repo.listRecords (HTTP 503)") in said
    assert _in_flight(isolated_env) == [unfollow]  # still not known
    assert lost not in bsky.state.following()
    bsky.answers.clear()
    again = invoke("undo", "--yes")
    assert again.exit_code == 0, again.output
    assert "Finished 1 action an interrupted run had left in flight." in _said(again.stderr)
    assert _in_flight(isolated_env) == []
    assert _records_of(bsky)[lost] == 1
    assert [w for w in bsky.writes if w[1] == lost] == [("deleteRecord", lost, True),
                                                        ("createRecord", lost, True)]


def test_bluesky_undo_a_follow_answered_with_no_record_is_not_journaled_done(
    unfollowed: FakeBluesky, invoke: Invoke, isolated_env: Path
) -> None:
    # Had been: a 200 {"uri": ""} with nothing made was journaled done ("Done: 4 follow"),
    # and no undo ever followed the account again.
    unfollowed.answers[CREATE] = [BlueskyAnswer(200, b'{"uri": ""}')]
    result = invoke("undo", "--yes")
    assert result.exit_code == 4, result.output
    said = _said(result.stderr)
    assert (f"failed: follow @user4.bsky.social: the Bluesky service {unfollowed.base_url}"
            f" answered the follow of did:plc:acct{4:020d} with '', which is no follow record"
            " of yours, and did not make one") in said
    assert "Done: 3 follow. 1 failed." in _said(result.stdout)  # the others went ahead
    assert _last_phases(isolated_env)[-4] == "failed" and _in_flight(isolated_env) == []
    assert invoke("undo", "--yes").exit_code == 0
    _undone_once(unfollowed, invoke)


def test_bluesky_undo_a_follow_made_and_then_answered_429_is_not_made_again(
    unfollowed: FakeBluesky, invoke: Invoke, isolated_env: Path
) -> None:
    # Had been: the 429 was waited out and the create sent again, so the account was
    # followed by two records (undoing that later unfollowed it by one only).
    soon = str(int(time.time()) + 1)
    unfollowed.answers[CREATE] = [BlueskyAnswer(429, b'{"error": "RateLimitExceeded"}',
                                                headers={"ratelimit-reset": soon}, after=True)]
    result = invoke("undo", "--yes")
    assert result.exit_code == 0, result.output
    assert [w[0] for w in unfollowed.writes] == ["createRecord"] * 4
    assert _in_flight(isolated_env) == []
    _undone_once(unfollowed, invoke)


def test_bluesky_undo_a_follow_refused_429_is_waited_out_and_made_once(
    unfollowed: FakeBluesky, invoke: Invoke, isolated_env: Path
) -> None:
    soon = str(int(time.time()) + 1)
    unfollowed.answers[CREATE] = [BlueskyAnswer(429, b'{"error": "RateLimitExceeded"}',
                                                headers={"ratelimit-reset": soon})]
    result = invoke("undo", "--yes")
    assert result.exit_code == 0, result.output
    assert unfollowed.count(CREATE) == 5
    assert _in_flight(isolated_env) == []
    _undone_once(unfollowed, invoke)


def test_bluesky_an_unfollow_in_flight_that_undo_reversed_is_not_repeated_later(
    cooled: FakeBluesky, invoke: Invoke, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bsky = cooled
    unfollow = _unfollow_left_in_flight(bsky, invoke, isolated_env, monkeypatch)
    # The undo cannot tell whether the unfollow was done (both reads of the repo fail), so
    # it stays in flight; the follow back goes ahead (a follow is made only if missing).
    bsky.answers[LIST] = [BlueskyAnswer(503, b'{"error": "down"}')] * 2
    result = invoke("undo", "--yes")
    assert result.exit_code == 0, result.output
    assert "could not be checked now" in _said(result.stderr)
    assert _in_flight(isolated_env) == [unfollow]
    assert LOST in bsky.state.following()
    writes = len(bsky.writes)
    # The next acting run settles the unfollow: had been repeated, unfollowing the account
    # the undo had just followed again (and the journal then said it was undone).
    result = invoke("--auto")
    assert result.exit_code == 0, result.output
    assert LOST in bsky.state.following()
    assert not [w for w in bsky.writes[writes:] if w[1] == LOST]
    assert _in_flight(isolated_env) == []
    assert _last_phases(isolated_env)[unfollow - 1] == "done"


UNDO_FORMS = {"last run": ("undo", "--yes"), "run 2": ("undo", "--run", "2", "--yes"),
              "time range": ("undo", "--since", "2000-01-01", "--yes")}
# (answer to the second re-follow, its journaled outcome, the undo's exit code)
BLUESKY_CREATE_FAULTS = {
    "made, then 500": (BlueskyAnswer(500, b'{"error": "InternalServerError"}', after=True),
                       "done", 0),
    "made, then cut off": (BlueskyAnswer(200, None, after=True, drop=True), "done", 0),
    "made, then garbage": (BlueskyAnswer(200, b"\xff\xfe", after=True), "done", 0),
    "refused, cut off": (BlueskyAnswer(200, None, drop=True), "failed", 4),
    "refused, 502 page": (BlueskyAnswer(502, b"<html>bad gateway</html>", "text/html"),
                          "failed", 4),
}


@pytest.mark.parametrize("form", list(UNDO_FORMS))
@pytest.mark.parametrize("case", list(BLUESKY_CREATE_FAULTS))
def test_bluesky_undo_under_a_fault_on_the_second_follow_ends_restored_once(
    unfollowed: FakeBluesky, invoke: Invoke, isolated_env: Path, case: str, form: str
) -> None:
    answer, outcome, code = BLUESKY_CREATE_FAULTS[case]
    unfollowed.answers[CREATE] = [BlueskyAnswer(200, None, after=True), answer]
    result = invoke(*UNDO_FORMS[form])
    assert result.exit_code == code, result.output
    assert "internal error" not in result.output and "Traceback" not in result.output
    assert _in_flight(isolated_env) == []
    follows = _last_phases(isolated_env)[7:]  # after the 7 unfollows of run 2
    assert follows[:2] == ["done", outcome]
    if code:
        assert "failed: follow @user5.bsky.social: the Bluesky service" in _said(result.stderr)
        again = invoke(*UNDO_FORMS[form])
        assert again.exit_code == 0, again.output
    _undone_once(unfollowed, invoke)
