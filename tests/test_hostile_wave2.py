"""Hostile input to this wave's ways in: the `prune suggest` and review prompts (answers,
end of input), `prune auth` and the stored login files of every network, web addresses in the
config and on the command line, `undo` / `history` ranges, a store written by a newer
version, a full disk, and text in error messages that would garble a terminal.

The promise is the one tests/test_hostile_inputs.py checks (whose helpers this file shares):
a documented exit code and one clear message, never a traceback or "this is a bug", and the
person's files as they were. Every case here failed one of those before it was fixed.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from followprune.app.selection import parse_command, parse_rows
from followprune.cli.main import cli
from followprune.errors import InputError
from tests.fakebsky import FakeBluesky, make_state
from tests.test_hostile_inputs import FUZZ, clean, run, snapshot, unchanged


def run_in(home: Path, *args: str, input: str | None = None,
           env: dict[str, str] | None = None) -> Result:
    """`run` with this test's home spelled out (some tests use several)."""
    return run(*args, env={"FOLLOWPRUNE_HOME": str(home), **(env or {})}) if input is None \
        else CliRunner().invoke(cli, list(args), input=input,
                                env={"FOLLOWPRUNE_HOME": str(home), **(env or {})})


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("followprune.render.console.stdin_is_interactive", lambda: True)


def journal_rows(home: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(home / "followprune.sqlite3") as conn:
        return conn.execute("SELECT * FROM journal ORDER BY 1").fetchall()


# --- the prompts: the end of input is "quit", never a crash ---------------------------------

def test_end_of_input_at_the_review_prompt_quits_changing_nothing(
    isolated_env: Path, terminal: None
) -> None:
    # Found: EOFError from input() ended the run as "internal error ... this is a bug".
    result = CliRunner().invoke(cli, ["--demo"], input="")
    clean(result, [0])
    assert "Quit: nothing was changed." in result.stderr + result.stdout
    assert journal_rows(isolated_env) == []


def test_end_of_input_after_a_keep_keeps_the_decision_and_acts_on_nothing(
    isolated_env: Path, terminal: None
) -> None:
    result = CliRunner().invoke(cli, ["--demo"], input="keep 1\n")
    clean(result, [0])
    assert "Keeping 1 from now on" in result.stdout
    assert journal_rows(isolated_env) == []
    listed = CliRunner().invoke(cli, ["keep", "list", "--demo"])
    assert listed.exit_code == 0 and "empty" not in listed.stdout


@pytest.mark.parametrize("answers", ["", "\n", "xyz\n", "follow 99\n", "unmute 1\n",
                                     "follow 3-1\nfollow\nfollow @nobody\n"])
def test_end_of_input_at_the_suggest_prompt_follows_no_one(
    isolated_env: Path, terminal: None, answers: str
) -> None:
    result = CliRunner().invoke(cli, ["suggest", "--demo"], input=answers)
    clean(result, [0])
    assert "Nothing was followed." in result.stdout + result.stderr
    assert journal_rows(isolated_env) == []


def test_end_of_input_at_the_undo_question_is_a_no(isolated_env: Path, terminal: None) -> None:
    clean(run("--demo", "--yes", "--limit", "12"), [0])
    before = journal_rows(isolated_env)
    result = CliRunner().invoke(cli, ["undo", "--demo"], input="")
    clean(result, [0])
    assert "Go ahead?" in result.stdout and "Nothing was changed." in result.stdout
    assert "Aborted" not in result.stdout + result.stderr
    assert journal_rows(isolated_env) == before
    # Still there to undo.
    clean(run("undo", "--demo", "--yes"), [0])
    assert len(journal_rows(isolated_env)) > len(before)


def test_end_of_input_at_a_login_prompt_names_the_question(
    isolated_env: Path, terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeBluesky(make_state(3)) as server:
        monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_SERVICE", server.base_url)
        for name in ("BLUESKY_HANDLE", "BLUESKY_APP_PASSWORD"):
            monkeypatch.delenv(name, raising=False)
        for answers in ("", "me.bsky.social\n"):
            result = CliRunner().invoke(cli, ["auth", "login", "--network", "bluesky"],
                                        input=answers)
            err = clean(result, [2])
            assert "no answer to" in err and "the input ended" in err, err
    assert not (isolated_env / "bluesky-session.json").exists()


_ROW_WORDS = st.sampled_from([
    "1", "2", "0", "-1", "3-1", "1-", "-", "1-3", "1,1", ",", "@", "@nobody", "9" * 30,
    "9" * 5000, "²", "１", "1-99999999999999999999", "@" + "a" * 300, "\u202e", "1 2", "  ",
])


@FUZZ
@given(words=st.lists(_ROW_WORDS | st.text(max_size=12), max_size=6),
       rows=st.integers(0, 40))
def test_row_answers_are_rows_of_the_table_or_one_input_error(words: list[str],
                                                              rows: int) -> None:
    handles = [f"user{i}" for i in range(1, rows + 1)]
    text = " ".join(words)
    try:
        chosen = parse_rows(text, handles)
    except InputError as exc:
        assert exc.message and len(exc.message) < 6000
    else:
        assert chosen <= set(range(1, rows + 1))
    try:
        command = parse_command("keep " + text, handles)
    except InputError:
        return
    assert command.verb == "keep" and command.rows <= set(range(1, rows + 1))


_OPTION_TEXT = st.one_of(
    st.sampled_from(["", "-1", "0", "1e308", "9" * 30, "@", "@nobody", "2026-13-45",
                     "0001-01-01", "9999-12-31", "\u202e", "a\x1b[2J", "..", "/", "🇩🇪"]),
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=30),
)
# No command here may reach a network with what it is given: an instance address would.
_WAVE_COMMANDS = st.sampled_from([
    ("suggest", "--demo", "--limit", "{}"),
    ("suggest", "--demo", "--max-cost", "{}"),
    ("suggest", "--demo", "--format", "{}"),
    ("keep", "add", "--demo", "{}"),
    ("keep", "remove", "--demo", "{}"),
    ("keep", "list", "--network", "{}"),
    ("auth", "status", "--account", "{}"),
    ("auth", "status", "--network", "{}"),
    ("auth", "logout", "--network", "bluesky", "--account", "{}"),
    ("auth", "logout", "--network", "mastodon", "--account", "{}"),
    ("--account", "{}", "history", "--demo"),
    ("--account", "{}", "--network", "x", "--dry-run"),
    ("rules", "check", "--demo", "--format", "{}"),
    ("undo", "--demo", "--since", "{}", "--yes"),
    ("history", "--demo", "--limit", "{}"),
    ("explain", "--demo", "{}"),
])


@FUZZ
@given(command=_WAVE_COMMANDS, value=_OPTION_TEXT)
def test_random_values_for_this_waves_options(isolated_env: Path, command: tuple[str, ...],
                                              value: str) -> None:
    if not (isolated_env / "followprune.sqlite3").exists():  # a run to look back on
        clean(run("--demo", "--yes", "--limit", "3"), [0])
    args = [value if part == "{}" else part for part in command]
    clean(run(*args))


# --- stored login files: damaged, truncated, of the wrong shape -----------------------------

GOOD_LOGINS: dict[str, tuple[str, dict[str, Any]]] = {
    "x": ("x-tokens.json", {
        "access_token": "a", "refresh_token": "r", "expires_at": 9e9,
        "scope": "tweet.read users.read follows.read follows.write offline.access",
        "client_id": "c", "user_id": "1", "username": "alice"}),
    "bluesky": ("bluesky-session.json", {
        "did": "did:plc:abc", "handle": "alice.test", "access_jwt": "a", "refresh_jwt": "r",
        "service": "http://127.0.0.1:9"}),
    "mastodon": ("mastodon/logins/alice@127.0.0.1.json", {
        "account": "alice@127.0.0.1", "account_id": "1", "instance": "http://127.0.0.1:9",
        "access_token": "t", "scopes": "read write", "created_at": "2026-01-01T00:00:00Z"}),
}
_JSON_JUNK = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20),
                       st.lists(st.integers(), max_size=2),
                       st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
                       st.sampled_from(["http://[::1", "", "9" * 300, "nan"]))


@pytest.fixture(autouse=True)
def _networks_fail_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    """Well-formed stored logins send a run to the network: a closed loopback port, one
    attempt each, so a case takes milliseconds and nothing leaves the machine."""
    monkeypatch.setattr("followprune.networks.x.client.MAX_ATTEMPTS", 1)
    monkeypatch.setenv("FOLLOWPRUNE_X_API_BASE_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("FOLLOWPRUNE_BLUESKY_RETRIES", "1")
    monkeypatch.setenv("FOLLOWPRUNE_MASTODON_RETRIES", "1")
    for name in ("BLUESKY_HANDLE", "BLUESKY_APP_PASSWORD", "MASTODON_ACCESS_TOKEN"):
        monkeypatch.delenv(name, raising=False)


def _login_commands(network: str) -> list[tuple[str, ...]]:
    return [("auth", "status", "--network", network), ("auth", "status"),
            ("--network", network, "--dry-run"), ("--network", network, "--account", "alice",
                                                  "sync"),
            ("auth", "logout", "--network", network)]


def _try_login_file(home: Path, network: str, content: bytes) -> None:
    relative, _ = GOOD_LOGINS[network]
    path = home / relative
    for args in _login_commands(network):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)  # logout may have deleted it
        result = run_in(home, *args)
        # A stale but well-formed login reaches the (closed) port: exit 6 is fine there.
        err = clean(result, [0, 2, 5, 6])
        if result.exit_code == 5 and network != "mastodon" and "cannot be read" in err:
            assert str(path) in err


@pytest.mark.parametrize("network", sorted(GOOD_LOGINS))
@pytest.mark.parametrize("value", [None, 123, 1e400, [], {}, "", True, "http://[::1", "9" * 400])
def test_a_login_file_with_a_field_of_the_wrong_kind(tmp_path: Path, network: str,
                                                     value: Any) -> None:
    # Found: `'NoneType' object has no attribute 'rstrip'`, `timestamp out of range for
    # platform time_t`, `Invalid IPv6 URL` and a logout that tried to delete a file named
    # after the account inside the file (File name too long).
    _, good = GOOD_LOGINS[network]
    for key in good:
        text = json.dumps({**good, key: value}).replace("Infinity", "1e400")
        _try_login_file(tmp_path / f"{network}-{key}", network, text.encode())


@pytest.mark.parametrize("network", sorted(GOOD_LOGINS))
def test_a_truncated_or_missing_field_login_file(tmp_path: Path, network: str) -> None:
    _, good = GOOD_LOGINS[network]
    raw = json.dumps(good).encode()
    cases = [b"", b"{", raw[: len(raw) // 2], b"[]", b"null", b"\xff\xfe", b'"text"', b"{}"]
    cases += [json.dumps({k: v for k, v in good.items() if k != key}).encode() for key in good]
    for index, content in enumerate(cases):
        _try_login_file(tmp_path / str(index), network, content)


def test_a_damaged_x_login_names_the_file_and_the_field(isolated_env: Path) -> None:
    relative, good = GOOD_LOGINS["x"]
    path = isolated_env / relative
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({**good, "expires_at": "soon"}))
    before = snapshot(path)
    message = f"the X login in {path} cannot be read (expires_at is text)"
    status = run("auth", "status", "--network", "x")
    clean(status, [0])  # status reports every login, this one with its problem
    assert message in status.stdout
    err = clean(run("--network", "x", "--dry-run"), [5])
    assert message in err, err
    unchanged(before)


@FUZZ
@given(network=st.sampled_from(sorted(GOOD_LOGINS)), value=_JSON_JUNK,
       key_index=st.integers(0, 10))
def test_random_values_in_a_login_file(tmp_path_factory: pytest.TempPathFactory, network: str,
                                       value: Any, key_index: int) -> None:
    _, good = GOOD_LOGINS[network]
    key = sorted(good)[key_index % len(good)]
    text = json.dumps({**good, key: value}).replace("NaN", "1e400").replace("Infinity", "1e400")
    home = tmp_path_factory.mktemp("login")
    relative, _ = GOOD_LOGINS[network]
    (home / relative).parent.mkdir(parents=True, exist_ok=True)
    (home / relative).write_text(text)
    clean(run_in(home, "auth", "status"), [0, 5])


@pytest.mark.parametrize("network", ["x", "bluesky"])
def test_logout_forgets_a_damaged_login_and_keeps_a_good_one(isolated_env: Path,
                                                             network: str) -> None:
    # Found: Bluesky's logout refused a damaged session file (exit 5, "delete it"), and X's
    # deleted every stored login, the readable ones of other accounts too.
    relative, good = GOOD_LOGINS[network]
    isolated_env.mkdir()
    damaged = isolated_env / relative
    damaged.write_text("{")
    kept = isolated_env / relative.replace(".json", "-2.json")
    kept.write_text(json.dumps(good))
    result = run("auth", "logout", "--network", network)
    clean(result, [0])
    assert str(damaged) in result.stdout and "the stored login was deleted" in result.stdout
    assert not damaged.exists()
    assert json.loads(kept.read_text()) == good
    status = run("auth", "status", "--network", network)
    clean(status, [0])
    assert "alice" in status.stdout


def test_mastodon_logout_deletes_the_file_the_login_came_from(isolated_env: Path) -> None:
    # The account inside the file no longer matches its name (a hand-renamed file).
    folder = isolated_env / "mastodon" / "logins"
    folder.mkdir(parents=True)
    _, good = GOOD_LOGINS["mastodon"]
    stored = folder / "renamed.json"
    stored.write_text(json.dumps({**good, "account": "bob@127.0.0.1"}))
    result = run("auth", "logout", "--network", "mastodon")
    clean(result, [0])
    assert "bob@127.0.0.1" in result.stdout
    assert not stored.exists()


@pytest.mark.parametrize("value", ["a\nb", "\u202e", "two words", "tok\u00e9n"])
@pytest.mark.parametrize(("network", "names"), [
    ("x", ("X_BEARER_TOKEN",)),
    ("x", ("X_API_KEY", "X_API_SECRET", "X_ACCESS_TOKEN", "X_ACCESS_TOKEN_SECRET")),
    ("mastodon", ("MASTODON_ACCESS_TOKEN",)),
])
def test_a_token_in_the_environment_that_no_token_is(isolated_env: Path, network: str,
                                                     names: tuple[str, ...],
                                                     value: str) -> None:
    # Found: X_BEARER_TOKEN with a newline or U+202E ended in requests' InvalidHeader or a
    # latin-1 UnicodeEncodeError (internal error); MASTODON_ACCESS_TOKEN with U+202E was
    # reported as "the instance cannot be reached".
    env = dict.fromkeys(names, value)
    env["FOLLOWPRUNE_MASTODON_INSTANCE"] = "http://127.0.0.1:9"
    err = clean(run("--network", network, "--dry-run", env=env), [5])
    assert f"{names[0]} is not a token" in err, err
    assert value not in err  # never echoed: it may be most of a real secret
    # Status still lists it, and makes no call.
    clean(run("auth", "status", "--network", network, env=env), [0])


# --- web addresses: in the config, the environment and on the command line ------------------

BAD_ADDRESSES = ["not a url", "http://[::1", "ftp://x.example", "", "https://", "http://a b",
                 "http://localhost:99999", "javascript:alert(1)"]


@pytest.mark.parametrize("address", BAD_ADDRESSES)
@pytest.mark.parametrize(("key", "env"), [("x.api_base_url", "FOLLOWPRUNE_X_API_BASE_URL"),
                                          ("bluesky.service", "FOLLOWPRUNE_BLUESKY_SERVICE")])
def test_a_setting_that_is_not_a_web_address(isolated_env: Path, address: str, key: str,
                                             env: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Found: `sync` with x.api_base_url = "not a url" ended in requests' InvalidURL as an
    # internal error.
    monkeypatch.delenv(env, raising=False)
    section, name = key.split(".")
    isolated_env.mkdir(exist_ok=True)
    config = isolated_env / "config.toml"
    config.write_text(f'[{section}]\n{name} = {json.dumps(address)}\n')
    before = snapshot(config)
    err = clean(run("sync", "--network", section, env={"X_BEARER_TOKEN": "t"}), [2])
    assert f"{key}: not a web address" in err, err
    unchanged(before)
    config.unlink()
    err = clean(run("config", "show", env={env: address}), [2])
    assert f"environment variable {env}" in err and "not a web address" in err, err


def test_the_web_address_settings_still_take_loopback_and_https(isolated_env: Path) -> None:
    for address in ("https://api.x.com", "http://127.0.0.1:8080", "https://bsky.social/"):
        clean(run("config", "show", env={"FOLLOWPRUNE_X_API_BASE_URL": address,
                                         "FOLLOWPRUNE_BLUESKY_SERVICE": address}), [0])


def test_x_redirect_uri_and_a_pasted_url_that_do_not_parse(
    isolated_env: Path, terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Found: "Invalid IPv6 URL" / "Port out of range 0-65535" as internal errors.
    monkeypatch.setenv("FOLLOWPRUNE_X_CLIENT_ID", "client")
    for uri in ("http://[::1", "http://127.0.0.1:99999/cb"):
        err = clean(run("auth", "login", "--network", "x", "--no-browser",
                        env={"FOLLOWPRUNE_X_REDIRECT_URI": uri}), [2])
        assert "x.redirect_uri: not a web address" in err, err
    result = CliRunner().invoke(cli, ["auth", "login", "--network", "x", "--paste",
                                      "--no-browser"], input="http://[::1\n")
    err = clean(result, [5])
    assert "state mismatch" in err, err
    assert not (isolated_env / "x-tokens.json").exists()


@pytest.mark.parametrize("instance", ["http://[::1", "https://[zz", "https://host:99999",
                                      "https://a b.example", "ftp://x"])
def test_a_mastodon_instance_that_is_not_one(isolated_env: Path, instance: str) -> None:
    err = clean(run("auth", "login", "--network", "mastodon", "--instance", instance,
                    "--no-browser"), [2])
    assert "is not a Mastodon instance address" in err, err
    err = clean(run("sync", "--network", "mastodon",
                    env={"MASTODON_ACCESS_TOKEN": "t", "FOLLOWPRUNE_MASTODON_INSTANCE": instance}),
                [2])
    assert "is not a Mastodon instance address" in err, err


# --- undo and history arguments ------------------------------------------------------------

@pytest.mark.parametrize("command", [("undo", "--demo", "--yes"), ("history", "--demo")])
@pytest.mark.parametrize(("since", "until"), [("2030-01-01", "2020-01-01"),
                                              ("2026-05-01", "2026-05-01")])
def test_a_range_that_ends_before_it_starts(isolated_env: Path, command: tuple[str, ...],
                                            since: str, until: str) -> None:
    # Found: silently "Nothing to undo in the chosen time range" / "No actions recorded".
    clean(run("--demo", "--yes", "--limit", "3"), [0])
    err = clean(run(*command, "--since", since, "--until", until), [2])
    assert f"--since {since} 00:00 is not before --until {until} 00:00" in err, err


def test_history_limit_beyond_sqlite_is_a_usage_error(isolated_env: Path) -> None:
    # Found: OverflowError (Python int too large to convert to SQLite INTEGER).
    clean(run("--demo", "--dry-run", "--limit", "1"), [0])
    err = clean(run("history", "--demo", "--limit", "9" * 20), [2])
    assert "--limit" in err


def test_undoing_twice_and_runs_that_do_not_exist(isolated_env: Path) -> None:
    clean(run("--demo", "--yes", "--limit", "12"), [0])
    first = run("undo", "--demo", "--yes")
    clean(first, [0])
    again = run("undo", "--demo", "--run", "1", "--yes")
    clean(again, [0])
    assert "Nothing to undo in run 1" in again.stdout
    err = clean(run("undo", "--demo", "--run", "999", "--yes"), [2])
    assert "there is no run 999" in err



# What a terminal that is not UTF-8 sends: Python keeps the bytes it cannot decode as lone
# surrogates (b"\xff" becomes "\udcff"), which no text written to the store can hold.
NOT_UTF8 = "x" + b"\xff".decode("utf-8", "surrogateescape")


@pytest.mark.parametrize("command", [
    ("keep", "add", "--demo", NOT_UTF8), ("keep", "remove", "--demo", NOT_UTF8),
    ("history", "--demo", "--rule", NOT_UTF8), ("explain", "--demo", NOT_UTF8),
    ("--network", "bluesky", "--account", NOT_UTF8, "history"),
    ("auth", "logout", "--network", "bluesky", "--account", NOT_UTF8),
])
def test_command_line_text_that_is_not_utf8_is_a_usage_error(isolated_env: Path,
                                                             command: tuple[str, ...]) -> None:
    # Found: `keep add` and `history --rule` stopped with exit 1, "a text to be written to
    # the store is not valid Unicode ... the text came from a file or a server answer".
    clean(run("--demo", "--yes", "--limit", "3"), [0])
    err = clean(run(*command), [2])
    assert "is not valid text" in err, err
    assert "\\udcff" in err, err

@pytest.mark.parametrize("as_of", ["0001-01-01", "1970-01-01", "2006-03-20T23:59:59"])
def test_as_of_before_x_existed(isolated_env: Path, tmp_path: Path, as_of: str) -> None:
    # Found: accepted, and every account scored as "created in the future".
    users = tmp_path / "users.jsonl"
    users.write_text(json.dumps({"id": "1", "username": "alice", "name": "Alice",
                                 "created_at": "2015-03-01T10:00:00.000Z",
                                 "public_metrics": {"followers_count": 1,
                                                    "following_count": 1, "tweet_count": 1,
                                                    "listed_count": 0}}) + "\n")
    err = clean(run("--from", str(users), "--as-of", as_of, "--dry-run"), [2])
    assert f"--as-of {as_of[:10]} is before X existed (2006-03-21)" in err, err
    # The day X began is a time X existed; this file, made in 2015, was not captured then.
    err = clean(run("--from", str(users), "--as-of", "2006-03-21", "--dry-run"), [2])
    assert "before X existed" not in err and "@alice was created or posted on 2015" in err


# --- the store: a newer version's, a full disk ---------------------------------------------

def test_a_store_from_a_newer_version_is_refused_untouched(isolated_env: Path) -> None:
    # Found: used as if it were ours, and rewritten (VACUUM, new rows) by `store vacuum`.
    clean(run("--demo", "--dry-run", "--limit", "1"), [0])
    store = isolated_env / "followprune.sqlite3"
    with sqlite3.connect(store) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', '2031-01-01')")
    conn.close()
    before = snapshot(store)
    for args in (("history", "--demo"), ("store", "vacuum"), ("--demo", "--dry-run")):
        err = clean(run(*args), [1])
        assert "the store was written by a newer followprune (schema 999" in err, err
        assert str(store) in err and "upgrade followprune" in err
    unchanged(before)


def test_a_full_disk_is_not_called_damage(isolated_env: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    clean(run("--demo", "--dry-run", "--limit", "1"), [0])

    def full(*args: object, **kwargs: object) -> None:
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = sqlite3.SQLITE_FULL
        raise error

    monkeypatch.setattr("followprune.app.history.load_history", full)
    err = clean(run("history", "--demo"), [1])
    assert "the disk is full" in err and "damaged" not in err, err


def _tiny_disk() -> Path | None:
    """A 600 KB tmpfs, where root may mount one; None elsewhere."""
    if sys.platform != "linux" or os.geteuid() != 0 or shutil.which("mount") is None:
        return None
    where = Path(tempfile.mkdtemp(prefix="followprune-full-"))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(where)],
                          capture_output=True, check=False)
    if done.returncode != 0:
        where.rmdir()
        return None
    return where


@pytest.mark.parametrize("fill_kb", [100, 400])
def test_a_really_full_disk(fill_kb: int) -> None:
    disk = _tiny_disk()
    if disk is None:
        pytest.skip("needs root and a tmpfs mount to fill a disk")
    try:
        (disk / "filler").write_bytes(b"\0" * fill_kb * 1024)
        home = disk / "home"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("FOLLOWPRUNE_", "X_"))}
        done = subprocess.run([sys.executable, "-m", "followprune", "--demo", "--dry-run",
                               "--limit", "1"],
                              env={**env, "FOLLOWPRUNE_HOME": str(home), "NO_COLOR": "1"},
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 1, done.stderr
        assert "the disk is full" in done.stderr and "Traceback" not in done.stderr
        assert "damaged" not in done.stderr
        # Nothing half-built left behind: the store is whole or not there.
        assert not [p.name for p in home.glob("*.new-*")]
    finally:
        subprocess.run(["umount", str(disk)], check=False)
        disk.rmdir()


# --- what error messages quote -------------------------------------------------------------

def test_control_characters_in_a_message_are_shown_escaped(isolated_env: Path) -> None:
    clean(run("--demo", "--dry-run", "--limit", "1"), [0])
    err = clean(run("explain", "--demo", "a\x1b[31mb\u202ec\x07"), [2])
    assert "\x1b" not in err and "\u202e" not in err and "\x07" not in err
    assert "a\\x1b[31mb\\u202ec\\x07" in err, err


def test_a_config_path_too_long_for_the_file_system(isolated_env: Path) -> None:
    # Found: OSError (File name too long) as an internal error.
    err = clean(run("config", "show", env={"FOLLOWPRUNE_CONFIG": "x" * 5000}), [2])
    assert "File name too long" in err and len(err) < 600, err


@pytest.mark.parametrize("command", [("--from", "{}", "--dry-run"), ("--config", "{}", "history"),
                                     ("--auto", "--demo", "--report", "{}.md"),
                                     ("import-archive", "{}"), ("config", "init", "--path", "{}")])
@pytest.mark.parametrize("name", ["x" * 5000, "a\x00b"])
def test_a_file_name_no_file_can_have(isolated_env: Path, command: tuple[str, ...],
                                      name: str) -> None:
    # Found: OSError (File name too long) and ValueError (embedded null byte) from the first
    # file call of each command, as internal errors.
    err = clean(run(*[part.replace("{}", name) for part in command]), [2])
    assert "File name too long" in err or "NUL byte" in err, err
    assert len(err) < 800


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes are POSIX here")
def test_config_init_force_never_replaces_what_is_not_a_file(tmp_path: Path) -> None:
    # Found: `--force` renamed the new config over whatever the path named; as root, over
    # /dev/null, that swapped the device for a text file. A pipe and a folder stand in here.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    for target in (fifo, folder):
        err = clean(run("config", "init", "--force", "--path", str(target)), [2])
        assert f"{target} is not a regular file" in err, err
    assert fifo.is_fifo() and folder.is_dir() and not list(folder.iterdir())
    assert not list(tmp_path.glob("*.bak")) and not list(tmp_path.glob("*.tmp"))


def test_an_unknown_account_names_a_network_the_option_takes(isolated_env: Path) -> None:
    # Not logged in as that account: exit 5 on every network (Bluesky and Mastodon say it so).
    err = clean(run("--network", "x", "--account", "nobody", "--dry-run"), [5])
    assert "`prune auth login --network x`" in err, err


def test_a_filtered_history_shows_only_the_runs_it_speaks_of(isolated_env: Path) -> None:
    from click.testing import CliRunner

    runner = CliRunner()
    assert runner.invoke(cli, ["--demo", "--yes", "--limit", "3"]).exit_code == 0
    # A range after every run: no run listed with "none" beside a run that acted.
    later = runner.invoke(cli, ["--demo", "history", "--since", "2030-01-01"])
    assert later.exit_code == 0
    assert "unfollow" not in later.stdout and "for that selection" in later.stdout
    unknown = runner.invoke(cli, ["--demo", "history", "--rule", "nope"])
    assert unknown.exit_code == 0 and "No rule named 'nope'" in unknown.stderr
    doc = json.loads(runner.invoke(cli, ["--demo", "history", "--since", "2030-01-01",
                                         "--format", "json"]).stdout)
    assert doc["runs"] == [] and doc["actions"] == []
    everything = json.loads(runner.invoke(cli, ["--demo", "history", "--since", "2020-01-01",
                                                "--format", "json"]).stdout)
    assert len(everything["runs"]) == 1 and len(everything["actions"]) == 3


@pytest.mark.parametrize("command", [
    ("history", "--demo", "--rule", ""), ("history", "--demo", "--rule", "  "),
    ("--demo", "--account", "", "--dry-run"),
    ("auth", "logout", "--network", "bluesky", "--account", " "),
])
def test_blank_command_line_text_is_a_usage_error(isolated_env: Path,
                                                  command: tuple[str, ...]) -> None:
    # Found: `history --rule ""` (a rule name from an unset shell variable) listed every
    # action as if no rule had been asked for, and `--account ""` was ignored.
    clean(run("--demo", "--yes", "--limit", "3"), [0])
    err = clean(run(*command), [2])
    assert "is empty" in err, err


def test_vacuum_of_a_garbled_store_says_damaged_not_disk_full(isolated_env: Path) -> None:
    """VACUUM on a damaged file can fail with SQLite's "database or disk is full" with the
    disk half empty (probe round 10): its quick_check tells the two apart."""
    clean(run("--demo", "--dry-run", "--limit", "1"), [0])
    store = isolated_env / "followprune.sqlite3"
    size = store.stat().st_size
    noise = random.Random(3)
    with store.open("r+b") as file:
        for offset in range(4096 * 3, size, 4096 * 7):
            file.seek(offset + 100)
            file.write(noise.randbytes(300))
    err = clean(run("store", "vacuum"), [1])
    assert "is damaged" in err and "disk is full" not in err, err


# --- the review's options before a command (probe round 11) ---------------------------------

@pytest.mark.parametrize(("args", "said"), [
    # `prune --dry-run undo --yes` undid: --dry-run was dropped without a word.
    (["--demo", "--dry-run", "undo", "--yes"], "--dry-run belongs to the review"),
    (["--demo", "--dry-run", "keep", "add", "@alice"], "--dry-run belongs to the review"),
    (["--demo", "--yes", "undo"], "for `undo` write it after: prune undo --yes"),
    (["--demo", "--limit", "3", "history"], "for `history` write it after"),
    (["--from", "users.jsonl", "history"], "--from belongs to the review"),
    (["--from", "users.jsonl", "explain", "alice"], "for `explain` write it after"),
])
def test_a_review_option_before_a_command_is_refused(isolated_env: Path, tmp_path: Path,
                                                      args: list[str], said: str) -> None:
    users = tmp_path / "users.jsonl"
    users.write_text(json.dumps({"id": "1", "username": "alice"}) + "\n")
    args = [str(users) if a == "users.jsonl" else a for a in args]
    err = clean(run(*args), [2])
    assert said in err, err
    # Nothing was changed: the demo's store holds no run.
    assert "no runs on demo yet" in clean(run("--demo", "history"), [2])
