"""Importing the X personal data archive: variants, derivation, re-import, and every way an
untrusted archive can be bad (each a clear InputError that leaves the store untouched)."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followprune.app.import_archive import ImportReport, import_archive
from followprune.cli.main import cli
from followprune.errors import InputError
from followprune.models import Account, InteractionKind
from followprune.networks.archive import Limits, jsarray
from followprune.networks.archive.jsarray import JsAssignment
from followprune.networks.archive.source import CappedReader
from followprune.store import Store
from tests.archive_factory import (
    ME_ID,
    ME_NAME,
    FakeArchive,
    repost,
    tweet,
    write_folder,
    write_zip,
)
from tests.conftest import Invoke

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
T0 = datetime(2023, 8, 12, 16, 40, 37, tzinfo=UTC)
def test_an_archive_older_than_the_list_held_is_refused_and_changes_nothing(
    tmp_path: Path, store: Store
) -> None:
    newer = sample(following=[ALICE[0], BOB[0]], generated_at="2024-05-20T08:00:00.000Z")
    report = run(store, newer.write_folder(tmp_path / "new"))
    before = table_counts(store)
    older = sample(generated_at="2020-01-01T00:00:00.000Z")
    with pytest.raises(InputError) as refused:
        run(store, older.write_folder(tmp_path / "old"))
    assert "made on 2020-01-01, before the follow list the store already holds (as of" \
        " 2024-05-20 08:00 UTC)" in refused.value.message
    assert table_counts(store) == before
    graph = store.snapshots.load_graph(report.identity)
    assert graph is not None and {r.account_id for r in graph.relationships} == {"101", "102"}
    # A list read from X later than any archive counts too.
    store.set_state(report.identity, "x:following:synced_at", "2025-01-01T00:00:00+00:00")
    with pytest.raises(InputError):
        run(store, sample(generated_at="2024-06-01T00:00:00.000Z").write_folder(tmp_path / "b"))


ALICE, BOB, CAROL, DAN, ERIN = ("101", "alice"), ("102", "bob"), ("103", "carol"), \
    ("104", "dan"), ("105", "erin")


def sample(**changes: Any) -> FakeArchive:
    """Follows alice, bob, carol, dan; erin only shows up in posts; 900 is blocked."""
    posts = [
        tweet(1_700_000_000_000_000_001, T0, "agreed", reply_to=ALICE),
        tweet(1_700_000_000_000_000_002, T0 + timedelta(days=1), "thanks to", mentions=[BOB]),
        # A quote is only a link by screen name; bob's id is known from the mention above.
        tweet(1_700_000_000_000_000_003, T0 + timedelta(days=2), "this", quote_of=("Bob", "55")),
        repost(1_700_000_000_000_000_004, T0 + timedelta(days=3), CAROL, "read this",
               also_mentions=[ERIN]),
        # A thread: replying to yourself is not an interaction.
        tweet(1_700_000_000_000_000_005, T0 + timedelta(days=4), "part 2",
              reply_to=(ME_ID, ME_NAME)),
        # A quote of someone no post names with an id: cannot be attributed.
        tweet(1_700_000_000_000_000_006, T0 + timedelta(days=5), "wow", quote_of=("ghost", "9")),
        tweet(1_700_000_000_000_000_007, T0 + timedelta(days=6), "cc", mentions=[("-1", "gone")]),
    ]
    fields: dict[str, Any] = {
        "following": [ALICE[0], BOB[0], CAROL[0], DAN[0]],
        "followers": [ALICE[0], DAN[0]],
        "blocked": ["900"],
        "muted": [DAN[0]],
        "likes": ["1", "2"],
        "tweets": posts,
    }
    fields.update(changes)
    return FakeArchive(**fields)


def run(store: Store, path: Path, **kwargs: Any) -> ImportReport:
    return import_archive(store, path, NOW, **kwargs)


@pytest.fixture
def store(tmp_path: Path) -> Iterable[Store]:
    with Store(tmp_path / "store.sqlite3") as db:
        yield db


def table_counts(store: Store) -> dict[str, int]:
    return {
        table: store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in ("identities", "accounts", "follows", "interactions", "my_posts",
                      "sync_state")
    }


def events(store: Store, report: ImportReport) -> set[tuple[str, str]]:
    graph = store.snapshots.load_graph(report.identity)
    assert graph is not None
    return {(i.account_id, i.kind.value) for i in graph.interactions}


# --- variants and what is derived -----------------------------------------------------------


@pytest.mark.parametrize("variant", ["tweets", "tweet", "parts"])
@pytest.mark.parametrize("form", ["zip", "folder"])
def test_every_variant_and_form_gives_the_same_import(
    tmp_path: Path, store: Store, variant: str, form: str
) -> None:
    archive = sample(variant=variant, parts=3)
    path = (archive.write_zip(tmp_path / "a.zip") if form == "zip"
            else archive.write_folder(tmp_path / "unpacked"))
    report = run(store, path)

    assert report.identity.network == "x"
    assert (report.identity.account_id, report.identity.handle) == (ME_ID, ME_NAME)
    assert report.counts == {"following": 4, "followers": 2, "blocked": 1, "muted": 1,
                             "posts": 7, "likes": 2}
    assert report.interactions == {InteractionKind.REPLY: 1, InteractionKind.MENTION: 1,
                                   InteractionKind.QUOTE: 1, InteractionKind.REPOST: 1}
    assert events(store, report) == {("101", "reply"), ("102", "mention"), ("102", "quote"),
                                     ("103", "repost")}
    assert (report.first_post_at, report.last_post_at) == (T0, T0 + timedelta(days=6))
    assert report.generated_at == datetime(2024, 5, 1, 10, tzinfo=UTC)
    assert any("1 quote skipped" in w for w in report.warnings)
    assert any("2 likes not used" in w for w in report.warnings)
    assert any("1 mentions or replies of deleted" in w for w in report.warnings)


@pytest.mark.parametrize("form", ["zip", "folder"])
def test_an_archive_unpacked_and_zipped_again_under_its_folder_is_read(
    tmp_path: Path, store: Store, form: str
) -> None:
    """macOS's "Compress" puts every name under the folder's ("twitter-2024/data/…"); and a
    person may give the folder that holds the unpacked one. Both had been "no
    data/manifest.js; not an X archive" (probe round 10)."""
    files = {f"twitter-2024/{name}": content for name, content in sample().files().items()}
    path = (write_zip(files, tmp_path / "again.zip") if form == "zip"
            else write_folder(files, tmp_path / "downloads"))
    report = run(store, path)
    assert report.counts["following"] == 4 and report.counts["posts"] == 7


def test_accounts_are_id_only_with_known_screen_names(tmp_path: Path, store: Store) -> None:
    report = run(store, sample().write_folder(tmp_path / "a"))
    graph = store.snapshots.load_graph(report.identity)
    assert graph is not None
    handles = {a.id: a.handle for a in graph.accounts}
    # dan never appears in a post: his handle is his id.
    assert handles == {"101": "alice", "102": "bob", "103": "carol", "104": "104"}
    assert not any(a.profile_known for a in graph.accounts)
    assert graph.me.handle == ME_NAME and graph.me.created_at is not None
    ties = {r.account_id: r for r in graph.relationships}
    assert ties["104"].muted and ties["104"].follows_you and not ties["102"].follows_you
    # Your own posts (not reposts) feed the interest profile, newest first.
    assert graph.my_posts[0] == "@gone cc" and not any("RT @" in p for p in graph.my_posts)


def test_blocked_account_not_followed_is_recorded_but_not_followed(
    tmp_path: Path, store: Store
) -> None:
    run(store, sample().write_folder(tmp_path / "a"))
    row = store.conn.execute(
        "SELECT following, blocked FROM follows WHERE account_id = '900'").fetchone()
    assert row == (0, 1)


def test_first_import_does_not_put_every_follow_in_the_grace_period(
    tmp_path: Path, store: Store
) -> None:
    report = run(store, sample().write_folder(tmp_path / "a"))
    graph = store.snapshots.load_graph(report.identity)
    assert graph is not None
    # No follow dates in the archive: the earliest possible moment, here your sign-up.
    assert {r.first_seen for r in graph.relationships} == {datetime(2012, 3, 4, 5, 6, 7,
                                                                    tzinfo=UTC)}


def test_a_profile_already_read_from_x_is_not_replaced(tmp_path: Path, store: Store) -> None:
    identity = store.identity("x", ME_ID, ME_NAME)
    known = Account(id=BOB[0], handle="bob_real", bio="Rust and coffee", followers_count=10)
    store.snapshots.save_profiles(identity, [known], NOW)
    report = run(store, sample().write_folder(tmp_path / "a"))
    assert report.profiles_kept == 1
    assert store.snapshots.find_account(identity, BOB[0]) == known


# --- re-import -------------------------------------------------------------------------------


def test_reimport_changes_nothing(tmp_path: Path, store: Store) -> None:
    path = sample().write_zip(tmp_path / "a.zip")
    run(store, path)
    before = table_counts(store)
    again = run(store, path)
    after = table_counts(store)
    assert before == after
    assert (again.change.new, again.change.gone) == (0, 0)


def test_newer_archive_marks_vanished_follows_gone_and_adds_new_ones(
    tmp_path: Path, store: Store
) -> None:
    run(store, sample().write_folder(tmp_path / "old"))
    newer = sample(following=[ALICE[0], BOB[0], DAN[0], "106"],
                   generated_at="2024-05-20T08:00:00.000Z")
    report = run(store, newer.write_folder(tmp_path / "new"))
    assert (report.change.following, report.change.new, report.change.gone) == (4, 1, 1)
    rows = dict(store.conn.execute("SELECT account_id, following FROM follows").fetchall())
    assert rows["103"] == 0 and rows["106"] == 1
    graph = store.snapshots.load_graph(report.identity)
    assert graph is not None
    seen = {r.account_id: r.first_seen for r in graph.relationships}
    # A follow new since the last import was first seen when the newer archive was made.
    assert seen["106"] == datetime(2024, 5, 20, 8, tzinfo=UTC)
    assert seen["101"] == datetime(2012, 3, 4, 5, 6, 7, tzinfo=UTC)
    # The same posts again: not one interaction twice.
    assert store.conn.execute("SELECT COUNT(*) FROM interactions").fetchone() == (4,)


# --- bad archives: a clear InputError, and the store untouched ------------------------------


def _zip_with(tmp_path: Path, files: dict[str, bytes]) -> Path:
    return write_zip(files, tmp_path / "bad.zip")


def _broken(tmp_path: Path, change: Any, form: str = "zip") -> Path:
    files = sample(variant="parts").files()
    change(files)
    if form == "zip":
        return _zip_with(tmp_path, files)
    return write_folder(files, tmp_path / "bad")


def _manifest(files: dict[str, bytes], edit: Any) -> None:
    text = files["data/manifest.js"].decode()
    config = json.loads(text.split("=", 1)[1])
    edit(config)
    files["data/manifest.js"] = b"window.__THAR_CONFIG = " + json.dumps(config).encode()


def _tweets(config: dict[str, Any]) -> list[dict[str, Any]]:
    files: list[dict[str, Any]] = config["dataTypes"]["tweets"]["files"]
    return files


CASES: dict[str, tuple[Any, str]] = {
    "missing manifest": (lambda f: f.pop("data/manifest.js"), "no data/manifest.js"),
    "manifest not JS": (lambda f: f.update({"data/manifest.js": b"{}"}), "data/manifest.js"),
    "missing part": (lambda f: f.pop("data/tweets-part2.js"),
                     "data/tweets-part2.js: listed in the manifest but missing"),
    "missing following": (lambda f: _manifest(f, lambda c: c["dataTypes"].pop("following")),
                          "lists no `following` data"),
    "malformed part": (lambda f: f.update({"data/tweets-part1.js":
                                           f["data/tweets-part1.js"].replace(b'"tweet" :',
                                                                             b'"tweet" ::', 1)}),
                       "data/tweets-part1.js: entry 1 is not valid JSON"),
    "truncated part": (lambda f: f.update({"data/tweets-part2.js":
                                           f["data/tweets-part2.js"][:-40]}),
                       "data/tweets-part2.js"),
    "wrong entry shape": (lambda f: f.update({"data/following.js":
                                              b'window.YTD.following.part0 = [ {"x": 1} ]'}),
                          "data/following.js: entry 1 is not a {\"following\""),
    "bad account id": (lambda f: f.update({"data/following.js":
                                           b'window.YTD.following.part0 = [ {"following":'
                                           b' {"accountId": "12; DROP"}} ]'}),
                       "data/following.js: entry 1 has no valid accountId"),
    "not utf-8": (lambda f: f.update({"data/mute.js": b"window.YTD.mute.part0 = [\xff]"}),
                  "data/mute.js: not UTF-8"),
    "unknown file variant": (lambda f: _manifest(f, lambda c: _tweets(c)[0].update(
        fileName="data/tweets_v2.js")), "data/tweets_v2.js: not a known name for `tweets`"),
    "unknown global": (lambda f: f.update({"data/tweets-part1.js": f["data/tweets-part1.js"]
                                           .replace(b"YTD.tweets.part1", b"YTD.posts.part1")}),
                       "unknown variant"),
    "dot-dot in manifest": (lambda f: _manifest(f, lambda c: _tweets(c)[0].update(
        fileName="data/../../etc/passwd")), "could escape the archive folder"),
    "absolute in manifest": (lambda f: _manifest(f, lambda c: _tweets(c)[0].update(
        fileName="/etc/passwd")), "not a relative path"),
    "trailing garbage": (lambda f: f.update({"data/block.js": f["data/block.js"] + b" alert(1)"}),
                         "data/block.js: unexpected text after the data"),
    "account mismatch": (lambda f: _manifest(f, lambda c: c["userInfo"].update(
        accountId="999")), "not the manifest's 999"),
}


@pytest.mark.parametrize("form", ["zip", "folder"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_archive_is_refused_and_the_store_untouched(
    tmp_path: Path, store: Store, case: str, form: str
) -> None:
    run(store, sample(following=[ALICE[0]]).write_folder(tmp_path / "good"))
    before = table_counts(store)
    change, message = CASES[case]
    with pytest.raises(InputError) as caught:
        run(store, _broken(tmp_path, change, form))
    assert message in caught.value.message
    assert table_counts(store) == before


def test_not_a_zip_and_a_truncated_zip(tmp_path: Path, store: Store) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04 this is not really a zip")
    whole = sample().write_zip(tmp_path / "whole.zip").read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole[: len(whole) // 2])
    for path in (junk, cut):
        with pytest.raises(InputError, match="not a readable zip file"):
            run(store, path)
    assert table_counts(store)["identities"] == 0


def test_corrupt_compressed_data_names_the_file(tmp_path: Path, store: Store) -> None:
    path = sample().write_zip(tmp_path / "a.zip")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("data/tweets.js")
    start = info.header_offset + 30 + len(info.filename.encode()) + 20  # local header, extra
    for i in range(start, start + 40):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match=r"data/tweets\.js"):
        run(store, path)
    assert table_counts(store)["interactions"] == 0


def test_zip_bomb_is_refused_before_it_is_read(tmp_path: Path, store: Store) -> None:
    files = sample().files()
    files["data/tweets.js"] = b"window.YTD.tweets.part0 = [" + b" " * (20 * 2**20) + b"]"
    with pytest.raises(InputError, match=r"data/tweets\.js: compressed [\d,]+ to 1, a zip bomb"):
        run(store, _zip_with(tmp_path, files))


def test_declared_sizes_are_capped(tmp_path: Path, store: Store) -> None:
    path = sample().write_zip(tmp_path / "a.zip")
    with pytest.raises(InputError, match="more than the 200 a part may have"):
        run(store, path, limits=Limits(max_part_bytes=200))
    with pytest.raises(InputError, match="bytes of data to read, more than the 5,000"):
        run(store, path, limits=Limits(max_total_bytes=5_000))


def test_bytes_actually_read_are_capped() -> None:
    # A declared size that lies (or a file growing while read) stops at the declared size.
    reader = io.BufferedReader(CappedReader(io.BytesIO(b"x" * 100), "data/x.js", 10, None))
    with pytest.raises(InputError, match=r"data/x\.js: more data than the archive declares"):
        reader.read()


def test_an_endless_entry_is_refused(tmp_path: Path, store: Store) -> None:
    files = sample().files()
    files["data/tweets.js"] = b'window.YTD.tweets.part0 = [ {"tweet": "' + b"a" * 5000
    with pytest.raises(InputError, match="entry 1 is larger than 1,000 characters"):
        run(store, _zip_with(tmp_path, files), limits=Limits(max_entry_chars=1000))


def test_zip_with_an_escaping_member_is_refused(tmp_path: Path, store: Store) -> None:
    files = sample().files()
    files["../../evil.js"] = b"x"
    with pytest.raises(InputError, match="could escape the archive folder"):
        run(store, _zip_with(tmp_path, files))


def test_symlink_out_of_the_folder_is_refused(tmp_path: Path, store: Store) -> None:
    root = sample().write_folder(tmp_path / "unpacked")
    outside = tmp_path / "secret.js"
    outside.write_bytes((root / "data/mute.js").read_bytes())
    (root / "data/mute.js").unlink()
    (root / "data/mute.js").symlink_to(outside)
    with pytest.raises(InputError, match=r"data/mute\.js: a symlink pointing outside"):
        run(store, root)
    assert table_counts(store)["identities"] == 0


def test_no_such_path(tmp_path: Path, store: Store) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        run(store, tmp_path / "nope.zip")


# --- the streaming reader -------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                  max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(values=st.lists(json_values, max_size=12), indent=st.sampled_from([None, 2]))
def test_streaming_reader_matches_json_loads_across_chunk_edges(
    values: list[Any], indent: int | None
) -> None:
    text = "window.YTD.x.part0 = " + json.dumps(values, indent=indent, ensure_ascii=False)
    original = jsarray._CHUNK_CHARS
    jsarray._CHUNK_CHARS = 7  # every entry straddles several reads
    try:
        reader = JsAssignment(io.BytesIO(text.encode()), "data/x.js", 10_000)
        assert reader.read_target() == "window.YTD.x.part0"
        assert list(reader.iter_array()) == values
    finally:
        jsarray._CHUNK_CHARS = original


def test_progress_sees_every_byte(tmp_path: Path, store: Store) -> None:
    class Seen:
        total = 0
        read = 0

        def start(self, total_bytes: int) -> None:
            self.total = total_bytes

        def advance(self, read_bytes: int) -> None:
            self.read += read_bytes

    seen = Seen()
    run(store, sample(variant="parts").write_zip(tmp_path / "a.zip"), progress=seen)
    assert seen.total > 0 and seen.read == seen.total


# --- through the CLI -------------------------------------------------------------------------


@pytest.fixture
def with_command() -> None:
    from followprune.cli.import_archive import import_archive as command

    if "import-archive" not in cli.commands:
        cli.add_command(command)


@pytest.mark.usefixtures("with_command")
def test_cli_imports_then_dry_run_scores_and_names_missing_data(
    tmp_path: Path, invoke: Invoke
) -> None:
    path = sample().write_zip(tmp_path / "archive.zip")
    result = invoke("import-archive", str(path))
    assert result.exit_code == 0, result.output
    assert f"Imported the X archive of @{ME_NAME} (made 2024-05-01)." in result.stdout
    assert "following          4  (4 new, 0 no longer followed)" in result.stdout
    assert "posts              7  from 2023-08-12 to 2023-08-18" in result.stdout
    assert "1 mention, 1 quote, 1 reply, 1 repost" in result.stdout
    assert "2 likes not used" in result.stderr

    # No X login at all: the review works on what the import stored, and says so.
    review = invoke("--network", "x", "--dry-run")
    assert review.exit_code == 0, review.output
    assert "Not logged in to x: reviewing the follow list stored" in review.stderr
    assert "Following 4 accounts on x" in review.stdout
    assert "Missing data: relevance is scored neutral" in review.stderr
    assert "Missing data: geography is scored neutral" in review.stderr
    assert "Missing data: quality is scored neutral" in review.stderr
    # Interactions were imported, so that component is not missing.
    assert "Missing data: interaction" not in review.stderr


@pytest.mark.usefixtures("with_command")
def test_cli_reports_a_bad_archive_without_a_traceback(tmp_path: Path, invoke: Invoke) -> None:
    path = tmp_path / "broken.zip"
    path.write_bytes(b"not a zip at all")
    result = invoke("import-archive", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path}: not a readable zip file")
    assert "Traceback" not in result.output


@pytest.mark.usefixtures("with_command")
def test_cli_import_twice_is_idempotent(tmp_path: Path, invoke: Invoke,
                                        isolated_env: Path) -> None:
    path = sample().write_folder(tmp_path / "unpacked")
    assert invoke("import-archive", str(path)).exit_code == 0
    db = sqlite3.connect(isolated_env / "followprune.sqlite3")
    before = db.execute("SELECT COUNT(*) FROM interactions").fetchone()
    second = invoke("import-archive", str(path))
    assert "(0 new, 0 no longer followed)" in second.stdout
    assert db.execute("SELECT COUNT(*) FROM interactions").fetchone() == before


def test_acting_on_stored_data_without_a_login_asks_for_it(
    tmp_path: Path, invoke: Invoke, isolated_env: Path
) -> None:
    assert invoke("import-archive", str(sample().write_zip(tmp_path / "a.zip"))).exit_code == 0
    everyone = {"FOLLOWPRUNE_PROPOSALS_THRESHOLD": "0.99", "FOLLOWPRUNE_PROPOSALS_GRACE_DAYS": "0"}
    result = invoke("--network", "x", "--yes", env=everyone)
    assert result.exit_code == 5, result.output
    assert "Following 4 accounts on x" in result.stdout
    assert "cannot act on x without a login" in result.stderr
    db = sqlite3.connect(isolated_env / "followprune.sqlite3")
    assert db.execute("SELECT COUNT(*) FROM actions").fetchone() == (0,)
