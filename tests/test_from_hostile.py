"""`prune --from` on hostile files (issue 9): one message naming the file, the line and the
key, exit code 2, never a traceback; nothing the person had is changed.

A partly bad file is refused as a whole, naming the first bad line and how many there are;
`--skip-bad` scores the good lines and counts the bad ones on stderr.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followprune.cli.main import cli
from tests.conftest import Invoke, proposals_json

GOOD = {"id": "1001", "username": "alice", "name": "Alice", "description": "rust and python",
        "location": "Berlin", "created_at": "2015-03-01T10:00:00.000Z", "verified": False,
        "protected": False,
        "public_metrics": {"followers_count": 300, "following_count": 250,
                           "tweet_count": 4000, "listed_count": 3, "like_count": 90},
        "most_recent_tweet_id": "1790000000000000000",
        "connection_status": ["following"]}


def _user(i: int, **changes: Any) -> dict[str, Any]:
    return {**GOOD, "id": str(1001 + i), "username": f"user{i}", **changes}


def _lines(*records: Any) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


def _counts(home: Path) -> tuple[int, int]:
    path = home / "followprune.sqlite3"
    if not path.exists():
        return 0, 0
    db = sqlite3.connect(path)
    try:
        runs = db.execute("SELECT COUNT(*) FROM runs").fetchone()[0]
        actions = db.execute("SELECT COUNT(*) FROM actions").fetchone()[0]
    finally:
        db.close()
    return int(runs), int(actions)


def _refused(result: Result, path: Path, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"Error: {path}")
    for needle in needles:
        assert needle in first, first


HOSTILE_LINES: list[tuple[str, bytes, tuple[str, ...]]] = [
    ("metrics as text", _lines(_user(0, public_metrics="lots")),
     ("line 1", '"public_metrics": expected an object of counts', "'lots'")),
    ("a count as text", _lines(_user(0, public_metrics={"followers_count": "many"})),
     ("line 1", '"public_metrics.followers_count": expected a whole number')),
    ("a negative count", _lines(_user(0, public_metrics={"tweet_count": -4})),
     ("line 1", "public_metrics.tweet_count")),
    ("a count as true", _lines(_user(0, public_metrics={"listed_count": True})),
     ("line 1", "public_metrics.listed_count", "got true")),
    ("id in a list", _lines(_user(0, id=["1"])), ("line 1", '"id": expected an id', "a list")),
    ("id as an object", _lines(_user(0, id={"n": 1})), ("line 1", '"id"')),
    ("id empty", _lines(_user(0, id="")), ("line 1", '"id"')),
    ("no id", _lines({"username": "x"}), ("line 1", 'no "id"')),
    # X gives every user object a username: without one the account was shown under its id.
    ("no username", _lines({k: v for k, v in GOOD.items() if k != "username"}),
     ("line 1", 'no "username"')),
    ("username empty", _lines(_user(0, username="")), ("line 1", '"username": expected a handle')),
    ("username blank", _lines(_user(0, username="  ")), ("line 1", '"username"')),
    ("username null", _lines(_user(0, username=None)), ("line 1", 'no "username"')),
    ("username as a number", _lines(_user(0, username=7)),
     ("line 1", '"username": expected text')),
    ("a user with no username in a page",
     _lines({"data": [_user(0), {k: v for k, v in _user(1).items() if k != "username"}]}),
     ("line 1", "user 2 of the page", 'no "username"')),
    ("name as a number", _lines(_user(0, name=7)), ("line 1", '"name": expected text')),
    ("verified as text", _lines(_user(0, verified="yes")), ("line 1", '"verified"')),
    ("a bad date", _lines(_user(0, created_at="last tuesday")), ("line 1", '"created_at"')),
    ("status not a list", _lines(_user(0, connection_status="followed_by")),
     ("line 1", '"connection_status"')),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\n", ("line 1", "not UTF-8")),
    ("latin-1 text", '{"id": "1", "name": "Müller"}\n'.encode("latin-1"),
     ("line 1", "not UTF-8")),
    ("deep lists", b"[" * 100_000 + b"]" * 100_000 + b"\n", ("line 1", "nested too deeply")),
    ("deep objects", b'{"a":' * 50_000 + b"1" + b"}" * 50_000 + b"\n",
     ("line 1", "nested too deeply")),
    ("not JSON", b"hello\n", ("line 1", "not JSON")),
    ("a list", b"[1, 2]\n", ("line 1", "expected a JSON object, got a list")),
    ("a page whose data is text", _lines({"data": "users"}), ("line 1", '"data"')),
    ("a bad user in a page", _lines({"data": [_user(0), _user(1, id=None)]}),
     ("line 1", "user 2 of the page", '"id"')),
    ("posts not a list", _lines({"data": [_user(0)], "includes": {"tweets": "x"}}),
     ("line 1", '"includes.tweets"')),
    # A page's users are named before its posts, though the posts are read first.
    ("a bad user and bad posts",
     _lines({"data": [_user(0), _user(1, name=7)], "includes": {"tweets": "x"}}),
     ("line 1", "user 2 of the page", '"name"')),
    ("bad posts and a bad capture time",
     _lines({"data": [_user(0)], "includes": {"tweets": [{"text": "no id"}]},
             "__twarc": {"retrieved_at": "yesterday"}}),
     ("line 1", '"includes.tweets": expected posts with an "id"')),
    ("a bad capture time",
     _lines({"data": [_user(0)], "__twarc": {"retrieved_at": "yesterday"}}),
     ("line 1", "retrieved_at")),
]


@pytest.mark.parametrize("name,content,needles", HOSTILE_LINES, ids=[c[0] for c in HOSTILE_LINES])
def test_a_hostile_line_is_one_clear_message(
    invoke: Invoke, tmp_path: Path, isolated_env: Path, name: str, content: bytes,
    needles: tuple[str, ...],
) -> None:
    path = tmp_path / "follows.jsonl"
    path.write_bytes(content)
    before = path.read_bytes()
    _refused(invoke("--from", str(path), "--all", "--format", "json"), path, *needles)
    assert path.read_bytes() == before
    assert _counts(isolated_env) == (0, 0)


@pytest.mark.parametrize("content", [b"", b"\n\n   \n"], ids=["empty", "blank lines"])
def test_an_empty_file_holds_no_accounts(invoke: Invoke, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(content)
    result = invoke("--from", str(path))
    _refused(result, path, "the file held no accounts")
    assert "Nothing to propose" not in result.output


def test_a_missing_file_or_a_folder_is_named_as_such(invoke: Invoke, tmp_path: Path) -> None:
    _refused(invoke("--from", str(tmp_path / "gone.jsonl")), tmp_path / "gone.jsonl",
             "no such file")
    folder = tmp_path / "follows.jsonl"
    folder.mkdir()
    _refused(invoke("--from", str(folder)), folder, "is a folder, not a file")


def test_a_page_of_only_errors_holds_no_accounts(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "errors.jsonl"
    path.write_bytes(_lines({"errors": [{"detail": "Could not find user", "value": "5"}]}))
    _refused(invoke("--from", str(path)), path, "the file held no accounts")


def test_a_partly_bad_file_names_the_first_bad_line_and_the_count(
    invoke: Invoke, tmp_path: Path, isolated_env: Path
) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(_lines(_user(0), _user(1, id=["2"]), _user(2), _user(3, name=5))
                     + b"\xff\xfe\n" + _lines(_user(4)))
    result = invoke("--from", str(path), "--all", "--format", "json")
    _refused(result, path, "line 2", "(3 bad lines in all)")
    assert "--skip-bad" in result.stderr
    assert result.stdout == ""
    assert _counts(isolated_env) == (0, 0)


def test_skip_bad_scores_the_rest_and_counts_what_it_skipped(
    invoke: Invoke, tmp_path: Path
) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(_lines(_user(0), _user(1, id=["2"]), _user(2)) + b"not json\n")
    result = invoke("--from", str(path), "--skip-bad", "--all", "--format", "json")
    data = proposals_json(result)
    assert {a["handle"] for a in data["accounts"]} == {"user0", "user2"}
    assert data["skipped_lines"] == 2
    assert f"Skipped 2 bad lines of {path} (--skip-bad)." in result.stderr


def test_skip_bad_counts_a_line_without_a_username(invoke: Invoke, tmp_path: Path) -> None:
    # Such a line was taken silently and its account shown as @<id>.
    nameless = {k: v for k, v in _user(1).items() if k != "username"}
    path = tmp_path / "nameless.jsonl"
    path.write_bytes(_lines(_user(0), nameless, _user(2, username="")))
    refused = invoke("--from", str(path), "--all", "--format", "json")
    _refused(refused, path, "line 2", 'no "username"', "(2 bad lines in all)")
    result = invoke("--from", str(path), "--skip-bad", "--all", "--format", "json")
    data = proposals_json(result)
    assert {a["handle"] for a in data["accounts"]} == {"user0"}
    assert data["skipped_lines"] == 2
    assert f"Skipped 2 bad lines of {path} (--skip-bad)." in result.stderr


def test_skip_bad_with_nothing_good_left_still_holds_no_accounts(
    invoke: Invoke, tmp_path: Path
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"nope\n[1]\n")
    _refused(invoke("--from", str(path), "--skip-bad"), path,
             "the file held no accounts (2 bad lines skipped)")


MASTODON_CSV = (b"Account address,Show boosts,Notify on new posts,Languages\n"
                b"alice@mastodon.social,true,false,\nbob@fosstodon.org,true,false,\n")


@pytest.mark.parametrize("name,content,said,hint", [
    ("a JSON array", json.dumps([_user(0), _user(1)]).encode(),
     "it looks like a JSON array; --from reads JSON lines", "jq -c '.[]' FILE"),
    ("a JSON array over lines", json.dumps([_user(0), _user(1)], indent=2).encode(),
     "it looks like a JSON array; --from reads JSON lines", "jq -c '.[]' FILE"),
    ("a page over lines", json.dumps({"data": [_user(0)]}, indent=2).encode(),
     "it looks like one JSON object written over several lines", "jq -c . FILE"),
    ("Mastodon's CSV", b"\xef\xbb\xbf" + MASTODON_CSV,
     "it looks like Mastodon's export of the accounts you follow (following_accounts.csv),"
     " which holds their addresses only", "`prune --network mastodon sync`"),
], ids=lambda value: value if isinstance(value, str) and len(value) < 30 else "")
@pytest.mark.parametrize("skip_bad", [False, True])
def test_a_file_of_another_shape_is_named_with_what_to_do(
    invoke: Invoke, tmp_path: Path, name: str, content: bytes, said: str, hint: str,
    skip_bad: bool,
) -> None:
    # Found: a JSON array or Mastodon's following_accounts.csv was "line 1: not JSON" with
    # "fix the file, or pass --skip-bad", and --skip-bad then said "held no accounts".
    path = tmp_path / "following_accounts.csv"
    path.write_bytes(content)
    result = invoke("--from", str(path), *(["--skip-bad"] if skip_bad else []))
    _refused(result, path, said)
    assert hint in result.stderr and "pass --skip-bad" not in result.stderr


def test_a_bad_line_after_good_ones_is_not_said_to_be_another_shape(
    invoke: Invoke, tmp_path: Path
) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(_lines(_user(0)) + b"[1]\n")
    result = invoke("--from", str(path))
    _refused(result, path, "line 2: expected a JSON object, got a list")
    assert "looks like" not in result.stderr and "pass --skip-bad" in result.stderr


def test_skip_bad_and_as_of_need_from(invoke: Invoke) -> None:
    for args in (["--skip-bad"], ["--as-of", "2025-01-01"]):
        result = invoke("--demo", "--dry-run", *args)
        assert result.exit_code == 2
        assert "only works with --from" in result.stderr


# --- fuzzing -------------------------------------------------------------------------------

_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12,
)
_KEYS = [*GOOD, "pinned_tweet_id", "url", "profile_image_url", "data", "includes"]


@st.composite
def _hostile_user(draw: st.DrawFn) -> Any:
    user: dict[str, Any] = dict(GOOD, id=str(draw(st.integers(1, 10**6))))
    for _ in range(draw(st.integers(0, 3))):
        user[draw(st.sampled_from(_KEYS))] = draw(_json)
    metrics = dict(GOOD["public_metrics"])  # type: ignore[arg-type]
    if draw(st.booleans()):
        metrics[draw(st.sampled_from(list(metrics)))] = draw(_json)
        user["public_metrics"] = metrics
    return user


_line = st.one_of(
    _hostile_user().map(lambda u: json.dumps(u).encode()),
    _hostile_user().map(lambda u: json.dumps({"data": [u], "includes": {"tweets": []},
                                              "__twarc": {"retrieved_at":
                                                          "2026-05-01T00:00:00+00:00"}}
                                             ).encode()),
    st.lists(_hostile_user(), max_size=3).map(lambda us: json.dumps({"data": us}).encode()),
    _json.map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=40).map(lambda b: b.replace(b"\n", b" ")),
)


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(lines=st.lists(_line, min_size=0, max_size=5), skip_bad=st.booleans())
def test_fuzzed_files_end_in_a_documented_exit_code(lines: list[bytes], skip_bad: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.jsonl"
        content = b"\n".join(lines) + b"\n"
        path.write_bytes(content)
        digest = hashlib.sha256(content).hexdigest()
        args = ["--from", str(path), "--all", "--format", "json"]
        result = CliRunner().invoke(cli, args + (["--skip-bad"] if skip_bad else []),
                                    env={"FOLLOWPRUNE_HOME": str(Path(folder) / "home")},
                                    catch_exceptions=False)
        assert result.exit_code in (0, 2), result.output
        assert "Traceback" not in result.output
        assert "internal error" not in result.output
        if result.exit_code == 2:
            assert result.stderr.startswith(f"Error: {path}")
            assert result.stdout == ""
        else:
            assert json.loads(result.stdout)["accounts"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
        assert _counts(Path(folder) / "home")[1] == 0


def test_accounts_read_from_a_file_share_their_field_sets_safely(tmp_path: Path) -> None:
    from followprune.networks.file import FileNetwork

    path = tmp_path / "two.jsonl"
    path.write_bytes(_lines(_user(0), _user(1)))
    (a, ra), (b, rb) = list(FileNetwork(path).following())
    assert a.__pydantic_fields_set__ is b.__pydantic_fields_set__
    assert ra.__pydantic_fields_set__ is rb.__pydantic_fields_set__
    changed = a.model_copy(update={"bio": "changed"})
    assert changed.bio == "changed" and b.bio == GOOD["description"]
    assert a.__pydantic_fields_set__ is b.__pydantic_fields_set__
    assert a.model_dump(exclude_unset=True)["handle"] == "user0"


def test_a_path_that_is_there_but_no_file_is_named_for_what_it_is(invoke: Invoke) -> None:
    result = invoke("--from", "/dev/null", "--dry-run")
    assert result.exit_code == 2
    assert "/dev/null: not a regular file (a pipe or a device?)" in result.output
    stdin = invoke("--from", "-", "--dry-run")
    assert stdin.exit_code == 2 and "not standard input" in stdin.output


def test_users_repeated_in_a_file_are_scored_once_and_counted(invoke: Invoke,
                                                              tmp_path: Path) -> None:
    path = tmp_path / "dup.jsonl"
    first = {"id": "5", "username": "alice", "description": "rust"}
    again = {**first, "username": "alice_renamed"}
    path.write_text("\n".join(json.dumps(u) for u in (first, first, again)) + "\n",
                    encoding="utf-8")
    result = invoke("--from", str(path), "--all", "--format", "json", "--as-of", "2026-06-01")
    assert result.exit_code == 0, result.output
    accounts = proposals_json(result)["accounts"]
    assert [a["handle"] for a in accounts] == ["alice"]
    assert f"2 users of {path} repeated one met before (same id)" in " ".join(
        result.stderr.split())


BOM = b"\xef\xbb\xbf"


@pytest.mark.parametrize(
    "pack",
    [lambda b: BOM + b, gzip.compress, lambda b: gzip.compress(BOM + b)],
    ids=["a byte order mark", "gzip", "gzip with a byte order mark"],
)
def test_a_gzip_file_or_a_byte_order_mark_reads_as_the_plain_file(
    invoke: Invoke, tmp_path: Path, pack: Any
) -> None:
    content = _lines(_user(0), _user(1, description="climate policy"), _user(2))
    plain, packed = tmp_path / "plain.jsonl", tmp_path / "packed.jsonl"
    plain.write_bytes(content)
    packed.write_bytes(pack(content))

    def accounts(path: Path) -> list[dict[str, Any]]:
        result = invoke("--from", str(path), "--all", "--format", "json", "--as-of", "2026-06-01")
        found: list[dict[str, Any]] = proposals_json(result)["accounts"]
        return found

    assert accounts(packed) == accounts(plain)
    assert len(accounts(plain)) == 3


@pytest.mark.parametrize(
    "content",
    [gzip.compress(_lines(_user(0)))[:30], b"\x1f\x8bnot really gzip\n"],
    ids=["cut short", "not gzip after its first bytes"],
)
def test_a_damaged_gzip_file_is_one_clear_message(
    invoke: Invoke, tmp_path: Path, isolated_env: Path, content: bytes
) -> None:
    path = tmp_path / "follows.jsonl.gz"
    path.write_bytes(content)
    _refused(invoke("--from", str(path), "--all", "--format", "json"), path,
             "a damaged gzip file")
    assert _counts(isolated_env) == (0, 0)


def test_a_gzip_files_text_size_is_what_it_unpacks_to(tmp_path: Path) -> None:
    # What decides whether a long list is scored a chunk at a time (app/streamed.py).
    from followprune.networks.file import FileNetwork

    content = _lines(*(_user(i) for i in range(200)))
    plain, packed = tmp_path / "plain.jsonl", tmp_path / "packed.jsonl.gz"
    plain.write_bytes(content)
    packed.write_bytes(gzip.compress(content))
    assert packed.stat().st_size < len(content)
    assert FileNetwork(packed).text_size() == FileNetwork(plain).text_size() == len(content)


@pytest.mark.parametrize("handle", ["ali\u200bce", "alice\ufeff", "ali ce", "\u2060alice",
                                    "alice\ufe0f", "ali\u034fce", "ali\u3164ce",
                                    "\u2800alice"])
def test_a_handle_with_an_invisible_character_is_a_bad_line(invoke: Invoke, tmp_path: Path,
                                                             handle: str) -> None:
    # It showed as "@alice" in every table, and `keep @alice` would not find it.
    path = tmp_path / "users.jsonl"
    user = {"id": "12345", "username": handle, "name": "A",
            "public_metrics": {"followers_count": 1, "following_count": 1,
                               "tweet_count": 1, "listed_count": 0}}
    path.write_text(json.dumps(user) + "\n", encoding="utf-8")
    result = invoke("--from", str(path), "--dry-run")
    assert result.exit_code == 2, result.output
    assert "line 1: \"username\"" in result.stderr and "invisible character" in result.stderr
