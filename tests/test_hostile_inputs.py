"""Hostile and random input to every way in: the config file and the environment, archive
zips and folders, the store file, option values.

Whatever comes in, `prune` must end with a documented exit code (README, "Exit codes"), never
print a traceback or "this is a bug", and leave the person's files as they were (bytes and
modification times). Hand-written cases pin the exact message; hypothesis feeds random bytes
and text. Most cases run in-process with CliRunner; a few run `python -m followprune` to see
the real stderr.

(`prune --from` files are covered with networks/file.py's own tests.)
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from followprune.cli.main import cli
from followprune.errors import ExitCode
from tests.archive_factory import FakeArchive, write_folder, write_zip

DOCUMENTED = {int(code) for code in ExitCode}
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "100")), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
CASES = {"tried": 0}

Snapshot = dict[Path, tuple[bytes, int]]


def snapshot(*roots: Path) -> Snapshot:
    """Bytes and modification time of every file under `roots` (files or folders)."""
    found: Snapshot = {}
    for root in roots:
        paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in paths:
            found[path] = (path.read_bytes(), path.stat().st_mtime_ns)
    return found


def unchanged(before: Snapshot) -> None:
    for path, (data, mtime) in before.items():
        assert path.exists(), f"{path} was removed"
        assert path.read_bytes() == data, f"{path} was changed"
        assert path.stat().st_mtime_ns == mtime, f"{path} was touched"


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    CASES["tried"] += 1
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=True)


def clean(result: Result, codes: Sequence[int] | None = None) -> str:
    """The checks every case shares; returns stderr for more specific ones."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"escaped: {result.exception!r}\n{result.output}")
    text = result.stdout + result.stderr
    assert "Traceback" not in text, text
    assert "this is a bug" not in text, text
    assert "internal error" not in text, text
    assert result.exit_code in DOCUMENTED, (result.exit_code, text)
    if codes is not None:
        assert result.exit_code in codes, (result.exit_code, text)
    return result.stderr


@pytest.fixture(scope="module", autouse=True)
def _count() -> Iterator[None]:
    yield
    print(f"\nhostile inputs: {CASES['tried']} cases")


# --- the config file -----------------------------------------------------------------------

def write_config(home: Path, data: bytes) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "config.toml"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("data", "expected"), [
    (b'[interests]\nkeywords = ["caf\xe9"]\n', "not UTF-8 text: byte 0xe9 at line 2, column"),
    (random.Random(4).randbytes(4096), "not UTF-8 text"),
    (b"\xff\xfe[\x00a\x00]\x00", "not UTF-8 text: byte 0xff at line 1, column 1"),
    (b"a = " + b"[" * 50_000 + b"]" * 50_000, "nested too deeply"),
    (b"[actions]\ndelay_seconds = inf\n",
     "actions.delay_seconds: Input should be a finite number (got inf); expected a number"
     " from 0 to 3600"),
    (b"[actions]\njitter_seconds = nan\n", "actions.jitter_seconds"),
    (b"[actions]\nper_day = -5\n", "expected a whole number from 1 to 10000"),
    (b"[x]\nmax_cost = 1e308\n", "x.max_cost"),
    (b"[x]\ntimeout_seconds = 0\n", "expected a number above 0 and at most 600"),
    (b"[proposals]\nlimit = 99999999999999999999\n", "proposals.limit"),
    (b"[interaction]\nhalf_life_days = 1e400\n", "interaction.half_life_days"),
    (b'[[auto.rules]]\nname = "x"\ninactive_days = 1000000000\n', "inactive_days"),
    (b"[actions]\ndelay_seconds = '" + b"A" * 5000 + b"'\n", "actions.delay_seconds"),
    (b"\x00\x00\x00", "not valid TOML"),
])
def test_a_broken_config_file_is_one_message_naming_it(
    isolated_env: Path, data: bytes, expected: str
) -> None:
    path = write_config(isolated_env, data)
    before = snapshot(path)
    for args in (("config", "show"), ("--demo", "--dry-run", "--limit", "1")):
        err = clean(run(*args), [2])
        assert str(path) in err
        assert expected in err, err
        assert len(err) < 1000  # never the file's content
    unchanged(before)


def test_a_byte_order_mark_is_accepted(isolated_env: Path) -> None:
    write_config(isolated_env, b'\xef\xbb\xbfnetwork = "demo"\n')
    result = run("config", "show")
    clean(result, [0])
    assert 'network = "demo"' in result.stdout


def test_a_binary_config_under_auto_is_one_line(isolated_env: Path) -> None:
    write_config(isolated_env, bytes(range(256)) * 16)
    err = clean(run("--auto", "--demo"), [2])
    assert err.count("\n") <= 2 and "\\x" not in err  # the message and its hint, no repr


def test_a_directory_where_the_config_file_should_be(isolated_env: Path, tmp_path: Path) -> None:
    (isolated_env / "config.toml").mkdir(parents=True)
    err = clean(run("config", "show"), [2])
    assert f"config file {isolated_env / 'config.toml'} is a directory" in err
    err = clean(run("--config", str(tmp_path), "config", "show"), [2])
    assert f"config file {tmp_path} is a directory" in err
    assert "does not exist" not in err


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes are POSIX here")
def test_a_named_pipe_as_config_is_refused_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    err = clean(run("--config", str(fifo), "config", "show"), [2])
    assert "not a regular file" in err


@FUZZ
@given(data=st.binary(max_size=600) | st.text(max_size=300).map(str.encode))
def test_random_config_bytes(isolated_env: Path, data: bytes) -> None:
    path = write_config(isolated_env, data)
    before = snapshot(path)
    clean(run("config", "show"), [0, 2])
    unchanged(before)


_SECTION_KEYS = st.sampled_from([
    "[actions]\ndelay_seconds", "[actions]\nper_run", "[x]\ntimeout_seconds",
    "[x]\nmax_cost", "[proposals]\nthreshold", "[proposals]\nlimit", "[weights]\nquality",
    "[auto]\ncooling_off_hours", "[x.prices]\nuser_read", "[interaction]\nhalf_life_days",
])
_TOML_NUMBERS = st.one_of(
    st.sampled_from(["inf", "-inf", "nan", "+nan", "1e308", "-1e308", "1e400", "0", "-0.0",
                     "9" * 40, "-" + "9" * 20, "0x7fffffffffffffff", "true", '"inf"', "[]", "{}"]),
    st.floats().map(repr),
    st.integers().map(str),
)


@FUZZ
@given(key=_SECTION_KEYS, value=_TOML_NUMBERS)
def test_random_numbers_for_every_kind_of_setting(isolated_env: Path, key: str,
                                                  value: str) -> None:
    write_config(isolated_env, f"{key} = {value}\n".encode())
    err = clean(run("config", "show"), [0, 2])
    if err and "not valid TOML" not in err:  # a float repr TOML spells differently
        assert key.split("\n")[1] in err


# --- the environment -----------------------------------------------------------------------

ENV_SETTINGS = [
    "FOLLOWPRUNE_X_TIMEOUT_SECONDS", "FOLLOWPRUNE_ACTIONS_DELAY_SECONDS",
    "FOLLOWPRUNE_ACTIONS_PER_RUN", "FOLLOWPRUNE_PROPOSALS_THRESHOLD",
    "FOLLOWPRUNE_PROPOSALS_LIMIT", "FOLLOWPRUNE_INTERESTS_KEYWORDS", "FOLLOWPRUNE_NETWORK",
    "FOLLOWPRUNE_X_MAX_COST", "FOLLOWPRUNE_AUTO_COOLING_OFF_HOURS", "FOLLOWPRUNE_NO_SUCH_KEY",
    "FOLLOWPRUNE_GEOGRAPHY_HOME", "X_CLIENT_ID",
]
# Anything the environment can hold: no NUL, no lone surrogate.
_ENV_TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
                    max_size=80)


@pytest.mark.parametrize(("name", "value"), [
    ("FOLLOWPRUNE_X_TIMEOUT_SECONDS", "inf"),
    ("FOLLOWPRUNE_ACTIONS_DELAY_SECONDS", "nan"),
    ("FOLLOWPRUNE_ACTIONS_DELAY_SECONDS", "-1"),
    ("FOLLOWPRUNE_X_MAX_COST", "1e308"),
    ("FOLLOWPRUNE_ACTIONS_PER_RUN", "1e3"),
])
def test_absurd_numbers_in_the_environment(name: str, value: str) -> None:
    err = clean(run("config", "show", env={name: value}), [2])
    assert f"environment variable {name}" in err and "expected" in err, err


@FUZZ
@given(name=st.sampled_from(ENV_SETTINGS), value=_ENV_TEXT)
def test_random_environment_values(name: str, value: str) -> None:
    clean(run("config", "show", env={name: value}), [0, 2])


@FUZZ
@given(value=st.sampled_from(["inf", "nan", "-1", "1e308", "0"]) | st.floats().map(str))
def test_absurd_max_cost_option(value: str) -> None:
    err = clean(run("--max-cost", value, "config", "show"), [0, 2])
    if err:
        assert "--max-cost" in err


# --- archive zips and folders --------------------------------------------------------------

def _archive_files(following_js: bytes | None = None) -> dict[str, bytes]:
    files = FakeArchive(following=["11", "12"], followers=["11"]).files()
    if following_js is not None:
        files["data/following.js"] = following_js
    return files


DEEP = b"window.YTD.following.part0 = [" + b"[" * 50_000 + b"]" * 50_000 + b"]"


@pytest.mark.parametrize("form", ["zip", "folder"])
def test_an_archive_nested_fifty_thousand_deep(tmp_path: Path, form: str) -> None:
    files = _archive_files(DEEP)
    target = (write_zip(files, tmp_path / "a.zip") if form == "zip"
              else write_folder(files, tmp_path / "archive"))
    before = snapshot(target)
    err = clean(run("import-archive", str(target)), [2])
    assert "data/following.js" in err and "nested too deeply" in err, err
    unchanged(before)


_HOSTILE_JS = [
    b"window.YTD.following.part0 = " + b"{" * 30_000,
    b"window.YTD.following.part0 = [" + b'{"following": ' * 20_000,
    b"window.YTD.following.part0 = [\xff\xfe\x00]",
    b"window.YTD.following.part0 = [{\"following\": {\"accountId\": [\"1\"]}}]",
    b"window.YTD.following.part0 = [{\"following\": null}]",
    b"window.YTD.following.part0 = [1, \"two\", null, true]",
    b"window.YTD.following.part0 = {}",
    b"window.YTD.following.part0 = [" + b"1e999999," * 100 + b"1]",
    b"",
    b"\x00" * 1000,
]


@pytest.mark.parametrize("data", _HOSTILE_JS, ids=range(len(_HOSTILE_JS)))
def test_hostile_following_js(tmp_path: Path, data: bytes) -> None:
    folder = write_folder(_archive_files(data), tmp_path / "archive")
    before = snapshot(folder)
    clean(run("import-archive", str(folder)), [0, 2])
    unchanged(before)


@FUZZ
@given(data=st.binary(max_size=400),
       prefix=st.sampled_from([b"", b"window.YTD.following.part0 = ",
                               b"window.YTD.following.part0 = ["]),
       form=st.sampled_from(["zip", "folder"]))
def test_random_following_js(tmp_path_factory: pytest.TempPathFactory, data: bytes,
                             prefix: bytes, form: str) -> None:
    root = tmp_path_factory.mktemp("archive")
    files = _archive_files(prefix + data)
    target = (write_zip(files, root / "a.zip") if form == "zip"
              else write_folder(files, root / "archive"))
    before = snapshot(target)
    clean(run("import-archive", str(target)), [0, 2])
    unchanged(before)


@FUZZ
@given(data=st.binary(min_size=1, max_size=2000), keep=st.integers(0, 4000))
# Found by this test: a garbled header asks for zip version 6.4, which zipfile refuses with
# NotImplementedError.
@example(data=b"\x00\x00@", keep=1852)
def test_random_zip_bytes(tmp_path_factory: pytest.TempPathFactory, data: bytes,
                          keep: int) -> None:
    """Random bytes, and a real archive zip cut or garbled at a random place."""
    root = tmp_path_factory.mktemp("zip")
    real = write_zip(_archive_files(), root / "real.zip").read_bytes()
    for name, content in (("random.zip", data),
                          ("cut.zip", real[: keep % len(real)]),
                          ("garbled.zip", real[:keep % len(real)] + data
                           + real[keep % len(real) + len(data):])):
        path = root / name
        path.write_bytes(content)
        before = snapshot(path)
        clean(run("import-archive", str(path)), [0, 2])
        unchanged(before)


def test_a_zip_whose_member_names_are_hostile(tmp_path: Path) -> None:
    path = tmp_path / "names.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for name in ("data/manifest.js", "../../evil.js", "/abs.js", "data/\x00.js",
                     "data/" + "a" * 300 + ".js"):
            zf.writestr(name, b"window.x = []")
    before = snapshot(path)
    clean(run("import-archive", str(path)), [2])
    unchanged(before)


# --- the store file ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real_store(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    home = tmp_path_factory.mktemp("real")
    result = CliRunner().invoke(cli, ["--demo", "--dry-run", "--limit", "1"],
                                env={"FOLLOWPRUNE_HOME": str(home)})
    assert result.exit_code == 0, result.output
    return (home / "followprune.sqlite3").read_bytes()


def test_a_zero_length_store_is_refused_and_kept(isolated_env: Path) -> None:
    isolated_env.mkdir()
    store = isolated_env / "followprune.sqlite3"
    store.write_bytes(b"")
    before = snapshot(store)
    err = clean(run("--demo", "--dry-run", "--limit", "1"), [1])
    assert f"the store {store} is empty (0 bytes)" in err
    assert "delete the empty file to start a new store" in err
    unchanged(before)


def test_a_pipe_or_a_device_as_the_store_is_named_as_such(isolated_env: Path) -> None:
    # Had been "empty (0 bytes)", with a hint to delete it (probe round 11).
    isolated_env.mkdir()
    store = isolated_env / "followprune.sqlite3"
    store.symlink_to("/dev/null")
    err = clean(run("--demo", "--dry-run", "--limit", "1"), [1])
    assert f"the store {store} is not a regular file" in err and "0 bytes" not in err
    assert store.is_symlink()


def test_a_directory_where_the_store_should_be(isolated_env: Path) -> None:
    (isolated_env / "followprune.sqlite3").mkdir(parents=True)
    err = clean(run("history", "--demo"), [1])
    assert "is a directory" in err


def test_followprune_home_is_a_file(tmp_path: Path) -> None:
    home = tmp_path / "afile"
    home.write_text("mine")
    before = snapshot(home)
    env = {"FOLLOWPRUNE_HOME": str(home)}
    err = clean(run("history", "--demo", env=env), [1])
    assert f"{home} is a file, not a folder" in err
    err = clean(run("--auto", "--demo", env=env), [1, 2])
    assert str(home) in err
    unchanged(before)


def test_a_store_that_is_not_a_database(isolated_env: Path) -> None:
    isolated_env.mkdir()
    store = isolated_env / "followprune.sqlite3"
    store.write_bytes(b"definitely not SQLite " * 100)
    before = snapshot(store)
    err = clean(run("history", "--demo"), [1])
    assert f"cannot open the store {store}" in err and "move a damaged file aside" in err
    unchanged(before)


@FUZZ
@given(data=st.binary(min_size=1, max_size=3000))
def test_random_store_bytes(isolated_env: Path, data: bytes) -> None:
    isolated_env.mkdir(exist_ok=True)
    store = isolated_env / "followprune.sqlite3"
    store.write_bytes(data)
    before = snapshot(store)
    clean(run("history", "--demo"), [1, 2])
    unchanged(before)


@FUZZ
@given(cut=st.integers(1, 10**6), garble=st.binary(min_size=1, max_size=64),
       at=st.integers(0, 10**6), how=st.sampled_from(["cut", "garble"]))
# Found by this test: a byte garbled in the schema page made even SQLite's error message
# undecodable (UnicodeDecodeError while opening).
@example(cut=1, garble=b"\x80", at=79993, how="garble")
def test_a_damaged_real_store(isolated_env: Path, real_store: bytes, cut: int, garble: bytes,
                              at: int, how: str) -> None:
    isolated_env.mkdir(exist_ok=True)
    store = isolated_env / "followprune.sqlite3"
    if how == "cut":
        damaged = real_store[: cut % len(real_store)] or b"S"
    else:
        at %= len(real_store)
        damaged = real_store[:at] + garble + real_store[at + len(garble):]
    store.write_bytes(damaged)
    for name in ("followprune.sqlite3-wal", "followprune.sqlite3-shm"):
        (isolated_env / name).unlink(missing_ok=True)
    result = run("history", "--demo")
    clean(result, [0, 1, 2])
    if result.exit_code == 1:
        assert "store" in result.stderr


def test_a_store_garbled_on_every_page(isolated_env: Path, real_store: bytes) -> None:
    isolated_env.mkdir(exist_ok=True)
    data = bytearray(real_store)
    for offset in range(4096, len(data), 4096):
        data[offset : offset + 100] = b"\xab" * 100
    store = isolated_env / "followprune.sqlite3"
    store.write_bytes(bytes(data))
    before = snapshot(store)
    err = clean(run("history", "--demo"), [1])
    assert str(store) in err and "malformed" in err
    unchanged(before)


def test_a_store_found_damaged_after_it_opened(
    isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    clean(run("--demo", "--dry-run", "--limit", "1"), [0])

    def malformed(*args: object, **kwargs: object) -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr("followprune.app.history.load_history", malformed)
    err = clean(run("history", "--demo"), [1])
    assert (f"the store {isolated_env / 'followprune.sqlite3'} is damaged: database disk image"
            " is malformed") in err


@pytest.mark.parametrize(("table", "change", "commands"), [
    ("journal", "at = 'garbage'", [("history", "--demo"), ("undo", "--demo", "--yes")]),
    ("actions", "kind = 'explode'", [("history", "--demo"), ("--demo", "--dry-run")]),
    ("runs", "summary = 'garbage'", [("history", "--demo")]),
    ("sync_state", "value = 'garbage'", [("--demo", "--dry-run")]),
], ids=["journal-date", "action-kind", "run-summary", "sync-state"])
def test_a_value_in_the_store_that_cannot_be_read_back(
    isolated_env: Path, table: str, change: str, commands: list[tuple[str, ...]]
) -> None:
    # Sound pages, a row that says nonsense (a hand edit, another program): the store's
    # fault, said as such (exit 1, as for a damaged file), not "internal error".
    import sqlite3

    clean(run("--demo", "--yes", "--limit", "2"), [0])
    store = isolated_env / "followprune.sqlite3"
    db = sqlite3.connect(store)
    for trigger in ("journal_append_only_u", "actions_append_only_u"):
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    db.execute(f"UPDATE {table} SET {change}")
    db.commit()
    db.close()
    for command in commands:
        err = clean(run(*command), [1])
        assert f"the store {store} holds a value it cannot read back" in " ".join(err.split())


# Root ignores file permissions, so these run the CLI as `nobody` when the tests run as root.
def _as_other_user() -> list[str] | None:
    if sys.platform == "win32":
        return None
    if os.geteuid() != 0:
        return []
    for tool in ("/usr/bin/setpriv", "/bin/setpriv"):
        if Path(tool).exists():
            prefix = [tool, "--reuid=65534", "--regid=65534", "--clear-groups"]
            # The other user must be able to run this interpreter and import the package
            # (a virtual environment in a folder only root may enter cannot be).
            probe = subprocess.run([*prefix, sys.executable, "-c", "import followprune"],
                                   capture_output=True, check=False, timeout=60)
            return prefix if probe.returncode == 0 else None
    return None


def _prune_as(prefix: list[str], home: Path, *args: str,
              env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    CASES["tried"] += 1
    full = {key: value for key, value in os.environ.items()
            if not key.startswith(("FOLLOWPRUNE_", "X_"))}
    full.update(FOLLOWPRUNE_HOME=str(home), NO_COLOR="1", **(env or {}))
    return subprocess.run([*prefix, sys.executable, "-m", "followprune", *args], env=full,
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def other_user_home(tmp_path: Path) -> Iterator[tuple[list[str], Path]]:
    prefix = _as_other_user()
    if prefix is None:
        pytest.skip("no way to run followprune as a user without root's permissions (no"
                    " setpriv, or the environment is not readable by others)")
    import tempfile

    # Outside pytest's own tmp folder, which only root may enter.
    base = Path(tempfile.mkdtemp(prefix="followprune-perm-"))
    base.chmod(0o755)
    try:
        yield prefix, base
    finally:
        for path in sorted(base.rglob("*"), reverse=True):
            path.chmod(0o700)
        import shutil

        shutil.rmtree(base, ignore_errors=True)


def _chown(path: Path) -> None:
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)


def test_a_read_only_store_file(other_user_home: tuple[list[str], Path],
                                real_store: bytes) -> None:
    prefix, home = other_user_home
    home = home / "home"
    home.mkdir()
    _chown(home)
    store = home / "followprune.sqlite3"
    store.write_bytes(real_store)
    _chown(store)
    store.chmod(0o444)
    before = snapshot(store)
    done = _prune_as(prefix, home, "history", "--demo")
    assert done.returncode == 1, done.stderr
    assert f"cannot write to the store: the store {store} is read-only" in done.stderr
    assert "Traceback" not in done.stderr and "bug" not in done.stderr
    assert "damaged" not in done.stderr
    unchanged(before)


def test_a_read_only_store_folder(other_user_home: tuple[list[str], Path]) -> None:
    prefix, home = other_user_home
    home = home / "home"
    home.mkdir()
    home.chmod(0o555)
    done = _prune_as(prefix, home, "--demo", "--dry-run", "--limit", "1")
    assert done.returncode == 1, done.stderr
    assert f"the folder {home} of the store is not writable" in done.stderr, done.stderr
    assert "damaged" not in done.stderr and "Traceback" not in done.stderr


# --- option values -------------------------------------------------------------------------

_OPTION_TEXT = st.one_of(
    st.sampled_from(["", "-1", "0", "inf", "nan", "1e308", "9" * 30, "-" * 3, "@", "2026-13-45",
                     "1970-01-01", "9999-12-31", "\u202e", "🇩🇪", "--yes"]),
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40),
)
_COMMANDS = st.sampled_from([
    ("--demo", "--dry-run", "--limit", "{}"),
    ("--demo", "--dry-run", "--max-cost", "{}"),
    ("--demo", "--dry-run", "--format", "{}"),
    ("history", "--demo", "--run", "{}"),
    ("history", "--demo", "--since", "{}"),
    ("history", "--demo", "--rule", "{}"),
    ("undo", "--demo", "--run", "{}", "--yes"),
    ("undo", "--demo", "--until", "{}", "--yes"),
    ("explain", "--demo", "{}"),
    ("locate", "{}"),
    ("--auto", "--demo", "--report", "{}"),
    ("--network", "{}", "history"),
    ("config", "{}"),
])


@FUZZ
@given(command=_COMMANDS, value=_OPTION_TEXT)
def test_random_option_values(isolated_env: Path, command: tuple[str, ...], value: str,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    # A relative --report path is written where we stand: never in the repository.
    isolated_env.mkdir(exist_ok=True)
    monkeypatch.chdir(isolated_env)
    args = [value if part == "{}" else part for part in command]
    before = snapshot(isolated_env) if isolated_env.exists() else {}
    result = run(*args)
    clean(result)
    unchanged({p: v for p, v in before.items() if p.name == "config.toml"})


def test_run_ids_beyond_sqlite(isolated_env: Path) -> None:
    clean(run("--demo", "--dry-run", "--limit", "1"), [0])
    for args in (("history", "--demo", "--run", "9" * 30), ("undo", "--demo", "--run", "9" * 30,
                                                             "--yes")):
        err = clean(run(*args), [2])
        assert "no run" in err or "is not in the range" in err, err


# --- a few real processes ------------------------------------------------------------------

def test_real_processes_print_no_traceback(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_bytes(bytes(range(256)) * 16)
    deep = write_folder(_archive_files(DEEP), tmp_path / "archive")
    cases = [
        (("--auto", "--demo"), 2),
        (("config", "show"), 2),
        (("--demo", "--dry-run"), 2),
    ]
    for args, code in cases:
        done = _prune_as([], home, *args)
        assert done.returncode == code, done.stderr
        assert "Traceback" not in done.stderr + done.stdout
        assert "not UTF-8 text" in done.stderr and len(done.stderr) < 600
    (home / "config.toml").unlink()
    done = _prune_as([], home, "import-archive", str(deep))
    assert done.returncode == 2 and "nested too deeply" in done.stderr, done.stderr
    done = _prune_as([], home, "--auto", "--demo",
                     env={"FOLLOWPRUNE_ACTIONS_DELAY_SECONDS": "inf"})
    assert done.returncode == 2, done.stderr
    assert "FOLLOWPRUNE_ACTIONS_DELAY_SECONDS" in done.stderr and "Traceback" not in done.stderr
