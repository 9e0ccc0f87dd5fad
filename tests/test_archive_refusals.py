"""`prune import-archive` refusing what would put a wrong follow list in the store: an archive
whose age cannot be trusted or compared, one that follows nobody, one with files twice, one
imported while another run holds the account; and archive text UTF-8 cannot hold. Each
refusal is exit 2 (7 for the lock) with the store exactly as it was."""

from __future__ import annotations

import json
import sqlite3
import warnings
import zipfile
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from followprune.app.lock import run_lock
from followprune.paths import resolve_paths
from tests.archive_factory import ME_ID, FakeArchive, tweet, write_zip
from tests.conftest import Invoke

FOLLOWING = ["2000000001", "2000000002", "2000000003"]
# Stands in for a `\ud800` escape: the factory writes UTF-8, which cannot hold a lone one.
LONE = "LONE_SURROGATE"
Rows = dict[str, list[tuple[Any, ...]]]


def archive(tmp_path: Path, name: str, *, edit_manifest: Callable[[dict[str, Any]], Any]
            | None = None, **fields: Any) -> Path:
    fields.setdefault("following", FOLLOWING)
    files = FakeArchive(**fields).files()
    if edit_manifest is not None:
        config = json.loads(files["data/manifest.js"].split(b"=", 1)[1])
        edit_manifest(config)
        files["data/manifest.js"] = b"window.__THAR_CONFIG = " + json.dumps(config).encode()
    files = {key: value.replace(LONE.encode(), b"\\ud800") for key, value in files.items()}
    return write_zip(files, tmp_path / name)


def store_rows(home: Path) -> Rows:
    """Every row of every table: what "the store is unchanged" is checked against."""
    path = home / "followprune.sqlite3"
    if not path.exists():
        return {}
    with closing(sqlite3.connect(path)) as conn:
        tables = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
                for table in tables}


def follows(home: Path) -> dict[str, tuple[int, str]]:
    """account id → (followed, first_seen)."""
    return {row[1]: (row[2], row[6]) for row in store_rows(home).get("follows", [])}


def state_value(home: Path, key: str) -> str | None:
    values = [row[2] for row in store_rows(home).get("sync_state", []) if row[1] == key]
    return values[0] if values else None


@pytest.fixture
def held(tmp_path: Path, invoke: Invoke, isolated_env: Path) -> Rows:
    """The store holding the list of an archive made on 2024-05-01 10:00 UTC."""
    result = invoke("import-archive", str(archive(tmp_path, "held.zip")))
    assert result.exit_code == 0, result.output
    assert set(follows(isolated_env)) == set(FOLLOWING)
    return store_rows(isolated_env)


def assert_refused(result: Any, code: int, *messages: str) -> None:
    assert result.exit_code == code, result.output
    assert result.stderr.startswith("Error: "), result.stderr
    assert "Traceback" not in result.output
    for message in messages:
        assert message in result.stderr, result.stderr


# --- the generation date -----------------------------------------------------------------


def test_a_naive_generation_date_is_utc_so_an_older_one_is_refused(
    tmp_path: Path, invoke: Invoke, isolated_env: Path, held: Rows
) -> None:
    older = archive(tmp_path, "naive.zip", following=["2000000001", "2000000007"],
                    generated_at="2020-01-01T00:00:00")
    assert_refused(invoke("import-archive", str(older)), 2,
                   "this archive was made on 2020-01-01, before the follow list the store"
                   " already holds (as of 2024-05-01 10:00 UTC)",
                   "Hint: request a new archive from X")
    assert store_rows(isolated_env) == held

    newer = archive(tmp_path, "naive_newer.zip", generated_at="2024-05-02T09:30:00")
    result = invoke("import-archive", str(newer))
    assert result.exit_code == 0, result.output
    assert "(made 2024-05-02)" in result.stdout
    assert state_value(isolated_env, "archive.generated_at") == "2024-05-02T09:30:00+00:00"


def test_an_archive_without_a_date_is_refused_when_a_list_is_held(
    tmp_path: Path, invoke: Invoke, isolated_env: Path, held: Rows
) -> None:
    undated = archive(tmp_path, "undated.zip", following=["2000000001", "2000000008"],
                      edit_manifest=lambda c: c["archiveInfo"].pop("generationDate"))
    assert_refused(invoke("import-archive", str(undated)), 2,
                   "this archive does not say when it was made (no generationDate in"
                   " data/manifest.js), so it cannot be checked against the follow list the"
                   " store already holds (as of 2024-05-01 10:00 UTC)",
                   "nothing was imported")
    assert store_rows(isolated_env) == held

    no_info = archive(tmp_path, "no_info.zip", edit_manifest=lambda c: c.pop("archiveInfo"))
    assert_refused(invoke("import-archive", str(no_info)), 2, "does not say when it was made")
    assert store_rows(isolated_env) == held


def test_an_archive_without_a_date_is_imported_into_an_empty_store_and_says_so(
    tmp_path: Path, invoke: Invoke, isolated_env: Path
) -> None:
    undated = archive(tmp_path, "undated.zip",
                      edit_manifest=lambda c: c["archiveInfo"].pop("generationDate"))
    result = invoke("import-archive", str(undated))
    assert result.exit_code == 0, result.output
    assert "Imported the X archive of @ana_codes (date unknown)." in result.stdout
    assert "the archive does not say when it was made" in result.stderr
    assert set(follows(isolated_env)) == set(FOLLOWING)
    assert state_value(isolated_env, "archive.generated_at") is None


def test_a_generation_date_that_is_no_date_is_refused(
    tmp_path: Path, invoke: Invoke, isolated_env: Path
) -> None:
    garbled = archive(tmp_path, "garbled.zip", generated_at="last Tuesday")
    assert_refused(invoke("import-archive", str(garbled)), 2,
                   "data/manifest.js: archiveInfo.generationDate 'last Tuesday' is not a date",
                   "Hint: use the archive as X sent it")
    assert follows(isolated_env) == {}


def _in_two_days() -> str:
    return (datetime.now(UTC) + timedelta(days=2)).isoformat()


@pytest.mark.parametrize(("generated", "said"), [
    ("9999-12-31T00:00:00.000Z", "made on 9999-12-31, in the future"),
    (None, "in the future"),  # two days ahead of the real clock
    ("0001-01-01T00:00:00Z", "made on 0001-01-01, before X existed (2006-03-21)"),
    ("2006-03-20T23:59:59Z", "made on 2006-03-20, before X existed"),
])
def test_a_generation_date_x_cannot_have_written_is_refused(
    tmp_path: Path, invoke: Invoke, isolated_env: Path, held: Rows, generated: str | None,
    said: str,
) -> None:
    bad = archive(tmp_path, "bad_date.zip", following=["2000000009"],
                  generated_at=generated or _in_two_days())
    assert_refused(invoke("import-archive", str(bad)), 2,
                   "data/manifest.js: says the archive was made on ", said,
                   "nothing was imported")
    assert store_rows(isolated_env) == held
    # Nothing was kept that would block the next archive.
    newer = archive(tmp_path, "newer.zip", generated_at="2024-05-03T00:00:00Z")
    assert invoke("import-archive", str(newer)).exit_code == 0


def test_a_future_date_on_an_empty_store_is_refused_too(
    tmp_path: Path, invoke: Invoke, isolated_env: Path
) -> None:
    future = archive(tmp_path, "future.zip", generated_at="9999-12-31T00:00:00Z")
    result = invoke("import-archive", str(future))
    assert_refused(result, 2, "in the future", "check this computer's clock")
    assert follows(isolated_env) == {}


def test_a_date_within_a_day_of_now_is_accepted(
    tmp_path: Path, invoke: Invoke, isolated_env: Path
) -> None:
    soon = (datetime.now(UTC) + timedelta(hours=12)).isoformat()
    result = invoke("import-archive", str(archive(tmp_path, "soon.zip", generated_at=soon)))
    assert result.exit_code == 0, result.output


# --- text UTF-8 cannot hold ----------------------------------------------------------------


def test_a_lone_surrogate_in_free_text_is_replaced(
    tmp_path: Path, invoke: Invoke, isolated_env: Path
) -> None:
    posts = [tweet(1_700_000_000_000_000_001, datetime(2024, 1, 2, tzinfo=UTC),
                   f"{LONE} lone")]
    path = archive(tmp_path, "text.zip", tweets=posts)
    with zipfile.ZipFile(path) as zf:
        assert b'"\\ud800 lone"' in zf.read("data/tweets.js")
    result = invoke("import-archive", str(path))
    assert result.exit_code == 0, result.output
    texts = [row[2] for row in store_rows(isolated_env)["my_posts"]]
    assert texts == ["\ufffd lone"]


def test_a_lone_surrogate_in_the_display_name_is_replaced(
    tmp_path: Path, invoke: Invoke, isolated_env: Path
) -> None:
    # The factory names everyone "Ana"; the account file is edited after it is written.
    files = FakeArchive(following=FOLLOWING).files()
    files["data/account.js"] = files["data/account.js"].replace(b'"Ana"', b'"An\\ud800a"')
    result = invoke("import-archive", str(write_zip(files, tmp_path / "display.zip")))
    assert result.exit_code == 0, result.output
    profiles = [json.loads(row[3]) for row in store_rows(isolated_env)["accounts"]
                if row[1] == ME_ID]
    assert [p["name"] for p in profiles] == ["An\ufffda"]


def test_a_lone_surrogate_in_your_username_is_refused(
    tmp_path: Path, invoke: Invoke, isolated_env: Path, held: Rows
) -> None:
    path = archive(tmp_path, "user.zip", username=f"ana{LONE}codes",
                   generated_at="2024-05-02T00:00:00Z")
    result = invoke("import-archive", str(path))
    assert_refused(result, 2, "data/account.js: entry 1 has a username that is not valid text"
                   " ('ana\\ud800codes')", "Hint: use the archive as X sent it")
    assert "cannot read back" not in result.stderr  # the store is fine: not its fault
    assert store_rows(isolated_env) == held


def test_a_lone_surrogate_in_a_mentioned_screen_name_is_refused(
    tmp_path: Path, invoke: Invoke, isolated_env: Path, held: Rows
) -> None:
    posts = [
        tweet(1_700_000_000_000_000_001, datetime(2024, 1, 2, tzinfo=UTC), "fine"),
        tweet(1_700_000_000_000_000_002, datetime(2024, 1, 3, tzinfo=UTC), "hi",
              mentions=[("2000000001", f"bob{LONE}")]),
    ]
    path = archive(tmp_path, "mention.zip", tweets=posts, generated_at="2024-05-02T00:00:00Z")
    assert_refused(invoke("import-archive", str(path)), 2,
                   "data/tweets.js: entry 2 mentions a screen name that is not valid text")
    assert store_rows(isolated_env) == held


# --- an empty follow list ------------------------------------------------------------------


def test_an_archive_following_nobody_is_refused_and_follow_dates_are_kept(
    tmp_path: Path, invoke: Invoke, isolated_env: Path, held: Rows
) -> None:
    first_seen = follows(isolated_env)
    empty = archive(tmp_path, "empty.zip", following=[], followers=FOLLOWING,
                    generated_at="2024-05-02T00:00:00Z")
    assert_refused(invoke("import-archive", str(empty)), 2,
                   "data/following.js: lists nobody you follow",
                   "Hint: use the archive as X sent it")
    assert store_rows(isolated_env) == held
    # Importing the full list again keeps the dates the first import gave.
    again = archive(tmp_path, "again.zip", generated_at="2024-05-03T00:00:00Z")
    assert invoke("import-archive", str(again)).exit_code == 0
    assert follows(isolated_env) == first_seen


def test_an_archive_following_nobody_is_refused_on_an_empty_store(
    tmp_path: Path, invoke: Invoke, isolated_env: Path
) -> None:
    result = invoke("import-archive", str(archive(tmp_path, "empty.zip", following=[])))
    assert_refused(result, 2, "lists nobody you follow")
    assert follows(isolated_env) == {}


# --- the lock ------------------------------------------------------------------------------


@pytest.mark.parametrize("lock", ["account", "store"])
def test_import_is_refused_while_another_run_holds_the_lock(
    tmp_path: Path, invoke: Invoke, isolated_env: Path, held: Rows, lock: str
) -> None:
    paths = resolve_paths()
    # Another run on this account, or `prune store vacuum` (the store-wide lock, exclusive).
    path = paths.account_lock_file("x", ME_ID) if lock == "account" else paths.lock_file
    newer = archive(tmp_path, "newer.zip", following=["2000000001", "2000000009"],
                    generated_at="2024-05-02T00:00:00Z")
    with run_lock(path):
        result = invoke("import-archive", str(newer))
    assert_refused(result, 7, "another prune run is in progress", "this one did nothing")
    assert store_rows(isolated_env) == held

    after = invoke("import-archive", str(newer))  # the lock went with that run
    assert after.exit_code == 0, after.output
    assert follows(isolated_env)["2000000009"][0] == 1


# --- the zip itself ------------------------------------------------------------------------


def _zip_with_twice(tmp_path: Path, name: str) -> Path:
    files = FakeArchive(following=FOLLOWING).files()
    path = write_zip(files, tmp_path / "twice.zip")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate it is told to add
        with zipfile.ZipFile(path, "a") as zf:
            zf.writestr(name, files[name].replace(b"2000000001", b"2000000042"))
    return path


def test_a_file_in_the_zip_twice_is_refused(
    tmp_path: Path, invoke: Invoke, isolated_env: Path
) -> None:
    result = invoke("import-archive", str(_zip_with_twice(tmp_path, "data/following.js")))
    assert_refused(result, 2, "data/following.js: in the zip more than once",
                   "Hint: use the archive as X sent it")
    assert follows(isolated_env) == {}


def test_a_file_twice_that_is_never_read_does_not_matter(
    tmp_path: Path, invoke: Invoke, isolated_env: Path
) -> None:
    result = invoke("import-archive", str(_zip_with_twice(tmp_path, "Your archive.html")))
    assert result.exit_code == 0, result.output
    assert set(follows(isolated_env)) == set(FOLLOWING)
