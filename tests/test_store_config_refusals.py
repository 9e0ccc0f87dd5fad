"""Refusals found by fuzzing: a SQLite file of another application where the store goes,
`config init --force` failing half-way, config values of the wrong TOML type, and a place
name holding a control character.

Each is refused with its documented exit code and one message saying where, and leaves the
person's files as they were.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from followprune.errors import StoreError
from followprune.store.database import Store
from followprune.store.migrations import MIGRATIONS, schema_version
from tests.conftest import Invoke

OUR_BOOKKEEPING = ("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY,"
                   " name TEXT NOT NULL, applied_at TEXT NOT NULL)")


def make_database(path: Path, script: str) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(script)
    conn.commit()
    conn.close()
    return path.read_bytes()


# --- the store: another application's database is not ours to migrate -----------------------

FOREIGN = {
    "unrelated tables": "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
                        " INSERT INTO notes (body) VALUES ('mine');",
    # Found: "table accounts already exists", with schema_migrations left in the file.
    "a table named like ours": "CREATE TABLE accounts (name TEXT); CREATE VIEW v AS"
                               " SELECT * FROM accounts;",
    # What that bug left behind: our bookkeeping table, empty, beside the other tables.
    "our empty bookkeeping beside them": f"CREATE TABLE accounts (name TEXT); {OUR_BOOKKEEPING};",
    # Rails, and other migration tools, keep a table of this name with other columns.
    "another tool's schema_migrations": "CREATE TABLE schema_migrations (version TEXT"
                                        " PRIMARY KEY); CREATE TABLE posts (title TEXT);",
}


@pytest.mark.parametrize("script", FOREIGN.values(), ids=FOREIGN.keys())
@pytest.mark.parametrize("command", [("--demo", "--dry-run", "--limit", "1"),
                                     ("history", "--demo"), ("store", "vacuum")])
def test_a_database_of_another_application_is_refused_untouched(
    invoke: Invoke, isolated_env: Path, script: str, command: tuple[str, ...]
) -> None:
    store = isolated_env / "followprune.sqlite3"
    before = make_database(store, script)
    result = invoke(*command)
    assert result.exit_code == 1, result.output
    assert f"{store} is not a followprune store" in result.stderr, result.stderr
    assert "FOLLOWPRUNE_HOME" in result.stderr and "move the file" in result.stderr
    assert "Traceback" not in result.output
    assert store.read_bytes() == before
    assert sorted(p.name for p in isolated_env.glob("followprune.sqlite3*")) == [store.name]


def test_the_refusal_names_the_tables_it_found(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    before = make_database(path, "CREATE TABLE accounts (x); CREATE TABLE ledger (y);")
    with pytest.raises(StoreError, match=r"another application's tables \(accounts, ledger\)"):
        Store(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("script", [
    "PRAGMA user_version = 7;",  # a SQLite file with a header and no tables
    OUR_BOOKKEEPING,  # a first run stopped before its first step committed
], ids=["no tables", "only our bookkeeping"])
def test_a_database_with_no_tables_of_its_own_becomes_a_store(tmp_path: Path,
                                                               script: str) -> None:
    path = tmp_path / "s.sqlite3"
    make_database(path, script)
    with Store(path) as store:
        assert schema_version(store.conn) == MIGRATIONS[-1][0]


def test_a_store_opens_again_after_the_check(invoke: Invoke, isolated_env: Path) -> None:
    for _ in range(2):
        result = invoke("--demo", "--dry-run", "--limit", "1")
        assert result.exit_code == 0, result.output


# --- config init --force: a replace that fails leaves nothing behind -----------------------

def test_a_failed_replace_leaves_no_tmp_and_no_fresh_backup(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "cfg" / "config.toml"
    target.parent.mkdir()
    target.write_text("network = 'demo'\n")
    replace = Path.replace

    def refused(self: Path, other: str | Path) -> Path:
        if self.name.endswith(".tmp"):
            raise PermissionError(1, "Operation not permitted")
        return replace(self, other)

    monkeypatch.setattr(Path, "replace", refused)
    result = invoke("config", "init", "--path", str(target), "--force")
    assert result.exit_code == 2, result.output
    assert f"cannot write {target}" in result.stderr
    assert sorted(p.name for p in target.parent.iterdir()) == ["config.toml"]
    assert target.read_text() == "network = 'demo'\n"


def test_a_backup_that_was_there_before_is_not_removed(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "config.toml"
    target.write_text("network = 'demo'\n")
    (tmp_path / "config.toml.bak").write_text("network = 'x'\n")

    def refused(self: Path, other: str | Path) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", refused)
    result = invoke("config", "init", "--path", str(target), "--force")
    assert result.exit_code == 2, result.output
    assert sorted(p.name for p in tmp_path.glob("config.toml*")) == [
        "config.toml", "config.toml.bak"]
    assert target.read_text() == "network = 'demo'\n"


@pytest.fixture
def immutable(tmp_path: Path) -> Iterator[Path]:
    """A config file that not even root may replace (`chattr +i`), where that can be set."""
    path = tmp_path / "config.toml"
    path.write_text("network = 'demo'\n")
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)],
                                        capture_output=True).returncode != 0:
        pytest.skip("chattr +i needs root and a file system that has the flag")
    try:
        yield path
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


def test_an_immutable_config_is_left_as_it_was(invoke: Invoke, immutable: Path) -> None:
    # Found: exit 2 "cannot write", with config.toml.tmp and config.toml.bak left behind.
    result = invoke("config", "init", "--path", str(immutable), "--force")
    assert result.exit_code == 2, result.output
    assert f"cannot write {immutable}" in result.stderr
    assert sorted(p.name for p in immutable.parent.glob("config.toml*")) == ["config.toml"]
    assert immutable.read_text() == "network = 'demo'\n"


# --- config values of the wrong TOML type ---------------------------------------------------

WRONG_TYPES = {
    "a bool for a count": ("[actions]\nper_run = true\n", "actions.per_run"),
    "a bool for a limit": ("[proposals]\nlimit = true\n", "proposals.limit"),
    "an int for a bool": ("[proposals]\nkeep_mutuals = 1\n", "proposals.keep_mutuals"),
    "a string for days": ('[proposals]\ngrace_days = "0"\n', "proposals.grace_days"),
    "a string for a number": ('[proposals]\nthreshold = "0.3"\n', "proposals.threshold"),
    "a float for a count": ("[suggest]\nlimit = 1e3\n", "suggest.limit"),
    "a bool for a float": ("[actions]\ndelay_seconds = false\n", "actions.delay_seconds"),
    "a string for a rule's bool": (
        '[[auto.rules]]\nname = "n"\nfollows_you = "false"\n',
        'auto.rules[0] ("n"): follows_you'),
}


@pytest.mark.parametrize(("text", "key"), WRONG_TYPES.values(), ids=WRONG_TYPES.keys())
@pytest.mark.parametrize("command", [("config", "show"), ("--demo", "--dry-run")])
def test_a_wrong_type_in_the_file_stops_naming_file_and_key(
    invoke: Invoke, tmp_path: Path, text: str, key: str, command: tuple[str, ...]
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    result = invoke("--config", str(path), *command)
    assert result.exit_code == 2, result.output
    assert f"{path}: {key}: Input should be a valid" in result.stderr, result.stderr


def test_every_problem_is_in_one_message(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[proposals]\nlimit = 0\nkeep_mutuals = 1\n")
    result = invoke("--config", str(path), "config", "show")
    assert result.exit_code == 2, result.output
    assert f"{path}: proposals.limit: Input should be greater than" in result.stderr
    assert f"{path}: proposals.keep_mutuals: Input should be a valid boolean" in result.stderr


def test_an_int_where_a_float_is_wanted_is_fine(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[proposals]\nthreshold = 0\n[actions]\ndelay_seconds = 2\n"
                    '[[auto.rules]]\nname = "low"\nkeep_below = 1\n')
    result = invoke("--config", str(path), "config", "show")
    assert result.exit_code == 0, result.output
    assert "threshold = 0.0  # file" in result.stdout
    assert "delay_seconds = 2.0  # file" in result.stdout


def test_the_environment_is_still_converted(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    # The file's wrong value is not the one in force: the environment replaces it.
    path.write_text("[proposals]\nlimit = true\n")
    result = invoke("--config", str(path), "config", "show", env={
        "FOLLOWPRUNE_PROPOSALS_LIMIT": "5", "FOLLOWPRUNE_PROPOSALS_KEEP_MUTUALS": "true",
        "FOLLOWPRUNE_PROPOSALS_THRESHOLD": "0.25", "FOLLOWPRUNE_ACTIONS_DELAY_SECONDS": "1"})
    assert result.exit_code == 0, result.output
    for line in ("limit = 5  # env", "keep_mutuals = true  # env", "threshold = 0.25  # env",
                 "delay_seconds = 1.0  # env"):
        assert line in result.stdout, result.stdout


# --- place names with control characters ------------------------------------------------------

@pytest.mark.parametrize(("section", "key", "value"), [
    ("geography", "home", r'["\u0000"]'),
    ("geography", "regions", r'["DE", "Ber\u001blin"]'),
    ("proposals", "keep_places", r'["\u0007"]'),
])
def test_a_place_name_with_a_control_character_stops_at_load(
    invoke: Invoke, tmp_path: Path, section: str, key: str, value: str
) -> None:
    # Found: `config show` exited 0, and every run stopped without naming the file.
    path = tmp_path / "config.toml"
    path.write_text(f"[{section}]\n{key} = {value}\n")
    for command in (("config", "show"), ("--demo", "--dry-run")):
        result = invoke("--config", str(path), *command)
        assert result.exit_code == 2, result.output
        assert f"{path}: {section}.{key}[" in result.stderr, result.stderr
        assert "control characters" in result.stderr
        assert "\x00" not in result.stderr and "\x1b" not in result.stderr


def test_a_control_character_from_the_environment_names_the_variable(invoke: Invoke) -> None:
    result = invoke("config", "show", env={"FOLLOWPRUNE_GEOGRAPHY_HOME": "DE,\x1b[2J"})
    assert result.exit_code == 2, result.output
    assert "environment variable FOLLOWPRUNE_GEOGRAPHY_HOME: geography.home[1]" in result.stderr


def test_a_lone_surrogate_written_to_the_store_is_not_called_damage(tmp_path: Path) -> None:
    # The advice for damage is to set the store aside: wrong for a text from outside that
    # SQLite's UTF-8 cannot hold, which leaves the store as sound as before.
    from followprune.store import Store
    from followprune.store.database import damaged_store_error

    store = Store(tmp_path / "store.sqlite")
    try:
        store.identity("x", "1", "ana\ud800")
    except UnicodeEncodeError as exc:
        error = damaged_store_error(exc, store.path)
    else:
        raise AssertionError("SQLite took a lone surrogate")
    assert error is not None and "not valid Unicode ('\\ud800')" in error.message
    assert "damaged" not in error.message and "cannot read back" not in error.message
    assert "intact" in (error.hint or "")
    assert store.identities_named("x") == []


def test_a_lone_surrogate_from_a_server_is_shown_as_a_replacement_not_a_stopped_sync(
    tmp_path: Path,
) -> None:
    # A server's JSON may escape half an emoji ("\ud83d" alone); written to the store as it
    # came, it stopped the whole sync. Every network's profile reaches the store as an Account.
    from datetime import UTC, datetime

    from followprune.models import Graph, Relationship
    from followprune.networks.bluesky.network import account_from_profile
    from followprune.store import Store

    account = account_from_profile({"did": "did:plc:a", "handle": "a.bsky.social",
                                    "displayName": "Ana \ud83d", "description": "bio \udc00!"})
    assert account.name == "Ana \ufffd" and account.bio == "bio \ufffd!"
    store = Store(tmp_path / "store.sqlite")
    me = account.model_copy(update={"id": "did:plc:me", "handle": "me.bsky.social"})
    identity = store.identity("bluesky", me.id, me.handle)
    graph = Graph(me=me, accounts=[account], relationships=[Relationship(account_id=account.id)],
                  interactions=[], my_posts=["my post \ud800"])
    store.snapshots.save_graph(identity, graph, datetime.now(UTC))
    (profile,) = store.conn.execute("SELECT profile FROM accounts WHERE account_id = ?",
                                    (account.id,)).fetchone()
    assert "Ana \ufffd" in profile
